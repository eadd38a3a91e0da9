"""The analytic parts of the report context: coverage, one section per component, factors, absences.

Counts come from :func:`egovcode.analyze.tally.tally` with ``unit="excerpt"``: a cell is the number
of distinct excerpts coded to a component or any of its sub-codes, and its valence split counts
each of those excerpts once. This module only selects and arranges excerpts to quote next to
those counts.
"""

from __future__ import annotations

import re
from typing import Any

from egovcode.analyze.tally import TallyResult
from egovcode.load.project import LoadedCase
from egovcode.model.codebook import Code
from egovcode.model.tree import CodeTree
from egovcode.report.evidence import CaseSources, excerpt_dict, summary
from egovcode.report.i18n import Strings
from egovcode.report.quotes import by_component, choose, codes_in
from egovcode.report.sentences import KIND_ORDER, SPLIT_ORDER, absence_sentence, lead_sentence


def coverage(result: TallyResult, tree: CodeTree, cases: list[dict[str, Any]]) -> dict[str, Any]:
    """The component x case matrix of excerpts with the valence split of every cell.

    ``totals`` and ``total`` are coded excerpts: an excerpt coded to two components counts in both
    rows but once in its column, so a column's rows can add up to more than its total.
    """
    rows: list[dict[str, Any]] = []
    for row in result.rows:
        if row.depth or tree.kind(row.code) == "factor":
            continue
        cells = [_cell(result, row.code, case) for case in cases]
        rows.append(
            {
                "code": row.code,
                "label": row.label,
                "kind": tree.kind(row.code),
                "cells": cells,
                "total": row.total,
            }
        )
    return {
        "cases": [{"id": c["id"], "short": c["short"]} for c in cases],
        "rows": rows,
        "totals": [result.column_totals[c["id"]] for c in cases],
        "total": result.total,
        "max": max((c["total"] for row in rows for c in row["cells"]), default=0),
    }


def _cell(result: TallyResult, code: str, case: dict[str, Any]) -> dict[str, Any]:
    split = result.valence.get(code, {}).get(case["id"], {})
    row = next(r for r in result.rows if r.code == code)
    out: dict[str, Any] = {
        "case": case["id"],
        "short": case["short"],
        "total": row.counts[case["id"]],
    }
    out.update({v: split.get(v, 0) for v in SPLIT_ORDER})
    return out


class Quoting:
    """Which excerpts the report quotes, shared by every section so each quote is anchored once.

    ``limit`` is ``--quotes`` (None: all) and ``pinned`` the excerpt ids the synthesis cites,
    quoted like key quotes; see :mod:`egovcode.report.quotes` for the rule.
    """

    def __init__(
        self,
        loaded: list[LoadedCase],
        tree: CodeTree,
        t: Strings,
        limit: int | None,
        *,
        evidence: bool = False,
        pinned: frozenset[str] = frozenset(),
    ) -> None:
        self.tree, self.t, self.limit, self.evidence = tree, t, limit, evidence
        self.pinned = pinned
        self.component = {c: tree.component(c) for c in tree.codes}
        self.groups = [by_component(lc, self.component) for lc in loaded]
        self.sources = [CaseSources(lc.data, t) for lc in loaded]
        #: excerpt id -> the anchor of its first quote in a section
        self.anchors: dict[str, str] = {}

    def quote(self, index: int, lc: LoadedCase, code: str) -> tuple[list[dict[str, Any]], int]:
        """The quoted excerpts of component ``code`` in case number ``index``, and how many of
        its excerpts are left unquoted."""
        items = self.groups[index].get(code, [])
        chosen = choose(items, self.limit, self.pinned)
        out = []
        for excerpt in chosen:
            codes = codes_in(excerpt, code, self.component)
            e = excerpt_dict(lc.data, excerpt, codes, self.tree, self.t, self.sources[index])
            e["target"] = excerpt.id not in self.anchors
            self.anchors.setdefault(excerpt.id, e["anchor"])
            out.append(e)
        return out, len(items) - len(chosen)

    def href(self, case: str, excerpt: str) -> str | None:
        """Where a citation of ``excerpt`` links to: its first quote, else its entry in the
        evidence appendix, else nowhere (None)."""
        if excerpt in self.anchors:
            return "#" + self.anchors[excerpt]
        return f"#ev-{case}-{excerpt}" if self.evidence else None


