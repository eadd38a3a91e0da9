"""Source texts and excerpt spans: every span is a checked slice of its source's text file.

A source may name its text (``file: texts/<case>/<source>.txt``) and the original it came from
(``original:``); an excerpt may carry ``span: [start, end]`` in code points of that text. Each
text file is read once per run (:class:`~egovcode.load.texts.TextCache`), within the size limit.
"""

from __future__ import annotations

from collections.abc import Iterator

from egovcode.check.diagnostic import Diagnostic, NodePath
from egovcode.check.schema import make
from egovcode.load.limits import Limits
from egovcode.load.project import LoadedCase, Project
from egovcode.load.texts import (
    TextCache,
    TextFile,
    line_column,
    original_state,
    resolve_in_project,
)
from egovcode.model import Excerpt

#: Text-file problem kinds and their diagnostic codes.
PROBLEM_CODES = {
    "missing": "EGC701",
    "outside": "EGC702",
    "not-utf8": "EGC703",
    "not-nfc": "EGC704",
    "cr": "EGC705",
    "bom": "EGC706",
    "too-large": "EGC707",
}

#: How many places a hint lists when a text occurs several times.
_MAX_PLACES = 3


def check_sources(
    project: Project, limits: Limits | None = None, seen: dict[str, str] | None = None
) -> list[Diagnostic]:
    """Every problem with source texts, originals and spans, across the project.

    ``seen``, when given, receives what each file these checks looked at was like: a source
    text's fingerprint under ``text:<path>`` and an original's state under ``original:<path>``
    (the warm-run entry compares them on the next run).
    """
    cache = TextCache(project.root, limits or Limits.from_env())
    out: list[Diagnostic] = []
    for loaded in project.cases:
        out.extend(_case(project, loaded, cache))
    if seen is not None:
        for relative, found in cache.files().items():
            seen[f"text:{relative}"] = found.fingerprint
        for loaded in project.cases:
            for src in loaded.data.sources:
                if src.original is not None:
                    seen[f"original:{src.original}"] = original_state(project.root, src.original)
    return out


def _case(project: Project, loaded: LoadedCase, cache: TextCache) -> Iterator[Diagnostic]:
    source = loaded.source
    texts: dict[str, TextFile | None] = {}
    for i, src in enumerate(loaded.data.sources):
        path = loaded.path_of("sources", i)
        text: TextFile | None = None
        if src.file is not None:
            text = cache.get(src.file)
            for problem in text.problems:
                hint = _problem_hint(problem.kind, src.file)
                yield make(
                    PROBLEM_CODES[problem.kind],
                    f"source {src.id!r}: {problem.message}",
                    source,
                    (*path, "file"),
                    hint=hint,
                )
        if src.original is not None:
            where = resolve_in_project(project.root, src.original)
            if where is None:
                yield make(
                    "EGC702",
                    f"source {src.id!r}: original {src.original} is not a path inside the project",
                    source,
                    (*path, "original"),
                )
            elif not where.is_file():
                yield make(
                    "EGC711",
                    f"source {src.id!r}: original {src.original} does not exist",
                    source,
                    (*path, "original"),
                )
        texts.setdefault(src.id, text)
    yield from _speakers(loaded)
    for i, excerpt in enumerate(loaded.data.excerpts):
        if excerpt.span is None or excerpt.source not in texts:
            continue  # an unknown source is reported by the reference checks
        at: NodePath = (*loaded.path_of("excerpts", i), "span")
        found = texts[excerpt.source]
        if found is None:
            yield make(
                "EGC710",
                f"excerpt {excerpt.id!r} has a span but source {excerpt.source!r} names no `file`",
                source,
                at,
            )
        elif found.text is not None:
            yield from _span(excerpt, found.relative, found.text, loaded, at)


