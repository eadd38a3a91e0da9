"""An egovcode project as the intermediate REFI-QDA model, with the texts and the loss report.

The mapping (docs/refi-qda.md has the whole table):

* coders (case-file ``coder:`` and coder files) become Users;
* the codebook becomes nested Codes; valence travels as a non-codable ``Valence`` folder whose
  three codes are applied like any other code, and excerpt speakers as a non-codable
  ``Speakers`` folder with one code per speaker label and role; code memos become Notes;
* each case file becomes a Case with typed VariableValues (attributes, indices, type, province);
* each source becomes a TextSource named by its citation, with its text file, or a text
  assembled from its excerpts when it has none (``source.assembled`` says so);
* each excerpt becomes a PlainTextSelection named ``<id> · <locator or opening words>``: the
  case file's codes are Codings without a user (the project's consensus), each coder file's
  codes are Codings by that coder.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from egovcode.interchange.refi import model as m
from egovcode.interchange.refi import origin
from egovcode.interchange.refi.codebook_map import CODEBOOK_LOSS, NAME_SEP, codebook_codes
from egovcode.interchange.refi.guids import Sidecar, load_sidecar, stable_guid
from egovcode.load.project import LoadedCase, Project
from egovcode.model import Excerpt
from egovcode.model.case import Source
from egovcode.model.codebook import Code
from egovcode.model.types import memo_text, pick

VALENCES = ("supporting", "inhibiting", "neutral")
NAME_WORDS = 60
#: Case and source fields that travel as Text variables (name -> field).
CASE_FIELDS = ("id", "type", "name_en", "province", "country")
SOURCE_FIELDS = ("id", "kind", "informant_role", "date", "locator", "url")
INDEX_FIELDS = ("scale", "grade", "predicate", "source", "locator")
ASSEMBLED = "source.assembled"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")


def valence_guid(value: str) -> str:
    return stable_guid("valence", value)


#: The GUID of the non-codable ``Speakers`` folder.
SPEAKERS_GROUP = stable_guid("speaker", "group")
#: A speaker label and its role (``None`` when the source's ``speakers`` attribute gives none).
Speaker = tuple[str, str | None]


def speaker_guid(speaker: Speaker) -> str:
    label, role = speaker
    return stable_guid("speaker", f"{label}|{role or ''}")


def speaker_name(speaker: Speaker) -> str:
    """``I (informant)``; the bare label when the role is unknown or the label itself."""
    label, role = speaker
    return f"{label} ({role})" if role and role != label else label


def parse_speaker_name(name: str) -> Speaker:
    """The inverse of :func:`speaker_name` (a label never holds a parenthesis)."""
    label, sep, rest = name.partition(" (")
    if sep and rest.endswith(")") and label:
        return label, rest[:-1]
    return name, None


def default_name(text: str) -> str:
    """The opening words of a text, as a selection's name when an excerpt has no locator."""
    flat = " ".join(text.split())
    return flat if len(flat) <= NAME_WORDS else flat[: NAME_WORDS - 1].rstrip() + "…"


def selection_name(excerpt: Excerpt) -> str:
    return f"{excerpt.id}{NAME_SEP}{excerpt.locator or default_name(excerpt.text)}"


@dataclass(slots=True)
class Built:
    model: m.Project
    texts: dict[str, bytes] = field(default_factory=dict)
    loss: Counter[str] = field(default_factory=Counter)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    lang: str = "en"
    #: Source GUID -> case id, and selection GUID -> excerpt id (for ``--onto-excerpts``).
    source_case: dict[str, str] = field(default_factory=dict)
    source_keys: dict[str, tuple[str, str]] = field(default_factory=dict)
    excerpt_of: dict[str, str] = field(default_factory=dict)


