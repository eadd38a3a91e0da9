"""The report as a Word document (.docx), built with python-docx from the template context.

The document has a title page, headings in Word's own Heading styles (so the navigation pane and
a table of contents pick them up), Table 1, the coverage table with shaded cells, quotes in the
Quote style with their attribution, captions, a running header, page numbers and A4 pages.

The bytes are deterministic: the document properties carry a fixed time (``SOURCE_DATE_EPOCH``
when it is set, else 2000-01-01), and the package is rewritten with fixed zip member times in a
fixed order. python-docx is an optional extra (``pip install "egovcode[docx]"``), imported only
here.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import zipfile
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from egovcode.load.project import Project
from egovcode.report.context import build_context
from egovcode.report.errors import ReportError
from egovcode.report.numbers import format_number
from egovcode.report.quotes import DEFAULT_QUOTES
from egovcode.report.svg import HIGH, LOW

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

FIXED_TIME = _dt.datetime(2000, 1, 1, tzinfo=_dt.UTC)
VALENCE_RGB = {"supporting": "2E7D32", "inhibiting": "C62828", "neutral": "6E7781"}


def render_docx(
    project: Project,
    *,
    lang: str = "en",
    cases: list[str] | None = None,
    date: _dt.date | None = None,
    agreement: dict[str, Any] | None = None,
    quotes: int | None = DEFAULT_QUOTES,
    appendix: str = "compact",
    evidence: bool = False,
    environ: Mapping[str, str] | None = None,
) -> bytes:
    """The report of ``project`` as the bytes of a .docx file (options as ``render_report``)."""
    try:
        import docx
    except ImportError:
        raise ReportError('Word output needs python-docx: pip install "egovcode[docx]".') from None
    context = build_context(
        project,
        lang,
        cases=cases,
        date=date,
        agreement=agreement,
        quotes=quotes,
        appendix=appendix,
        evidence=evidence,
    )
    context["format"] = "docx"
    context["provenance"]["template"] = "egovcode.report.word"
    document = docx.Document()
    _Writer(document, context).write()
    when = _fixed_time(environ if environ is not None else os.environ)
    props = document.core_properties
    props.title = context["title"]
    props.author = "; ".join(a["name"] for a in (context["synthesis"] or {}).get("authors", []))
    props.last_modified_by = ""
    props.comments = f"egovcode {context['egovcode_version']}"
    props.language = lang
    props.revision = 1
    props.created = props.modified = props.last_printed = when.replace(tzinfo=None)
    buffer = io.BytesIO()
    document.save(buffer)
    return _normalise_zip(buffer.getvalue(), when)


def _fixed_time(environ: Mapping[str, str]) -> _dt.datetime:
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        try:
            return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC)
        except (OverflowError, OSError, ValueError):
            pass
    return FIXED_TIME


def _normalise_zip(data: bytes, when: _dt.datetime) -> bytes:
    """The package with every member dated ``when`` (at least 1980, zip's epoch), in a fixed
    order: ``[Content_Types].xml`` first, then by name."""
    stamp = max(when, _dt.datetime(1980, 1, 1, tzinfo=_dt.UTC)).timetuple()[:6]
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


class _Writer:
    """Writes the sections of the report into a python-docx document."""

    def __init__(self, document: Document, context: dict[str, Any]) -> None:
        self.doc = document
        self.c = context
        self.t: dict[str, Any] = context["t"]
        self.lang: str = context["lang"]
        self.tables = 0

    # -- helpers -----------------------------------------------------------------------------

    def num(self, value: object) -> str:
        return "" if value is None else format_number(value, self.lang)

    def para(self, text: str = "", style: str | None = None) -> Paragraph:
        return self.doc.add_paragraph(text, style=style)

    def heading(self, text: str, level: int) -> Paragraph:
        heading: Paragraph = self.doc.add_heading(text, level=level)
        return heading

    def labelled(self, label: str, text: str) -> Paragraph:
        p = self.para()
        p.add_run(f"{label}: ").bold = True
        p.add_run(text)
        return p

    def caption(self, text: str) -> Paragraph:
        p = self.para(text, style="Caption")
        p.paragraph_format.keep_with_next = True
        return p

    def table(
        self, header: list[str], rows: list[list[str]], numeric: set[int] | None = None
    ) -> Table:
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        numeric = numeric or set()
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for i, text in enumerate(header):
            cell = table.rows[0].cells[i]
            cell.text = ""
            run = cell.paragraphs[0].add_run(text)
            run.bold = True
            _shade(cell, "F6F8FA")
        _repeat_header(table.rows[0])
        for row in rows:
            cells = table.add_row().cells
            for i, text in enumerate(row):
                cells[i].text = text
                if i in numeric:
                    cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self._small(table)
        self.para()
        made: Table = table
        return made

    def _small(self, table: Table) -> None:
        from docx.shared import Pt

        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.space_after = Pt(0)
                    for run in p.runs:
                        run.font.size = Pt(9)

    # -- the document ------------------------------------------------------------------------

    def write(self) -> None:
        self.setup()
        self.title_page()
        synthesis = self.c["synthesis"]
        if synthesis and synthesis["summary"]:
            self.heading(self.t["hand_in"]["summary"], 1)
            self.passage(synthesis["summary"])
        self.method()
        self.profile()
        self.coverage()
        self.heading(self.t["sec"]["findings"], 1)
        for section in self.c["components"]:
            self.section(section)
        if self.c["outcome"]:
            self.heading(self.t["sec"]["outcome"], 1)
            for section in self.c["outcome"]:
                self.section(section, outcome=True)
        self.factors()
        self.absences()
        self.conclusions()
        self.appendix()
        self.provenance()

    def setup(self) -> None:
        from docx.shared import Mm, Pt

        styles = self.doc.styles
        styles["Normal"].font.name = "Liberation Serif"
        styles["Normal"].font.size = Pt(11)
        quote = styles["Quote"]
        quote.paragraph_format.left_indent = Mm(8)
        quote.paragraph_format.right_indent = Mm(4)
        for section in self.doc.sections:
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.top_margin = section.bottom_margin = Mm(22)
            section.left_margin = section.right_margin = Mm(20)
            section.header_distance = section.footer_distance = Mm(10)
            section.different_first_page_header_footer = True
            header = section.header.paragraphs[0]
            header.text = self.c["title"]
            header.runs[0].font.size = Pt(8)
            footer = section.footer.paragraphs[0]
            _page_number(footer, self.t["hand_in"]["page"])

    def title_page(self) -> None:
        from docx.enum.text import WD_BREAK

        synthesis = self.c["synthesis"] or {}
        self.para(self.c["title"], style="Title")
        if synthesis.get("subtitle"):
            self.para(synthesis["subtitle"], style="Subtitle")
        authors = synthesis.get("authors") or []
        if authors:
            names = "; ".join(
                a["name"] + (f" ({a['affiliation']})" if a["affiliation"] else "") for a in authors
            )
            self.labelled(self.t["hand_in"]["authors"], names)
        if synthesis.get("institution"):
            self.labelled(self.t["hand_in"]["institution"], synthesis["institution"])
        self.labelled(self.t["cases_covered"], "; ".join(c["name"] for c in self.c["cases"]))
        if self.c["date"]:
            self.labelled(self.t["date"], self.c["date"]["text"])
        if synthesis.get("abstract_paragraphs"):
            self.heading(self.t["hand_in"]["abstract"], 2)
            for text in synthesis["abstract_paragraphs"]:
                self.para(text)
        self.para().add_run().add_break(WD_BREAK.PAGE)

    def passage(self, passage: dict[str, Any]) -> None:
        for text in passage["paragraphs"]:
            self.para(text)
        if passage["cites"]:
            cites = ", ".join(
                c["id"] + (f" ({c['short']})" if c["short"] else "") for c in passage["cites"]
            )
            p = self.para()
            p.add_run(f"{self.t['hand_in']['cites']}: ").italic = True
            p.add_run(cites)

    def method(self) -> None:
        m = self.c["method"]
        self.heading(self.t["sec"]["method"], 1)
        self.para(
            f"{m['summary']} {m['coders_sentence']} {m['unit']} {self.c['options']['quotes_rule']}"
        )

    def profile(self) -> None:
        profile = self.c["profile"]
        self.heading(self.t["sec"]["profile"], 1)
        self.caption(self.t["profile_caption"])
        col = self.t["col"]
        header = [col["case"], col["type"], col["province"]]
        header += [c["heading"] for c in profile["columns"]]
        rows = []
        for row in profile["rows"]:
            cells = [row["name"], row["type_label"], row["province"] or "–"]
            for ix in row["cells"]:
                if ix is None:
                    cells.append("–")
                else:
                    mark = f" ({ix['mark']})" if ix["mark"] else ""
                    cells.append(self.num(ix["value"]) + mark)
            rows.append(cells)
        self.table(header, rows, numeric=set(range(3, len(header))))
        if profile["sources"]:
            notes = [
                f"{c['name']}: {c['title']}" for c in profile["columns"] if c["title"] != c["name"]
            ]
            sources = "; ".join(
                f"{s['source']} ({', '.join(s['indices'])})" for s in profile["sources"]
            )
            text = (
                "; ".join(notes) + ". " if notes else ""
            ) + f"{self.t['source_note']}: {sources}."
            self.para(text).runs[0].font.size = _pt(9)

    def coverage(self) -> None:
        cover = self.c["coverage"]
        self.heading(self.t["sec"]["coverage"], 1)
        self.caption(self.t["coverage_caption"])
        header = [
            self.t["col"]["component"],
            *[c["short"] for c in cover["cases"]],
            self.t["col"]["total"],
        ]
        rows = []
        for row in cover["rows"]:
            rows.append(
                [
                    row["label"],
                    *[self.cell_text(cell) for cell in row["cells"]],
                    self.num(row["total"]),
                ]
            )
        rows.append(
            [
                self.t["col"]["total"],
                *[self.num(n) for n in cover["totals"]],
                self.num(cover["total"]),
            ]
        )
        table = self.table(header, rows, numeric=set(range(1, len(header))))
        top = max(cover["max"], 1)
        for i, row in enumerate(cover["rows"], start=1):
            for j, cell in enumerate(row["cells"], start=1):
                share = cell["total"] / top
                target = table.rows[i].cells[j]
                _shade(target, _fill(share))
                if share > 0.55:
                    from docx.shared import RGBColor

                    for run in target.paragraphs[0].runs:
                        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        for cell in table.rows[-1].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True

    def cell_text(self, cell: dict[str, Any]) -> str:
        if not cell["total"]:
            return self.num(0)
        if not cell["supporting"] and not cell["inhibiting"] and cell["neutral"] == cell["total"]:
            return f"{self.num(cell['total'])} ({self.t['hand_in']['neutral_only']})"
        split = f"{self.num(cell['supporting'])} / {self.num(cell['inhibiting'])}"
        return f"{self.num(cell['total'])} ({split})"

    def section(self, s: dict[str, Any], *, outcome: bool = False) -> None:
        self.heading(f"{s['label']} ({s['code']})", 2)
        if s["definition"]:
            p = self.para()
            p.add_run(f"{self.t['definition']}: ").italic = True
            p.add_run(s["definition"])
        if outcome:
            self.caption(self.t["indicators_caption"])
            col = self.t["col"]
            rows = [
                [
                    row["short"],
                    ix["title"],
                    ix["year_text"],
                    self.num(ix["value"]),
                    ix["mark"] or "–",
                    ix["source"],
                ]
                for row in s["indicators"]
                for ix in row["indices"]
            ]
            self.table(
                [col["case"], col["index"], col["year"], col["value"], col["grade"], col["source"]],
                rows,
                numeric={3},
            )
        if s["conclusion"]:
            self.heading(self.t["hand_in"]["conclusion"], 3)
            self.passage(s["conclusion"])
            self.heading(self.t["hand_in"]["coding_summary"], 3)
        self.para(s["lead"])
        for case in s["cases"]:
            self.heading(f"{self.t['evidence_from']} {case['name']}", 4)
            if not case["excerpts"]:
                self.para(case["absent_text"])
            for e in case["excerpts"]:
                self.quote(e)
            if case["more_text"]:
                self.para(case["more_text"]).runs[0].italic = True
        self.caption(f"{self.t['contrast_caption']}: {s['label']}")
        self.table(
            [self.t["col"]["aspect"], *s["contrast"]["columns"]],
            [[r["aspect"], *[self.num(v) for v in r["cells"]]] for r in s["contrast"]["rows"]],
        )

    def quote(self, e: dict[str, Any]) -> None:
        from docx.shared import Pt, RGBColor

        # A quotation is set in the Quote style; a paraphrase is the analyst's summary, so it is
        # an ordinary paragraph opening with its attribution ("According to ...:").
        quoted = e.get("form", "quote") == "quote"
        style = "Quote" if quoted else None
        if quoted:
            paragraphs = [p.strip() for p in e["text"].split("\n\n") if p.strip()]
            for text in paragraphs:
                p = self.para(" ".join(text.split()), style="Quote")
                p.paragraph_format.keep_with_next = True
        else:
            p = self.para()
            p.add_run(e["according_to"] + " ").italic = True
            p.add_run(" ".join(e["text"].split()))
            p.paragraph_format.keep_with_next = True
        if e["translation"]:
            p = self.para(style=style)
            p.add_run(f"{self.t['translation']}: ").italic = True
            p.add_run(e["translation"])
            p.paragraph_format.keep_with_next = True
        if quoted:
            parts = ["— " + e["cite"] + (f", {e['locator']}" if e["locator"] else "")]
        else:
            parts = [e["form_label"][:1].upper() + e["form_label"][1:]]
        if e["source"]:
            role = e["source"]["informant_role"]
            parts.append(e["source"]["kind_label"] + (f" ({role})" if role else ""))
        attribution = self.para(style=style)
        attribution.add_run(" · ".join(parts) + " · ")
        valence = attribution.add_run(e["valence_label"])
        valence.bold = True
        if e["valence"] in VALENCE_RGB:
            valence.font.color.rgb = RGBColor.from_string(VALENCE_RGB[e["valence"]])
        if e["key"]:
            attribution.add_run(f" · {self.t['hand_in']['key_quote']}").bold = True
        codes = ", ".join(c["label"] for c in e["codes"])
        attribution.add_run(f" · {self.t['coded_as']}: {codes} · {e['id']}")
        for run in attribution.runs:
            run.font.size = Pt(9)
        if e["memo"]:
            p = self.para()
            p.add_run(f"{self.t['memo']}: ").italic = True
            p.add_run(str(e["memo"]) + (f" {e['memo_note']}" if e.get("memo_note") else ""))

    def factors(self) -> None:
        view = self.c["factors_view"]
        self.heading(view["title"], 1)
        self.para(view["intro"])
        for f in self.c["factors"]:
            self.heading(f["name"], 2)
            for key in ("supporting", "inhibiting"):
                self.heading(view["headings"][key], 3)
                for item in f[key]:
                    p = self.para(style="List Bullet")
                    labels = ", ".join(c["label"] for c in item["components"])
                    p.add_run(f"{labels}: ").bold = True
                    p.add_run(f"{item['summary']} ({item['excerpt']})")
                if f["more_text"][key]:
                    self.para(f["more_text"][key]).runs[0].italic = True
                elif not f[key]:
                    self.para(self.t["none_recorded"])

    def absences(self) -> None:
        self.heading(self.t["sec"]["absences"], 1)
        if not self.c["absences"]:
            self.para(self.t["no_absences"])
            return
        self.para(self.t["absences_intro"])
        for a in self.c["absences"]:
            self.para(a["sentence"], style="List Bullet")

    def conclusions(self) -> None:
        synthesis = self.c["synthesis"]
        if not synthesis or not (synthesis["cases"] or synthesis["recommendations"]):
            return
        self.heading(self.t["hand_in"]["conclusions"], 1)
        if synthesis["cases"]:
            self.heading(self.t["hand_in"]["case_conclusions"], 2)
            for c in synthesis["cases"]:
                self.heading(c["name"], 3)
                self.passage(c["conclusion"])
        if synthesis["recommendations"]:
            self.heading(self.t["hand_in"]["recommendations"], 2)
            for r in synthesis["recommendations"]:
                text = " ".join(r["paragraphs"])
                if r["cites"]:
                    text += " (" + ", ".join(c["id"] for c in r["cites"]) + ")"
                self.para(text, style="List Number")

    def appendix(self) -> None:
        t, col = self.t, self.t["col"]
        self.heading(t["sec"]["appendix"], 1)
        mode = self.c["options"]["appendix"]
        if mode != "none":
            cb = self.c["codebook"]
            self.heading(t["sec"]["codebook"], 2)
            line = f"{cb['title']} ({cb['id']}, {cb['version']})"
            self.para(line + (f". {cb['citation']}" if cb["citation"] else ""))
            if cb["description"]:
                self.para(cb["description"])
            rows = self.c["codebook_rows"]
            if mode == "full":
                self.table(
                    [
                        col["code"],
                        col["label"],
                        col["kind"],
                        t["definition"],
                        t["inclusion"],
                        t["exclusion"],
                    ],
                    [
                        [
                            "› " * r["depth"] + r["id"],
                            r["label"],
                            r["kind_label"],
                            r["definition"],
                            r["inclusion"],
                            r["exclusion"],
                        ]
                        for r in rows
                    ],
                )
            else:
                self.table(
                    [col["code"], col["label"], t["definition"]],
                    [["› " * r["depth"] + r["id"], r["label"], r["definition"]] for r in rows],
                )
        self.heading(t["sec"]["sources"], 2)
        self.table(
            [col["case"], col["source_id"], col["source"], col["citation"], col["date"]],
            [
                [
                    c["short"],
                    s["id"],
                    s["kind_label"],
                    s["citation"] + (f" {s['url']}" if s["url"] else ""),
                    s["date"] or "–",
                ]
                for c in self.c["cases"]
                for s in c["sources"]
            ],
        )
        self.heading(t["sec"]["agreement"], 2)
        agreement = self.c["agreement"]
        if agreement:
            if agreement.get("summary"):
                self.para(agreement["summary"])
            for tab in agreement.get("tables", []):
                if tab.get("title"):
                    self.caption(tab["title"])
                self.table(
                    [str(h) for h in tab["columns"]],
                    [[self.num(v) for v in row] for row in tab["rows"]],
                )
            for note in agreement.get("notes", []):
                self.para(note)
        else:
            self.para(t["agreement_none"])
        if self.c["evidence"]:
            self.heading(t["hand_in"]["evidence"], 2)
            self.para(t["hand_in"]["evidence_intro"])
            for c in self.c["evidence"]:
                self.heading(c["name"], 3)
                for e in c["excerpts"]:
                    self.quote(e)

    def provenance(self) -> None:
        prov = self.c["provenance"]
        self.heading(self.t["sec"]["provenance"], 1)
        self.para(self.t["provenance_intro"].replace("{version}", prov["egovcode_version"]))
        self.para(
            f"{self.t['prov_codebook']}: {prov['codebook_id']}, {prov['codebook_version']}",
            style="List Bullet",
        )
        self.table(
            [self.t["col"]["file"], self.t["col"]["sha256"]],
            [[f["path"], f["sha256"]] for f in prov["files"]],
        )


def _pt(size: float) -> Any:
    from docx.shared import Pt

    return Pt(size)


def _fill(share: float) -> str:
    return "".join(f"{round(lo + (hi - lo) * share):02X}" for lo, hi in zip(LOW, HIGH, strict=True))


def _shade(cell: _Cell, fill: str) -> None:
    """Give a table cell a background colour (``w:shd``)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = cell._tc.get_or_add_tcPr()
    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:color"), "auto")
    shade.set(qn("w:fill"), fill)
    props.append(shade)


def _repeat_header(row: Any) -> None:
    """Repeat a table's first row at the top of every page it spans."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _page_number(paragraph: Paragraph, label: str) -> None:
    """ "Page N" with N a PAGE field, centred."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(f"{label} ").font.size = Pt(9)
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = paragraph.add_run()
        run.font.size = Pt(9)
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text or ""
