"""docs/templates.md documents every key of the template context (so it cannot drift)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from egovcode.check.validate import validate_project
from egovcode.report import build_context
from tests.conftest import REPO
from tests.render_fixture import PROJECT

PAGE = REPO / "docs" / "templates.md"
#: Keys whose children are data (names chosen by users or by the catalogue), not context keys.
OPEN_MAPPINGS = {"t", "labels", "attributes"}


def _names(node: Any, out: set[str]) -> set[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            out.add(key)
            if key not in OPEN_MAPPINGS:
                _names(value, out)
    elif isinstance(node, list):
        for value in node:
            _names(value, out)
    return out


def test_every_context_key_is_documented(tree: Callable[[dict[str, object]], Path]) -> None:
    project, _ = validate_project(tree(PROJECT))
    context = build_context(project, "en", date=__import__("datetime").date(2025, 3, 3))
    context["format"] = "md"  # set by render_report
    page = PAGE.read_text(encoding="utf-8")
    missing = sorted(name for name in _names(context, set()) if f"`{name}`" not in page)
    assert missing == [], "document these keys in docs/templates.md"


def test_page_documents_the_filters_and_the_refresh_command() -> None:
    page = PAGE.read_text(encoding="utf-8")
    for name in ("`num`", "`md`", "`mdquote`", "`label`", "`heatmap_svg()`", "`bars_svg()`"):
        assert name in page
    assert "python -m tests.refresh_golden" in page
