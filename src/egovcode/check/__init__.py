"""Diagnostics and the checks that produce them."""
