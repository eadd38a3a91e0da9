"""A REFI-QDA document as egovcode project data: the plan of the files an import writes.

Codes keep their names as labels, their colours and ``isCodable``; users become coders; Cases
become case files with typed attributes; TextSources become sources with their text frozen
under ``texts/``; PlainTextSelections become excerpts with spans; notes become memos. What has
no place (audio, video, pictures, graphs, ...) is counted in ``skipped``. docs/refi-qda.md has
the whole mapping.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from egovcode.check.diagnostic import Diagnostic, Severity
from egovcode.check.registry import CODES
from egovcode.interchange.refi import model as m
from egovcode.interchange.refi.codebook_map import NAME_SEP, split_description
from egovcode.interchange.refi.document import Document
from egovcode.interchange.refi.guids import Sidecar
from egovcode.interchange.refi.offsets import (
    Canonical,
    canonicalise,
    fit_selection,
    source_counting,
)
from egovcode.interchange.refi.project_map import (
    ASSEMBLED,
    CASE_FIELDS,
    INDEX_FIELDS,
    SOURCE_FIELDS,
    SPEAKERS_GROUP,
    SYNTHETIC_NOTE,
    VALENCES,
    Speaker,
    default_name,
    parse_speaker_name,
    valence_guid,
)
from egovcode.model.types import is_ident

#: ATLAS.ti adds this system user to every project; it is kept out of the coders.
ATLAS_SYSTEM_USER = "C32A2BD5-537F-4838-8B17-DF9EFBAFDF4B"
SOURCE_KINDS = ("interview", "document", "online", "observation")
CASE_TYPES = ("kota", "kabupaten", "provinsi", "kementerian", "lembaga", "desa", "other")


def slug(text: str | None, fallback: str = "item") -> str:
    """An identifier from free text: ASCII letters, digits and ``-``, at most 60 characters."""
    flat = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    out = re.sub(r"[^A-Za-z0-9]+", "-", flat).strip("-").lower()[:60].strip("-")
    return out or fallback


class _Ids:
    """Unique identifiers within one namespace."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.taken: set[str] = set(taken or ())

    def make(self, wanted: str) -> str:
        candidate = wanted[:120]
        n = 2
        while candidate in self.taken:
            candidate = f"{wanted[:110]}-{n}"
            n += 1
        self.taken.add(candidate)
        return candidate


@dataclass(slots=True)
class Plan:
    """Everything an import would write, before anything is written."""

    lang: str
    origin: str
    title: str
    codebook: dict[str, Any]
    coders: dict[str, dict[str, str]] = field(default_factory=dict)
    variables: dict[str, dict[str, Any]] = field(default_factory=dict)
    cases: dict[str, dict[str, Any]] = field(default_factory=dict)
    texts: dict[str, bytes] = field(default_factory=dict)
    codings: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    memos: list[dict[str, Any]] = field(default_factory=list)
    sets: list[dict[str, Any]] = field(default_factory=list)
    sidecar: Sidecar = field(default_factory=Sidecar)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    notices: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    #: GUIDs of REFI Cases: a Code with one of them is NVivo's case membership, not a code.
    case_guids: set[str] = field(default_factory=set)
    #: Codes of egovcode's own ``Speakers`` folder: code GUID -> (speaker label, role).
    speaker_of: dict[str, Speaker] = field(default_factory=dict)

    def warn(self, code: str, message: str, where: str, line: int | None = None) -> None:
        entry = CODES[code]
        self.diagnostics.append(
            Diagnostic(code, Severity(entry.severity), message, where, line, 1 if line else None,
                       entry.hint)
        )  # fmt: skip


@dataclass(slots=True)
class _Code:
    id: str
    node: m.Code
    parent: str | None


