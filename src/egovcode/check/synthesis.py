"""Checks of the analyst's synthesis (``synthesis.yaml``) and of key quotes (EGC304-EGC311).

A cited excerpt must exist; a conclusion must be about a component of the codebook or a case of
the project; every text should be there in every language the project reports in.
"""

from __future__ import annotations

from collections.abc import Iterator

from egovcode.check.diagnostic import Diagnostic
from egovcode.check.schema import make, suggest
from egovcode.load.project import Project
from egovcode.load.yamlfile import NodePath, SourceFile
from egovcode.model.synthesis import Passage, Text
from egovcode.model.tree import CodeTree


def check_synthesis(project: Project) -> list[Diagnostic]:
    """Every problem in the synthesis file and with ``key: true`` excerpts."""
    out = list(_key_quotes(project))
    synthesis, source = project.synthesis, project.synthesis_source
    if synthesis is None or source is None:
        return out
    excerpts: dict[str, tuple[str, set[str]]] = {}
    tree = CodeTree(project.codebook) if project.codebook is not None else None
    for lc in project.cases:
        for e in lc.data.excerpts:
            components = {tree.component(c) for c in e.codes if tree and c in tree.codes}
            excerpts.setdefault(e.id, (lc.data.case.id, components))
    roots = tree.roots() if tree is not None else []
    case_ids = [lc.data.case.id for lc in project.cases]
    languages = list(project.config.languages)

    def passage(item: Passage, path: NodePath) -> Iterator[Diagnostic]:
        yield from _text(item.text, (*path, "text"), source, languages)
        for j, cited in enumerate(item.cites):
            if cited not in excerpts:
                yield make(
                    "EGC304",
                    f"cites excerpt {cited!r}, which is in no case file",
                    source,
                    (*path, "cites", j),
                    hint=suggest(cited, excerpts),
                )
                continue
            case, components = excerpts[cited]
            if path[0] == "components" and path[1] not in components:
                yield make(
                    "EGC308",
                    f"the conclusion on {path[1]} cites excerpt {cited!r}, "
                    f"which is not coded to {path[1]}",
                    source,
                    (*path, "cites", j),
                )
            if path[0] == "cases" and path[1] != case:
                yield make(
                    "EGC308",
                    f"the conclusion on case {path[1]} cites excerpt {cited!r} of case {case!r}",
                    source,
                    (*path, "cites", j),
                )

    for field in ("title", "subtitle", "institution", "abstract"):
        yield_from = _text(getattr(synthesis, field), (field,), source, languages)
        out.extend(yield_from)
    for i, author in enumerate(synthesis.authors):
        out.extend(_text(author.affiliation, ("authors", i, "affiliation"), source, languages))
    if synthesis.summary is not None:
        out.extend(passage(synthesis.summary, ("summary",)))
    for code, item in synthesis.components.items():
        if tree is not None and code not in roots:
            out.append(
                make(
                    "EGC305",
                    f"a conclusion on {code!r}, which is not a component of the codebook",
                    source,
                    ("components", code),
                    key=True,
                    hint=_hint(code, roots, "Write conclusions under a top-level code:"),
                )
            )
            continue
        out.extend(passage(item, ("components", code)))
    for case_id, item in synthesis.cases.items():
        if case_id not in case_ids:
            out.append(
                make(
                    "EGC306",
                    f"a conclusion on case {case_id!r}, which is not a case of the project",
                    source,
                    ("cases", case_id),
                    key=True,
                    hint=_hint(case_id, case_ids, "The project's cases are"),
                )
            )
            continue
        out.extend(passage(item, ("cases", case_id)))
    for i, item in enumerate(synthesis.recommendations):
        out.extend(passage(item, ("recommendations", i)))
    return out


def _hint(value: str, known: list[str], lead: str) -> str:
    close = suggest(value, known)
    listed = f"{lead} {', '.join(known) or '(none)'}."
    return f"{close} {listed}" if close else listed


def _text(
    text: Text | None, path: NodePath, source: SourceFile, languages: list[str]
) -> Iterator[Diagnostic]:
    if text is None:
        return
    if isinstance(text, str):
        if not text.strip():
            yield make("EGC309", f"{_where(path)} is empty", source, path)
        return
    for lang in text:
        if lang not in languages:
            yield make(
                "EGC310",
                f"{_where(path)} has text in {lang!r}, which is not one of the project's "
                f"languages ({', '.join(languages)})",
                source,
                (*path, lang),
                key=True,
            )
        elif not text[lang].strip():
            yield make("EGC309", f"{_where(path)} is empty in {lang!r}", source, (*path, lang))
    missing = [lang for lang in languages if lang not in text]
    if missing:
        yield make(
            "EGC307",
            f"{_where(path)} has no text in {', '.join(missing)}",
            source,
            path,
        )


def _where(path: NodePath) -> str:
    out = ""
    for seg in path:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out


def _key_quotes(project: Project) -> Iterator[Diagnostic]:
    """A key quote without codes belongs to no section, so the report never shows it."""
    for lc in project.cases:
        for i, excerpt in enumerate(lc.data.excerpts):
            if excerpt.key and not excerpt.codes:
                yield make(
                    "EGC311",
                    f"excerpt {excerpt.id!r} is a key quote but has no codes",
                    lc.source,
                    (*lc.path_of("excerpts", i), "key"),
                    key=True,
                )
