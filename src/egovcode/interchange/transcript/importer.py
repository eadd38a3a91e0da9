"""``egovcode import transcript`` as a library call: transcript files into a case.

For each file: read it, canonicalise the text, replace names, detect the header and the turns,
then plan the source (``texts/<case>/<source>.txt`` frozen, the original copied beside it) and
one uncoded excerpt per unit of an informant's turn, with its span. Everything is planned and
checked first (the case file's edit must read back as intended and validate); only then is
anything written, each file atomically. The case file is edited in place, keeping its comments.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from egovcode.interchange.transcript.canon import Replacement, canonical, replace_names
from egovcode.interchange.transcript.errors import TranscriptError
from egovcode.interchange.transcript.header import header_fields
from egovcode.interchange.transcript.readers import check_readable, read_document
from egovcode.interchange.transcript.turns import Transcript, Turn, detect
from egovcode.load.limits import Limits
from egovcode.load.project import Project, display_name, load_project
from egovcode.load.yamledit import AppendItems, FieldEdit, YamlEditError, edit_fields
from egovcode.load.yamlfile import YamlProblem, decode, parse
from egovcode.model import CaseFile
from egovcode.model.types import AttrValue, date_problem, is_ident

INTERVIEWER = "interviewer"

#: Written once into texts/: git must never change a source text's line ends.
GITATTRIBUTES = (
    "# Source texts are byte-exact: excerpt spans index into them. Git must not change their\n"
    "# line ends on checkout or commit (core.autocrlf), so they are not treated as text here.\n"
    "* -text\n"
)


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What ``egovcode import transcript`` was asked to do."""

    case: str
    speakers: dict[str, str] = field(default_factory=dict)
    unit: str = "turn"
    include_interviewer: bool = False
    informant_role: str | None = None
    date: str | None = None
    kind: str = "interview"
    source: str | None = None
    citation: str | None = None
    replace: tuple[Replacement, ...] = ()
    encoding: str | None = None
    case_name: str | None = None
    case_type: str = "other"
    force: bool = False
    dry_run: bool = False


@dataclass(slots=True)
class SourceImport:
    """One transcript's import: what was (or, on a dry run, would be) written."""

    file: str
    source: str
    status: str  # imported, unchanged, updated
    text_path: str
    original_path: str | None
    characters: int
    turns: list[Turn]
    transcript: Transcript
    excerpts: list[dict[str, Any]]
    replaced: dict[str, int]
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        text = self.transcript.text
        spans = {tuple(e["span"]) for e in self.excerpts}
        return {
            "file": self.file,
            "source": self.source,
            "status": self.status,
            "text": self.text_path,
            "original": self.original_path,
            "characters": self.characters,
            "turns": [
                {
                    "turn": t.number,
                    "line": t.line,
                    "label": t.label,
                    "role": t.role,
                    "timestamp": t.stamp,
                    "units": [[s, e] for s, e in t.units],
                    "excerpt": any(unit in spans for unit in t.units),
                    "text": " ".join(text[t.start : t.end].split()),
                }
                for t in self.turns
            ],
            "excerpts": [e["id"] for e in self.excerpts],
            "replaced": self.replaced,
            "notes": self.notes,
        }


@dataclass(slots=True)
class ImportOutcome:
    """Every file's import, the case file, and the files written (none on a dry run)."""

    case_file: str
    created_case: bool
    sources: list[SourceImport]
    dry_run: bool
    written: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "case_file": self.case_file,
            "created_case": self.created_case,
            "dry_run": self.dry_run,
            "sources": [s.to_dict() for s in self.sources],
            "written": self.written,
        }


def parse_speakers(spec: str | None) -> dict[str, str]:
    """``"P=interviewer, I=informant"`` as a mapping of label to role."""
    out: dict[str, str] = {}
    for part in (spec or "").split(","):
        if not part.strip():
            continue
        label, sep, role = part.partition("=")
        label, role = _nfc(label.strip()), _nfc(role.strip())
        if not sep or not label or not role:
            raise TranscriptError(
                f"--speakers: {part.strip()!r} must be LABEL=ROLE, "
                'e.g. "P=interviewer,I=informant".'
            )
        out[label] = role
    return out


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def source_id(path: Path) -> str:
    """A source id from a file name: ``Wawancara Kabid 01.docx`` -> ``wawancara-kabid-01``."""
    ascii_name = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:64].strip("-")
    if not slug:
        raise TranscriptError(
            f"{path.name}: no source id can be made from the name; give --source."
        )
    return slug