def plan_import(doc: Document, lang: str, taken: dict[str, set[str]] | None = None) -> Plan:
    """The files an import of ``doc`` writes; ``taken`` holds ids already used by the target
    project (``codes``, ``cases``, ``sources``, ``excerpts``, ``coders``), which are avoided."""
    project = doc.project
    taken = taken or {}
    ours = (project.origin or "").startswith("egovcode")
    plan = Plan(
        lang=lang,
        origin=project.origin or "REFI-QDA",
        title=project.name or doc.path.stem,
        codebook={},
    )
    plan.notices.extend(project.notices)
    plan.skipped.update(project.skipped)
    display = str(doc.path)
    case_guids = {c.guid for c in project.cases}
    plan.case_guids = case_guids

    codes = _codes(project, plan, ours, case_guids, taken.get("codes", set()))
    code_ids = {c.node.guid: c.id for c in codes}
    notes = {n.guid: n for n in project.notes}
    used_notes: set[str] = set()
    note_text = _note_reader(doc, plan, display)

    def memo_of(refs: list[str]) -> str | None:
        texts = []
        for ref in refs:
            note = notes.get(ref)
            if note is None:
                plan.warn("EGC813", f"a NoteRef names no note ({ref})", display)
                continue
            used_notes.add(ref)
            text = note_text(note)
            if text:
                texts.append(text)
        return "\n\n".join(texts) if texts else None

    plan.codebook = _codebook(project, plan, codes, lang, memo_of, ours)
    if project.root == "CodeBook":
        plan.counts["codes"] = len(codes)
        return plan

    coders = _users(project, plan, taken.get("coders", set()))
    variables = _variables(project, plan, ours)
    _cases_and_sources(doc, plan, code_ids, coders, variables, case_guids, memo_of, ours, taken)
    _links(project, plan, notes, used_notes, note_text)
    if SYNTHETIC_NOTE in notes:
        used_notes.add(SYNTHETIC_NOTE)
        _mark_synthetic(plan, project, coders, note_text(notes[SYNTHETIC_NOTE]) or "")
    memo_ids = _Ids()
    for note in project.notes:
        if note.guid not in used_notes:
            used_notes.add(note.guid)
            memo: dict[str, Any] = {"id": memo_ids.make(slug(note.name, "memo"))}
            if note.name:
                memo["title"] = note.name
            if note.user and note.user in coders:
                memo["author"] = coders[note.user]
            memo["text"] = note_text(note) or ""
            if note.guid in project.note_refs:
                memo["about"] = ["project"]
            plan.memos.append(memo)
            plan.sidecar.keep("notes", memo["id"], note.guid, note.created)
    _sets(project, plan, code_ids)
    if project.description:
        plan.skipped["project Description"] += 1
    return plan


def _mark_synthetic(plan: Plan, project: m.Project, coders: dict[str, str], text: str) -> None:
    """egovcode's "Synthetic codings" note (``case: coder name`` lines) as ``synthetic: true``
    on those coder files; the note itself is not made a memo."""
    by_name: dict[str, str] = {}
    for user in project.users:
        if user.guid in coders:
            by_name.setdefault(user.name or "", coders[user.guid])
    listed = set()
    for line in text.splitlines():
        case, sep, name = line.partition(": ")
        if sep and is_ident(case) and name in by_name:
            listed.add((by_name[name], case))
    for (coder, case), data in plan.codings.items():
        if (coder, case) in listed:
            plan.codings[(coder, case)] = {"coder": coder, "case": case, "synthetic": True,
                                           "codings": data["codings"]}  # fmt: skip


def _sets(project: m.Project, plan: Plan, code_ids: dict[str, str]) -> None:
    """Sets (ATLAS.ti code and document groups) as ``sets.yaml``, members by egovcode id."""
    sources = {guid: key for key, guid in plan.sidecar.ids.get("sources", {}).items()}
    memos = {guid: key for key, guid in plan.sidecar.ids.get("notes", {}).items()}
    ids = _Ids()
    for item in project.sets:
        entry: dict[str, Any] = {"id": ids.make(slug(item.name, "set")), "name": item.name}
        if item.description:
            entry["description"] = item.description
        for key, members, table in (
            ("codes", item.codes, code_ids),
            ("sources", item.sources, sources),
            ("memos", item.notes, memos),
        ):
            found = [table[g] for g in members if g in table]
            if len(found) < len(members):
                plan.skipped[f"Set member ({key[:-1]}) that was not imported"] += len(
                    members
                ) - len(found)
            if found:
                entry[key] = found
        plan.sets.append(entry)
        plan.sidecar.keep("sets", entry["id"], item.guid)


