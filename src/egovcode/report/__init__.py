"""Rendering reports from the analysed project: Jinja2 templates, Markdown, SVG charts and HTML.

This layer sits on the core (models, loading, analysis) and imports neither typer nor rich.
``render_report`` is the one call the CLI makes; ``build_context`` gives the data templates see.
"""

from egovcode.report.context import build_context
from egovcode.report.render import render_report

__all__ = ["build_context", "render_report"]