def section(
    code: str,
    result: TallyResult,
    tree: CodeTree,
    loaded: list[LoadedCase],
    cases: list[dict[str, Any]],
    t: Strings,
    quoting: Quoting | None = None,
) -> dict[str, Any]:
    """One component's (or outcome's) section: definition, lead, evidence per case, contrast."""
    item = tree.codes[code]
    quoting = quoting or Quoting(loaded, tree, t, None)
    per_case = []
    for index, (lc, case) in enumerate(zip(loaded, cases, strict=True)):
        cell = _cell(result, code, case)
        excerpts, more = quoting.quote(index, lc, code)
        subcodes = [
            {"code": r.code, "label": r.label, "count": r.counts[case["id"]]}
            for r in result.rows
            if r.component == code and r.depth and r.counts[case["id"]]
        ]
        kinds = {
            quoting.sources[index].by_id[e.source][0]["kind"]
            if e.source in quoting.sources[index].by_id
            else "unknown"
            for e in quoting.groups[index].get(code, [])
        }
        more_text = ""
        if more:
            more_text = t.get(
                "hand_in.more_excerpts", case=case["short"], count=t.count("excerpt", more)
            )
            if quoting.evidence:
                more_text += " " + t.get("hand_in.more_in_appendix")
        per_case.append(
            {
                **cell,
                "name": case["name"],
                "excerpts": excerpts,
                "more": more,
                "more_text": more_text,
                "subcodes": subcodes,
                "source_kinds": [t.get(f"source_kind.{k}") for k in KIND_ORDER if k in kinds],
                "absent_text": t.get("no_evidence_case", case=case["short"]),
            }
        )
    label = tree.label(code, t.lang)
    return {
        "code": code,
        "label": label,
        "kind": tree.kind(code),
        "kind_label": t.get(f"code_kind.{tree.kind(code)}"),
        "definition": tree.definition(code, t.lang),
        "inclusion": _text(item.inclusion, t.lang),
        "exclusion": _text(item.exclusion, t.lang),
        "lead": lead_sentence(label, per_case, t),
        "conclusion": None,
        "total": sum(c["total"] for c in per_case),
        "cases": per_case,
        "contrast": _contrast(per_case, t),
    }


def _text(text: dict[str, str], lang: str) -> str:
    from egovcode.model.types import pick

    return pick(text, lang) if text else ""