# -- codes ------------------------------------------------------------------------------------


def _codes(
    project: m.Project, plan: Plan, ours: bool, case_guids: set[str], taken: set[str]
) -> list[_Code]:
    out: list[_Code] = []
    ids = _Ids(taken)

    def walk(nodes: list[m.Code], parent: str | None) -> None:
        for node in nodes:
            if ours and node.guid == valence_guid("group"):
                continue
            if _is_speakers_folder(node, ours):
                plan.speaker_of.update(
                    (child.guid, parse_speaker_name(child.name)) for child in node.children
                )
                continue
            if node.guid in case_guids:
                plan.skipped["Code that stands for a Case (NVivo case node)"] += 1
                continue
            head, _, rest = node.name.partition(NAME_SEP)
            if rest and is_ident(head) and head not in ids.taken:
                wanted = head
            else:
                wanted = slug(node.name, "code")
                if wanted in ids.taken and parent is not None:
                    wanted = f"{parent}.{wanted}"
            code = _Code(ids.make(wanted), node, parent)
            out.append(code)
            plan.sidecar.keep("codes", code.id, node.guid)
            walk(node.children, code.id)

    walk(project.codes, None)
    return out


def _is_speakers_folder(node: m.Code, ours: bool) -> bool:
    """egovcode's own ``Speakers`` folder: by its GUID, which other tools keep on re-export, or
    by name and shape in egovcode's own export. A foreign ``Speakers`` folder with other GUIDs
    stays a folder of codes."""
    if node.guid == SPEAKERS_GROUP:
        return True
    return (
        ours
        and node.name == "Speakers"
        and not node.codable
        and all(not child.children for child in node.children)
    )


def _codebook(
    project: m.Project, plan: Plan, codes: list[_Code], lang: str, memo_of: Any, ours: bool
) -> dict[str, Any]:
    items = []
    for code in codes:
        item: dict[str, Any] = {"id": code.id}
        if code.parent:
            item["parent"] = code.parent
        head, _, tail = code.node.name.partition(NAME_SEP)
        label = tail if tail and head == code.id else code.node.name
        item["label"] = {lang: label or code.id}
        definition, rest = (
            split_description(code.node.description) if ours else (code.node.description, {})
        )
        if definition and definition.strip():
            item["definition"] = {lang: definition}
        for key, value in rest.items():
            item[key] = {lang: value}
        if code.node.color:
            item["color"] = code.node.color
        if not code.node.codable:
            item["codable"] = False
        memo = memo_of(code.node.note_refs)
        if memo:
            item["memo"] = memo
        items.append(item)
    return {
        "id": slug(project.name, "imported"),
        "version": "1",
        "title": {lang: project.name or "Imported codebook"},
        "origin": project.origin or "REFI-QDA",
        "languages": [lang],
        "codes": items,
    }


# -- users and variables ------------------------------------------------------------------------


def _users(project: m.Project, plan: Plan, taken: set[str]) -> dict[str, str]:
    """User GUID -> coder id (the ATLAS.ti system user is left out)."""
    ids = _Ids()
    out: dict[str, str] = {}
    for user in project.users:
        if user.guid == ATLAS_SYSTEM_USER:
            plan.notices.append("the ATLAS.ti system user 'ATLAS.ti' is not made a coder")
            continue
        coder = ids.make(slug(user.name or user.initials, f"user-{user.guid[:8].lower()}"))
        out[user.guid] = coder
        info: dict[str, str] = {}
        if user.name and user.name != coder:
            info["name"] = user.name
        if user.initials:
            info["initials"] = user.initials
        plan.coders[coder] = info
        plan.sidecar.keep("users", coder, user.guid)
    return out


@dataclass(slots=True)
class _Var:
    key: str
    name: str
    type: str


