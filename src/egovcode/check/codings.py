"""Checks of the coders' files against the project: folder, case, excerpts and codes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath

from egovcode.check.diagnostic import Diagnostic
from egovcode.check.schema import make, suggest
from egovcode.load.project import LoadedCoding, Project
from egovcode.model.codebook import Code


def check_codings(project: Project) -> list[Diagnostic]:
    """Every problem in the coder files that the schema alone cannot see."""
    # A case whose excerpts could not all be read cannot tell which excerpt ids are unknown.
    excerpts = {
        lc.data.case.id: None if "excerpts" in lc.kept else {e.id for e in lc.data.excerpts}
        for lc in project.cases
    }
    codes = project.codebook.by_id() if project.codebook else None
    seen: dict[tuple[str, str], str] = {}
    out: list[Diagnostic] = []
    # The file named after its case keeps the case; a second file of the same coder and case
    # is the duplicate.
    ordered = sorted(
        project.codings,
        key=lambda lc: (PurePosixPath(lc.source.display).stem != lc.data.case, lc.source.display),
    )
    for loaded in ordered:
        out.extend(_file(loaded, excerpts, codes, seen, project.complete))
    return out


def _file(
    loaded: LoadedCoding,
    excerpts: Mapping[str, set[str] | None],
    codes: Mapping[str, Code] | None,
    seen: dict[tuple[str, str], str],
    complete: bool,
) -> Iterator[Diagnostic]:
    source, data = loaded.source, loaded.data
    where = source.display
    if data.coder != loaded.folder:
        yield make(
            "EGC601",
            f"{where} is in the folder of coder {loaded.folder!r} but says coder: {data.coder!r}",
            source,
            ("coder",),
        )
    key = (data.coder, data.case)
    if key in seen:
        yield make(
            "EGC605",
            f"coder {data.coder!r} already coded case {data.case!r} in {seen[key]}",
            source,
            ("case",),
        )
    seen.setdefault(key, where)
    if PurePosixPath(where).stem != data.case:
        yield make("EGC607", f"file {where} holds case {data.case!r}", source, ("case",))
    known = excerpts.get(data.case)
    # A case file that could not be read is reported already; its id may be the one named here.
    if data.case not in excerpts and complete:
        yield make(
            "EGC602",
            f"case {data.case!r} is not a case of the project",
            source,
            ("case",),
            hint=suggest(data.case, excerpts),
        )
    for excerpt_id, coding in data.codings.items():
        if known is not None and excerpt_id not in known:
            yield make(
                "EGC603",
                f"excerpt {excerpt_id!r} is not an excerpt of case {data.case!r}",
                source,
                ("codings", excerpt_id),
                key=True,
                hint=suggest(excerpt_id, known),
            )
        applied: set[str] = set()
        for j, code in enumerate(coding.codes if coding is not None else ()):
            path = ("codings", excerpt_id, "codes", j)
            if code in applied:
                yield make(
                    "EGC606", f"excerpt {excerpt_id!r} lists code {code!r} twice", source, path
                )
            applied.add(code)
            if codes is None:
                continue
            if code not in codes:
                yield make(
                    "EGC604",
                    f"excerpt {excerpt_id!r} is coded with unknown code {code!r}",
                    source,
                    path,
                    hint=suggest(code, codes),
                )
            elif codes[code].deprecated:
                better = codes[code].replaced_by
                yield make(
                    "EGC608",
                    f"excerpt {excerpt_id!r} is coded with deprecated code {code!r}"
                    + (f" (replaced by {better!r})" if better else ""),
                    source,
                    path,
                )