def _contrast(per_case: list[dict[str, Any]], t: Strings) -> dict[str, Any]:
    """Aspects as rows, cases as columns, like the article's comparison tables."""
    rows: list[dict[str, Any]] = [
        {"aspect": t.get("row.excerpts"), "cells": [c["total"] for c in per_case]}
    ]
    for valence in SPLIT_ORDER:
        values = [c[valence] for c in per_case]
        if valence != "unmarked" or any(values):
            rows.append({"aspect": _capital(t.get(f"valence.{valence}")), "cells": values})
    rows.append(
        {
            "aspect": t.get("row.subcodes"),
            "cells": [
                ", ".join(f"{s['label']} ({t.num(s['count'])})" for s in c["subcodes"])
                or t.get("none")
                for c in per_case
            ],
        }
    )
    rows.append(
        {
            "aspect": t.get("row.source_kinds"),
            "cells": [", ".join(c["source_kinds"]) or t.get("none") for c in per_case],
        }
    )
    return {"columns": [c["short"] for c in per_case], "rows": rows}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def outcome_indices(code: str, tree: CodeTree, loaded: list[LoadedCase]) -> list[str]:
    """Index names that are indicators of an outcome code.

    An index is an indicator when its name appears as a word in the outcome code's (or a
    sub-code's) label, definition, inclusion, examples or keywords, in any language. When no index
    is named there, every index counts as an indicator.
    """
    words = " ".join(_code_words(tree.codes[c]) for c in tree.descendants(code))
    names = list(dict.fromkeys(ix.name for lc in loaded for ix in lc.data.indices))
    named = [n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", words)]
    return named or names


def _code_words(code: Code) -> str:
    parts = [*code.label.values(), *code.definition.values(), *code.inclusion.values()]
    parts += [w for words in (*code.keywords.values(), *code.examples.values()) for w in words]
    return " ".join(parts)


def indicators(names: list[str], cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The outcome indicators per case, in the order of ``names``."""
    return [
        {
            "case": c["id"],
            "short": c["short"],
            "indices": [ix for ix in c["indices"] if ix["name"] in names],
        }
        for c in cases
    ]


def factors(
    loaded: list[LoadedCase],
    cases: list[dict[str, Any]],
    tree: CodeTree,
    t: Strings,
    quoting: Quoting | None = None,
) -> dict[str, Any]:
    """The factors section: the excerpts coded to ``kind: factor`` codes, per case and valence.

    A codebook without factor codes falls back to every excerpt coded supporting or inhibiting,
    under headings that say so; a valence alone is the analyst's reading, not a factor the source
    names. Every excerpt coded to a factor is listed, linked to its quote when a section quotes
    it. In the fallback, with a limit on quotes, only the excerpts quoted in the sections are
    listed (each links to its quote); ``more`` counts the others by valence.
    """
    factor_codes = {cid for cid in tree.codes if tree.kind(cid) == "factor"}
    mode = "factor" if factor_codes else "valence"
    out = []
    for index, (lc, case) in enumerate(zip(loaded, cases, strict=True)):
        groups: dict[str, list[dict[str, Any]]] = {"supporting": [], "inhibiting": []}
        more = {"supporting": 0, "inhibiting": 0}
        sources = quoting.sources[index] if quoting else CaseSources(lc.data, t)
        for excerpt in lc.data.excerpts:
            if excerpt.valence not in groups:
                continue
            codes = list(dict.fromkeys(excerpt.codes))
            if mode == "factor":
                shown = [c for c in codes if c in factor_codes]
                if not shown:
                    continue
            else:
                shown = list(dict.fromkeys(tree.component(c) for c in codes))
            # Link to the excerpt's quote in a section when there is one: an excerpt coded to
            # factor codes only, or left out by a limit on quotes, is quoted nowhere.
            limited = quoting is not None and quoting.limit is not None
            quoted = any(tree.kind(c) != "factor" for c in codes) and (
                not limited or (quoting is not None and excerpt.id in quoting.anchors)
            )
            if mode == "valence" and limited and not quoted:
                more[excerpt.valence] += 1
                continue
            full = excerpt_dict(lc.data, excerpt, codes, tree, t, sources)
            anchor = (quoting.anchors.get(excerpt.id) if quoting else None) or full["anchor"]
            groups[excerpt.valence].append(
                {
                    "excerpt": excerpt.id,
                    "anchor": anchor if quoted else None,
                    "key": excerpt.key,
                    "components": [{"id": c, "label": tree.label(c, t.lang)} for c in shown],
                    "summary": summary(full["translation"] or full["text"]),
                    "form": full["form"],
                    "citation": full["citation"],
                    "cite": full["cite"],
                }
            )
        out.append(
            {
                "case": case["id"],
                "short": case["short"],
                "name": case["name"],
                **groups,
                "more": more,
                "more_text": {
                    v: t.get(
                        "hand_in.more_excerpts", case=case["short"], count=t.count("excerpt", n)
                    )
                    if n
                    else ""
                    for v, n in more.items()
                },
            }
        )
    heading = "factor_heading" if mode == "factor" else "valence_heading"
    return {
        "mode": mode,
        "title": t.get("sec.factors" if mode == "factor" else "sec.factors_valence"),
        "intro": t.get("factors_intro" if mode == "factor" else "factors_valence_intro"),
        "headings": {k: t.get(f"{heading}.{k}") for k in ("supporting", "inhibiting")},
        "cases": out,
    }


def absences(cover: dict[str, Any], t: Strings) -> list[dict[str, Any]]:
    """Every component with no evidence in some case covered, stated as a sentence."""
    out = []
    for row in cover["rows"]:
        missing = [cell["short"] for cell in row["cells"] if not cell["total"]]
        if missing:
            out.append(
                {
                    "code": row["code"],
                    "label": row["label"],
                    "cases": missing,
                    "sentence": absence_sentence(row["label"], missing, t),
                }
            )
    return out


def codebook_rows(tree: CodeTree, lang: str, t: Strings) -> list[dict[str, Any]]:
    """Every code, depth first in codebook order, for the appendix."""
    rows = []
    for root in tree.roots():
        for cid in tree.descendants(root):
            code = tree.codes[cid]
            rows.append(
                {
                    "id": cid,
                    "label": tree.label(cid, lang),
                    "depth": tree.depth(cid),
                    "kind": tree.kind(cid),
                    "kind_label": t.get(f"code_kind.{tree.kind(cid)}"),
                    "definition": tree.definition(cid, lang),
                    "inclusion": _text(code.inclusion, lang),
                    "exclusion": _text(code.exclusion, lang),
                    "deprecated": code.deprecated,
                }
            )
    return rows