def _variables(project: m.Project, plan: Plan, ours: bool) -> dict[str, _Var]:
    ids = _Ids()
    out: dict[str, _Var] = {}
    for var in project.variables:
        builtin = ours and _builtin(var.name)
        key = var.name if builtin else ids.make(slug(var.name, "variable"))
        out[var.guid] = _Var(key, var.name, var.type)
        plan.sidecar.keep("variables", key, var.guid)
        if builtin:
            continue
        info: dict[str, Any] = {}
        if var.name != key:
            info["name"] = var.name
        if var.type != "Text":
            info["type"] = var.type
        if var.description:
            info["description"] = var.description
        plan.variables[key] = info
    return out


def _builtin(name: str) -> bool:
    return (
        name == ASSEMBLED
        or name.startswith("index.")
        or any(name == f"case.{f}" for f in (*CASE_FIELDS, "language"))
        or any(name == f"source.{f}" for f in SOURCE_FIELDS)
    )


def _attribute(value: m.VariableValue) -> Any:
    if value.value is None:
        return None
    if value.type in ("Date", "DateTime"):
        return str(value.value)
    return value.value


# -- notes ------------------------------------------------------------------------------------


def _note_reader(doc: Document, plan: Plan, display: str) -> Any:
    def read(note: m.Note) -> str | None:
        if note.text is not None:
            return note.text
        data = doc.read(note.plain_path)
        if data is None:
            if note.plain_path:
                plan.warn("EGC811", f"note {note.name!r}: {note.plain_path} is missing", display)
            return None
        return _decode(data)

    return read


def _decode(data: bytes) -> str | None:
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _links(
    project: m.Project,
    plan: Plan,
    notes: dict[str, m.Note],
    used: set[str],
    note_text: Any,
) -> None:
    """Links from or to a note attach it (NVivo annotations, ATLAS.ti memo relations)."""
    for link in project.links:
        note_guid = link.origin if link.origin in notes else None
        note_guid = note_guid or (link.target if link.target in notes else None)
        other = link.target if note_guid == link.origin else link.origin
        if note_guid is None or other is None:
            plan.skipped["Link (between elements other than notes)"] += 1
            continue
        excerpt = plan.sidecar.ids.get("excerpts", {})
        found = next((eid for eid, g in excerpt.items() if g == other), None)
        if found is None:
            plan.skipped["Link from a note to an element that was not imported"] += 1
            continue
        used.add(note_guid)
        text = note_text(notes[note_guid]) or ""
        for case in plan.cases.values():
            for item in case["excerpts"]:
                if item["id"] == found:
                    item["memo"] = f"{item['memo']}\n\n{text}" if item.get("memo") else text


# -- cases, sources and selections ------------------------------------------------------------