def import_transcripts(root: Path, files: list[Path], options: ImportOptions) -> ImportOutcome:
    """Import ``files`` into case ``options.case`` of the project at ``root``."""
    if not is_ident(options.case):
        raise TranscriptError(f"--case {options.case!r} is not a valid case id.")
    if options.source is not None and len(files) > 1:
        raise TranscriptError("--source names one source; import one file at a time with it.")
    problem = date_problem(options.date) if options.date is not None else None
    if problem is not None:
        raise TranscriptError(f"--date {problem[1]}.")
    for path in files:
        check_readable(path)
    limits = Limits.from_env()
    project = load_project(root, limits)
    case_path, case_text, created = _case_file(project, options, limits)
    known_ids = {e.id for lc in project.cases for e in lc.data.excerpts}
    outcome = ImportOutcome(display_name(case_path, root), created, [], options.dry_run)
    writes: list[tuple[Path, bytes, bool]] = []
    seen_sources: set[str] = set()
    for path in files:
        planned, case_text, file_writes = _plan(
            root, path, options, case_text, known_ids, seen_sources, limits
        )
        outcome.sources.append(planned)
        writes.extend(file_writes)
        known_ids.update(e["id"] for e in planned.excerpts)
        seen_sources.add(planned.source)
    original = case_path.read_bytes() if case_path.is_file() else b""
    new_case = case_text.encode("utf-8")
    if original.startswith(b"\xef\xbb\xbf"):
        new_case = b"\xef\xbb\xbf" + new_case
    if new_case != original:
        writes.append((case_path, new_case, True))
    if options.dry_run:
        return outcome
    from egovcode.output import PlannedWrite, commit_files

    staged: list[PlannedWrite] = []
    for path, data, _ in writes:
        old = path.read_bytes() if path.is_file() else None
        if old != data:
            staged.append(PlannedWrite(path, data, old))
    attributes = root / "texts" / ".gitattributes"
    if (
        staged
        and not attributes.exists()
        and any(w.path.parent.parent == attributes.parent for w in staged)
    ):
        staged.append(PlannedWrite(attributes, GITATTRIBUTES.encode("utf-8"), None))
    for folder in sorted({w.path.parent for w in staged}):
        if folder == root / "texts" or folder.parent == root / "texts":  # the importer's folders
            folder.mkdir(parents=True, exist_ok=True)
    # all or nothing: each file is re-checked just before it is replaced
    commit_files(staged, display=lambda p: display_name(p, root))
    outcome.written.extend(display_name(w.path, root) for w in staged)
    return outcome


def _case_file(project: Project, options: ImportOptions, limits: Limits) -> tuple[Path, str, bool]:
    """The case file to edit (found by case id), its text, and whether it is new."""
    for loaded in project.cases:
        if loaded.data.case.id == options.case:
            raw = loaded.source.path.read_bytes()
            return loaded.source.path, decode(raw, limits), False
    path = project.root / "cases" / f"{options.case}.yaml"
    if path.exists():
        raise TranscriptError(
            f"cases/{options.case}.yaml cannot be read as a case file; "
            "fix it first (see `egovcode validate`)."
        )
    if options.case_name is None:
        raise TranscriptError(
            f"no case {options.case!r} in the project; give --case-name NAME to create "
            f"cases/{options.case}.yaml."
        )
    from egovcode.load.dump import dump_yaml

    data = {"case": {"id": options.case, "name": options.case_name, "type": options.case_type}}
    return path, dump_yaml(data) + "sources: []\nexcerpts: []\n", True


def _read(
    path: Path, options: ImportOptions, limits: Limits
) -> tuple[str, frozenset[str], dict[str, int]]:
    document = read_document(path, encoding=options.encoding, limits=limits)
    text, replaced = replace_names(canonical(document.text), list(options.replace))
    text = canonical(text)
    labels = frozenset(
        replace_names(unicodedata.normalize("NFC", label), list(options.replace))[0]
        for label in document.labels
    )
    return text, labels, replaced