def _speakers(loaded: LoadedCase) -> Iterator[Diagnostic]:
    """An excerpt's ``speaker`` must be one of its source's ``speakers`` labels, when the source
    has that attribute (a source without it names no speakers to check against)."""
    import difflib

    labels = {s.id: s.speaker_roles() for s in loaded.data.sources}
    for i, excerpt in enumerate(loaded.data.excerpts):
        known = labels.get(excerpt.source)
        if excerpt.speaker is None or not known or excerpt.speaker in known:
            continue
        by_fold = {label.casefold(): label for label in known}
        close = by_fold.get(excerpt.speaker.casefold()) or next(
            iter(difflib.get_close_matches(excerpt.speaker, list(known), n=1, cutoff=0.6)), None
        )
        listed = ", ".join(sorted(known))
        hint = (
            f"Did you mean `speaker: {close}`? The labels of source {excerpt.source!r} are "
            f"{listed}; or add {excerpt.speaker!r} with its role to its `speakers` attribute."
            if close
            else f"The labels of source {excerpt.source!r} are {listed}; write one of them, or "
            f"add {excerpt.speaker!r} with its role to its `speakers` attribute."
        )
        yield make(
            "EGC713",
            f"excerpt {excerpt.id!r}: speaker {excerpt.speaker!r} is not a speaker of source "
            f"{excerpt.source!r}",
            loaded.source,
            (*loaded.path_of("excerpts", i), "speaker"),
            hint=hint,
        )


def _span(
    excerpt: Excerpt,
    relative: str,
    text: str,
    loaded: LoadedCase,
    path: NodePath,
) -> Iterator[Diagnostic]:
    assert excerpt.span is not None
    start, end = excerpt.span
    if not 0 <= start < end <= len(text):
        yield make(
            "EGC708",
            f"excerpt {excerpt.id!r}: span [{start}, {end}] does not fit {relative} "
            f"({len(text):,} characters; a span needs 0 <= start < end <= {len(text)})",
            loaded.source,
            path,
            hint=_where_hint(excerpt.text, relative, text, excerpt.id),
        )
        return
    found = text[start:end]
    if found != excerpt.text:
        differ = next(
            (i for i, (a, b) in enumerate(zip(found, excerpt.text, strict=False)) if a != b),
            min(len(found), len(excerpt.text)),
        )
        line, column = line_column(text, start + differ)
        yield make(
            "EGC709",
            f"excerpt {excerpt.id!r}: text differs from {relative}[{start}:{end}] at line "
            f"{line}, column {column}: the file reads {_preview(found, differ)} where the "
            f"excerpt has {_preview(excerpt.text, differ)}",
            loaded.source,
            path,
            hint=_where_hint(excerpt.text, relative, text, excerpt.id),
        )


def _preview(text: str, at: int, before: int = 10, after: int = 20) -> str:
    """A short window of ``text`` around ``at``, on one line."""
    lead = "…" if at > before else ""
    tail = "…" if at + after < len(text) else ""
    window = text[max(0, at - before) : at + after].replace("\n", "⏎")
    return repr(lead + window + tail)


def _occurrences(needle: str, text: str, limit: int) -> list[int]:
    out: list[int] = []
    at = text.find(needle) if needle else -1
    while at >= 0 and len(out) < limit:
        out.append(at)
        at = text.find(needle, at + 1)
    return out


def _where_hint(excerpt_text: str, relative: str, text: str, excerpt_id: str) -> str:
    """Where the excerpt's text now occurs in the file, and how to fix the span."""
    places = _occurrences(excerpt_text, text, _MAX_PLACES + 1)
    if len(places) == 1:
        start = places[0]
        end = start + len(excerpt_text)
        line, _ = line_column(text, start)
        return (
            f"The text occurs once in {relative}, at line {line}: write `span: [{start}, {end}]` "
            f"in the excerpt, or run `egovcode excerpt respan {excerpt_id}`."
        )
    if places:
        shown = ", ".join(f"[{p}, {p + len(excerpt_text)}]" for p in places[:_MAX_PLACES])
        more = " and more" if len(places) > _MAX_PLACES else ""
        return (
            f"The text occurs several times in {relative} ({shown}{more}): "
            "write the span of the one meant."
        )
    return (
        f"The text does not occur in {relative}: copy the text from the file at the span, "
        "or remove `span:` if the excerpt paraphrases the source."
    )


def _problem_hint(kind: str, relative: str) -> str | None:
    if kind in ("not-nfc", "cr", "bom"):
        return (
            f"Restore {relative} from version control: source texts are written once by "
            "`egovcode import transcript` and never edited, because every span indexes into them."
        )
    return None
