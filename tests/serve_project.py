"""A small project with an interview text and anchored excerpts, for the workbench tests."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

INTERVIEW = (
    "Informan: Kami mulai memakai aplikasi layanan sejak 2021.\n"
    "Pewawancara: Apa kendalanya?\n"
    "Informan: Jaringan internet di kecamatan sering putus, jadi petugas kembali ke kertas.\n"
    "Informan: Pelatihan untuk operator baru diadakan dua kali setahun <b>& gratis</b>.\n"
)


def span_of(passage: str, text: str = INTERVIEW) -> tuple[int, int]:
    """The code-point span of ``passage``, which must occur exactly once in ``text``."""
    assert text.count(passage) == 1, passage
    start = text.index(passage)
    return start, start + len(passage)


CASE = """\
# Desa Alpha: a made-up case for the workbench tests.
case:
  id: alpha
  name: Desa Alpha
  type: desa
language: id
sources:
  - id: int-1
    kind: interview
    citation: Interview with the head of the service unit, 2024
    informant_role: kepala unit layanan
    date: "2024-03-05"
    file: texts/alpha/int-1.txt
    attributes:
      mode: tatap muka
  - id: doc-1
    kind: document
    citation: Laporan tahunan 2023
excerpts:
  - id: a-001  # the start of digital services
    source: int-1
    span: [{a0}, {a1}]
    text: "{at}"
    codes: [APP.PORTAL]
    valence: supporting
  - id: a-002
    source: int-1
    span: [{b0}, {b1}]
    text: "{bt}"
    codes: [CONN]
    valence: inhibiting
  - id: a-003
    source: int-1
    span: [{c0}, {c1}]
    text: "{ct}"
    codes: []
  - id: a-004
    source: doc-1
    text: Laporan menyebut anggaran daring yang terbatas.
    codes: [CAP]
"""

PASSAGES = {
    "a": "Kami mulai memakai aplikasi layanan sejak 2021.",
    "b": "Jaringan internet di kecamatan sering putus, jadi petugas kembali ke kertas.",
    "c": "sering putus",  # inside a-002: the two excerpts overlap
}


def write_project(root: Path) -> Path:
    """Write the project into ``root`` (with a copy of the bundled study's codebook, whose
    sub-codes the excerpts use; `init`'s packaged codebook is the generic one) and return it."""
    (root / "cases").mkdir(parents=True, exist_ok=True)
    (root / "codebooks").mkdir(parents=True, exist_ok=True)
    bundled = Path(__file__).resolve().parents[1] / "codebooks" / "indrajit.yaml"
    (root / "codebooks" / "indrajit.yaml").write_bytes(bundled.read_bytes())
    (root / "texts" / "alpha").mkdir(parents=True, exist_ok=True)
    (root / "texts" / "alpha" / "int-1.txt").write_bytes(INTERVIEW.encode("utf-8"))
    fields: dict[str, object] = {}
    for key, passage in PASSAGES.items():
        start, end = span_of(passage)
        fields.update({f"{key}0": start, f"{key}1": end, f"{key}t": passage})
    (root / "cases" / "alpha.yaml").write_text(CASE.format(**fields), encoding="utf-8")
    (root / "egovcode.yaml").write_text(
        textwrap.dedent(
            """\
            title:
              en: Workbench test project
              id: Proyek uji meja kerja
            """
        ),
        encoding="utf-8",
    )
    return root


def select_span(page: Any, start: int, end: int) -> None:
    """Select the text from code point ``start`` to ``end`` on a workbench source page with the
    mouse: press on its first character, drag, release after its last one."""
    box = page.evaluate(
        """([start, end]) => {
            const segs = Array.from(document.querySelectorAll('#text [data-s]'));
            function place(offset, atEnd) {
              for (const seg of segs) {
                const s = Number(seg.dataset.s), text = seg.firstChild;
                const n = Array.from(text.data).length;
                if (atEnd ? offset > s && offset <= s + n : offset >= s && offset < s + n) {
                  const units = Array.from(text.data).slice(0, offset - s).join('').length;
                  return [text, units];
                }
              }
            }
            const [a, ao] = place(start, false), [b, bo] = place(end, true);
            const r1 = document.createRange(); r1.setStart(a, ao); r1.setEnd(a, ao + 1);
            const r2 = document.createRange(); r2.setStart(b, bo - 1); r2.setEnd(b, bo);
            const p = r1.getClientRects()[0], q = r2.getClientRects()[0];
            return [p.left + 1, p.top + p.height / 2, q.right - 1, q.top + q.height / 2];
        }""",
        [start, end],
    )
    page.mouse.move(box[0], box[1])
    page.mouse.down()
    page.mouse.move(box[2], box[3], steps=8)
    page.mouse.up()