def _plan(
    root: Path,
    path: Path,
    options: ImportOptions,
    case_text: str,
    known_ids: set[str],
    seen_sources: set[str],
    limits: Limits,
) -> tuple[SourceImport, str, list[tuple[Path, bytes, bool]]]:
    text, labels, replaced = _read(path, options, limits)
    if not text.strip():
        raise TranscriptError(f"{path.name} holds no text.")
    transcript = detect(
        text, explicit=labels, speakers=options.speakers, unit=options.unit, name=path.name
    )
    sid = options.source or source_id(path)
    if not is_ident(sid):
        raise TranscriptError(f"--source {sid!r} is not a valid source id.")
    if sid in seen_sources:
        raise TranscriptError(
            f"{path.name}: two files give source id {sid!r}; "
            "import them one at a time with --source."
        )
    rel = f"texts/{options.case}/{sid}.txt"
    text_path = root / rel
    case_data = _case_data(case_text, limits)
    existing = next((s for s in case_data.get("sources") or [] if s.get("id") == sid), None)
    frozen = text_path.read_bytes() if text_path.is_file() else None
    status = "imported"
    if existing is not None and existing.get("file") != rel:
        has = f"with text {existing['file']}" if existing.get("file") else "without a text"
        raise TranscriptError(
            f"source {sid!r} already exists in case {options.case!r} {has}; "
            "choose another id with --source."
        )
    if frozen is not None and frozen != text.encode("utf-8"):
        if not options.force:
            raise TranscriptError(
                f"{rel} differs from {path.name} as imported now. Spans and coder files depend on "
                "the frozen text, so it is not replaced without --force (excerpts already in the "
                "case file are kept; `egovcode validate` then shows any span that moved)."
            )
        status = "updated"
    elif frozen is not None and existing is not None:
        status = "unchanged"

    notes = [
        f"--speakers maps {label!r}, which does not occur" for label in transcript.unused_speakers
    ]
    pseudonyms = {r.pseudonym for r in options.replace}
    fields = header_fields(transcript.header, pseudonyms)
    if fields.named and options.informant_role is None and status == "imported":
        value, line = fields.named[0]
        raise TranscriptError(
            f"{path.name}, line {line}: the header names the informant as {value!r}. No name "
            f'may reach the project: replace it, e.g. --replace "{value}=Informan 1".'
        )
    if fields.bad_date and options.date is None:
        value, line, why = fields.bad_date
        raise TranscriptError(
            f"{path.name}, line {line}: the header's date {value!r} does not exist ({why}). "
            "Correct it in the transcript, or give the date with --date."
        )
    suffix = path.suffix.lower()
    original_rel: str | None = f"texts/{options.case}/{sid}{suffix}"
    if suffix in (".txt", ".md"):
        original_rel = f"texts/{options.case}/{sid}.original{suffix}"
        if path.read_bytes() == text.encode("utf-8"):
            original_rel = None  # the text is the original
    if original_rel is not None and any(replaced.values()):
        notes.append("the original is not copied: it holds the names that --replace replaced")
        original_rel = None

    excerpts = _excerpts(sid, transcript, options, case_data, known_ids, status)
    writes: list[tuple[Path, bytes, bool]] = []
    if status in ("imported", "updated"):
        if frozen is None or status == "updated":
            writes.append((text_path, text.encode("utf-8"), status == "updated"))
        if original_rel is not None:
            copied = root / original_rel
            if copied.is_file() and copied.read_bytes() != path.read_bytes() and not options.force:
                raise TranscriptError(
                    f"{original_rel} exists and differs from {path.name}; "
                    "add --force to replace it."
                )
            writes.append((copied, path.read_bytes(), True))
    if existing is None:
        source = _source(sid, rel, original_rel, path, options, fields, transcript)
        case_text = _append(case_text, "sources", [source], ("excerpts",), limits)
    if excerpts:
        case_text = _append(case_text, "excerpts", excerpts, (), limits)
    _check_case(case_text, limits)
    planned = SourceImport(
        file=path.name,
        source=sid,
        status=status,
        text_path=rel,
        original_path=original_rel if existing is None else existing.get("original"),
        characters=len(text),
        turns=transcript.turns,
        transcript=transcript,
        excerpts=excerpts,
        replaced={k: v for k, v in replaced.items()},
        notes=notes,
    )
    return planned, case_text, writes