def _cases_and_sources(
    doc: Document,
    plan: Plan,
    code_ids: dict[str, str],
    coders: dict[str, str],
    variables: dict[str, _Var],
    case_guids: set[str],
    memo_of: Any,
    ours: bool,
    taken: dict[str, set[str]],
) -> None:
    project = doc.project
    display = str(doc.path)
    case_ids = _Ids(taken.get("cases", set()))
    source_ids: dict[str, _Ids] = {}
    excerpt_ids = _Ids(taken.get("excerpts", set()))
    sources = {s.guid: s for s in project.sources}
    home: dict[str, str] = {}  # source GUID -> case id
    source_attrs: dict[str, dict[str, Any]] = {}
    for case in project.cases:
        if not case.name and len(case.source_refs) == 1 and not case.selection_refs:
            # MAXQDA and Quirkos: a nameless case carries one document's variables
            attrs = source_attrs.setdefault(case.source_refs[0], {})
            for value in case.values:
                var = variables.get(value.variable)
                if var is not None and value.value is not None:
                    attrs[var.key] = _attribute(value)
            plan.notices.append("a nameless Case was read as document variables")
            continue
        data = _case_data(case, variables, ours, plan.lang)
        wanted = data["case"].pop("id", None) if ours else None
        cid = case_ids.make(wanted if isinstance(wanted, str) and is_ident(wanted)
                            else slug(case.name, f"case-{case.guid[:8].lower()}"))  # fmt: skip
        data["case"] = {"id": cid, **data["case"]}
        plan.cases[cid] = data
        plan.sidecar.keep("cases", cid, case.guid)
        for ref in case.source_refs:
            if ref in home:
                plan.skipped["SourceRef to a source already in another case"] += 1
            elif ref in sources:
                home[ref] = cid
        if case.code_refs:
            plan.skipped["Case CodeRef (codes applied to a whole case)"] += len(case.code_refs)
        if case.selection_refs:
            plan.skipped["Case SelectionRef"] += len(case.selection_refs)
        if case.description:
            plan.skipped["Case Description"] += 1
    loose = [s for s in project.sources if s.guid not in home]
    if loose:
        cid = case_ids.make(slug(project.name, "imported"))
        plan.cases[cid] = {
            "case": {"id": cid, "name": project.name or "Imported project", "type": "other"},
            "language": plan.lang,
            "sources": [],
            "excerpts": [],
        }
        for src in loose:
            home[src.guid] = cid
    for src in project.sources:
        cid = home[src.guid]
        ids = source_ids.setdefault(cid, _Ids())
        _source(doc, plan, src, cid, code_ids, coders, variables, source_attrs.get(src.guid, {}),
                memo_of, ours, ids, excerpt_ids, display)  # fmt: skip
    for data in plan.cases.values():
        if not data["sources"] and not data["excerpts"]:
            data.pop("sources")
            data.pop("excerpts")


def _case_data(case: m.Case, variables: dict[str, _Var], ours: bool, lang: str) -> dict[str, Any]:
    info: dict[str, Any] = {"name": case.name or "Case", "type": "other"}
    language = lang
    attrs: dict[str, Any] = {}
    indices: dict[tuple[str, int | None], dict[str, Any]] = {}
    for value in case.values:
        var = variables.get(value.variable)
        if var is None or value.value is None:
            continue
        key = var.key
        if ours and key == "case.language":
            language = str(value.value)
        elif ours and key.startswith("case."):
            name = key[5:]
            if name == "type" and value.value not in CASE_TYPES:
                continue
            info[name] = str(value.value)
        elif ours and key.startswith("index."):
            _index_value(indices, key, value.value)
        else:
            attrs[key] = _attribute(value)
    if attrs:
        info["attributes"] = dict(sorted(attrs.items()))
    data: dict[str, Any] = {"case": _ordered_case(info)}
    if indices:
        data["indices"] = [v for v in indices.values() if "value" in v and "source" in v]
    data["language"] = language
    data["sources"] = []
    data["excerpts"] = []
    return data


def _ordered_case(info: dict[str, Any]) -> dict[str, Any]:
    order = ("id", "name", "name_en", "type", "province", "country", "attributes")
    return {k: info[k] for k in order if k in info}


def _index_value(
    indices: dict[tuple[str, int | None], dict[str, Any]], key: str, value: Any
) -> None:
    parts = key.split(".")
    # index.<NAME>[.<YEAR>][.<field>]; NAME itself may hold dots
    field_name = parts[-1] if parts[-1] in INDEX_FIELDS else None
    core = parts[1:-1] if field_name else parts[1:]
    if not core:
        return
    year: int | None = None
    if len(core) >= 2 and core[-1].isdigit():
        year = int(core.pop())
    name = ".".join(core)
    entry = indices.setdefault((name, year), {"name": name})
    if year is not None:
        entry["year"] = year
    if field_name:
        entry[field_name] = str(value)
    elif isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        # one Float variable holds an index across cases (91 here, 85.61 there): a whole
        # number comes back as the integer it almost always was, so reports print 91, not 91.0
        entry["value"] = int(value)
    else:
        entry["value"] = value
    order = ("name", "year", "value", *INDEX_FIELDS)
    indices[(name, year)] = {k: entry[k] for k in order if k in entry}


