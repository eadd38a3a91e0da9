"""Excerpts by their place in a source's text: add one at a span, set its coding, delete it.

The browser workbench (``egovcode serve``) saves through these functions; like ``code`` and
``excerpt add`` they edit the case file (or a coder's file) in place through
:mod:`egovcode.load.yamledit`, so comments and layout stay, check that the edited file reads back
as valid data, and write it atomically. A refusal is an :class:`EditError`; nothing is written
then.

Unlike ``code_excerpt``, which adds or removes codes, :func:`set_coding` sets an excerpt's coding
to exactly what is given: the codes (possibly none), and the valence, memo and key-quote mark,
each left as it is when ``None``, removed when empty.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from egovcode.edit.coding import (
    AFTER_CODES,
    AFTER_VALENCE,
    CODER_PATTERN,
    check_coder_name,
    check_codes,
    check_valence,
    coder_file,
    find_excerpt,
)
from egovcode.edit.errors import EditError
from egovcode.edit.files import edited_bytes, require_readable, write_edited, write_new
from egovcode.load.limits import Limits
from egovcode.load.merge_record import read_records
from egovcode.load.project import LoadedCase, Project, display_name
from egovcode.load.texts import read_text_file
from egovcode.load.yamledit import (
    AddEntries,
    AppendItems,
    Edit,
    Entry,
    FieldEdit,
    RemoveItem,
    RemoveKey,
    YamlValue,
    flow,
)
from egovcode.model import CaseFile, Excerpt, Source
from egovcode.model.coding import CoderCoding, CodingFile

#: Whether excerpts can be marked as key quotes (``key: true``) in this version of the model.
HAS_KEY = "key" in Excerpt.model_fields


@dataclass(frozen=True, slots=True)
class ExcerptChange:
    """What a save did: the excerpt, the file written, and whether anything changed."""

    case: str
    excerpt: str
    file: str
    written: bool
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case,
            "excerpt": self.excerpt,
            "file": self.file,
            "written": self.written,
            "notes": list(self.notes),
        }


def find_case(project: Project, case: str) -> LoadedCase:
    """The loaded case with id ``case``; :class:`EditError` (EGC735) when there is none."""
    for loaded in project.cases:
        if loaded.data.case.id == case:
            return loaded
    raise EditError("EGC735", f"there is no case {case!r} in the project", usage=True)


def find_source(loaded: LoadedCase, source: str) -> Source:
    """The source ``source`` of a case; :class:`EditError` (EGC736) when it has none."""
    for item in loaded.data.sources:
        if item.id == source:
            return item
    raise EditError("EGC736", f"case {loaded.data.case.id!r} has no source {source!r}", usage=True)


def next_excerpt_id(project: Project, source: str) -> str:
    """A new excerpt id, ``<source>-NNN``: one more than the highest number any excerpt of the
    project has after ``<source>-`` (the transcript importer's pattern), so it is unique
    project-wide and the same project always gets the same id."""
    pattern = re.compile(re.escape(source) + r"-(\d+)")
    taken = {e.id for lc in project.cases for e in lc.data.excerpts}
    numbers = [int(m[1]) for eid in taken if (m := pattern.fullmatch(eid))]
    n = max(numbers, default=0) + 1
    while f"{source}-{n:03d}" in taken:  # pragma: no cover - max + 1 is never taken
        n += 1
    return f"{source}-{n:03d}"


def add_excerpt(
    project: Project,
    case: str,
    source: str,
    span: tuple[int, int],
    *,
    codes: Sequence[str] = (),
    valence: str | None = None,
    memo: str | None = None,
    key: bool = False,
    locator: str | None = None,
) -> ExcerptChange:
    """Append an excerpt of ``source`` at ``span`` (code points of its text file) to the case
    file, its text taken from the file (and ``locator`` when given). Refuses a span that is not
    a passage of the text (EGC740), a source without a usable text (EGC723) and a passage that
    is an excerpt already (EGC724)."""
    loaded = find_case(project, case)
    item = find_source(loaded, source)
    text = _source_text(project, item, case)
    start, end = span
    if not (0 <= start < end <= len(text)) or not text[start:end].strip():
        raise EditError(
            "EGC740",
            f"[{start}, {end}] is not a passage of the text of {source!r} ({len(text)} characters)",
            usage=True,
        )
    for excerpt in loaded.data.excerpts:
        if excerpt.source == source and excerpt.span is not None and excerpt.span == (start, end):
            raise EditError("EGC724", f"this passage is excerpt {excerpt.id!r} already")
    wanted = list(dict.fromkeys(codes))
    notes = check_codes(project, wanted)
    check_valence(valence)
    display = loaded.source.display
    require_readable(project, display)
    eid = next_excerpt_id(project, source)
    speaker = speaker_at(text, item, start, end)
    new: dict[str, YamlValue] = {
        "id": eid,
        "source": source,
        "span": [start, end],
        **({"locator": locator} if locator else {}),
        **({"speaker": speaker} if speaker else {}),
        "text": text[start:end],
        "codes": wanted,
    }
    if valence:
        new["valence"] = valence
    if memo:
        new["memo"] = memo
    if key and HAS_KEY:
        new["key"] = True
    edits: list[Edit] = [AppendItems(("excerpts",), (new,))]
    if "excerpts" not in _top_keys(loaded):
        edits = [FieldEdit((), "excerpts", [])]
        first = edited_bytes(loaded.source.path, loaded.source.text, edits, CaseFile, display)
        data = _edit_again(first, [AppendItems(("excerpts",), (new,))], display)
    else:
        data = edited_bytes(loaded.source.path, loaded.source.text, edits, CaseFile, display)
    write_edited(loaded.source.path, data)
    return ExcerptChange(case, eid, display, True, tuple(notes))


def set_coding(
    project: Project,
    excerpt_id: str,
    codes: Sequence[str],
    *,
    valence: str | None = None,
    memo: str | None = None,
    key: bool | None = None,
    coder: str | None = None,
) -> ExcerptChange:
    """Set the excerpt's codes to exactly ``codes``; set ``valence`` and ``memo`` when given,
    remove them when given empty (``""``), leave them when ``None``; mark it a key quote or not
    with ``key`` (case file only). With ``coder`` the coding goes to ``codings/<coder>/<case>.yaml``
    (created when missing; the case file is not touched)."""
    loaded, index, excerpt = find_excerpt(project, excerpt_id)
    wanted = list(dict.fromkeys(codes))
    notes = check_codes(project, wanted)
    check_valence(valence or None)
    if coder is not None:
        return _set_in_coder_file(project, loaded, excerpt, wanted, valence, memo, coder, notes)
    display = loaded.source.display
    require_readable(project, display)
    path = loaded.path_of("excerpts", index)
    edits: list[Edit] = []
    if wanted != list(excerpt.codes):
        edits.append(FieldEdit(path, "codes", wanted, AFTER_CODES))
    edits += _optional(path, "valence", valence, excerpt.valence, AFTER_VALENCE)
    if memo is not None and memo != _memo_text(excerpt.memo):
        edits += _optional(path, "memo", memo, None, ())
    if key is not None and HAS_KEY and key != bool(getattr(excerpt, "key", False)):
        edits.append(FieldEdit(path, "key", True) if key else RemoveKey(path, "key"))
    if edits:
        data = edited_bytes(loaded.source.path, loaded.source.text, edits, CaseFile, display)
        write_edited(loaded.source.path, data)
    return ExcerptChange(loaded.data.case.id, excerpt.id, display, bool(edits), tuple(notes))


def delete_excerpt(project: Project, excerpt_id: str) -> ExcerptChange:
    """Remove the excerpt from its case file. Refused (EGC741) while a coder file or a merge
    record refers to it, so no rating is left pointing at nothing."""
    loaded, index, excerpt = find_excerpt(project, excerpt_id)
    case = loaded.data.case.id
    users = [
        c.source.display
        for c in project.codings
        if c.data.case == case and excerpt.id in c.data.codings
    ]
    record = read_records(project.root, [case]).get(case)
    if record is not None and excerpt.id in record.excerpts:
        users.append(f"codings/_merge/{case}.yaml")
    if users:
        raise EditError("EGC741", f"excerpt {excerpt.id!r} is rated in {', '.join(sorted(users))}")
    display = loaded.source.display
    require_readable(project, display)
    section, at = loaded.path_of("excerpts", index)
    edits: list[Edit] = [RemoveItem((section,), int(at))]
    data = edited_bytes(loaded.source.path, loaded.source.text, edits, CaseFile, display)
    write_edited(loaded.source.path, data)
    return ExcerptChange(case, excerpt.id, display, True)


def speaker_at(text: str, source: Source, start: int, end: int) -> str | None:
    """The speaker of ``text[start:end]`` when the passage lies inside one turn of a
    transcript (a source with a ``speakers`` attribute, as ``import transcript`` writes it):
    the turns are found again in the text as the importer found them. ``None`` when the
    source names no speakers, the text no longer reads as a transcript with them, or the
    passage starts before a turn's words or runs into the next turn."""
    from egovcode.interchange.transcript.errors import TranscriptError
    from egovcode.interchange.transcript.turns import detect

    roles = source.speaker_roles()
    if not roles:
        return None
    try:
        transcript = detect(text, explicit=frozenset(roles), speakers=roles)
    except TranscriptError:
        return None
    for turn in transcript.turns:
        if turn.label is not None and turn.start <= start and end <= turn.end:
            return turn.label
    return None


def _source_text(project: Project, source: Source, case: str) -> str:
    if not source.file:
        raise EditError(
            "EGC723", f"source {source.id!r} of case {case!r} has no text file", usage=True
        )
    found = read_text_file(project.root, source.file, Limits.from_env())
    if found.text is None or found.problems:
        problem = found.problems[0].message if found.problems else source.file
        raise EditError("EGC723", f"the text of source {source.id!r} cannot be used: {problem}")
    return found.text


def _top_keys(loaded: LoadedCase) -> set[str]:
    from egovcode.load.yamlfile import parse

    data = parse(loaded.source.text, Limits.from_env())
    return set(data) if isinstance(data, dict) else set()


def _edit_again(first: bytes, edits: list[Edit], display: str) -> bytes:
    """A second round of edits on bytes not yet written (a key added, then items appended)."""
    import codecs

    from pydantic import ValidationError

    from egovcode.load.yamledit import YamlEditError, edit_fields
    from egovcode.load.yamlfile import parse

    bom = codecs.BOM_UTF8 if first.startswith(codecs.BOM_UTF8) else b""
    text = first[len(bom) :].decode("utf-8")
    try:
        new = edit_fields(text, edits)
        CaseFile.model_validate(parse(new, Limits.from_env()))
    except (YamlEditError, ValidationError) as exc:
        raise EditError("EGC730", f"{display}: {exc}", file=display) from None
    return bom + new.encode("utf-8")


def _optional(
    path: tuple[str | int, ...],
    key: str,
    value: str | None,
    current: object,
    before: tuple[str, ...],
) -> list[Edit]:
    """Set ``key`` to ``value``, remove it for ``""``, leave it for ``None``."""
    if value is None or value == (current or ""):
        return []
    if value == "":
        return [RemoveKey(path, key)]
    return [FieldEdit(path, key, value, before)]


def _memo_text(memo: object) -> str:
    return memo if isinstance(memo, str) else ""


def _set_in_coder_file(
    project: Project,
    loaded: LoadedCase,
    excerpt: Excerpt,
    codes: list[str],
    valence: str | None,
    memo: str | None,
    coder: str,
    notes: list[str],
) -> ExcerptChange:
    check_coder_name(project, coder)
    case = loaded.data.case.id
    existing = coder_file(project, coder, case)
    entry = existing.data.codings.get(excerpt.id) if existing else None
    value = _coding_value(codes, valence, memo, entry)
    if existing is None:
        path = project.root / CODER_PATTERN.format(coder=coder, case=case)
        display = display_name(path, project.root)
        if path.exists():
            raise EditError(
                "EGC728",
                f"{display} exists but was not read as a coder file "
                "(see `egovcode validate`, and `codings:` in egovcode.yaml)",
            )
        text = (
            f"coder: {flow(coder)}\ncase: {flow(case)}\ncodings:\n"
            f"  {flow(excerpt.id)}: {flow(value)}\n"
        )
        write_new(path, text, CodingFile, display)
        return ExcerptChange(case, excerpt.id, display, True, tuple(notes))
    display = existing.source.display
    require_readable(project, display)
    edits: list[Edit]
    if excerpt.id not in existing.data.codings:
        edits = [AddEntries(("codings",), (Entry(excerpt.id, value),))]
    elif entry is not None and _is_block(existing.source, excerpt.id):
        at = ("codings", excerpt.id)
        edits = []
        if codes != list(entry.codes):
            edits.append(FieldEdit(at, "codes", codes, AFTER_CODES))
        edits += _optional(at, "valence", valence, entry.valence, AFTER_VALENCE)
        if memo is not None:
            edits += _optional(at, "memo", memo, entry.memo, ())
    elif entry is not None and value == _coding_value(list(entry.codes), None, None, entry):
        edits = []
    else:  # `kdr-001: null`, or a one-line `{codes: [...], ...}`: write the entry whole
        edits = [FieldEdit(("codings",), excerpt.id, value)]
    if edits:
        data = edited_bytes(existing.source.path, existing.source.text, edits, CodingFile, display)
        write_edited(existing.source.path, data)
    return ExcerptChange(case, excerpt.id, display, bool(edits), tuple(notes))


def _coding_value(
    codes: list[str], valence: str | None, memo: str | None, entry: CoderCoding | None
) -> dict[str, YamlValue]:
    """A coder's entry: the codes, and the valence and memo (given, or kept from ``entry``)."""
    value: dict[str, YamlValue] = {"codes": codes}
    keep_valence = entry.valence if entry is not None and valence is None else valence
    keep_memo = entry.memo if entry is not None and memo is None else memo
    if keep_valence:
        value["valence"] = keep_valence
    if keep_memo:
        value["memo"] = keep_memo
    CoderCoding.model_validate(value)
    return value


def _is_block(source: Any, excerpt_id: str) -> bool:
    """Whether the coder's entry for the excerpt is a block mapping (one key per line)."""
    from yaml.nodes import MappingNode

    node = source.node_at(("codings", excerpt_id))
    return isinstance(node, MappingNode) and not node.flow_style
