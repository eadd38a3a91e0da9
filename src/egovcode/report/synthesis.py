"""The analyst's synthesis in the template context: title page, summary, conclusions, links.

Every passage becomes ``{text, paragraphs, cites}``; a cite is ``{id, case, short, href}`` where
``href`` is the anchor of the excerpt's quote in the report (None when the report does not quote
it), so templates can link the analyst's claims to their evidence.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from egovcode.load.project import LoadedCase
from egovcode.model.synthesis import Passage, Synthesis, text_in
from egovcode.report.findings import Quoting
from egovcode.report.i18n import Strings


def cited(synthesis: Synthesis | None) -> frozenset[str]:
    """Every excerpt id the synthesis cites: the report quotes them like key quotes."""
    if synthesis is None:
        return frozenset()
    passages = [synthesis.summary, *synthesis.components.values(), *synthesis.cases.values()]
    passages += synthesis.recommendations
    return frozenset(c for p in passages if p is not None for c in p.cites)


def paragraphs(text: str) -> list[str]:
    """``text`` split at blank lines, each paragraph on one line."""
    out = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        line = " ".join(block.split())
        if line:
            out.append(line)
    return out


class Passages:
    """Turns the synthesis' passages into template data in one language."""

    def __init__(self, loaded: list[LoadedCase], quoting: Quoting, t: Strings) -> None:
        self.t, self.quoting = t, quoting
        self.case_of: dict[str, tuple[str, str]] = {}
        for lc, sources in zip(loaded, quoting.sources, strict=True):
            for e in lc.data.excerpts:
                self.case_of.setdefault(e.id, (lc.data.case.id, sources.short_name))

    def __call__(self, item: Passage | None) -> dict[str, Any] | None:
        if item is None:
            return None
        text = text_in(item.text, self.t.lang)
        cites = []
        for cited in dict.fromkeys(item.cites):
            case, short = self.case_of.get(cited, ("", ""))
            cites.append(
                {
                    "id": cited,
                    "case": case,
                    "short": short,
                    "href": self.quoting.href(case, cited) if case else None,
                }
            )
        return {"text": text, "paragraphs": paragraphs(text), "cites": cites}


def synthesis_context(
    synthesis: Synthesis | None,
    loaded: list[LoadedCase],
    cases: list[dict[str, Any]],
    quoting: Quoting,
    t: Strings,
) -> dict[str, Any] | None:
    """The ``synthesis`` key of the context (None without a synthesis file)."""
    if synthesis is None:
        return None
    passage = Passages(loaded, quoting, t)
    lang = t.lang
    return {
        "title": text_in(synthesis.title, lang),
        "subtitle": text_in(synthesis.subtitle, lang),
        "authors": [
            {"name": a.name, "affiliation": text_in(a.affiliation, lang)} for a in synthesis.authors
        ],
        "institution": text_in(synthesis.institution, lang),
        "abstract": text_in(synthesis.abstract, lang),
        "abstract_paragraphs": paragraphs(text_in(synthesis.abstract, lang)),
        "summary": passage(synthesis.summary),
        "cases": [
            {
                "case": c["id"],
                "short": c["short"],
                "name": c["name"],
                "conclusion": passage(synthesis.cases[c["id"]]),
            }
            for c in cases
            if c["id"] in synthesis.cases
        ],
        "recommendations": [passage(r) for r in synthesis.recommendations],
    }


def conclusion(
    synthesis: Synthesis | None, code: str, passage: Passages | None
) -> dict[str, Any] | None:
    """The analyst's conclusion on component ``code``, or None."""
    if synthesis is None or passage is None or code not in synthesis.components:
        return None
    return passage(synthesis.components[code])


def partial_date(value: str, t: Strings) -> dict[str, Any]:
    """A synthesis date (``2024``, ``2024-10`` or ``2024-10-23``) as the context's ``date``."""
    parts = [int(p) for p in value.split("-")]
    try:
        if len(parts) == 3:
            return {"iso": value, "text": t.date(_dt.date(*parts))}
        if len(parts) == 2 and 1 <= parts[1] <= 12:
            return {"iso": value, "text": f"{t.data['months'][parts[1] - 1]} {parts[0]}"}
    except ValueError:  # 2024-02-30: printed as written
        pass
    return {"iso": value, "text": value}