def _source(
    doc: Document,
    plan: Plan,
    src: m.Source,
    cid: str,
    code_ids: dict[str, str],
    coders: dict[str, str],
    variables: dict[str, _Var],
    extra_attrs: dict[str, Any],
    memo_of: Any,
    ours: bool,
    source_ids: _Ids,
    excerpt_ids: _Ids,
    display: str,
) -> None:
    fields: dict[str, Any] = {}
    attrs: dict[str, Any] = dict(extra_attrs)
    assembled = False
    for value in src.values:
        var = variables.get(value.variable)
        if var is None or value.value is None:
            continue
        if ours and var.key == ASSEMBLED:
            assembled = bool(value.value)
        elif ours and var.key.startswith("source."):
            fields[var.key[7:]] = str(value.value)
        else:
            attrs[var.key] = _attribute(value)
    wanted = fields.pop("id", None)
    label = src.name or (src.plain_path or "").rsplit("/", 1)[-1] or f"source {src.guid[:8]}"
    sid = source_ids.make(wanted if wanted and is_ident(wanted) else slug(label, "source"))
    plan.sidecar.keep("sources", f"{cid}/{sid}", src.guid, src.created)
    kind = fields.pop("kind", "document")
    source: dict[str, Any] = {
        "id": sid,
        "kind": kind if kind in SOURCE_KINDS else "document",
        "citation": src.name or label,
    }
    for name in ("informant_role", "date", "locator", "url"):
        if name in fields:
            source[name] = fields[name]
    note = "\n\n".join(t for t in (src.description, memo_of(src.note_refs)) if t)
    if note:
        source["note"] = note
    if src.codings:
        plan.skipped["whole-source Coding (no excerpt to hold it)"] += len(src.codings)
    raw_text = _source_text(doc, plan, src, display)
    case = plan.cases[cid]
    if raw_text is None and not assembled:
        if src.selections:
            plan.skipped["PlainTextSelection of a source without its text"] += len(src.selections)
        if attrs:
            source["attributes"] = dict(sorted(attrs.items()))
        case["sources"].append(source)
        return
    canon = canonicalise(raw_text or "")
    if not assembled:
        relative = f"texts/{cid}/{sid}.txt"
        source["file"] = relative
        plan.texts[relative] = canon.text.encode("utf-8")
        if canon.changed:
            original = f"texts/{cid}/{sid}.original.txt"
            source["original"] = original
            plan.texts[original] = (raw_text or "").encode("utf-8")
            plan.notices.append(
                f"source {sid!r}: the text was stored as UTF-8 NFC with LF line ends and no "
                f"control characters (the file as imported is kept byte for byte in {original})"
            )
    if attrs:
        source["attributes"] = dict(sorted(attrs.items()))
    case["sources"].append(source)
    plan.counts["sources"] += 1
    merged: dict[tuple[int, int, str | None, str | None], dict[str, Any]] = {}
    body = raw_text[1:] if raw_text and raw_text.startswith("\ufeff") else raw_text or ""
    counting = source_counting(body, [(s.start, s.end, s.name) for s in src.selections])
    if counting != "code points":
        plan.notices.append(
            f"source {sid!r}: positions read as {counting} (selection names match the text so)"
        )
    elif "\r\n" in body and src.selections:
        plan.notices.append(
            f"source {sid!r}: the text has CRLF line ends; positions read as code points "
            "(the spec's counting)"
        )
    for sel in src.selections:
        excerpt = _excerpt(plan, sel, canon, body, counting, sid, cid, code_ids, coders, memo_of,
                           ours, assembled, excerpt_ids, display)  # fmt: skip
        if excerpt is None:
            continue
        key = (excerpt["_start"], excerpt["_end"], sel.name, sel.description)
        if key in merged and not ours:
            _merge_excerpt(plan, merged[key], excerpt, cid)
            plan.counts["selections merged (same span, name and description)"] += 1
            continue
        merged[key] = excerpt
        case["excerpts"].append(excerpt)
        plan.counts["excerpts"] += 1
    _speaker_roles(source, [e for e in case["excerpts"] if e["source"] == sid])


