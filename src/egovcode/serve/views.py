"""What the pages show: plain dictionaries built from the loaded project, for the templates.

Nothing here knows about HTTP. Case data reach the templates as plain strings and are escaped by
the template engine; the only markup built here (the highlighted text, the heat map) escapes its
data itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from egovcode.check.diagnostic import Report, Severity
from egovcode.edit.coding import CODER_PATTERN, coder_file
from egovcode.edit.excerpts import HAS_KEY
from egovcode.errors import EgovcodeError
from egovcode.load.limits import Limits
from egovcode.load.project import LoadedCase, Project, display_name
from egovcode.load.texts import read_text_file
from egovcode.model import Excerpt, Source
from egovcode.model.coding import CoderCoding
from egovcode.model.tree import CodeTree
from egovcode.model.types import pick
from egovcode.serve.highlight import Mark, render
from egovcode.serve.history import file_version
from egovcode.serve.i18n import Words

#: How many diagnostics the project page lists before pointing at ``egovcode validate``.
DIAGNOSTICS_SHOWN = 100
#: Colour classes of the components, in codebook order (the stylesheet defines them).
PALETTE = 10
UNCODED = "cu"


class NotFound(EgovcodeError):
    """A case, source or excerpt the request names does not exist."""


class TextProblem(EgovcodeError):
    """A source's text file cannot be shown (missing, outside the project, not UTF-8, too big)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """How the workbench was started."""

    root: Path
    lang: str = "en"
    coder: str | None = None


def coder_target(project: Project, coder: str, case: str) -> tuple[Path, str]:
    """The coder's file for ``case`` (the one read, else the one a first save creates) and its
    name as shown."""
    loaded = coder_file(project, coder, case)
    if loaded is not None:
        return loaded.source.path, loaded.source.display
    path = project.root / CODER_PATTERN.format(coder=coder, case=case)
    return path, display_name(path, project.root)


def read_text(root: Path, relative: str, limits: Limits | None = None) -> str:
    """The text file of a source, read by the same rules as ``validate`` (inside the project,
    UTF-8, bounded in size); raises :class:`TextProblem` when it cannot be shown."""
    found = read_text_file(root, relative, limits or Limits.from_env())
    if found.text is None:
        raise TextProblem(found.problems[0].message if found.problems else relative)
    return found.text


def colours(tree: CodeTree | None) -> dict[str, str]:
    """Each code's colour class: its component's place in the codebook."""
    if tree is None:
        return {}
    roots = {root: f"c{i % PALETTE}" for i, root in enumerate(tree.roots())}
    return {cid: roots.get(tree.component(cid), UNCODED) for cid in tree.codes}


def code_rows(tree: CodeTree | None) -> list[dict[str, Any]]:
    """The codebook as a depth-first list for the code picker, every language kept."""
    if tree is None:
        return []
    colour = colours(tree)
    rows: list[dict[str, Any]] = []
    for root in tree.roots():
        for cid in tree.descendants(root):
            code = tree.codes[cid]
            rows.append(
                {
                    "id": cid,
                    "depth": tree.depth(cid),
                    "colour": colour[cid],
                    "label": dict(code.label),
                    "definition": dict(code.definition),
                    "inclusion": dict(code.inclusion),
                    "exclusion": dict(code.exclusion),
                    "keywords": {k: list(v) for k, v in code.keywords.items()},
                    "deprecated": code.deprecated,
                }
            )
    return rows


def ratings(project: Project, coder: str, case: str) -> dict[str, CoderCoding | None]:
    """The coder's rating of each excerpt of ``case`` (None: listed but not yet rated)."""
    loaded = coder_file(project, coder, case)
    return dict(loaded.data.codings) if loaded is not None else {}


def find_case(project: Project, case: str) -> LoadedCase:
    for loaded in project.cases:
        if loaded.data.case.id == case:
            return loaded
    raise NotFound(f"there is no case {case!r}")


