"""REFI-QDA XML (``.qde`` project or ``.qdc`` codebook) into the intermediate model.

Tolerant of what real tools write: elements are matched on local names whatever the namespace
(``1.0``, ``0:4``, ``0:10`` or none), GUIDs may be braced or in either case, set members may be
``@targetGUID``, ``@guid`` or text, and empty containers are accepted. What is not kept (audio,
video, pictures, graphs, ...) is counted in ``Project.skipped``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from egovcode.interchange.refi import model as m
from egovcode.interchange.refi.safety import ParsedXml, RefiError
from egovcode.load.limits import Limits

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
VALUE_TAGS = {
    "TextValue": "Text",
    "BooleanValue": "Boolean",
    "IntegerValue": "Integer",
    "FloatValue": "Float",
    "DateValue": "Date",
    "DateTimeValue": "DateTime",
}
NON_TEXT_SOURCES = ("PictureSource", "AudioSource", "VideoSource")


def local(tag: str) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def guid(value: str | None) -> str:
    """A GUID normalised for comparison: no braces, no spaces, upper case."""
    return (value or "").strip().strip("{}").strip().upper()


def children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local(child.tag) == name]


def child(element: Element, name: str) -> Element | None:
    return next((c for c in element if local(c.tag) == name), None)


def text_of(element: Element, name: str) -> str | None:
    found = child(element, name)
    if found is None:
        return None
    return found.text or ""


def read_document(parsed: ParsedXml, display: str) -> m.Project:
    """The project or codebook in ``parsed``; raises RefiError if it is neither."""
    root = parsed.root
    name = local(root.tag)
    ns = namespace(root.tag)
    project = m.Project()
    if name == "Project":
        expected = PROJECT_NS
    elif name == "CodeBook":
        expected = CODEBOOK_NS
    else:
        raise RefiError(
            "EGC807",
            f"{display}: the root element is <{name}>, not a REFI-QDA <Project> or <CodeBook>",
        )
    if ns != expected:
        project.notices.append(
            f"namespace {ns or '(none)'!r} read as {expected!r} (matched on local names)"
        )
    project.root = name
    project.name = root.get("name") or ""
    project.origin = root.get("origin")
    project.creating_user = guid(root.get("creatingUserGUID")) or None
    project.created = root.get("creationDateTime")
    project.base_path = root.get("basePath")
    for element in root:
        _read_top(project, element)
    return project


def _read_top(project: m.Project, element: Element) -> None:
    tag = local(element.tag)
    if tag == "Users":
        project.users = [
            m.User(guid(u.get("guid")), u.get("name"), u.get("id"))
            for u in children(element, "User")
        ]
    elif tag == "CodeBook":
        codes = child(element, "Codes")
        project.codes = [_code(c) for c in children(codes, "Code")] if codes is not None else []
    elif tag == "Codes":
        project.codes = [_code(c) for c in children(element, "Code")]
    elif tag == "Variables":
        project.variables = [
            m.Variable(
                guid(v.get("guid")),
                v.get("name") or "",
                v.get("typeOfVariable") or "Text",
                text_of(v, "Description"),
            )
            for v in children(element, "Variable")
        ]
    elif tag == "Cases":
        project.cases = [_case(c) for c in children(element, "Case")]
    elif tag == "Sources":
        for source in element:
            _read_source(project, source)
    elif tag == "Notes":
        project.notes = [_note(n) for n in children(element, "Note")]
    elif tag == "Links":
        project.links = [
            m.Link(
                guid(link.get("guid")),
                link.get("name"),
                link.get("direction"),
                guid(link.get("originGUID")) or None,
                guid(link.get("targetGUID")) or None,
            )
            for link in children(element, "Link")
        ]
    elif tag == "Sets":
        project.sets = [_set(s) for s in children(element, "Set")]
        if not project.sets:
            project.notices.append("an empty <Sets/> (invalid in the schema) was ignored")
    elif tag == "Description":
        project.description = element.text or ""
    elif tag == "NoteRef":
        project.note_refs.append(guid(element.get("targetGUID")))
    else:
        project.skipped[tag] += max(1, len(element))


def _code(element: Element, level: int = 1) -> m.Code:
    """A code and the codes nested in it; refused past the codebook's depth limit (EGC131), so
    the recursion stays shallow and the codebook written validates."""
    limit = Limits().max_code_depth
    if level > limit:
        raise RefiError(
            "EGC131",
            f"code {element.get('name') or ''!r} is at level {level} of the hierarchy; egovcode "
            f"reads at most {limit} levels",
        )
    codable = (element.get("isCodable") or "true").strip().lower() in ("true", "1")
    return m.Code(
        guid=guid(element.get("guid")),
        name=element.get("name") or "",
        codable=codable,
        color=element.get("color"),
        description=text_of(element, "Description"),
        children=[_code(c, level + 1) for c in children(element, "Code")],
        note_refs=[guid(n.get("targetGUID")) for n in children(element, "NoteRef")],
    )


def _case(element: Element) -> m.Case:
    return m.Case(
        guid=guid(element.get("guid")),
        name=element.get("name"),
        description=text_of(element, "Description"),
        code_refs=[guid(r.get("targetGUID")) for r in children(element, "CodeRef")],
        values=[v for v in map(_value, children(element, "VariableValue")) if v is not None],
        source_refs=[guid(r.get("targetGUID")) for r in children(element, "SourceRef")],
        selection_refs=[guid(r.get("targetGUID")) for r in children(element, "SelectionRef")],
    )


def _value(element: Element) -> m.VariableValue | None:
    ref = child(element, "VariableRef")
    if ref is None:
        return None
    for tag, kind in VALUE_TAGS.items():
        found = child(element, tag)
        if found is not None:
            return m.VariableValue(guid(ref.get("targetGUID")), kind, _typed(kind, found.text))
    return m.VariableValue(guid(ref.get("targetGUID")), "Text", None)


def _typed(kind: str, raw: str | None) -> m.Scalar | None:
    if raw is None:
        return None
    text = raw.strip()
    try:
        if kind == "Boolean":
            return text.lower() in ("true", "1")
        if kind == "Integer":
            return int(text)
        if kind == "Float":
            return float(text)
    except ValueError:
        return raw
    return raw if kind == "Text" else text


def _coding(element: Element) -> m.Coding | None:
    ref = child(element, "CodeRef")
    if ref is None:
        return None
    return m.Coding(
        guid=guid(element.get("guid")),
        code=guid(ref.get("targetGUID")),
        user=guid(element.get("creatingUser")) or None,
        created=element.get("creationDateTime"),
    )


def _selection(element: Element) -> m.Selection:
    def position(name: str) -> int:
        try:
            return int((element.get(name) or "0").strip())
        except ValueError:
            return -1

    return m.Selection(
        guid=guid(element.get("guid")),
        start=position("startPosition"),
        end=position("endPosition"),
        name=element.get("name"),
        description=text_of(element, "Description"),
        user=guid(element.get("creatingUser")) or None,
        created=element.get("creationDateTime"),
        codings=[c for c in map(_coding, children(element, "Coding")) if c is not None],
        note_refs=[guid(n.get("targetGUID")) for n in children(element, "NoteRef")],
    )


def _text_source(element: Element, kind: str = "Text") -> m.Source:
    return m.Source(
        guid=guid(element.get("guid")),
        kind=kind,
        name=element.get("name"),
        plain_path=element.get("plainTextPath"),
        rich_path=element.get("richTextPath"),
        description=text_of(element, "Description"),
        content=text_of(element, "PlainTextContent"),
        user=guid(element.get("creatingUser")) or None,
        created=element.get("creationDateTime"),
        selections=[_selection(s) for s in children(element, "PlainTextSelection")],
        codings=[c for c in map(_coding, children(element, "Coding")) if c is not None],
        note_refs=[guid(n.get("targetGUID")) for n in children(element, "NoteRef")],
        values=[v for v in map(_value, children(element, "VariableValue")) if v is not None],
    )


def _read_source(project: m.Project, element: Element) -> None:
    tag = local(element.tag)
    if tag == "TextSource":
        project.sources.append(_text_source(element))
    elif tag == "PDFSource":
        representation = child(element, "Representation")
        selections = children(element, "PDFSelection")
        if selections:
            project.skipped["PDFSelection (area of a PDF page)"] += len(selections)
        if representation is None:
            project.skipped["PDFSource without a text representation"] += 1
            return
        source = _text_source(representation, kind="PDF")
        source.guid = guid(element.get("guid"))
        source.name = element.get("name") or source.name
        source.path = element.get("path")
        source.description = text_of(element, "Description") or source.description
        source.codings.extend(c for c in map(_coding, children(element, "Coding")) if c)
        source.values.extend(v for v in map(_value, children(element, "VariableValue")) if v)
        project.sources.append(source)
    elif tag in NON_TEXT_SOURCES:
        project.skipped[tag] += 1
        for sub in element:
            sub_tag = local(sub.tag)
            if sub_tag.endswith("Selection") or sub_tag in ("Transcript", "TextDescription"):
                project.skipped[sub_tag] += 1
    else:
        project.skipped[tag] += 1


def _note(element: Element) -> m.Note:
    return m.Note(
        guid=guid(element.get("guid")),
        name=element.get("name"),
        text=text_of(element, "PlainTextContent"),
        plain_path=element.get("plainTextPath"),
        user=guid(element.get("creatingUser")) or None,
        created=element.get("creationDateTime"),
    )


def _set(element: Element) -> m.Set:
    def members(name: str) -> list[str]:
        out = []
        for member in children(element, name):
            value = member.get("targetGUID") or member.get("guid") or member.text
            if value and value.strip():
                out.append(guid(value))
        return out

    return m.Set(
        guid=guid(element.get("guid")),
        name=element.get("name") or "",
        description=text_of(element, "Description"),
        codes=members("MemberCode"),
        sources=members("MemberSource"),
        notes=members("MemberNote"),
    )