def _speaker_roles(source: dict[str, Any], excerpts: list[dict[str, Any]]) -> None:
    """Give the source the ``speakers`` attribute (label=role) of its excerpts' speakers when
    the file did not carry it as a variable, as ``import transcript`` would have written it."""
    roles: dict[str, str] = {}
    for excerpt in excerpts:
        roles.update(excerpt.pop("_roles", {}))
    # the attribute is "label=role, ..." text: a label or role holding ',' or '=' cannot be in it
    roles = {k: v for k, v in roles.items() if not {",", "="} & set(k + v)}
    attributes = source.get("attributes", {})
    if roles and "speakers" not in attributes:
        attributes["speakers"] = ", ".join(f"{k}={v}" for k, v in sorted(roles.items()))
        source["attributes"] = dict(sorted(attributes.items()))


def _source_text(doc: Document, plan: Plan, src: m.Source, display: str) -> str | None:
    if src.plain_path:
        data = doc.read(src.plain_path)
        if data is None:
            if src.content is not None:
                return src.content
            plan.warn(
                "EGC811",
                f"source {src.name or src.guid!r}: its text {src.plain_path} is not in the file",
                display,
            )
            return None
        text = _decode(data)
        if text is None:
            plan.warn(
                "EGC811",
                f"source {src.name or src.guid!r}: {src.plain_path} is neither UTF-8 nor UTF-16 "
                "with a byte order mark; it was not imported",
                display,
            )
        return text
    if src.content is not None:
        return src.content
    plan.warn("EGC811", f"source {src.name or src.guid!r} has no plain text", display)
    return None


def _excerpt(
    plan: Plan,
    sel: m.Selection,
    canon: Canonical,
    body: str,
    counting: str,
    sid: str,
    cid: str,
    code_ids: dict[str, str],
    coders: dict[str, str],
    memo_of: Any,
    ours: bool,
    assembled: bool,
    excerpt_ids: _Ids,
    display: str,
) -> dict[str, Any] | None:
    fit = fit_selection(body, sel.start, sel.end, sel.name, counting)
    label = f"selection {sel.name or sel.guid!r} [{sel.start}, {sel.end}) in source {sid!r}"
    if fit is None:
        plan.warn(
            "EGC810",
            f"{label} fits the text under no counting (code points, CRLF as one, UTF-16 "
            "units, UTF-8 bytes); skipped",
            display,
        )
        plan.skipped["PlainTextSelection whose positions fit no counting"] += 1
        return None
    if fit.counting != "code points":
        plan.warn(
            "EGC809",
            f"{label} fits only when counted in {fit.counting}; read so"
            + (" (its name matches the text there)" if fit.checked else ""),
            display,
        )
    start, end = canon.position(fit.start), canon.position(fit.end)
    text = canon.text[start:end]
    if not text.strip():
        plan.warn("EGC810", f"{label} selects only white space; skipped", display)
        plan.skipped["PlainTextSelection of white space only"] += 1
        return None
    wanted, locator = None, sel.name
    if sel.name and NAME_SEP in sel.name:
        head, rest = sel.name.split(NAME_SEP, 1)
        if is_ident(head):
            wanted = head
            locator = None if rest == default_name(text) else rest
    elif sel.name and fit.checked:
        locator = None
    eid = excerpt_ids.make(wanted or f"{cid}-{sel.guid.replace('-', '')[:8].lower()}")
    plan.sidecar.keep("excerpts", eid, sel.guid, sel.created)
    excerpt: dict[str, Any] = {"id": eid, "source": sid}
    if locator:
        excerpt["locator"] = locator
    if not assembled:
        excerpt["span"] = [start, end]
    excerpt["text"] = text
    excerpt["_start"], excerpt["_end"] = start, end
    _apply_codings(plan, excerpt, sel, code_ids, coders, ours, cid, display)
    memo = "\n\n".join(t for t in (sel.description, memo_of(sel.note_refs)) if t)
    if memo:
        excerpt["memo"] = memo
    return excerpt