def find_source(loaded: LoadedCase, source: str) -> Source:
    for item in loaded.data.sources:
        if item.id == source:
            return item
    raise NotFound(f"there is no source {source!r} in case {loaded.data.case.id!r}")


def _status(report: Report, w: Words) -> dict[str, Any]:
    counts = {
        "errors": report.errors,
        "warnings": report.warnings,
        "infos": report.count(Severity.INFO),
        "files": len(report.files),
    }
    shown = [d for d in report.sorted() if d.severity is not Severity.INFO]
    return {
        "ok": report.errors == 0,
        "summary": w("valid" if report.errors == 0 else "invalid", **counts),
        "diagnostics": [d.to_dict() for d in shown[:DIAGNOSTICS_SHOWN]],
        "more": w("more_diagnostics", n=len(shown) - DIAGNOSTICS_SHOWN)
        if len(shown) > DIAGNOSTICS_SHOWN
        else "",
    }


def _heatmap(project: Project, lang: str, w: Words) -> Markup | None:
    """The report's coverage heat map (excerpts per component and case), or None."""
    if project.codebook is None or project.report.errors or not project.cases:
        return None
    from egovcode.analyze.tally import tally
    from egovcode.report import findings, svg
    from egovcode.report.evidence import case_dict
    from egovcode.report.i18n import Strings

    t = Strings(lang)
    result = tally(project, by="case", level="all", lang=lang, unit="excerpt")
    rows = [case_dict(lc.data, t) for lc in project.cases]
    cover = findings.coverage(result, CodeTree(project.codebook), rows)
    names = {v: w(v) for v in ("supporting", "inhibiting", "neutral")}
    names["unmarked"] = t.get("valence.unmarked") if "valence" in t.data else "unmarked"
    return Markup(svg.heatmap(cover, lang, w("coverage_title"), names, ident="coverage"))


def _title(project: Project, lang: str) -> str:
    """The report's title: the project's ``title``, else the one made from the codebook's."""
    from egovcode.report.i18n import Strings

    if project.config.title:
        return pick(project.config.title, lang)
    if project.codebook is not None:
        title = pick(project.codebook.title, lang)
        return Strings(lang).get("title_default", codebook=title)
    return project.root.name


def _kind(kind: str, lang: str) -> str:
    """A source kind in the page's language, as the report writes it."""
    from egovcode.report.i18n import Strings

    names: dict[str, str] = Strings(lang).data.get("source_kind", {})
    return names.get(kind, kind)


def project_page(project: Project, settings: Settings) -> dict[str, Any]:
    """The project page: status, cases with their sources and counts, coverage, progress."""
    w = Words(settings.lang)
    cases = []
    for loaded in project.cases:
        data = loaded.data
        rated = ratings(project, settings.coder, data.case.id) if settings.coder else {}
        sources = []
        for source in data.sources:
            excerpts = [e for e in data.excerpts if e.source == source.id]
            sources.append(
                {
                    "id": source.id,
                    "kind": _kind(source.kind, settings.lang),
                    "informant_role": source.informant_role or "",
                    "citation": " ".join(source.citation.split()),
                    "has_text": bool(source.file),
                    "excerpts": len(excerpts),
                    "coded": sum(1 for e in excerpts if e.codes),
                    "rated": sum(1 for e in excerpts if rated.get(e.id) is not None),
                }
            )
        cases.append(
            {
                "id": data.case.id,
                "name": data.case.name_en
                if settings.lang == "en" and data.case.name_en
                else data.case.name,
                "file": loaded.source.display,
                "sources": sources,
                "excerpts": len(data.excerpts),
                "rated": sum(1 for e in data.excerpts if rated.get(e.id) is not None),
            }
        )
    return {
        "title": _title(project, settings.lang),
        "status": _status(project.report, w),
        "cases": cases,
        "heatmap": _heatmap(project, settings.lang, w),
    }


