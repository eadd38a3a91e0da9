"""Retrieving excerpts by code, case, valence, source kind, case attribute and text.

Different filters combine with AND. Repeating a filter gives several values: for the one-valued
fields of an excerpt (case, valence, source kind) any of them may match; for the many-valued ones
(codes, case attributes) all of them must. A component code matches its sub-codes too, and
``text`` is a case-insensitive regular expression searched in the text and its translations
(``text_in="text"``, the default), in the memo (``"memo"``, every language of a bilingual memo)
or in both (``"all"``). Each hit carries the informant role of an interview source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from egovcode.analyze.selection import (
    AnalysisError,
    attr_text,
    case_attributes,
    check_attributes,
    check_cases,
    check_codes,
    check_source_kinds,
    check_valences,
    require_codebook,
)
from egovcode.analyze.table import Table
from egovcode.load.project import LoadedCase, Project
from egovcode.model import Excerpt

#: Where ``--text`` searches: the excerpt's text and translations, its memo, or both.
TEXT_IN = ("text", "memo", "all")


@dataclass(frozen=True, slots=True)
class Query:
    """Filters on excerpts; an empty filter lets everything through."""

    codes: tuple[str, ...] = ()
    cases: tuple[str, ...] = ()
    valences: tuple[str, ...] = ()
    source_kinds: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str], ...] = ()
    text: str | None = None
    lang: str | None = None
    text_in: str = "text"

    def to_dict(self) -> dict[str, Any]:
        return {
            "codes": list(self.codes),
            "cases": list(self.cases),
            "valences": list(self.valences),
            "source_kinds": list(self.source_kinds),
            "attrs": [f"{key}={value}" for key, value in self.attrs],
            "text": self.text,
            "in": self.text_in,
            "lang": self.lang,
        }


def parse_attr(text: str) -> tuple[str, str]:
    """``key=value`` as a pair; raises ``AnalysisError`` without an ``=``."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise AnalysisError(f"attribute filter {text!r} is not of the form key=value.")
    return key.strip(), value.strip()


@dataclass(frozen=True, slots=True)
class Hit:
    """One excerpt that matched, with where it comes from."""

    case: str
    excerpt: str
    source: str
    source_kind: str
    informant_role: str | None
    citation: str
    locator: str | None
    codes: list[str]
    valence: str
    lang: str
    text: str
    translation: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class QueryResult:
    query: Query
    hits: list[Hit] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query.to_dict(),
            "count": len(self.hits),
            "excerpts": [hit.to_dict() for hit in self.hits],
        }

    def tables(self) -> list[Table]:
        columns = ["case", "excerpt", "source", "informant role", "citation", "locator"]
        columns += ["codes", "valence", "text"]
        with_translation = self.query.lang is not None
        rows = []
        for h in self.hits:
            row: list[Any] = [h.case, h.excerpt, h.source, h.informant_role, h.citation, h.locator]
            row += ["; ".join(h.codes), h.valence, h.text]
            rows.append([*row, h.translation] if with_translation else row)
        if with_translation:
            columns.append(f"translation ({self.query.lang})")
        return [Table(columns=columns, rows=rows, notes=[f"{len(self.hits)} excerpt(s)."])]


def run_query(project: Project, query: Query) -> QueryResult:
    """The excerpts that pass every filter of ``query``, in file order."""
    tree = require_codebook(project)
    check_codes(tree, query.codes)
    check_cases(project, query.cases)
    check_valences(query.valences)
    check_source_kinds(query.source_kinds)
    check_attributes(project, [key for key, _ in query.attrs])
    if query.text_in not in TEXT_IN:
        raise AnalysisError(f"--in {query.text_in!r}: search in one of {', '.join(TEXT_IN)}.")
    pattern = _compile(query.text)
    wanted = [set(tree.descendants(code)) for code in query.codes]
    hits = [
        _hit(loaded, excerpt, query.lang)
        for loaded, excerpt in _excerpts(project, query)
        if all(family.intersection(excerpt.codes) for family in wanted)
        and (pattern is None or _matches(pattern, excerpt, query.text_in))
    ]
    return QueryResult(query=query, hits=hits)


def _compile(text: str | None) -> re.Pattern[str] | None:
    if text is None:
        return None
    try:
        return re.compile(text, re.IGNORECASE)
    except re.error as exc:
        raise AnalysisError(
            f"the text pattern {text!r} is not a valid regular expression: {exc}."
        ) from None


def _excerpts(project: Project, query: Query) -> Iterator[tuple[LoadedCase, Excerpt]]:
    for loaded in project.cases:
        case = loaded.data.case
        if query.cases and case.id not in query.cases:
            continue
        attrs = case_attributes(case)
        if any(attr_text(attrs.get(key)) != value for key, value in query.attrs):
            continue
        kinds = {s.id: s.kind for s in loaded.data.sources}
        for excerpt in loaded.data.excerpts:
            if query.valences and (excerpt.valence or "unmarked") not in query.valences:
                continue
            if query.source_kinds and kinds.get(excerpt.source) not in query.source_kinds:
                continue
            yield loaded, excerpt


def memo_texts(memo: object) -> list[str]:
    """A memo's text in every language it has: a plain memo, or each value of a bilingual one
    (``{en: ..., id: ...}``)."""
    if isinstance(memo, str):
        return [memo]
    if isinstance(memo, dict):
        return [v for v in memo.values() if isinstance(v, str)]
    return []


def _matches(pattern: re.Pattern[str], excerpt: Excerpt, text_in: str) -> bool:
    texts: list[str] = []
    if text_in in ("text", "all"):
        texts += [excerpt.text, *excerpt.translations.values()]
    if text_in in ("memo", "all"):
        texts += memo_texts(excerpt.memo)
    return any(pattern.search(t) for t in texts)


def _hit(loaded: LoadedCase, excerpt: Excerpt, lang: str | None) -> Hit:
    data = loaded.data
    source = next((s for s in data.sources if s.id == excerpt.source), None)
    own = data.excerpt_lang(excerpt)
    return Hit(
        case=data.case.id,
        excerpt=excerpt.id,
        source=excerpt.source,
        source_kind=source.kind if source else "(unknown)",
        informant_role=source.informant_role if source else None,
        citation=source.citation if source else "",
        locator=excerpt.locator or (source.locator if source else None),
        codes=list(dict.fromkeys(excerpt.codes)),
        valence=excerpt.valence or "unmarked",
        lang=own,
        text=excerpt.text,
        translation=excerpt.translations.get(lang) if lang and lang != own else None,
    )