def _case_data(case_text: str, limits: Limits) -> dict[str, Any]:
    try:
        data = parse(case_text, limits)
    except YamlProblem as problem:
        raise TranscriptError(f"the case file cannot be read: {problem.message}") from None
    return data if isinstance(data, dict) else {}


def _source(
    sid: str,
    rel: str,
    original: str | None,
    path: Path,
    options: ImportOptions,
    fields: Any,
    transcript: Transcript,
) -> dict[str, Any]:
    role = options.informant_role or fields.role
    date = options.date or fields.date
    source: dict[str, Any] = {"id": sid, "kind": options.kind}
    source["citation"] = options.citation or (
        f"Interview with {role}" + (f", {date}" if date else "")
        if role and options.kind == "interview"
        else f"Transcript {sid}"
    )
    if role:
        source["informant_role"] = role
    if date:
        source["date"] = date
    source["file"] = rel
    if original:
        source["original"] = original
    attributes: dict[str, AttrValue] = dict(fields.attributes)
    used = sorted({(t.label, t.role) for t in transcript.turns if t.label and t.role})
    if used:
        attributes["speakers"] = ", ".join(f"{label}={role}" for label, role in used)
    if attributes:
        source["attributes"] = attributes
    return source


def _excerpts(
    sid: str,
    transcript: Transcript,
    options: ImportOptions,
    case_data: dict[str, Any],
    known_ids: set[str],
    status: str,
) -> list[dict[str, Any]]:
    if status == "unchanged":
        return []
    mine = [e for e in case_data.get("excerpts") or [] if e.get("source") == sid]
    have_texts = {e.get("text") for e in mine}
    numbers = [
        int(m[1]) for e in mine if (m := re.fullmatch(re.escape(sid) + r"-(\d+)", str(e.get("id"))))
    ]
    units = [
        (turn, k, unit)
        for turn in transcript.turns
        if turn.role != INTERVIEWER or options.include_interviewer
        for k, unit in enumerate(turn.units, start=1)
    ]
    width = max(3, len(str(len(units) + max(numbers, default=0))))
    n = max(numbers, default=0)
    out = []
    text = transcript.text
    for turn, k, (start, end) in units:
        said = text[start:end]
        if said in have_texts:
            continue  # already an excerpt of this source (a re-import with --force)
        n += 1
        eid = f"{sid}-{n:0{width}d}"
        if eid in known_ids:
            raise TranscriptError(
                f"excerpt id {eid!r} is already used in the project; give the source another id "
                "with --source."
            )
        item: dict[str, Any] = {
            "id": eid,
            "source": sid,
            "span": [start, end],
            "locator": _locator(turn, k, len(turn.units), options.unit),
        }
        if turn.label is not None:
            item["speaker"] = turn.label
        item.update(text=said, codes=[])
        out.append(item)
    return out


def _locator(turn: Turn, part: int, parts: int, unit: str) -> str:
    bits = [f"turn {turn.number}"]
    if turn.label is not None:
        bits.append(f"{turn.label} ({turn.role})" if turn.role != turn.label else turn.label)
    if turn.stamp:
        bits.append(turn.stamp)
    if parts > 1:
        bits.append(f"{'paragraph' if unit == 'paragraph' else 'part'} {part}")
    return ", ".join(bits)


def _append(
    text: str, key: str, items: list[dict[str, Any]], before: tuple[str, ...], limits: Limits
) -> str:
    """``text`` with ``items`` appended to the top-level list ``key`` (added when missing)."""
    try:
        data = parse(text, limits)
        if not isinstance(data, dict) or data.get(key) is None:
            text = edit_fields(text, [FieldEdit((), key, [], before)], limits)
        return edit_fields(text, [AppendItems((key,), tuple(items))], limits)
    except (YamlEditError, YamlProblem) as exc:
        raise TranscriptError(f"the case file cannot be edited safely: {exc}") from None


def _check_case(text: str, limits: Limits) -> None:
    try:
        CaseFile.model_validate(parse(text, limits))
    except (ValidationError, YamlProblem) as exc:
        first = str(exc).splitlines()[0]
        raise TranscriptError(
            f"the imported source would make the case file invalid ({first}); "
            "check --date, --kind and the ids. Nothing was written."
        ) from None
