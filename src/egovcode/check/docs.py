"""Generate the diagnostics and codebook-rules pages: ``python -m egovcode.check.docs``."""

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


RULES_HEADER = """# Codebook rules

`egovcode codebook check` runs these rules (and `egovcode validate` runs them too). Pick rules with
`--select`/`--ignore` (a code, a code prefix such as `EGC40`, or a slug), or in `egovcode.yaml`:

```yaml
lint:
  ignore: [EGC408, unused-code]
```

Generated from `src/egovcode/check/codebook_rules.py` by `python -m egovcode.check.docs`.
"""


def render_rules() -> str:
    from egovcode.check.codebook_rules import RULES

    parts = [RULES_HEADER]
    for rule in RULES:
        c = CODES[rule.code]
        parts.append(f"\n## {c.code} `{c.slug}` ({c.severity})\n\n{c.title}. {c.hint}\n")
        if rule.bad:
            parts.append(f"\nFails:\n\n```yaml\n{rule.bad}```\n")
            parts.append(f"\nPasses:\n\n```yaml\n{rule.good}```\n")
        else:
            parts.append(
                f"\nLooks at the case files as well as the codebook; example: {c.example}.\n"
            )
    return "".join(parts)


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("docs")
    (folder / "diagnostics.md").write_text(render(), encoding="utf-8")
    (folder / "codebook-rules.md").write_text(render_rules(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
