"""A small two-case project for the render tests, with hostile text in one excerpt.

code   north  south      north: n-01 APP.PORTAL (supporting, hostile text), n-02 REG
APP        1      1             (inhibiting), n-03 GOAL (supporting)
REG        1      0      south: s-01 APP (neutral, no translation)
GOAL       1      0
"""

from __future__ import annotations

HOSTILE = "Kolom a | b, **tebal**, <script>alert(1)</script>, {{ 7*7 }} dan [tautan](http://x.test)"

CODEBOOK = """
id: mini-report
version: "2.0"
title: {en: Mini codebook, id: Buku kode mini}
codes:
  - id: APP
    kind: component
    label: {en: Application development, id: Pengembangan aplikasi}
    definition: {en: Building applications., id: Membangun aplikasi.}
    inclusion: {en: Apps and portals., id: Aplikasi dan portal.}
  - id: APP.PORTAL
    parent: APP
    label: {en: Integrated portal, id: Portal terpadu}
    definition: {en: One channel for many services., id: Satu kanal untuk banyak layanan.}
  - id: REG
    kind: component
    label: {en: Regulation, id: Regulasi}
    definition: {en: Rules for digital services., id: Aturan layanan digital.}
  - id: GOAL
    kind: outcome
    label: {en: Goal achievement, id: Ketercapaian tujuan}
    definition: {en: Satisfaction as measured by the IKM., id: Kepuasan menurut IKM.}
"""

NORTH = f"""
case:
  id: north
  name: Pemerintah Kota North
  name_en: North City Government
  type: kota
  province: Jawa Timur
indices:
  - name: IPP
    year: 2023
    value: 2.91
    grade: C
    source: Kementerian PANRB
  - name: IKM
    title: {{en: Community Satisfaction Index, id: Indeks Kepuasan Masyarakat}}
    year: 2023
    value: 12345.5
    grade: A
    source: Kementerian PANRB
sources:
  - id: doc-1
    kind: document
    citation: Author, A. (2024). A report on North. Journal 1(2).
  - id: int-1
    kind: interview
    citation: Interview with the head of Diskominfo
    informant_role: head of Diskominfo
excerpts:
  - id: n-01
    source: doc-1
    locator: p. 3
    text: "{HOSTILE}"
    translations: {{en: "Column a | b, **bold**, <script>alert(2)</script>, {{{{ 6*6 }}}}"}}
    codes: [APP.PORTAL]
    valence: supporting
    memo: "A memo with | and <b>tags</b>."
  - id: n-02
    source: int-1
    form: quote
    locator: "00:04:10"
    text: Perda belum disahkan.
    translations: {{en: The regional regulation is not yet enacted.}}
    codes: [REG]
    valence: inhibiting
  - id: n-03
    source: doc-1
    text: IKM sangat baik.
    translations: {{en: The IKM is very good.}}
    codes: [GOAL]
    valence: supporting
"""

SOUTH = """
case:
  id: south
  name: Pemerintah Kabupaten South
  type: kabupaten
  province: Jawa Timur
indices:
  - name: IPP
    year: 2023
    value: 4.51
    grade: A
    source: Kementerian PANRB
  - name: IKM
    year: 2023
    value: 91
    grade: A
    source: Kementerian PANRB
sources:
  - id: web-1
    kind: online
    citation: South regency website
excerpts:
  - id: s-01
    source: web-1
    text: Aplikasi layanan tersedia.
    codes: [APP]
    valence: neutral
"""

PROJECT: dict[str, object] = {
    "egovcode.yaml": "codebook: codebooks/mini.yaml\n",
    "codebooks/mini.yaml": CODEBOOK,
    "cases/north.yaml": NORTH,
    "cases/south.yaml": SOUTH,
}
