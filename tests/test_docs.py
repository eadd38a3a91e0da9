"""Docs that cannot drift: every command documented with an example; generated pages are fresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from egovcode.check import docs as diag_docs
from egovcode.cli import docs as cli_docs

REPO = Path(__file__).resolve().parents[1]


def test_every_command_has_help_and_an_example() -> None:
    missing = []
    for path, cmd in cli_docs.commands():
        if not path or getattr(cmd, "commands", None):
            if not (cmd.help or "").strip():
                missing.append(" ".join(path) or "egovcode")
            continue
        if "Example" not in (cmd.help or ""):
            missing.append(" ".join(path))
    assert missing == []


def test_diagnostics_page_is_fresh() -> None:
    page = REPO / "docs" / "diagnostics.md"
    assert page.read_text(encoding="utf-8") == diag_docs.render(), (
        "run: python -m egovcode.check.docs"
    )


def test_cli_page_is_fresh() -> None:
    page = REPO / "docs" / "cli.md"
    if not page.exists():
        pytest.fail("docs/cli.md is missing; run: python -m egovcode.cli.docs")
    assert page.read_text(encoding="utf-8") == cli_docs.render(), "run: python -m egovcode.cli.docs"


def test_every_registered_code_is_well_formed() -> None:
    from egovcode.check.registry import CODES

    slugs = [c.slug for c in CODES.values()]
    assert len(slugs) == len(set(slugs))
    for code, entry in CODES.items():
        assert code == entry.code and code.startswith("EGC") and len(code) == 6
        assert entry.severity in {"error", "warning", "info"}
        assert entry.title and entry.hint and entry.example
