"""egovcode: qualitative case-study coding for e-government research, in plain YAML files."""

__version__ = "0.1.0"
