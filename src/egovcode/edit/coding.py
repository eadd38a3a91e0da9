"""Applying and removing codes on an excerpt: in its case file, or in one coder's file.

``code_excerpt`` is what ``egovcode code`` runs and what the browser workbench calls. The case
file (or the coder file ``codings/<coder>/<case>.yaml``) is edited in place through
:mod:`egovcode.load.yamledit`, so comments and layout stay; a coder file that does not exist yet
is created.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from egovcode.check.schema import suggest
from egovcode.edit.errors import EditError
from egovcode.edit.files import edited_bytes, require_readable, write_edited, write_new
from egovcode.load.project import LoadedCase, LoadedCoding, Project, display_name
from egovcode.load.yamledit import AddEntries, Edit, Entry, FieldEdit, YamlValue, flow
from egovcode.model import CaseFile, Excerpt
from egovcode.model.coding import CoderCoding, CodingFile

VALENCES = ("supporting", "inhibiting", "neutral")
#: Keys that follow ``codes``, ``valence`` and ``memo`` in an excerpt, for adding a missing one.
AFTER_CODES = ("valence", "coder", "memo")
AFTER_VALENCE = ("coder", "memo")
CODER_PATTERN = "codings/{coder}/{case}.yaml"


@dataclass(frozen=True, slots=True)
class CodeOutcome:
    """What ``code_excerpt`` did: the file written (None when nothing changed) and the excerpt's
    codes, valence and memo before and after."""

    case: str
    excerpt: str
    coder: str | None
    file: str
    written: bool
    created: bool
    codes_before: tuple[str, ...]
    codes: tuple[str, ...]
    valence_before: str | None
    valence: str | None
    memo: str | None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["codes_before"], out["codes"] = list(self.codes_before), list(self.codes)
        out["notes"] = list(self.notes)
        return out


def find_excerpt(project: Project, excerpt_id: str) -> tuple[LoadedCase, int, Excerpt]:
    """The case, index and excerpt with id ``excerpt_id``; raises :class:`EditError` (EGC725)
    with the closest id when no excerpt has it, and (EGC201) when several cases have it: which
    one is meant cannot be guessed, and editing the wrong one would go unnoticed."""
    found = [
        (loaded, i, excerpt)
        for loaded in project.cases
        for i, excerpt in enumerate(loaded.data.excerpts)
        if excerpt.id == excerpt_id
    ]
    if len(found) == 1:
        return found[0]
    if found:
        where = ", ".join(f"{lc.data.case.id} ({lc.source.display})" for lc, _, _ in found)
        raise EditError(
            "EGC201",
            f"excerpt id {excerpt_id!r} is used in more than one case: {where}; "
            "nothing was changed",
        )
    known = [e.id for lc in project.cases for e in lc.data.excerpts]
    raise EditError(
        "EGC725",
        f"no excerpt has the id {excerpt_id!r}",
        hint=suggest(excerpt_id, known) or "`egovcode query` lists the excerpts with their ids.",
        usage=True,
    )


def check_codes(project: Project, codes: Sequence[str]) -> list[str]:
    """Refuse codes the codebook does not have (EGC726, with the same "did you mean" as
    ``validate``); return notes for deprecated ones."""
    known = project.codebook.by_id() if project.codebook else {}
    notes = []
    for code in codes:
        if code not in known:
            raise EditError(
                "EGC726",
                f"{code!r} is not a code of the codebook",
                hint=suggest(code, known) or "`egovcode codebook show` lists the codes.",
                usage=True,
            )
        if known[code].deprecated:
            better = known[code].replaced_by
            notes.append(
                f"{code} is deprecated" + (f"; it is replaced by {better}." if better else ".")
            )
    return notes


def check_valence(valence: str | None) -> None:
    if valence is not None and valence not in VALENCES:
        raise EditError(
            "EGC733",
            f"{valence!r} is not a valence",
            hint=f"Use one of {', '.join(VALENCES)}.",
            usage=True,
        )


def code_excerpt(
    project: Project,
    excerpt_id: str,
    codes: Sequence[str] = (),
    *,
    remove: bool = False,
    valence: str | None = None,
    memo: str | None = None,
    coder: str | None = None,
) -> CodeOutcome:
    """Apply ``codes`` to the excerpt (or take them off with ``remove``), and set its valence
    and memo when given; in the case file, or with ``coder`` in that coder's file.

    Codes already applied are not added twice; removing a code the excerpt does not have is
    refused (EGC727). Nothing is written when nothing changes. Raises :class:`EditError`.
    """
    loaded, index, excerpt = find_excerpt(project, excerpt_id)
    wanted = list(dict.fromkeys(codes))
    if not wanted and valence is None and memo is None:
        raise EditError(
            "EGC734", "give a code to apply or remove, or --valence or --memo", usage=True
        )
    if remove and (valence is not None or memo is not None):
        raise EditError("EGC734", "--remove takes codes only, not --valence or --memo", usage=True)
    notes = [] if remove else check_codes(project, wanted)
    check_valence(valence)
    if coder is not None:
        return _code_in_coder_file(
            project, loaded, excerpt, wanted, remove, valence, memo, coder, notes
        )
    display = loaded.source.display
    require_readable(project, display)
    before = list(excerpt.codes)
    after = _changed_codes(before, wanted, remove, excerpt.id)
    path = loaded.path_of("excerpts", index)
    edits: list[Edit] = []
    if after != before:
        edits.append(FieldEdit(path, "codes", after, AFTER_CODES))
    if valence is not None and valence != excerpt.valence:
        edits.append(FieldEdit(path, "valence", valence, AFTER_VALENCE))
    if memo is not None and memo != excerpt.memo:
        edits.append(FieldEdit(path, "memo", memo))
    if edits:
        data = edited_bytes(loaded.source.path, loaded.source.text, edits, CaseFile, display)
        write_edited(loaded.source.path, data)
    return CodeOutcome(
        case=loaded.data.case.id,
        excerpt=excerpt.id,
        coder=None,
        file=display,
        written=bool(edits),
        created=False,
        codes_before=tuple(before),
        codes=tuple(after),
        valence_before=excerpt.valence,
        valence=valence if valence is not None else excerpt.valence,
        memo=memo if memo is not None else _memo_text(excerpt.memo),
        notes=tuple(notes),
    )


def _memo_text(memo: object) -> str | None:
    return memo if isinstance(memo, str) or memo is None else str(memo)


def _changed_codes(before: list[str], wanted: list[str], remove: bool, excerpt: str) -> list[str]:
    if not remove:
        return before + [c for c in wanted if c not in before]
    missing = [c for c in wanted if c not in before]
    if missing:
        raise EditError(
            "EGC727",
            f"excerpt {excerpt!r} does not have the code(s) {', '.join(missing)}; "
            f"its codes are {', '.join(before) or '(none)'}",
            usage=True,
        )
    return [c for c in before if c not in wanted]


def coder_file(project: Project, coder: str, case: str) -> LoadedCoding | None:
    """The coder's loaded file for ``case``, if there is one."""
    found = [c for c in project.codings if c.data.coder == coder and c.data.case == case]
    found.sort(key=lambda c: (Path(c.source.display).stem != case, c.source.display))
    return found[0] if found else None


