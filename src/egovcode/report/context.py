"""The template context: everything a report template receives, as plain data.

``build_context`` returns dicts, lists, strings, numbers, booleans and None only, so a custom
template can rely on it and it can be dumped as JSON. Every key is documented in
``docs/templates.md``; change the two together.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
from collections import Counter
from typing import Any

from egovcode import __version__
from egovcode.analyze.tally import tally
from egovcode.load.project import LoadedCase, Project
from egovcode.load.yamlfile import SourceFile
from egovcode.model.tree import CodeTree
from egovcode.model.types import pick
from egovcode.report import findings
from egovcode.report.errors import ReportError, ReportUsageError
from egovcode.report.evidence import case_dict, excerpt_dict
from egovcode.report.i18n import Strings
from egovcode.report.quotes import DEFAULT_QUOTES
from egovcode.report.sentences import MethodFacts, method_sentences
from egovcode.report.synthesis import (
    Passages,
    cited,
    conclusion,
    partial_date,
    synthesis_context,
)

APPENDIX = ("full", "compact", "none")


def build_context(
    project: Project,
    lang: str,
    cases: list[str] | None = None,
    date: _dt.date | None = None,
    agreement: dict[str, Any] | None = None,
    *,
    quotes: int | None = DEFAULT_QUOTES,
    appendix: str = "compact",
    evidence: bool = False,
) -> dict[str, Any]:
    """The documented template context of ``project`` in ``lang``.

    ``cases`` limits the report to those case ids (project order is kept); ``date`` adds a date
    line (else the synthesis file's date, if any); ``agreement`` is the intercoder-agreement
    appendix (None when there are no coder files; see docs/templates.md for its shape).
    ``quotes`` is how many excerpts besides the key quotes each component quotes per case
    (None: every excerpt); ``appendix`` is ``full``, ``compact`` or ``none`` for the codebook;
    ``evidence`` adds the full list of excerpts as an appendix.
    """
    if project.codebook is None:
        raise ReportError("the project has no codebook, so there is nothing to report against.")
    if appendix not in APPENDIX:
        raise ReportUsageError(f"--appendix {appendix!r}: choose one of {', '.join(APPENDIX)}.")
    if quotes is not None and quotes < 0:
        raise ReportUsageError(f"--quotes {quotes}: give a number of 0 or more, or 'all'.")
    loaded = select_cases(project, cases)
    subset = dataclasses.replace(project, cases=loaded)
    tree = CodeTree(project.codebook)
    t = Strings(lang)
    # The report counts excerpts (each once per component); the method summary also gives codings.
    result = tally(subset, by="case", level="all", lang=lang, unit="excerpt")
    codings = sum(
        sum(1 for c in dict.fromkeys(e.codes) if c in tree.codes)
        for lc in loaded
        for e in lc.data.excerpts
    )  # what tally(unit="coding") totals: each code once per excerpt
    case_rows = [case_dict(lc.data, t) for lc in loaded]
    cover = findings.coverage(result, tree, case_rows)
    roots = tree.roots()
    outcome_roots = [c for c in roots if tree.kind(c) == "outcome"]
    quoting = findings.Quoting(
        loaded, tree, t, quotes, evidence=evidence, pinned=cited(project.synthesis)
    )
    # Components first: a quote is anchored where it first appears in the report.
    components = [
        findings.section(code, result, tree, loaded, case_rows, t, quoting)
        for code in roots
        if code not in outcome_roots and tree.kind(code) != "factor"
    ]
    outcome = []
    for code in outcome_roots:
        part = findings.section(code, result, tree, loaded, case_rows, t, quoting)
        names = findings.outcome_indices(code, tree, loaded)
        part["indicator_names"] = names
        part["indicators"] = findings.indicators(names, case_rows)
        outcome.append(part)
    synthesis = project.synthesis
    passages = Passages(loaded, quoting, t) if synthesis is not None else None
    for part in (*components, *outcome):
        part["conclusion"] = conclusion(synthesis, part["code"], passages)
    shown: dict[str, Any] | None
    if date is None and synthesis is not None and synthesis.date:
        shown = partial_date(synthesis.date, t)
    else:
        shown = {"iso": date.isoformat(), "text": t.date(date)} if date else None
    codebook = project.codebook
    synth = synthesis_context(synthesis, loaded, case_rows, quoting, t)
    return {
        "egovcode_version": __version__,
        "lang": lang,
        "t": t.data,
        "title": (synth["title"] if synth and synth["title"] else _title(project, t)),
        "date": shown,
        "labels": {cid: tree.label(cid, lang) for cid in tree.codes},
        "codebook": {
            "id": codebook.id,
            "version": codebook.version,
            "title": pick(codebook.title, lang),
            "citation": codebook.citation,
            "description": pick(codebook.description, lang) if codebook.description else "",
        },
        "cases": case_rows,
        "options": {
            "quotes": quotes,
            "appendix": appendix,
            "evidence": evidence,
            "quotes_rule": (
                t.get("hand_in.quotes_rule_all")
                if quotes is None
                else t.get("hand_in.quotes_rule", n=t.num(quotes))
            ),
        },
        "synthesis": synth,
        "method": _method(project, loaded, case_rows, codings, t),
        "profile": _profile(case_rows),
        "coverage": cover,
        "components": components,
        "outcome": outcome,
        **_factors(findings.factors(loaded, case_rows, tree, t, quoting)),
        "absences": findings.absences(cover, t),
        "codebook_rows": findings.codebook_rows(tree, lang, t) if appendix != "none" else [],
        "evidence": _evidence(loaded, case_rows, tree, t, quoting) if evidence else None,
        "agreement": agreement,
        "provenance": _provenance(project, loaded, with_codings=agreement is not None),
    }


def _evidence(
    loaded: list[LoadedCase],
    cases: list[dict[str, Any]],
    tree: CodeTree,
    t: Strings,
    quoting: findings.Quoting,
) -> list[dict[str, Any]]:
    """Every excerpt of every case for the evidence appendix, with all its codes."""
    out = []
    for index, (lc, case) in enumerate(zip(loaded, cases, strict=True)):
        rows = []
        for excerpt in lc.data.excerpts:
            if not excerpt.codes:
                continue
            e = excerpt_dict(
                lc.data,
                excerpt,
                list(dict.fromkeys(excerpt.codes)),
                tree,
                t,
                quoting.sources[index],
            )
            e["anchor"] = f"ev-{case['id']}-{excerpt.id}"
            rows.append(e)
        out.append(
            {"case": case["id"], "short": case["short"], "name": case["name"], "excerpts": rows}
        )
    return out


def _factors(view: dict[str, Any]) -> dict[str, Any]:
    """``factors`` (one dict per case, as before) and ``factors_view`` (title, intro, headings)."""
    return {
        "factors": view["cases"],
        "factors_view": {k: v for k, v in view.items() if k != "cases"},
    }


def select_cases(project: Project, wanted: list[str] | None) -> list[LoadedCase]:
    """The cases to report, in project order; an unknown id is a usage error."""
    if not wanted:
        return list(project.cases)
    known = [lc.data.case.id for lc in project.cases]
    unknown = [w for w in dict.fromkeys(wanted) if w not in known]
    if unknown:
        raise ReportUsageError(
            f"--case {', '.join(unknown)}: no such case; the project's cases are "
            f"{', '.join(known) or '(none)'}."
        )
    return [lc for lc in project.cases if lc.data.case.id in wanted]


def _title(project: Project, t: Strings) -> str:
    if project.config.title:
        return pick(project.config.title, t.lang)
    assert project.codebook is not None
    return t.get("title_default", codebook=pick(project.codebook.title, t.lang))


def source_identity(citation: str) -> str:
    """Sources are the same across case files when their citations are (spacing and case aside):
    one article cited by two case files is one source."""
    return " ".join(citation.split()).casefold()


def cited_sources(loaded: list[LoadedCase]) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """The kinds of the distinct sources the excerpts cite, and the distinct sources named in the
    case files that no excerpt cites, as (kind, id) in file order."""
    cited: dict[str, str] = {}
    named: dict[str, tuple[str, str]] = {}
    for lc in loaded:
        by_id = {s.id: s for s in lc.data.sources}
        for s in lc.data.sources:
            named.setdefault(source_identity(s.citation), (s.kind, s.id))
        for excerpt in lc.data.excerpts:
            source = by_id.get(excerpt.source)
            if source is not None:
                cited.setdefault(source_identity(source.citation), source.kind)
    kinds = Counter(cited.values())
    unused = [pair for key, pair in named.items() if key not in cited]
    return dict(kinds), unused


def _method(
    project: Project,
    loaded: list[LoadedCase],
    cases: list[dict[str, Any]],
    codings: int,
    t: Strings,
) -> dict[str, Any]:
    kinds, unused = cited_sources(loaded)
    excerpts = [e for lc in loaded for e in lc.data.excerpts]
    quotes = sum(1 for e in excerpts if e.effective_form() == "quote")
    case_ids = {lc.data.case.id for lc in loaded}
    case_coders = sorted({e.coder for e in excerpts if e.coder})
    machines = project.machine_coders()
    in_cases = {c.data.coder for c in project.codings if c.data.case in case_ids}
    file_coders = sorted(in_cases - machines)
    machine_coders = sorted(in_cases & machines)
    synthetic = project.synthetic_coders() & set(file_coders)
    facts = MethodFacts(
        case_names=[c["short"] for c in cases],
        cited=kinds,
        unused=unused,
        excerpts=len(excerpts),
        codings=codings,
        quotes=quotes,
        paraphrases=len(excerpts) - quotes,
        case_coders=case_coders,
        file_coders=file_coders,
        synthetic=synthetic,
        machine_coders=machine_coders,
    )
    return {
        "cases": len(cases),
        "sources": sum(kinds.values()),
        "sources_by_kind": [
            {"kind": k, "label": t.get(f"source_kind.{k}"), "count": kinds[k]}
            for k in ("interview", "document", "online", "observation")
            if kinds.get(k)
        ],
        "sources_unused": [{"kind": k, "id": i} for k, i in unused],
        "excerpts": len(excerpts),
        "quotes": quotes,
        "paraphrases": len(excerpts) - quotes,
        "codings": codings,
        "coders": sorted(set(case_coders) | set(file_coders)),
        "synthetic_coders": sorted(synthetic),
        "machine_coders": machine_coders,
        **method_sentences(facts, t),
    }


def _profile(cases: list[dict[str, Any]]) -> dict[str, Any]:
    """Table 1: one row per case, one column per index and year, in order of first mention."""
    columns: dict[tuple[str, int | None], dict[str, Any]] = {}
    for case in cases:
        for ix in case["indices"]:
            columns.setdefault(
                (ix["name"], ix["year"]),
                {
                    "name": ix["name"],
                    "year": ix["year"],
                    "year_text": ix["year_text"],
                    "heading": f"{ix['name']} {ix['year']}"
                    if ix["year"] is not None
                    else f"{ix['name']} ({ix['year_text']})",
                    "title": ix["title"],
                },
            )
    rows = []
    for case in cases:
        by_key = {(ix["name"], ix["year"]): ix for ix in case["indices"]}
        rows.append(
            {
                "case": case["id"],
                "short": case["short"],
                "name": case["name"],
                "type_label": case["type_label"],
                "province": case["province"],
                "cells": [by_key.get(key) for key in columns],
            }
        )
    sources: dict[str, list[str]] = {}
    for case in cases:
        for ix in case["indices"]:
            names = sources.setdefault(ix["source"], [])
            if ix["name"] not in names:
                names.append(ix["name"])
    return {
        "columns": list(columns.values()),
        "rows": rows,
        "sources": [{"source": s, "indices": n} for s, n in sources.items()],
    }


def _provenance(
    project: Project, loaded: list[LoadedCase], *, with_codings: bool
) -> dict[str, Any]:
    """Which exact files the report was made from: SHA-256 of their bytes.

    Coder files count as inputs when the report carries the agreement appendix.
    """
    assert project.codebook is not None
    case_ids = {lc.data.case.id for lc in loaded}
    codings = [c.source for c in project.codings if c.data.case in case_ids] if with_codings else []
    files = []
    for role, source in [
        ("config", project.config_source),
        ("codebook", project.codebook_source),
        ("synthesis", project.synthesis_source),
        *[("case", lc.source) for lc in loaded],
        *[("coding", s) for s in sorted(codings, key=lambda s: s.display)],
    ]:
        if source is not None:
            files.append({"role": role, "path": source.display, "sha256": _sha256(source)})
    return {
        "egovcode_version": __version__,
        "codebook_id": project.codebook.id,
        "codebook_version": project.codebook.version,
        "template": None,
        "files": files,
    }


def _sha256(source: SourceFile) -> str:
    try:
        data = source.path.read_bytes()
    except OSError:
        data = source.text.encode("utf-8")
    return hashlib.sha256(data).hexdigest()