class _Variables:
    """Variables declared on first use, typed from the config or from their values."""

    def __init__(self, project: Project, sidecar: Sidecar) -> None:
        self.declared = project.config.variables
        self.sidecar = sidecar
        self.values: dict[str, list[object]] = {}
        self.order: list[str] = []

    def note(self, key: str, value: object) -> None:
        if key not in self.values:
            self.values[key] = []
            self.order.append(key)
        self.values[key].append(value)

    def type_of(self, key: str) -> str:
        if key in self.declared:
            return self.declared[key].type
        if key == ASSEMBLED:
            return "Boolean"
        seen = self.values.get(key, [])
        if seen and all(isinstance(v, bool) for v in seen):
            return "Boolean"
        if seen and all(isinstance(v, int) and not isinstance(v, bool) for v in seen):
            return "Integer"
        if seen and all(isinstance(v, int | float) and not isinstance(v, bool) for v in seen):
            return "Float"
        return "Text"

    def name_of(self, key: str) -> str:
        info = self.declared.get(key)
        return info.name if info is not None and info.name else key

    def variables(self) -> list[m.Variable]:
        out = []
        for key in self.order:
            info = self.declared.get(key)
            out.append(
                m.Variable(
                    guid=self.sidecar.guid("variables", key),
                    name=self.name_of(key),
                    type=self.type_of(key),
                    description=info.description if info is not None else None,
                )
            )
        return out

    def value(self, key: str, raw: object, loss: Counter[str]) -> m.VariableValue:
        kind = self.type_of(key)
        guid = self.sidecar.guid("variables", key)
        if kind == "Boolean" and isinstance(raw, bool):
            return m.VariableValue(guid, kind, raw)
        if kind == "Integer" and isinstance(raw, int) and not isinstance(raw, bool):
            return m.VariableValue(guid, kind, raw)
        if (
            kind == "Float"
            and isinstance(raw, int | float)
            and not isinstance(raw, bool)
            and math.isfinite(raw)
        ):
            return m.VariableValue(guid, kind, float(raw))
        if kind == "Date" and isinstance(raw, str) and _DATE.match(raw):
            return m.VariableValue(guid, kind, raw)
        if kind == "DateTime" and isinstance(raw, str) and _DATETIME.match(raw):
            return m.VariableValue(guid, kind, raw)
        if kind == "Text" and isinstance(raw, str | int | float | bool):
            text = raw if isinstance(raw, str) else _text(raw)
            return m.VariableValue(guid, kind, text)
        loss[f"attribute values that do not fit their declared type ({kind})"] += 1
        return m.VariableValue(guid, kind, None)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def project_model(project: Project, lang: str, *, crlf: bool = False) -> Built:
    """The project as a REFI-QDA model plus its ``sources/<GUID>.txt`` members."""
    from egovcode.load.limits import Limits
    from egovcode.load.texts import TextCache

    sidecar = load_sidecar(project.root)
    built = Built(m.Project(), lang=lang)
    model = built.model
    model.name = pick(project.config.title, lang) or project.root.name or "egovcode project"
    model.origin = origin()
    codebook = project.codebook
    code_guid: dict[str, str] = {}
    if codebook is not None and codebook.codes:
        model.codes = codebook_codes(codebook, lang, sidecar, built.loss)
        built.loss.pop("code memos", None)
        built.loss[CODEBOOK_LOSS] += 1
        code_guid = {
            c.id: sidecar.guid("codes", c.id, f"{codebook.id}/{c.id}") for c in codebook.codes
        }
        _code_notes(codebook.codes, code_guid, model, sidecar, lang)

    coders = _coders(project)
    for coder in coders:
        info = project.config.coders.get(coder)
        name = (info.name if info is not None else None) or coder
        initials = info.initials if info is not None else None
        model.users.append(m.User(sidecar.guid("users", coder), name, initials))
    user_guid = {coder: user.guid for coder, user in zip(coders, model.users, strict=True)}
    if model.users:
        model.creating_user = model.users[0].guid

    variables = _Variables(project, sidecar)
    votes = _coder_votes(project, built.loss)
    valences: set[str] = set()
    speakers: set[Speaker] = set()
    cache = TextCache(project.root, Limits.from_env())
    for loaded in project.cases:
        case_model = _case(loaded, variables, sidecar, built.loss)
        model.cases.append(case_model)
        for source in loaded.data.sources:
            excerpts = [e for e in loaded.data.excerpts if e.source == source.id]
            src = _source(loaded, source, excerpts, cache, variables, sidecar, built, crlf=crlf)
            case_model.source_refs.append(src.guid)
            roles = source.speaker_roles()
            for excerpt, sel in zip(excerpts, src.selections, strict=False):
                _codings(excerpt, sel, code_guid, user_guid, votes, sidecar, valences)
                if excerpt.speaker is not None:
                    speaker = (excerpt.speaker, roles.get(excerpt.speaker))
                    speakers.add(speaker)
                    guid = sidecar.guid("codings", f"{excerpt.id}|speaker:{excerpt.speaker}|")
                    sel.codings.append(
                        m.Coding(guid, speaker_guid(speaker), None, sidecar.time(guid))
                    )
                    built.loss[
                        "excerpt speakers (held only as codes of a non-codable Speakers folder)"
                    ] += 1
                _excerpt_loss(excerpt, built.loss)
            model.sources.append(src)
    if valences:
        model.codes.append(_valence_group(valences))
    if speakers:
        model.codes.append(_speaker_group(speakers))
    _project_memos(project, model, sidecar, user_guid, built)
    _synthetic_note(
        project, model, {c: u.name or c for c, u in zip(coders, model.users, strict=True)}
    )
    _project_sets(project, model, sidecar, code_guid, built)
    model.variables = variables.variables()
    _type_values(model, variables, built.loss)
    built.counts = {
        "codes": len(model.all_codes()),
        "sources": len(model.sources),
        "selections": sum(len(s.selections) for s in model.sources),
        "codings": sum(len(sel.codings) for s in model.sources for sel in s.selections),
        "users": len(model.users),
    }
    return built


