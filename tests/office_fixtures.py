# ruff: noqa: E501  (XML in one string per element reads best on one line)
"""Small writers of real .docx and .odt files for the transcript tests.

A paragraph is a list of runs ``(text, bold)``; the markers ``"\\t"`` and ``"\\n"`` inside a run
become a tab and a line break, and a run ``("-deleted", False)`` / ``("+inserted", False)`` is a
tracked deletion / insertion. A table is a list of rows of cell texts.
"""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

Run = tuple[str, bool]
Block = list[Run] | list[list[str]]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_run(text: str, bold: bool) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    if text.startswith("-"):
        return f'<w:del w:id="1" w:author="x"><w:r>{props}<w:delText>{escape(text[1:])}</w:delText></w:r></w:del>'
    if text.startswith("+"):
        return f'<w:ins w:id="2" w:author="x"><w:r>{props}<w:t xml:space="preserve">{escape(text[1:])}</w:t></w:r></w:ins>'
    parts = []
    for i, line in enumerate(text.split("\n")):
        if i:
            parts.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{props}{''.join(parts)}</w:r>"


def _docx_block(block: Block) -> str:
    if block and isinstance(block[0], tuple):
        runs = "".join(_docx_run(t, b) for t, b in block)  # type: ignore[misc]
        return f'<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>{runs}</w:p>'
    rows = "".join(
        "<w:tr>"
        + "".join(f"<w:tc><w:p>{_docx_run(cell, False)}</w:p></w:tc>" for cell in row)
        + "</w:tr>"
        for row in block  # type: ignore[union-attr]
    )
    return f"<w:tbl>{rows}</w:tbl>"


def make_docx(blocks: list[Block]) -> bytes:
    body = "".join(_docx_block(b) for b in blocks)
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>",
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        z.writestr("word/document.xml", document)
    return buf.getvalue()


def _odt_run(text: str, bold: bool) -> str:
    if text.startswith("-"):
        return ""  # a deletion accepted
    text = text.removeprefix("+")
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<text:line-break/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<text:tab/>")
            # runs of spaces are written as text:s, as office suites do
            words = piece.split("  ")
            out.append(
                '<text:s text:c="1"/>'.join(
                    escape(w) + (" " if k < len(words) - 1 else "") for k, w in enumerate(words)
                )
            )
    inner = "".join(out)
    return f'<text:span text:style-name="Bold">{inner}</text:span>' if bold else inner


def make_odt(blocks: list[Block]) -> bytes:
    parts = []
    for block in blocks:
        if block and isinstance(block[0], tuple):
            parts.append("<text:p>" + "".join(_odt_run(t, b) for t, b in block) + "</text:p>")  # type: ignore[misc]
        else:
            rows = "".join(
                "<table:table-row>"
                + "".join(
                    f'<table:table-cell office:value-type="string"><text:p>{escape(c)}</text:p></table:table-cell>'
                    for c in row
                )
                + "</table:table-row>"
                for row in block  # type: ignore[union-attr]
            )
            columns = f'<table:table-column table:number-columns-repeated="{len(block[0])}"/>'
            parts.append(f'<table:table table:name="T1">{columns}{rows}</table:table>')
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3">'
        '<office:automatic-styles><style:style style:name="Bold" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>'
        f"<office:body><office:text>{''.join(parts)}</office:text></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.text",
            zipfile.ZIP_STORED,
        )
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


#: The .docx interview of the tests: bold labels, a line break, a tab, tracked changes and a
#: speaker | text table with a header row.
DOCX_INTERVIEW: list[Block] = [
    [("Wawancara Kepala Seksi Layanan", True)],
    [("Tanggal: 3 April 2024", False)],
    [("Jabatan: Kepala Seksi Layanan", False)],
    [("Peneliti:", True), (" Bagaimana antrean di mal pelayanan publik?", False)],
    [
        ("Narasumber:", True),
        (" Antrean sekarang ", False),
        ("-sangat ", False),
        ("+jauh ", False),
        ("lebih pendek.\nKami pakai nomor\tdaring.", False),
    ],
    [("Peneliti", True), (": Apa yang belum berjalan?", False)],
    [("Narasumber:", True), (" Integrasi data kependudukan masih manual.", False)],
    [["Pembicara", "Teks"], ["Peneliti", "Apa rencana tahun depan?"], ["Narasumber", "Menyambung ke SPLP nasional."]],
]  # fmt: skip
