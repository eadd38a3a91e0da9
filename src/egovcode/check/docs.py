"""Generate ``docs/diagnostics.md`` from the registry: ``python -m egovcode.check.docs``."""

from __future__ import annotations

import sys
from pathlib import Path

from egovcode.check.registry import CODES

HEADER = """# Diagnostics

Every problem egovcode reports has a stable code (never reused), a slug, a severity, a message, the
file, line and column (1-based) and a hint. This page is generated from the registry in
`src/egovcode/check/registry.py` by `python -m egovcode.check.docs`; a test fails when it is stale.

| code | slug | severity | title | example | hint |
| --- | --- | --- | --- | --- | --- |
"""


def render() -> str:
    rows = []
    for code in sorted(CODES):
        c = CODES[code]
        cells = [c.code, f"`{c.slug}`", c.severity, c.title, c.example, c.hint]
        rows.append("| " + " | ".join(x.replace("|", "\\|") for x in cells) + " |")
    return HEADER + "\n".join(rows) + "\n"


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path("docs/diagnostics.md")
    target.write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
