"""Rewrite the golden reports of the bundled project: ``python -m tests.refresh_golden``.

Run it from the repository root after a deliberate change to the report (templates, strings,
context) or to the bundled data, then read ``git diff tests/golden`` before committing: the diff
is the change a reader of the report will see.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

from egovcode.analyze.agreement_summary import agreement_summary
from egovcode.check.validate import validate_project
from egovcode.report import render_report

REPO = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).resolve().parent / "golden"

#: (file name, format, language) of every golden report.
GOLDEN_REPORTS: list[tuple[str, Literal["md", "html"], str]] = [
    ("report.en.md", "md", "en"),
    ("report.id.md", "md", "id"),
    ("report.en.html", "html", "en"),
]


def render_golden(fmt: Literal["md", "html"], lang: str) -> str:
    """The bundled project's report, exactly as the golden test renders it (no date)."""
    project, report = validate_project(REPO)
    if report.errors:
        raise SystemExit(f"the bundled project has {report.errors} error(s); run egovcode validate")
    return render_report(project, fmt=fmt, lang=lang, agreement=agreement_summary(project, lang))


def main() -> int:
    if not (REPO / "cases" / "kediri.yaml").is_file():
        print("cases/kediri.yaml is absent: there is no bundled project to render", file=sys.stderr)
        return 1
    GOLDEN.mkdir(exist_ok=True)
    for name, fmt, lang in GOLDEN_REPORTS:
        path = GOLDEN / name
        text = render_golden(fmt, lang)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"{'unchanged' if old == text else 'rewrote'} {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