def _project_memos(
    project: Project, model: m.Project, sidecar: Sidecar, users: dict[str, str], built: Built
) -> None:
    """``memos.yaml`` (written by an import: notes attached to nothing, or to the project) as
    Notes, with a project NoteRef for those ``about: [project]``."""
    data = _read_optional(project, "memos.yaml", built)
    items = data.get("memos") if isinstance(data, dict) else None
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            continue
        key = str(item.get("id") or len(model.notes))
        author = item.get("author")
        note = m.Note(
            guid=sidecar.guid("notes", key),
            name=str(item["title"]) if item.get("title") is not None else None,
            text=item["text"],
            user=users.get(author) if isinstance(author, str) else None,
        )
        note.created = sidecar.time(note.guid)
        model.notes.append(note)
        if "project" in (item.get("about") or []):
            model.note_refs.append(note.guid)


#: The GUID of the project Note that lists the synthetic coder files.
SYNTHETIC_NOTE = stable_guid("note", "egovcode:synthetic-codings")
SYNTHETIC_TEXT = (
    "Codings that no person made (demonstration data, or a machine coder's suggestions). "
    "egovcode marks these coder files `synthetic: true`, and its reports never count them as "
    "a person's coding. One line per coder file, case: coder.\n\n"
)


def _synthetic_note(project: Project, model: m.Project, names: dict[str, str]) -> None:
    """``synthetic: true`` coder files as a project Note listing them (``case: coder name``),
    so readers in other tools see it and egovcode's import marks the files again."""
    lines = sorted(
        {
            f"{c.data.case}: {names.get(c.data.coder) or c.data.coder}"
            for c in project.codings
            if c.data.synthetic or project.config.synthetic
        }
    )
    if not lines:
        return
    text = SYNTHETIC_TEXT + "\n".join(lines)
    model.notes.append(m.Note(guid=SYNTHETIC_NOTE, name="Synthetic codings", text=text))
    model.note_refs.append(SYNTHETIC_NOTE)


def _project_sets(
    project: Project, model: m.Project, sidecar: Sidecar, codes: dict[str, str], built: Built
) -> None:
    """``sets.yaml`` (written by an import) as Sets of codes, sources and memos."""
    data = _read_optional(project, "sets.yaml", built)
    items = data.get("sets") if isinstance(data, dict) else None
    sources = {f"{case}/{key}": guid for guid, (case, key) in _source_keys(built).items()}
    notes = {n.guid for n in model.notes}
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
            continue
        entry = m.Set(
            guid=sidecar.guid("sets", str(item["id"])),
            name=str(item["name"]),
            description=str(item["description"]) if item.get("description") else None,
        )
        entry.codes = [codes[c] for c in item.get("codes") or [] if c in codes]
        entry.sources = [sources[s] for s in item.get("sources") or [] if s in sources]
        wanted = [sidecar.guid("notes", str(n)) for n in item.get("memos") or []]
        entry.notes = [g for g in wanted if g in notes]
        model.sets.append(entry)


def _source_keys(built: Built) -> dict[str, tuple[str, str]]:
    return dict(built.source_keys)


def _read_optional(project: Project, name: str, built: Built) -> object:
    from egovcode.load.limits import Limits
    from egovcode.load.yamlfile import YamlProblem, read_yaml

    path = project.root / name
    if not path.is_file():
        return None
    try:
        return read_yaml(path, name, Limits.from_env())[1]
    except (YamlProblem, OSError) as exc:
        built.warnings.append(f"{name} was not exported: {exc}")
        return None


def _coders(project: Project) -> list[str]:
    found: set[str] = set(project.config.coders)
    for loaded in project.cases:
        found.update(e.coder for e in loaded.data.excerpts if e.coder)
    found.update(c.data.coder for c in project.codings)
    return sorted(found)


