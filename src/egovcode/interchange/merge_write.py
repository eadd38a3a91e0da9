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
from egovcode.load.merge_record import MERGE_FOLDER, dump_record, read_records, record_path
from egovcode.load.project import Project, display_name
from egovcode.load.yamledit import FieldEdit, edit_fields
from egovcode.load.yamlfile import decode, parse
from egovcode.model import CaseFile
from egovcode.model.coding import CoderVote, MergeEntry, MergeRecord, Written
from egovcode.output import PlannedWrite, commit_files

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
    records_first: list[PlannedWrite] = []
    cases_after: list[PlannedWrite] = []
    shown: list[Path] = []  # each case file, then its record
    for loaded in project.cases:
        case = loaded.data.case.id
        entries = [e for e in plan.excerpts if e.case == case]
        edits = [edit for e in entries if e.writes for edit in _edits(e)]
        if edits:
            cases_after.append(_edited(loaded.source.path, loaded.source.text, edits, limits))
            shown.append(loaded.source.path)
        path = record_path(project.root, case)
        if entries or path.is_file():
            text = dump_record(_record(case, entries, records.get(case), str(chosen)))
            old = path.read_bytes() if path.is_file() else None
            if old is None or old.decode("utf-8", errors="replace") != text:
                records_first.append(PlannedWrite(path, text.encode("utf-8"), old))
                shown.append(path)
    pending = records_first + cases_after
    if records_first:
        (project.root / MERGE_FOLDER).mkdir(parents=True, exist_ok=True)
    # Everything was checked first; each file is re-checked just before it is replaced, and a
    # failure puts back the files already replaced.
    commit_files(pending, display=lambda p: display_name(p, project.root))
    outcome.written.extend(display_name(path, project.root) for path in shown)
    return outcome


def _edits(entry: ExcerptMerge) -> list[FieldEdit]:
    path = ("excerpts", entry.index)
    out = []
    if set(entry.codes) != set(entry.current_codes):
        out.append(FieldEdit(path, "codes", list(entry.codes), AFTER_CODES))
    if entry.new_valence != entry.current_valence and entry.new_valence is not None:
        out.append(FieldEdit(path, "valence", entry.new_valence, AFTER_VALENCE))
    return out


def _edited(path: Path, loaded_text: str, edits: list[FieldEdit], limits: Limits) -> PlannedWrite:
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
    return PlannedWrite(path, bom + new.encode("utf-8"), raw)


def _record(
    case: str, entries: list[ExcerptMerge], old: MergeRecord | None, rule: str
) -> MergeRecord:
    out: dict[str, MergeEntry] = {}
    for e in entries:
        if e.action == "conflict":
            prior = old.excerpts.get(e.excerpt) if old else None
            written = prior.written if prior else None
        else:
            written = Written(codes=list(e.codes), valence=_written_valence(e, old))
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


def _written_valence(entry: ExcerptMerge, old: MergeRecord | None) -> str | None:
    """The valence the merge can claim as its own: one the rule decided, or one an earlier merge
    wrote that the case file still holds. A valence set by hand that the rule left open is not
    recorded, so a later merge treats it as hand-set and never changes it without --force."""
    if entry.valence is not None:
        return entry.new_valence
    prior = old.excerpts.get(entry.excerpt) if old else None
    written = prior.written if prior is not None else None
    if written is not None and written.valence is not None and written.valence == entry.new_valence:
        return entry.new_valence
    return None
