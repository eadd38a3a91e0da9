"""Turning a Markdown report into one self-contained HTML page.

Used when a Markdown template (say a one-page brief) is rendered with ``--format html``. The
default report has its own HTML template and does not go through here. Raw HTML in the Markdown is
not passed through (markdown-it-py with ``html`` off), so nothing in the data can add markup; the
page gets the same inline stylesheet as the default HTML report and loads nothing from a network.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from egovcode.report.environment import load_template, render_template

PAGE_TEMPLATE = "_page.html.j2"


def markdown_to_html(text: str) -> str:
    """CommonMark with tables; raw HTML is escaped, not rendered."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable("table")
    html: str = parser.render(text)
    return html


def markdown_page(env: Environment, text: str, context: dict[str, Any]) -> str:
    """``text`` (Markdown) as a whole HTML page, wrapped by ``_page.html.j2``."""
    page = load_template(env, PAGE_TEMPLATE)
    body = Markup(markdown_to_html(text))
    return render_template(env, page, {**context, "body": body})
