"""Cross-reference checks across the whole project: ids, codes and sources."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath

from egovcode.check.diagnostic import Diagnostic
from egovcode.check.schema import make, suggest
from egovcode.load.project import LoadedCase, Project


def check_references(project: Project) -> list[Diagnostic]:
    """Every cross-reference problem in the project, in no particular order."""
    out: list[Diagnostic] = []
    seen_cases: dict[str, str] = {}
    seen_excerpts: dict[str, str] = {}
    codes = project.codebook.by_id() if project.codebook else None
    for loaded in project.cases:
        out.extend(_case(loaded, codes, seen_cases, seen_excerpts))
    return out


def _case(
    loaded: LoadedCase,
    codes: Mapping[str, object] | None,
    seen_cases: dict[str, str],
    seen_excerpts: dict[str, str],
) -> Iterator[Diagnostic]:
    source, case = loaded.source, loaded.data
    where = source.display
    if case.case.id in seen_cases:
        yield make(
            "EGC201",
            f"case id {case.case.id!r} is also used in {seen_cases[case.case.id]}",
            source,
            ("case", "id"),
        )
    seen_cases.setdefault(case.case.id, where)
    stem = PurePosixPath(where).stem
    if stem != case.case.id:
        yield make("EGC303", f"file {where} holds case {case.case.id!r}", source, ("case", "id"))

    indices: set[tuple[str, int | None]] = set()
    for i, index in enumerate(case.indices):
        key = (index.name, index.year)
        if key in indices:
            yield make(
                "EGC208",
                f"index {index.name} {index.year or '(no year)'} appears twice",
                source,
                loaded.path_of("indices", i),
            )
        indices.add(key)

    source_ids: set[str] = set()
    for i, src in enumerate(case.sources):
        if src.id in source_ids:
            yield make(
                "EGC201",
                f"source id {src.id!r} is used twice in {where}",
                source,
                (*loaded.path_of("sources", i), "id"),
            )
        source_ids.add(src.id)

    invalid_sources = loaded.dropped_ids("sources")  # reported already, where they stand
    for i, excerpt in enumerate(case.excerpts):
        path = loaded.path_of("excerpts", i)
        if excerpt.id in seen_excerpts:
            yield make(
                "EGC201",
                f"excerpt id {excerpt.id!r} is also used in {seen_excerpts[excerpt.id]}",
                source,
                (*path, "id"),
            )
        seen_excerpts.setdefault(excerpt.id, where)
        if excerpt.source not in source_ids and excerpt.source not in invalid_sources:
            yield make(
                "EGC203",
                f"excerpt {excerpt.id!r} cites unknown source {excerpt.source!r}",
                source,
                (*path, "source"),
                hint=suggest(excerpt.source, source_ids),
            )
        if not excerpt.text.strip():
            yield make("EGC204", f"excerpt {excerpt.id!r} has no text", source, (*path, "text"))
        if not excerpt.codes:
            yield make("EGC207", f"excerpt {excerpt.id!r} has no codes yet", source, path)
        applied: set[str] = set()
        for j, code in enumerate(excerpt.codes):
            if code in applied:
                yield make(
                    "EGC205",
                    f"excerpt {excerpt.id!r} lists code {code!r} twice",
                    source,
                    (*path, "codes", j),
                )
            applied.add(code)
            if codes is not None and code not in codes:
                yield make(
                    "EGC202",
                    f"excerpt {excerpt.id!r} uses unknown code {code!r}",
                    source,
                    (*path, "codes", j),
                    hint=suggest(code, codes),
                )
        lang = case.excerpt_lang(excerpt)
        if lang in excerpt.translations:
            yield make(
                "EGC206",
                f"excerpt {excerpt.id!r} has a translation into its own language {lang!r}",
                source,
                (*path, "translations", lang),
                key=True,
            )
