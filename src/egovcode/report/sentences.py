"""The sentences the report writes from counts, in the report's language.

They are plain text (templates escape them like any other data), built only from the catalogue's
fixed strings, codebook labels, case names and numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from egovcode.report.i18n import Strings, inline_label

SPLIT_ORDER = ("supporting", "inhibiting", "neutral", "unmarked")
KIND_ORDER = ("interview", "document", "online", "observation", "unknown")


def split_text(cell: dict[str, Any], t: Strings) -> str:
    """ "3 supporting, 1 inhibiting": the non-zero parts of a valence split."""
    parts = [
        t.get("sentence.split", count=t.num(cell[v]), valence=t.get(f"valence.{v}"))
        for v in SPLIT_ORDER
        if cell.get(v)
    ]
    return ", ".join(parts)


def count_text(cell: dict[str, Any], t: Strings, sep: str = "") -> str:
    """ "4 excerpts (3 supporting, 1 inhibiting)", or with ``sep=": "`` "4 excerpts: 3 supporting,
    1 inhibiting" (for use inside brackets)."""
    count = t.count("excerpt", cell["total"])
    split = split_text(cell, t)
    if not split:
        return count
    return f"{count}{sep}{split}" if sep else f"{count} ({split})"


def detail_text(cell: dict[str, Any], t: Strings) -> str:
    """ "Kota Kediri 4 excerpts (3 supporting, 1 inhibiting)"."""
    return t.get("sentence.detail", case=cell["short"], count=count_text(cell, t))


def lead_sentence(label: str, cells: Sequence[dict[str, Any]], t: Strings) -> str:
    """The sentence that opens a component's section, stating where there is evidence."""
    name = inline_label(label)
    present = [c for c in cells if c["total"]]
    absent = [c for c in cells if not c["total"]]
    details = t.join([detail_text(c, t) for c in present])
    if not present:
        return t.get("sentence.lead_none", label=name)
    if len(cells) == 1:
        return t.get(
            "sentence.lead_one", case=cells[0]["short"], label=name, details=count_text(cells[0], t)
        )
    if not absent:
        key = "sentence.subject_both" if len(cells) == 2 else "sentence.subject_all"
        subject = t.get(key, n=t.num(len(cells)))
        return t.get("sentence.lead_all", subject=subject, label=name, details=details)
    found = t.join([f"{c['short']} ({count_text(c, t, sep=': ')})" for c in present])
    return t.get(
        "sentence.lead_some", label=name, present=found, absent=t.join([c["short"] for c in absent])
    )


def method_sentences(
    case_names: list[str],
    kinds: dict[str, int],
    excerpts: int,
    codings: int,
    coders: list[str],
    t: Strings,
) -> dict[str, str]:
    """The method summary: what the report covers, and who coded it."""
    by_kind = [t.count(k, kinds[k]) for k in KIND_ORDER if kinds.get(k)]
    summary = t.get(
        "sentence.method",
        cases=t.count("case", len(case_names)),
        names=t.join(case_names),
        sources=t.count("source", sum(kinds.values())),
        by_kind=t.join(by_kind) if by_kind else t.get("none"),
        excerpts=t.count("excerpt", excerpts),
        codings=t.count("coding", codings),
    )
    if coders:
        who = t.get(
            "sentence.coders_some", coders=t.count("coder", len(coders)), names=", ".join(coders)
        )
    else:
        who = t.get("sentence.coders_none")
    return {"summary": summary, "coders_sentence": who, "unit": t.get("sentence.unit")}


def absence_sentence(label: str, case_names: list[str], t: Strings) -> str:
    return t.get("absence_line", component=label, cases=t.join(case_names))