def _excerpt_codes(
    excerpt: Excerpt, rated: dict[str, CoderCoding | None], coder: str | None
) -> dict[str, Any]:
    """What the page shows of an excerpt's coding: the consensus, or in coder mode the
    coder's own rating only (the consensus codes never reach the page)."""
    if coder is None:
        return {
            "codes": list(excerpt.codes),
            "valence": excerpt.valence or "",
            "memo": _memo(excerpt.memo),
            "rated": True,
        }
    mine = rated.get(excerpt.id)
    return {
        "codes": list(mine.codes) if mine else [],
        "valence": (mine.valence or "") if mine else "",
        "memo": _memo(mine.memo) if mine else "",
        "rated": mine is not None,
    }


def _memo(memo: object) -> str:
    if memo is None:
        return ""
    if isinstance(memo, dict):
        return "\n".join(f"{k}: {v}" for k, v in memo.items())
    return str(memo)


def _anchored(text: str, excerpt: Excerpt) -> bool:
    """Whether the excerpt has a span that fits the text and holds exactly its text (an excerpt
    whose span does not is listed, not highlighted; ``validate`` reports it)."""
    span = excerpt.span
    if not text or span is None:
        return False
    start, end = span
    return 0 <= start < end <= len(text) and text[start:end] == excerpt.text


def source_page(project: Project, settings: Settings, case: str, source: str) -> dict[str, Any]:
    """The source page: the text with its excerpts highlighted, and everything the coding
    panel needs (as JSON-ready data)."""
    w = Words(settings.lang)
    loaded = find_case(project, case)
    item = find_source(loaded, source)
    tree = CodeTree(project.codebook) if project.codebook else None
    colour = colours(tree)
    rated = ratings(project, settings.coder, case) if settings.coder else {}
    text, problem = "", ""
    if item.file:
        try:
            text = read_text(project.root, item.file)
        except TextProblem as exc:
            problem = w("text_problem", problem=str(exc))
    excerpts: list[dict[str, Any]] = []
    marks: list[Mark] = []
    for excerpt in loaded.data.excerpts:
        if excerpt.source != item.id:
            continue
        shown = _excerpt_codes(excerpt, rated, settings.coder)
        span = excerpt.span if _anchored(text, excerpt) else None
        first = next((c for c in shown["codes"] if c in colour), None)
        klass = colour[first] if first else UNCODED
        if span is not None:
            marks.append(Mark(excerpt.id, span[0], span[1], klass))
        excerpts.append(
            {
                "id": excerpt.id,
                "span": list(span) if span is not None else None,
                "text": excerpt.text,
                "colour": klass,
                "key": bool(getattr(excerpt, "key", False)),
                **shown,
            }
        )
    target = coder_target(project, settings.coder, case) if settings.coder else None
    case_version = file_version(loaded.source.path)
    coder_version = file_version(target[0]) if target else ""
    return {
        "case": {
            "id": loaded.data.case.id,
            "name": loaded.data.case.name,
            "file": loaded.source.display,
        },
        "source": {
            "id": item.id,
            "kind": _kind(item.kind, settings.lang),
            "citation": " ".join(item.citation.split()),
            "informant_role": item.informant_role or "",
            "date": item.date or "",
            "locator": item.locator or "",
            "file": item.file or "",
            "attributes": sorted((k, str(v)) for k, v in item.attributes.items()),
        },
        "text": render(text, marks) if text else Markup(""),
        "problem": problem,
        "has_key": HAS_KEY,
        "progress": w(
            "progress",
            rated=sum(1 for e in excerpts if e["rated"]),
            todo=sum(1 for e in excerpts if not e["rated"]),
        )
        if settings.coder
        else "",
        "excerpts": excerpts,
        "labels": {cid: tree.label(cid, settings.lang) for cid in tree.codes} if tree else {},
        "state": {
            "case": case,
            "source": item.id,
            "coder": settings.coder or "",
            "lang": settings.lang,
            "versions": {"case": case_version, "coder": coder_version},
            "files": {
                "case": loaded.source.display,
                "coder": target[1] if target else "",
            },
            "excerpts": {e["id"]: e for e in excerpts},
            "codes": code_rows(tree),
            "words": w.data,
        },
    }