def check_coder_name(project: Project, coder: str) -> None:
    """Refuse a coder name that cannot be a folder of ``codings/`` (EGC732)."""
    from pydantic import TypeAdapter, ValidationError

    from egovcode.model.types import Ident

    try:
        TypeAdapter(Ident).validate_python(coder)
    except ValidationError:
        raise EditError(
            "EGC732",
            f"{coder!r} cannot be a coder's name",
            hint="Use letters, digits, '_', '-' and '.', starting with a letter or digit.",
            usage=True,
        ) from None


def _code_in_coder_file(
    project: Project,
    loaded: LoadedCase,
    excerpt: Excerpt,
    wanted: list[str],
    remove: bool,
    valence: str | None,
    memo: str | None,
    coder: str,
    notes: list[str],
) -> CodeOutcome:
    check_coder_name(project, coder)
    case = loaded.data.case.id
    existing = coder_file(project, coder, case)
    entry = existing.data.codings.get(excerpt.id) if existing else None
    before = list(entry.codes) if entry else []
    if remove and entry is None:
        raise EditError(
            "EGC731",
            f"coder {coder!r} has not rated excerpt {excerpt.id!r}, so there is no code to remove",
            usage=True,
        )
    after = _changed_codes(before, wanted, remove, excerpt.id)
    new_valence = valence if valence is not None else (entry.valence if entry else None)
    new_memo = memo if memo is not None else (entry.memo if entry else None)
    outcome = CodeOutcome(
        file="",
        written=False,
        created=False,
        case=case,
        excerpt=excerpt.id,
        coder=coder,
        codes_before=tuple(before),
        codes=tuple(after),
        valence_before=entry.valence if entry else None,
        valence=new_valence,
        memo=new_memo,
        notes=tuple(notes),
    )
    if existing is None:
        path = project.root / CODER_PATTERN.format(coder=coder, case=case)
        display = display_name(path, project.root)
        if path.exists():
            raise EditError(
                "EGC728",
                f"{display} exists but was not read as a coder file "
                "(see `egovcode validate`, and `codings:` in egovcode.yaml)",
            )
        value = _codingflow(after, new_valence, new_memo)
        text = (
            f"coder: {flow(coder)}\ncase: {flow(case)}\ncodings:\n"
            f"  {flow(excerpt.id)}: {flow(value)}\n"
        )
        write_new(path, text, CodingFile, display)
        return replace(outcome, file=display, written=True, created=True)
    display = existing.source.display
    require_readable(project, display)
    edits: list[Edit] = []
    if entry is None:
        value = _codingflow(after, new_valence, new_memo)
        if excerpt.id in existing.data.codings:  # `kdr-001: null`
            edits.append(FieldEdit(("codings",), excerpt.id, value))
        else:
            edits.append(AddEntries(("codings",), (Entry(excerpt.id, value),)))
    else:
        at = ("codings", excerpt.id)
        if after != before:
            edits.append(FieldEdit(at, "codes", after, AFTER_CODES))
        if valence is not None and valence != entry.valence:
            edits.append(FieldEdit(at, "valence", valence, AFTER_VALENCE))
        if memo is not None and memo != entry.memo:
            edits.append(FieldEdit(at, "memo", memo))
    if edits:
        data = edited_bytes(existing.source.path, existing.source.text, edits, CodingFile, display)
        write_edited(existing.source.path, data)
    return replace(outcome, file=display, written=bool(edits))


def _codingflow(codes: list[str], valence: str | None, memo: str | None) -> YamlValue:
    value: dict[str, YamlValue] = {"codes": codes}
    if valence is not None:
        value["valence"] = valence
    if memo is not None:
        value["memo"] = memo
    CoderCoding.model_validate(value)
    return value
