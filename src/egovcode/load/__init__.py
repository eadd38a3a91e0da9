"""Reading files safely, with positions for diagnostics, and finding the project."""
