"""The sentences the report writes from counts, in the report's language.

They are plain text (templates escape them like any other data), built only from the catalogue's
fixed strings, codebook labels, case names and numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
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
    """The sentence that opens a component's section: which cases have excerpts coded to it.

    It states coding, never achievement: a count says how much the source says and how it was
    segmented, not how strong the component is.
    """
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
        if len(cells) == 2:
            subject = t.get("sentence.subject_both")
        else:
            subject = t.get("sentence.subject_all", n=t.num(len(cells)))
        return t.get("sentence.lead_all", subject=subject, label=name, details=details)
    found = t.join([f"{c['short']} ({count_text(c, t, sep=': ')})" for c in present])
    return t.get(
        "sentence.lead_some", label=name, present=found, absent=t.join([c["short"] for c in absent])
    )


@dataclass(frozen=True, slots=True)
class MethodFacts:
    """What the method section states, counted by :func:`egovcode.report.context` once."""

    case_names: list[str]
    #: Kinds of the distinct sources excerpts cite (a source cited in two cases counts once).
    cited: dict[str, int]
    #: Sources named in the case files that no excerpt cites, as (kind, id), distinct.
    unused: list[tuple[str, str]]
    excerpts: int
    codings: int
    quotes: int
    paraphrases: int
    #: Coders named on the case files' excerpts.
    case_coders: list[str]
    #: Coders with coder files, and which of them are synthetic (demonstration) coders.
    file_coders: list[str]
    synthetic: set[str]
    #: Machine coders (``egovcode suggest``): never counted among the coders.
    machine_coders: list[str] = field(default_factory=list)


def method_sentences(facts: MethodFacts, t: Strings) -> dict[str, str]:
    """The method summary: what the report covers, what its excerpts cite and are, who coded."""
    by_kind = [t.count(k, facts.cited[k]) for k in KIND_ORDER if facts.cited.get(k)]
    parts = [
        t.get(
            "sentence.method",
            cases=t.count("case", len(facts.case_names)),
            names=t.join(facts.case_names),
        )
    ]
    if facts.excerpts:
        parts.append(
            t.get(
                "sentence.method_evidence",
                excerpts=t.count("excerpt", facts.excerpts),
                sources=t.count("source", sum(facts.cited.values())),
                by_kind=t.join(by_kind) if by_kind else t.get("none"),
                codings=t.count("coding", facts.codings),
            )
        )
        parts.append(
            t.get(
                "sentence.method_forms",
                quotes=t.count("quote", facts.quotes),
                paraphrases=t.count("paraphrase", facts.paraphrases),
            )
        )
    else:
        parts.append(t.get("sentence.method_no_excerpts"))
    if facts.unused:
        kinds = {k for k, _ in facts.unused}
        noun = next(iter(kinds)) if len(kinds) == 1 else "source"
        parts.append(
            t.get(
                "sentence.method_unused",
                sources=t.count(noun, len(facts.unused)),
                ids=t.join([i for _, i in facts.unused]),
            )
        )
    return {
        "summary": " ".join(parts),
        "coders_sentence": coders_sentence(facts, t),
        "unit": t.get("sentence.unit") + " " + t.get("sentence.count_caveat"),
    }


def coders_sentence(facts: MethodFacts, t: Strings) -> str:
    """Who applied the codes: the case files' coders, then the coder files' coders, demonstration
    (synthetic) coders named as such and never as independent coders of the study."""
    parts = []
    if facts.case_coders:
        parts.append(t.get("sentence.case_coders", names=t.join(facts.case_coders)))
    else:
        parts.append(t.get("sentence.case_coders_none"))
    real = [c for c in facts.file_coders if c not in facts.synthetic]
    demo = [c for c in facts.file_coders if c in facts.synthetic]
    if real:
        parts.append(
            t.get(
                "sentence.coders_some",
                coders=t.count_start("coder", len(real)),
                names=t.join(real),
            )
        )
    if demo:
        parts.append(
            t.get(
                "sentence.coders_demo",
                coders=t.count_start("demo_coder", len(demo)),
                names=t.join(demo),
            )
        )
    if facts.machine_coders:
        parts.append(t.get("sentence.coders_machine", names=t.join(facts.machine_coders)))
    return " ".join(parts)


def absence_sentence(label: str, case_names: list[str], t: Strings) -> str:
    return t.get("absence_line", component=label, cases=t.join(case_names))
