"""Cases, sources, indices and excerpts as the plain dictionaries templates receive."""

from __future__ import annotations

import re
from typing import Any

from egovcode.model import CaseFile, Excerpt, Index, Source
from egovcode.model.citation import inline_citation
from egovcode.model.tree import CodeTree
from egovcode.model.types import memo_text, pick
from egovcode.report.i18n import Strings

SUMMARY_CHARS = 180
SHORT_CITATION_CHARS = 120
_AUTHOR_YEAR = re.compile(rf"^(.{{1,{SHORT_CITATION_CHARS}}}?\(\d{{4}}[a-z]?\))", re.DOTALL)


def short_citation(source: Source) -> str:
    """How an excerpt cites its source: "Fauzi, A. R., & Hakim, A. (2024)" from an APA-style
    citation (up to the year in brackets), else a short citation without its closing full stop,
    else the source id."""
    citation = " ".join(source.citation.split())
    match = _AUTHOR_YEAR.match(citation)
    if match:
        return match.group(1)
    # Inline, a locator or a colon follows: "Interview, 2024., p. 3" would double the stop.
    return inline_citation(citation) if len(citation) <= SHORT_CITATION_CHARS else source.id


def short_name(case: CaseFile, lang: str) -> str:
    """A case's name for table columns and running text.

    The attribute ``short_name`` wins; otherwise "Pemerintah Kota Kediri" becomes "Kota Kediri"
    and "Kediri City Government" becomes "Kediri City"; otherwise the full name.
    """
    info = case.case
    explicit = info.attributes.get("short_name")
    if isinstance(explicit, str) and explicit:
        return explicit
    name = display_name(case, lang)
    for prefix in ("Pemerintah ",):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    for suffix in (" Government",):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def display_name(case: CaseFile, lang: str) -> str:
    """The case's full name: the English name in an English report when there is one."""
    info = case.case
    if info.name_en and lang.split("-")[0] == "en":
        return info.name_en
    return info.name


def case_dict(case: CaseFile, t: Strings) -> dict[str, Any]:
    info = case.case
    cited = {e.source for e in case.excerpts}
    return {
        "id": info.id,
        "name": display_name(case, t.lang),
        "name_original": info.name,
        "name_en": info.name_en,
        "short": short_name(case, t.lang),
        "type": info.type,
        "type_label": t.get(f"case_type.{info.type}"),
        "province": info.province,
        "country": info.country,
        "attributes": {k: info.attributes[k] for k in sorted(info.attributes)},
        "language": case.language,
        "language_label": language_label(case.language, t),
        "indices": [index_dict(ix, t.lang, t) for ix in case.indices],
        "sources": [{**source_dict(s, t), "cited": s.id in cited} for s in case.sources],
        "excerpt_count": len(case.excerpts),
    }


def index_dict(index: Index, lang: str, t: Strings | None = None) -> dict[str, Any]:
    """An index score; ``year`` is None when the source states none (``year_text`` says so)."""
    t = t or Strings(lang)
    predicate = translated_predicate(index.predicate, t) if index.predicate else None
    marks = [m for m in (index.grade, predicate) if m]
    return {
        "name": index.name,
        "title": pick(index.title, lang) if index.title else index.name,
        "year": index.year,
        "year_text": str(index.year) if index.year is not None else t.get("year_not_stated"),
        "value": index.value,
        "scale": index.scale,
        "grade": index.grade,
        "predicate": index.predicate,
        "mark": ", ".join(marks),
        "source": index.source,
        "locator": index.locator,
    }


def translated_predicate(predicate: str, t: Strings) -> str:
    """An index predicate in the report's language: "cukup" is "fair" in English. A predicate the
    catalogue does not know is kept as it is written."""
    known: dict[str, str] = t.data["predicate"]
    return known.get(" ".join(predicate.lower().split()), predicate)


def source_dict(source: Source, t: Strings) -> dict[str, Any]:
    return {
        "id": source.id,
        "kind": source.kind,
        "kind_label": t.get(f"source_kind.{source.kind}"),
        "citation": source.citation,
        "short": short_citation(source),
        "informant_role": source.informant_role,
        "date": source.date,
        "locator": source.locator,
        "url": source.url,
        "note": source.note,
    }


def language_label(lang: str, t: Strings) -> str:
    names: dict[str, str] = t.data["language"]
    return names.get(lang, lang)


class CaseSources:
    """A case's sources resolved once: what every excerpt of the case cites, by source id."""

    def __init__(self, case: CaseFile, t: Strings) -> None:
        self.case = case
        self.t = t
        self.short_name = short_name(case, t.lang)
        self.by_id: dict[str, tuple[dict[str, Any], str, str]] = {}
        for source in case.sources:
            self.by_id.setdefault(
                source.id, (source_dict(source, t), source.citation, short_citation(source))
            )


def excerpt_dict(
    case: CaseFile,
    excerpt: Excerpt,
    codes: list[str],
    tree: CodeTree,
    t: Strings,
    sources: CaseSources | None = None,
) -> dict[str, Any]:
    """An excerpt with its source resolved; ``codes`` are the codes shown with it.

    ``sources`` (the case's sources resolved once) saves the work per excerpt in large reports.
    """
    known = sources if sources is not None else CaseSources(case, t)
    found = known.by_id.get(excerpt.source)
    original = case.excerpt_lang(excerpt)
    translation = None
    if original.split("-")[0] != t.lang.split("-")[0]:
        translation = excerpt.translations.get(t.lang)
    valence = excerpt.valence or "unmarked"
    memo, memo_lang = memo_text(excerpt.memo, t.lang)
    anchor = f"ex-{case.case.id}-{excerpt.id}"
    cite = found[2] if found else excerpt.source
    locator = excerpt.locator or (found[0]["locator"] if found else None)
    form = excerpt.effective_form()
    return {
        "id": excerpt.id,
        "anchor": anchor,
        "target": True,
        "case": case.case.id,
        "case_name": known.short_name,
        "source": found[0] if found else None,
        "citation": found[1] if found else excerpt.source,
        "cite": cite,
        "locator": locator,
        "form": form,
        "form_label": t.get(f"form.{form}"),
        "according_to": t.get(
            "sentence.according_to", cite=cite, locator=f", {locator}" if locator else ""
        ),
        "text": excerpt.text,
        "lang": original,
        "lang_label": language_label(original, t),
        "translation": translation,
        "codes": [{"id": c, "label": tree.label(c, t.lang)} for c in codes],
        "valence": valence,
        "valence_label": t.get(f"valence.{valence}"),
        "memo": memo,
        "memo_lang": memo_lang,
        "memo_note": (
            t.get("memo_in", language=language_label(memo_lang, t))
            if memo and memo_lang and memo_lang.split("-")[0] != t.lang.split("-")[0]
            else ""
        ),
        "key": excerpt.key,
        "coder": excerpt.coder,
    }


def summary(text: str, limit: int = SUMMARY_CHARS) -> str:
    """The first ``limit`` characters of ``text`` on one line, cut at a word, with an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0].rstrip(",.;:")
    return cut + " …"