Vote = tuple[list[str], str | None]


def _coder_votes(project: Project, loss: Counter[str]) -> dict[str, dict[str, Vote]]:
    """excerpt id -> coder -> (codes, valence), from the coder files."""
    out: dict[str, dict[str, Vote]] = {}
    for coding in sorted(project.codings, key=lambda c: (c.data.coder, c.data.case)):
        for excerpt_id, entry in coding.data.rated().items():
            if not entry.codes and entry.valence is None:
                loss["coder-file entries rated with no code (REFI has no empty coding)"] += 1
                continue
            if entry.memo:
                loss["coder-file memos"] += 1
            if entry.suggested:
                loss["machine-coder scores and reasons"] += 1
            out.setdefault(excerpt_id, {})[coding.data.coder] = (list(entry.codes), entry.valence)
    return out


def _code_notes(
    codes: list[Code], code_guid: dict[str, str], model: m.Project, sidecar: Sidecar, lang: str
) -> None:
    """Code memos as Notes, referenced from their code."""
    by_guid = {c.guid: c for c in model.all_codes()}
    for code in codes:
        if not code.memo or code.id not in code_guid:
            continue
        node = by_guid.get(code_guid[code.id])
        if node is None or node.note_refs:
            continue
        note = m.Note(
            guid=sidecar.guid("notes", f"code:{code.id}"),
            name=f"Memo: {pick(code.label, lang) or code.id}",
            text=memo_text(code.memo, lang)[0],
        )
        node.note_refs.append(note.guid)
        model.notes.append(note)


def _valence_group(used: set[str]) -> m.Code:
    return m.Code(
        guid=valence_guid("group"),
        name="Valence",
        codable=False,
        description="egovcode valence: whether an excerpt supports or inhibits its component.",
        children=[m.Code(valence_guid(v), v) for v in VALENCES if v in used],
    )


def _speaker_group(used: set[Speaker]) -> m.Code:
    return m.Code(
        guid=SPEAKERS_GROUP,
        name="Speakers",
        codable=False,
        description="egovcode speakers: who says an excerpt, as speaker label (role).",
        children=[
            m.Code(speaker_guid(s), speaker_name(s))
            for s in sorted(used, key=lambda s: (s[0], s[1] or ""))
        ],
    )


def _case(
    loaded: LoadedCase, variables: _Variables, sidecar: Sidecar, loss: Counter[str]
) -> m.Case:
    data = loaded.data
    info = data.case
    case = m.Case(guid=sidecar.guid("cases", info.id), name=info.name)
    pending: list[tuple[str, m.Scalar]] = []
    for name in CASE_FIELDS:
        value = getattr(info, name)
        if value is not None:
            pending.append((f"case.{name}", value))
    pending.append(("case.language", data.language))
    pending.extend(sorted(info.attributes.items()))
    for index in data.indices:
        key = f"index.{index.name}" + (f".{index.year}" if index.year is not None else "")
        pending.append((key, index.value))
        if index.title:
            loss["index titles"] += 1
        for name in INDEX_FIELDS:
            value = getattr(index, name)
            if value is not None:
                pending.append((f"{key}.{name}", value))
    for key, value in pending:
        variables.note(key, value)
        case.values.append(m.VariableValue(key, "", value))  # typed once all values are known
    return case


