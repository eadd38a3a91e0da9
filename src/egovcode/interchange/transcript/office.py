"""Word (.docx) and OpenDocument (.odt) transcripts: zip files of XML, read with defusedxml.

Only the main text part is read (``word/document.xml``, ``content.xml``), within the member-count
and size limits, with DTDs, entities and external references refused. Paragraphs become
paragraphs separated by a blank line; a tab, a line break and (in .odt) ``text:s`` spaces are
kept. Tracked changes read as accepted: deleted text is left out, inserted text kept. Headers,
footers, comments and footnotes are not part of the transcript. A table of speaker | text (or
time | speaker | text) becomes one ``Speaker: text`` paragraph per row, and a label written in
bold at the start of a paragraph counts as a speaker label whatever its length.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from xml.etree.ElementTree import Element

from egovcode.interchange.transcript.errors import TranscriptError
from egovcode.interchange.transcript.readers import Document
from egovcode.load.limits import Limits

#: More members than this is not a word-processor file but a zip bomb or an archive.
MAX_MEMBERS = 10_000

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"

#: First-row cells that name the columns of a speaker | text table rather than a turn.
_HEADER_CELLS = {
    "speaker", "pembicara", "penutur", "nama", "name", "label", "peran", "role",
    "waktu", "time", "timestamp", "text", "teks", "ucapan", "transkrip", "transcript",
}  # fmt: skip
_CLOCK = re.compile(r"^\[?\(?\d{1,2}:\d{2}(:\d{2})?([.,]\d{1,3})?\)?\]?$")


def _xml_member(raw: bytes, name: str, member: str, limits: Limits) -> Element:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        with zipfile.ZipFile(BytesIO(raw)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise TranscriptError(f"{name} holds {len(infos):,} files; it is not a document.")
            info = next((i for i in infos if i.filename == member), None)
            if info is None:
                raise TranscriptError(f"{name} has no {member}; is it really that kind of file?")
            if info.file_size > limits.max_bytes:
                raise TranscriptError(
                    f"{name}: {member} is {info.file_size:,} bytes unpacked; "
                    f"the limit is {limits.max_bytes:,} (EGOVCODE_MAX_BYTES)."
                )
            with archive.open(info) as handle:
                data = handle.read(limits.max_bytes + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise TranscriptError(f"{name} is not a readable zip file ({exc}).") from None
    if len(data) > limits.max_bytes:
        raise TranscriptError(f"{name}: {member} unpacks to more than the size limit.")
    try:
        root: Element = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise TranscriptError(f"{name}: {member} uses a forbidden XML feature ({exc}).") from None
    except ParseError as exc:
        raise TranscriptError(f"{name}: {member} is not well-formed XML ({exc}).") from None
    return root


class _Out:
    """Paragraphs collected in order, and the labels the format marked."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.labels: set[str] = set()

    def add(self, text: str) -> None:
        if text.strip():
            self.paragraphs.append(text.strip())

    def row(self, cells: list[str]) -> None:
        """A table row: speaker | text, or time | speaker | text; else the cells, tab-separated."""
        cells = [c.strip() for c in cells]
        if len(cells) == 2 and cells[0] and "\n" not in cells[0] and len(cells[0]) <= 80:
            self.labels.add(cells[0].rstrip(":").strip())
            self.add(f"{cells[0].rstrip(':').strip()}: {cells[1]}")
        elif len(cells) == 3 and _CLOCK.match(cells[0]) and cells[1] and "\n" not in cells[1]:
            self.labels.add(cells[1].rstrip(":").strip())
            stamp = cells[0].strip("[]()")
            self.add(f"[{stamp}] {cells[1].rstrip(':').strip()}: {cells[2]}")
        elif len(cells) in (2, 3) and not cells[-2]:
            self.add(cells[-1])
        else:
            self.add("\t".join(cells))

    def table(self, rows: list[list[str]]) -> None:
        if rows and all(c.strip().casefold() in _HEADER_CELLS for c in rows[0] if c.strip()):
            rows = rows[1:]
        for cells in rows:
            self.row(cells)

    def document(self) -> Document:
        return Document("\n\n".join(self.paragraphs) + "\n", frozenset(self.labels))


# -- .docx ------------------------------------------------------------------------------------


def read_docx(raw: bytes, name: str, limits: Limits) -> Document:
    """The paragraphs and tables of a Word document's body, in order."""
    root = _xml_member(raw, name, "word/document.xml", limits)
    body = root.find(f"{_W}body")
    if body is None:
        raise TranscriptError(f"{name}: word/document.xml has no body.")
    out = _Out()
    _docx_blocks(body, out)
    return out.document()


def _docx_blocks(parent: Element, out: _Out) -> None:
    for child in parent:
        tag = child.tag
        if tag == f"{_W}p":
            text, label = _docx_paragraph(child)
            if label:
                out.labels.add(label)
            out.add(text)
        elif tag == f"{_W}tbl":
            rows = []
            for tr in child.iter(f"{_W}tr"):
                cells = [
                    "\n".join(_docx_paragraph(p)[0] for p in tc.iter(f"{_W}p"))
                    for tc in tr.findall(f"{_W}tc")
                ]
                rows.append(cells)
            out.table(rows)
        elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            _docx_blocks(child, out)


