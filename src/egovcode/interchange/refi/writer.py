"""The intermediate model as REFI-QDA XML: element order as the schemas require, no empty
containers, UTF-8 with a declaration and no BOM, the same bytes for the same model."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from egovcode.interchange.refi import model as m

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
Pairs = Sequence[tuple[str, str | None]]
DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
#: Characters XML 1.0 cannot hold at all, even escaped.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (C0 controls other than tab and
    newlines); the exporters report such a loss before calling this."""
    return _INVALID.sub("", text)


def has_invalid(text: str) -> bool:
    return _INVALID.search(text) is not None


def _text(value: str) -> str:
    return (
        clean(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")
    )


def _attr(value: str) -> str:
    return (
        _text(value)
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


def _attrs(pairs: Pairs) -> str:
    return "".join(f' {key}="{_attr(value)}"' for key, value in pairs if value is not None)


class _Out:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.depth = 0

    def empty(self, tag: str, pairs: Pairs) -> None:
        self.lines.append(f"{'  ' * self.depth}<{tag}{_attrs(pairs)}/>")

    def open(self, tag: str, pairs: Pairs | None = None) -> None:
        self.lines.append(f"{'  ' * self.depth}<{tag}{_attrs(pairs or [])}>")
        self.depth += 1

    def close(self, tag: str) -> None:
        self.depth -= 1
        self.lines.append(f"{'  ' * self.depth}</{tag}>")

    def leaf(self, tag: str, text: str) -> None:
        self.lines.append(f"{'  ' * self.depth}<{tag}>{_text(text)}</{tag}>")

    def text(self) -> bytes:
        return (DECLARATION + "\n".join(self.lines) + "\n").encode("utf-8")


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _write_code(out: _Out, code: m.Code, *, with_notes: bool) -> None:
    pairs = [
        ("guid", code.guid),
        ("name", code.name),
        ("isCodable", _bool(code.codable)),
        ("color", code.color),
    ]
    notes = code.note_refs if with_notes else []
    if code.description is None and not code.children and not notes:
        out.empty("Code", pairs)
        return
    out.open("Code", pairs)
    if code.description is not None:
        out.leaf("Description", code.description)
    for ref in notes:
        out.empty("NoteRef", [("targetGUID", ref)])
    for sub in code.children:
        _write_code(out, sub, with_notes=with_notes)
    out.close("Code")


def codebook_xml(project: m.Project) -> bytes:
    """A ``.qdc`` document (Codebook.xsd). Raises ValueError for a codebook without codes."""
    if not project.codes:
        raise ValueError("a REFI-QDA codebook needs at least one code")
    out = _Out()
    out.open("CodeBook", [("xmlns", CODEBOOK_NS), ("origin", project.origin)])
    out.open("Codes")
    for code in project.codes:
        _write_code(out, code, with_notes=False)
    out.close("Codes")
    sets = [s for s in project.sets if s.codes]
    if sets:
        out.open("Sets")
        for item in sets:
            out.open("Set", [("guid", item.guid), ("name", item.name)])
            if item.description is not None:
                out.leaf("Description", item.description)
            for ref in item.codes:
                out.empty("MemberCode", [("guid", ref)])
            out.close("Set")
        out.close("Sets")
    out.close("CodeBook")
    return out.text()


def format_value(kind: str, value: m.Scalar) -> str:
    """A variable value in the XML Schema lexical form of its type."""
    if kind == "Boolean":
        return _bool(bool(value))
    if kind == "Integer":
        return str(int(value))
    if kind == "Float":
        text = format(Decimal(repr(float(value))), "f")
        return text if "." not in text else text.rstrip("0").rstrip(".") or "0"
    return str(value)


_VALUE_TAG = {
    "Text": "TextValue",
    "Boolean": "BooleanValue",
    "Integer": "IntegerValue",
    "Float": "FloatValue",
    "Date": "DateValue",
    "DateTime": "DateTimeValue",
}


def _write_values(out: _Out, values: list[m.VariableValue]) -> None:
    for value in values:
        out.open("VariableValue")
        out.empty("VariableRef", [("targetGUID", value.variable)])
        if value.value is not None:
            out.leaf(_VALUE_TAG[value.type], format_value(value.type, value.value))
        out.close("VariableValue")


def _write_coding(out: _Out, coding: m.Coding) -> None:
    out.open(
        "Coding",
        [
            ("guid", coding.guid),
            ("creatingUser", coding.user),
            ("creationDateTime", coding.created),
        ],
    )
    out.empty("CodeRef", [("targetGUID", coding.code)])
    out.close("Coding")


def _write_selection(out: _Out, sel: m.Selection) -> None:
    pairs = [
        ("guid", sel.guid),
        ("name", sel.name),
        ("startPosition", str(sel.start)),
        ("endPosition", str(sel.end)),
        ("creatingUser", sel.user),
        ("creationDateTime", sel.created),
    ]
    if sel.description is None and not sel.codings and not sel.note_refs:
        out.empty("PlainTextSelection", pairs)
        return
    out.open("PlainTextSelection", pairs)
    if sel.description is not None:
        out.leaf("Description", sel.description)
    for coding in sel.codings:
        _write_coding(out, coding)
    for ref in sel.note_refs:
        out.empty("NoteRef", [("targetGUID", ref)])
    out.close("PlainTextSelection")


def _write_text_source(out: _Out, tag: str, src: m.Source | m.Note) -> None:
    if isinstance(src, m.Note):
        pairs = [
            ("guid", src.guid),
            ("name", src.name),
            ("plainTextPath", src.plain_path),
            ("creatingUser", src.user),
            ("creationDateTime", src.created),
        ]
        out.open(tag, pairs)
        if src.text is not None:
            out.leaf("PlainTextContent", src.text)
        out.close(tag)
        return
    out.open(
        tag,
        [
            ("guid", src.guid),
            ("name", src.name),
            ("richTextPath", src.rich_path),
            ("plainTextPath", src.plain_path),
            ("creatingUser", src.user),
            ("creationDateTime", src.created),
        ],
    )
    if src.description is not None:
        out.leaf("Description", src.description)
    if src.content is not None:
        out.leaf("PlainTextContent", src.content)
    for sel in src.selections:
        _write_selection(out, sel)
    for coding in src.codings:
        _write_coding(out, coding)
    for ref in src.note_refs:
        out.empty("NoteRef", [("targetGUID", ref)])
    _write_values(out, src.values)
    out.close(tag)


def _section(out: _Out, tag: str, items: list[object]) -> Iterator[object]:
    """Yield the items inside ``<tag>``, writing nothing at all when there are none."""
    if not items:
        return
    out.open(tag)
    yield from items
    out.close(tag)


def project_xml(project: m.Project) -> bytes:
    """A ``project.qde`` document (Project.xsd), elements in the schema's order."""
    out = _Out()
    out.open(
        "Project",
        [
            ("xmlns", PROJECT_NS),
            ("name", project.name),
            ("origin", project.origin),
            ("creatingUserGUID", project.creating_user),
            ("creationDateTime", project.created),
        ],
    )
    for user in _section(out, "Users", list(project.users)):
        assert isinstance(user, m.User)
        out.empty("User", [("guid", user.guid), ("name", user.name), ("id", user.initials)])
    if project.codes:
        out.open("CodeBook")
        out.open("Codes")
        for code in project.codes:
            _write_code(out, code, with_notes=True)
        out.close("Codes")
        out.close("CodeBook")
    for var in _section(out, "Variables", list(project.variables)):
        assert isinstance(var, m.Variable)
        pairs = [("guid", var.guid), ("name", var.name), ("typeOfVariable", var.type)]
        if var.description is None:
            out.empty("Variable", pairs)
        else:
            out.open("Variable", pairs)
            out.leaf("Description", var.description)
            out.close("Variable")
    for case in _section(out, "Cases", list(project.cases)):
        assert isinstance(case, m.Case)
        _write_case(out, case)
    for src in _section(out, "Sources", list(project.sources)):
        assert isinstance(src, m.Source)
        _write_text_source(out, "TextSource", src)
    for note in _section(out, "Notes", list(project.notes)):
        assert isinstance(note, m.Note)
        _write_text_source(out, "Note", note)
    for link in _section(out, "Links", list(project.links)):
        assert isinstance(link, m.Link)
        out.empty(
            "Link",
            [
                ("guid", link.guid),
                ("name", link.name),
                ("direction", link.direction),
                ("originGUID", link.origin),
                ("targetGUID", link.target),
            ],
        )
    for item in _section(out, "Sets", list(project.sets)):
        assert isinstance(item, m.Set)
        out.open("Set", [("guid", item.guid), ("name", item.name)])
        if item.description is not None:
            out.leaf("Description", item.description)
        for ref in item.codes:
            out.empty("MemberCode", [("targetGUID", ref)])
        for ref in item.sources:
            out.empty("MemberSource", [("targetGUID", ref)])
        for ref in item.notes:
            out.empty("MemberNote", [("targetGUID", ref)])
        out.close("Set")
    if project.description is not None:
        out.leaf("Description", project.description)
    for ref in project.note_refs:
        out.empty("NoteRef", [("targetGUID", ref)])
    out.close("Project")
    return out.text()


def _write_case(out: _Out, case: m.Case) -> None:
    pairs = [("guid", case.guid), ("name", case.name)]
    if not (
        case.description is not None
        or case.code_refs
        or case.values
        or case.source_refs
        or case.selection_refs
    ):
        out.empty("Case", pairs)
        return
    out.open("Case", pairs)
    if case.description is not None:
        out.leaf("Description", case.description)
    for ref in case.code_refs:
        out.empty("CodeRef", [("targetGUID", ref)])
    _write_values(out, case.values)
    for ref in case.source_refs:
        out.empty("SourceRef", [("targetGUID", ref)])
    for ref in case.selection_refs:
        out.empty("SelectionRef", [("targetGUID", ref)])
    out.close("Case")
