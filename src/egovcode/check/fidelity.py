"""What an excerpt's form, a memo's languages, factor codes and synthetic coders imply.

These checks keep the data honest about what it is: a span means the text is the source's own
words, a quotation says where it stands, a factor supports or inhibits, a bilingual memo is
written in the project's languages, and a coder is either a demonstration coder or a real one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from egovcode.check.diagnostic import Diagnostic
from egovcode.check.schema import make
from egovcode.load.project import LoadedCase, Project
from egovcode.model.tree import CodeTree


def check_fidelity(project: Project) -> list[Diagnostic]:
    """Every problem of form, memo language, factor valence and synthetic marking."""
    out: list[Diagnostic] = []
    tree = CodeTree(project.codebook) if project.codebook else None
    languages = list(project.config.languages)
    for loaded in project.cases:
        out.extend(_case(loaded, tree, languages))
    out.extend(_synthetic(project))
    return out


def _case(loaded: LoadedCase, tree: CodeTree | None, languages: list[str]) -> Iterator[Diagnostic]:
    source, case = loaded.source, loaded.data
    locators = {s.id: s.locator for s in case.sources}
    for i, excerpt in enumerate(case.excerpts):
        path = loaded.path_of("excerpts", i)
        has_span = excerpt.span is not None
        if has_span and excerpt.form == "paraphrase":
            yield make(
                "EGC109",
                f"excerpt {excerpt.id!r} has a span, so it is a quote, but says form: paraphrase",
                source,
                (*path, "form"),
            )
        if excerpt.effective_form() == "quote" and not (
            has_span or excerpt.locator or locators.get(excerpt.source)
        ):
            yield make(
                "EGC213",
                f"excerpt {excerpt.id!r} is a quotation with no locator",
                source,
                (*path, "form") if excerpt.form else path,
            )
        if isinstance(excerpt.memo, dict):
            yield from _memo_languages(excerpt.memo, languages, excerpt.id, loaded, path)
        if tree is not None and excerpt.valence not in ("supporting", "inhibiting"):
            factors = [c for c in excerpt.codes if c in tree and tree.kind(c) == "factor"]
            if factors:
                yield make(
                    "EGC212",
                    f"excerpt {excerpt.id!r} is coded to factor {factors[0]!r} but its valence is "
                    f"{excerpt.valence or 'not set'}",
                    source,
                    (*path, "valence") if excerpt.valence else path,
                )


def _memo_languages(
    memo: dict[str, str],
    languages: list[str],
    excerpt_id: str,
    loaded: LoadedCase,
    path: tuple[str | int, ...],
) -> Iterator[Diagnostic]:
    for lang in memo:
        if lang not in languages:
            yield make(
                "EGC210",
                f"excerpt {excerpt_id!r} has a memo in {lang!r}, which is not one of the "
                f"project's languages ({', '.join(languages)})",
                loaded.source,
                (*path, "memo", lang),
                key=True,
            )
    missing = [lang for lang in languages if lang not in memo]
    if missing:
        yield make(
            "EGC211",
            f"excerpt {excerpt_id!r} has no memo in {', '.join(repr(m) for m in missing)}",
            loaded.source,
            (*path, "memo"),
        )


def _synthetic(project: Project) -> Iterator[Diagnostic]:
    if project.config.synthetic:
        return
    files = defaultdict(list)
    for loaded in project.codings:
        files[loaded.data.coder].append(loaded)
    for coder, loaded_files in sorted(files.items()):
        marked = [lc for lc in loaded_files if lc.data.synthetic]
        if marked and len(marked) < len(loaded_files):
            for lc in loaded_files:
                if not lc.data.synthetic:
                    yield make(
                        "EGC214",
                        f"coder {coder!r} is marked synthetic in "
                        f"{marked[0].source.display} but not in {lc.source.display}",
                        lc.source,
                        ("coder",),
                    )