def _docx_paragraph(p: Element) -> tuple[str, str | None]:
    """The paragraph's text, and the label written in bold at its start (if any)."""
    pieces: list[tuple[str, bool]] = []
    _docx_inline(p, pieces, bold=False)
    text = "".join(t for t, _ in pieces)
    lead = ""
    for piece, bold in pieces:
        if not bold:
            if not piece.strip():
                lead += piece
                continue
            if piece.lstrip().startswith(":") and lead.strip():
                return text, lead.strip()
            break
        lead += piece
    label = lead.strip()
    if label.endswith(":") and len(label) > 1:
        return text, label[:-1].strip()
    return text, None


_SKIP = {f"{_W}{t}" for t in ("del", "delText", "instrText", "pPr", "rPr", "moveFrom")}


def _docx_inline(el: Element, out: list[tuple[str, bool]], *, bold: bool) -> None:
    for child in el:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == f"{_W}r":
            _docx_inline(child, out, bold=_run_bold(child))
        elif tag == f"{_W}t":
            out.append((child.text or "", bold))
        elif tag == f"{_W}tab":
            out.append(("\t", bold))
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append(("\n", bold))
        elif tag == f"{_W}noBreakHyphen":
            out.append(("-", bold))
        else:
            _docx_inline(child, out, bold=bold)


def _run_bold(run: Element) -> bool:
    props = run.find(f"{_W}rPr")
    b = props.find(f"{_W}b") if props is not None else None
    return b is not None and b.get(f"{_W}val", "true") not in ("0", "false", "off")


# -- .odt -------------------------------------------------------------------------------------


def read_odt(raw: bytes, name: str, limits: Limits) -> Document:
    """The paragraphs, headings, lists and tables of an OpenDocument text, in order."""
    root = _xml_member(raw, name, "content.xml", limits)
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise TranscriptError(f"{name}: content.xml has no office:text body.")
    bold = _odt_bold_styles(root)
    out = _Out()
    _odt_blocks(body, out, bold)
    return out.document()


def _odt_bold_styles(root: Element) -> set[str]:
    found = set()
    for style in root.iter(f"{_STYLE}style"):
        props = style.find(f"{_STYLE}text-properties")
        if props is not None and props.get(f"{_FO}font-weight") in ("bold", "700", "800", "900"):
            found.add(style.get(f"{_STYLE}name", ""))
    return found


def _odt_blocks(parent: Element, out: _Out, bold: set[str]) -> None:
    for child in parent:
        tag = child.tag
        if tag in (f"{_TEXT}p", f"{_TEXT}h"):
            text, label = _odt_paragraph(child, bold)
            if label:
                out.labels.add(label)
            out.add(text)
        elif tag == f"{_TABLE}table":
            rows = [
                [
                    "\n".join(_odt_paragraph(p, bold)[0] for p in cell.iter(f"{_TEXT}p"))
                    for cell in row.findall(f"{_TABLE}table-cell")
                ]
                for row in child.iter(f"{_TABLE}table-row")
            ]
            out.table(rows)
        elif tag in (f"{_TEXT}list", f"{_TEXT}list-item", f"{_TEXT}section", f"{_TEXT}list-header"):
            _odt_blocks(child, out, bold)


_ODT_SKIP = {
    f"{_TEXT}{t}"
    for t in ("note", "tracked-changes", "change", "change-start", "change-end", "bookmark-ref")
}
_SPACES = re.compile(r"[ \t\r\n]+")


def _odt_paragraph(p: Element, bold: set[str]) -> tuple[str, str | None]:
    pieces: list[tuple[str, bool]] = []
    _odt_inline(p, pieces, p.get(f"{_TEXT}style-name", "") in bold, bold)
    text = "".join(t for t, _ in pieces)
    lead = ""
    for piece, is_bold in pieces:
        if not is_bold:
            if piece.lstrip().startswith(":") and lead.strip():
                return text.strip(), lead.strip()
            if piece.strip():
                break
        lead += piece
    label = lead.strip()
    if label.endswith(":") and len(label) > 1 and label != text.strip():
        return text.strip(), label[:-1].strip()
    return text.strip(), None


def _odt_inline(el: Element, out: list[tuple[str, bool]], is_bold: bool, bold: set[str]) -> None:
    if el.text:
        out.append((_SPACES.sub(" ", el.text), is_bold))
    for child in el:
        tag = child.tag
        if tag not in _ODT_SKIP:
            if tag == f"{_TEXT}s":
                count = child.get(f"{_TEXT}c", "1")
                out.append((" " * (min(int(count), 1000) if count.isdigit() else 1), is_bold))
            elif tag == f"{_TEXT}tab":
                out.append(("\t", is_bold))
            elif tag == f"{_TEXT}line-break":
                out.append(("\n", is_bold))
            else:
                style = child.get(f"{_TEXT}style-name")
                inner = is_bold or (style in bold) if style is not None else is_bold
                _odt_inline(child, out, inner, bold)
        if child.tail:
            out.append((_SPACES.sub(" ", child.tail), is_bold))
