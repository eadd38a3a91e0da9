"""Carrying out a merge: edit the case files in place and keep the merge records.

Only ``codes`` (and ``valence`` where the rule settles it) of the merged excerpts change, by
targeted text edits that keep every comment and the layout of the case file. Every edited file
is read back and validated before anything is written; then each file is replaced atomically.
The coders' own files are never touched.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from egovcode.analyze.agreement.ordering import sorted_ids
from egovcode.analyze.merge import ExcerptMerge, MergePlan, parse_rule, plan_merge
from egovcode.errors import DataError
from egovcode.load.limits import Limits
from egovcode.load.merge_record import dump_record, read_records, record_path
from egovcode.load.project import Project, display_name
from egovcode.load.yamledit import FieldEdit, edit_fields
from egovcode.load.yamlfile import decode, parse
from egovcode.model import CaseFile
from egovcode.model.coding import CoderVote, MergeEntry, MergeRecord, Written
from egovcode.output import write_atomic

#: Keys that follow ``codes`` and ``valence`` in an excerpt, for adding a missing one.
AFTER_CODES = ("valence", "coder", "memo")
AFTER_VALENCE = ("coder", "memo")


@dataclass(slots=True)
class MergeOutcome:
    """The plan and the files written (none on a dry run)."""

    plan: MergePlan
    dry_run: bool
    written: list[str] = field(default_factory=list)


def merge(
    project: Project, rule: str, *, force: bool = False, dry_run: bool = False
) -> MergeOutcome:
    """Merge the coders' codings into the case files by ``rule``; see :mod:`analyze.merge`."""
    if not project.codings:
        raise DataError(
            "the project has no coder files (codings/<coder>/<case>.yaml) to merge; "
            "see docs/coders.md."
        )
    coders = sorted_ids(c.data.coder for c in project.codings)
    chosen = parse_rule(rule, coders)
    cases = [lc.data.case.id for lc in project.cases]
    records = read_records(project.root, cases)
    plan = plan_merge(project, chosen, records, force=force)
    outcome = MergeOutcome(plan, dry_run)
    if dry_run:
        return outcome
    limits = Limits.from_env()
    pending: list[tuple[Path, bytes]] = []
    for loaded in project.cases:
        case = loaded.data.case.id
        entries = [e for e in plan.excerpts if e.case == case]
        edits = [edit for e in entries if e.writes for edit in _edits(e)]
        if edits:
            pending.append(
                (loaded.source.path, _edited(loaded.source.path, loaded.source.text, edits, limits))
            )
        path = record_path(project.root, case)
        if entries or path.is_file():
            text = dump_record(_record(case, entries, records.get(case), str(chosen)))
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                pending.append((path, text.encode("utf-8")))
    for path, data in pending:  # everything was checked first; now write
        write_atomic(path, data, force=True)
        outcome.written.append(display_name(path, project.root))
    return outcome


def _edits(entry: ExcerptMerge) -> list[FieldEdit]:
    path = ("excerpts", entry.index)
    out = []
    if set(entry.codes) != set(entry.current_codes):
        out.append(FieldEdit(path, "codes", list(entry.codes), AFTER_CODES))
    if entry.new_valence != entry.current_valence and entry.new_valence is not None:
        out.append(FieldEdit(path, "valence", entry.new_valence, AFTER_VALENCE))
    return out


def _edited(path: Path, loaded_text: str, edits: list[FieldEdit], limits: Limits) -> bytes:
    """The case file's new bytes, validated; refuses a file changed since it was loaded."""
    raw = path.read_bytes()
    text = decode(raw, limits)
    if text != loaded_text:
        raise DataError(f"{path} changed while merging; run the merge again.")
    new = edit_fields(text, edits, limits)
    try:
        CaseFile.model_validate(parse(new, limits))
    except ValidationError:  # pragma: no cover - edit_fields already checked the values
        raise DataError(f"merging would make {path} invalid; it was left unchanged.") from None
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    return bom + new.encode("utf-8")


def _record(
    case: str, entries: list[ExcerptMerge], old: MergeRecord | None, rule: str
) -> MergeRecord:
    out: dict[str, MergeEntry] = {}
    for e in entries:
        if e.action == "conflict":
            prior = old.excerpts.get(e.excerpt) if old else None
            written = prior.written if prior else None
        else:
            written = Written(codes=list(e.codes), valence=e.new_valence)
        out[e.excerpt] = MergeEntry(
            rule=rule,
            coders={
                c: CoderVote(codes=list(v.codes), valence=v.valence) for c, v in e.votes.items()
            },
            consensus=list(e.consensus),
            disputed=list(e.disputed),
            unresolved=list(e.unresolved),
            valence=e.valence,
            written=written,
        )
    return MergeRecord(case=case, excerpts=out)