def _apply_codings(
    plan: Plan,
    excerpt: dict[str, Any],
    sel: m.Selection,
    code_ids: dict[str, str],
    coders: dict[str, str],
    ours: bool,
    cid: str,
    display: str,
) -> None:
    valence_of = {valence_guid(v): v for v in VALENCES} if ours else {}
    shared: list[str] = []
    shared_valence: str | None = None
    by_user: dict[str, tuple[list[str], str | None]] = {}
    for coding in sel.codings:
        if coding.code in plan.speaker_of:
            _speaker(plan, excerpt, plan.speaker_of[coding.code])
            continue
        user = coders.get(coding.user) if coding.user else None
        if coding.user and user is None and coding.user != ATLAS_SYSTEM_USER:
            plan.warn("EGC813", f"a Coding names an unknown user ({coding.user})", display)
        if coding.code in valence_of:
            if user is None:
                shared_valence = valence_of[coding.code]
            else:
                codes, _ = by_user.get(user, ([], None))
                by_user[user] = (codes, valence_of[coding.code])
            continue
        code = code_ids.get(coding.code)
        if code is None:
            if coding.code in plan.case_guids:
                plan.skipped["Coding that stands for case membership (NVivo case node)"] += 1
            else:
                plan.warn("EGC813", f"a Coding names no code ({coding.code})", display)
                plan.skipped["Coding with a code that is not in the file"] += 1
            continue
        plan.sidecar.keep("codings", f"{excerpt['id']}|{code}|{user or ''}", coding.guid,
                          coding.created)  # fmt: skip
        plan.counts["codings"] += 1
        if user is None:
            if code not in shared:
                shared.append(code)
        else:
            codes, valence = by_user.get(user, ([], None))
            if code not in codes:
                codes.append(code)
            by_user[user] = (codes, valence)
    if ours:
        codes_here = shared
        if sel.user and sel.user in coders:
            excerpt["coder"] = coders[sel.user]
        for_files = by_user
    elif by_user and not shared and len(by_user) == 1:
        ((user, (codes_here, shared_valence)),) = by_user.items()
        excerpt["coder"] = user
        for_files = {}
    else:
        codes_here = list(shared)
        for codes, _ in by_user.values():
            codes_here.extend(c for c in codes if c not in codes_here)
        for_files = by_user if by_user else {}
    excerpt["codes"] = codes_here
    if shared_valence:
        excerpt["valence"] = shared_valence
    for user, (codes, valence) in sorted(for_files.items()):
        entry: dict[str, Any] = {"codes": codes}
        if valence:
            entry["valence"] = valence
        file = plan.codings.setdefault((user, cid), {"coder": user, "case": cid, "codings": {}})
        file["codings"][excerpt["id"]] = entry


def _speaker(plan: Plan, excerpt: dict[str, Any], speaker: Speaker) -> None:
    """A coding of a ``Speakers`` code: the excerpt's ``speaker`` (one per excerpt)."""
    from egovcode.output import has_control

    label, role = speaker
    if not label.strip() or "\n" in label or has_control(label):
        plan.skipped["speaker coding whose code has no usable label"] += 1
        return
    if excerpt.get("speaker") not in (None, label):
        plan.skipped["second speaker coded on one selection (the first is kept)"] += 1
        return
    excerpt["speaker"] = label
    if role:
        excerpt.setdefault("_roles", {})[label] = role


def _merge_excerpt(plan: Plan, kept: dict[str, Any], extra: dict[str, Any], cid: str) -> None:
    """Fold a selection with the same span, name and description into the kept excerpt."""
    for code in extra.get("codes", []):
        if code not in kept["codes"]:
            kept["codes"].append(code)
    if extra.get("coder") and kept.get("coder") != extra.get("coder"):
        kept.pop("coder", None)
    for (_, case), file in plan.codings.items():
        if case == cid and extra["id"] in file["codings"]:
            entry = file["codings"].pop(extra["id"])
            target = file["codings"].setdefault(kept["id"], {"codes": []})
            target["codes"].extend(c for c in entry["codes"] if c not in target["codes"])
    plan.sidecar.ids.get("excerpts", {}).pop(extra["id"], None)