def _source(
    loaded: LoadedCase,
    source: Source,
    excerpts: list[Excerpt],
    cache: object,
    variables: _Variables,
    sidecar: Sidecar,
    built: Built,
    *,
    crlf: bool,
) -> m.Source:
    from egovcode.load.texts import TextCache

    assert isinstance(cache, TextCache)
    case_id = loaded.data.case.id
    guid = sidecar.guid("sources", f"{case_id}/{source.id}")
    src = m.Source(
        guid=guid,
        name=source.citation,
        plain_path=f"internal://{guid}.txt",
        description=source.note,
    )
    text: str | None = None
    if source.file is not None:
        text = cache.get(source.file).text
    spans: list[tuple[int, int]] = []
    if text is not None:
        for excerpt in excerpts:
            span = _find(text, excerpt)
            if span is None:
                built.loss["excerpts whose text is not found in their source's text file"] += 1
                text = None
                break
            spans.append(span)
    assembled = text is None
    if text is None:
        parts: list[str] = []
        spans = []
        pos = 0
        for excerpt in excerpts:
            if parts:
                parts.append("\n\n")
                pos += 2
            parts.append(excerpt.text)
            spans.append((pos, pos + len(excerpt.text)))
            pos += len(excerpt.text)
        text = "".join(parts)
    if crlf:
        text, spans = _to_crlf(text, spans)
    if any(ord(ch) > 0xFFFF for ch in text):
        built.warnings.append(
            f"source {case_id}/{source.id}: the text holds characters beyond U+FFFF (emoji); "
            "tools that count UTF-16 units may shift selections after them (EGC815)"
        )
    built.texts[f"sources/{guid}.txt"] = text.encode("utf-8")
    built.source_case[guid] = case_id
    built.source_keys[guid] = (case_id, source.id)
    for excerpt, (start, end) in zip(excerpts, spans, strict=True):
        built.excerpt_of[sidecar.guid("excerpts", excerpt.id)] = excerpt.id
        src.selections.append(
            m.Selection(
                guid=sidecar.guid("excerpts", excerpt.id),
                start=start,
                end=end,
                name=selection_name(excerpt),
                description=_memo(excerpt.memo, built),
                user=None,
                created=sidecar.time(sidecar.guid("excerpts", excerpt.id)),
            )
        )
    values: list[tuple[str, m.Scalar]] = []
    for name in SOURCE_FIELDS:
        value = getattr(source, name)
        if value is not None:
            values.append((f"source.{name}", value))
    values.extend(sorted(source.attributes.items()))
    if assembled:
        values.append((ASSEMBLED, True))
    for key, value in values:
        variables.note(key, value)
        src.values.append(m.VariableValue(key, "", value))  # typed once all values are known
    if source.original is not None:
        built.loss["source originals (.docx, .vtt, ...) kept only as the plain text"] += 1
    return src


def _memo(memo: str | dict[str, str] | None, built: Built) -> str | None:
    """A memo in the export's language; a bilingual memo loses its other languages."""
    if memo is None:
        return None
    if isinstance(memo, dict) and len(memo) > 1:
        built.loss["memos in other languages than the export's"] += 1
    return memo_text(memo, built.lang)[0]


def _find(text: str, excerpt: Excerpt) -> tuple[int, int] | None:
    if excerpt.span is not None:
        start, end = excerpt.span
        return (start, end) if text[start:end] == excerpt.text else None
    at = text.find(excerpt.text)
    if at < 0 or not excerpt.text:
        return None
    return at, at + len(excerpt.text)


def _to_crlf(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    def moved(pos: int) -> int:
        return pos + text.count("\n", 0, pos)

    return text.replace("\n", "\r\n"), [(moved(s), moved(e)) for s, e in spans]


def _codings(
    excerpt: Excerpt,
    sel: m.Selection,
    code_guid: dict[str, str],
    user_guid: dict[str, str],
    votes: dict[str, dict[str, Vote]],
    sidecar: Sidecar,
    valences: set[str],
) -> None:
    if excerpt.coder:
        sel.user = user_guid.get(excerpt.coder)

    def add(code: str, target: str | None, coder: str | None) -> None:
        if target is None:
            return
        key = f"{excerpt.id}|{code}|{coder or ''}"
        guid = sidecar.guid("codings", key)
        sel.codings.append(
            m.Coding(guid, target, user_guid.get(coder) if coder else None, sidecar.time(guid))
        )

    for code in excerpt.codes:
        add(code, code_guid.get(code), None)
    if excerpt.valence:
        valences.add(excerpt.valence)
        add(f"valence:{excerpt.valence}", valence_guid(excerpt.valence), None)
    for coder, (codes, valence) in sorted(votes.get(excerpt.id, {}).items()):
        for code in codes:
            add(code, code_guid.get(code), coder)
        if valence:
            valences.add(valence)
            add(f"valence:{valence}", valence_guid(valence), coder)


def _excerpt_loss(excerpt: Excerpt, loss: Counter[str]) -> None:
    if excerpt.valence:
        loss["excerpt valences (held only as codes of a non-codable Valence folder)"] += 1
    if excerpt.form == "quote" and excerpt.span is None:
        loss["excerpts marked form: quote without a span (they come back as paraphrases)"] += 1
    if excerpt.translations:
        loss["excerpt translations"] += 1
    if excerpt.lang:
        loss["excerpt languages (lang)"] += 1


def _type_values(model: m.Project, variables: _Variables, loss: Counter[str]) -> None:
    """Give every VariableValue its variable's GUID and type, now that all values are known."""
    for case in model.cases:
        case.values = [variables.value(v.variable, v.value, loss) for v in case.values]
    for source in model.sources:
        source.values = [variables.value(v.variable, v.value, loss) for v in source.values]
