"""A small two-case project whose counts are worked out by hand, and builders for random projects.

Codings per component and case (unit: one code on one excerpt; sub-codes roll up):

    code   north  south  total      north: n-01 APP.PORTAL+REG, n-02 APP+APP.MOBILE, n-03 CAP,
    APP        3      2      5             n-04 GOAL+CIT, n-05 (no codes), n-06 REG.PERDA
    COMP       0      1      1      south: s-01 APP.PORTAL+CONN, s-02 CONN+COMP, s-03 REG,
    CONN       0      2      2             s-04 CIT+APP.MOBILE
    REG        2      1      3
    CIT        1      1      2
    CAP        1      0      1
    GOAL       1      0      1
    total      8      7     15
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from egovcode.load.project import LoadedCase, Project
from egovcode.load.yamlfile import SourceFile
from egovcode.model import CaseFile, Codebook, ProjectConfig
from tests.conftest import write_tree

COMPONENTS = ["APP", "COMP", "CONN", "REG", "CIT", "CAP", "GOAL"]
SUB_CODES = {"APP.PORTAL": "APP", "APP.MOBILE": "APP", "REG.PERDA": "REG"}
CODES = [
    "APP",
    "APP.PORTAL",
    "APP.MOBILE",
    "COMP",
    "CONN",
    "REG",
    "REG.PERDA",
    "CIT",
    "CAP",
    "GOAL",
]

#: Codings per component and case, by hand (see the module docstring).
EXPECTED = {
    "APP": {"north": 3, "south": 2},
    "COMP": {"north": 0, "south": 1},
    "CONN": {"north": 0, "south": 2},
    "REG": {"north": 2, "south": 1},
    "CIT": {"north": 1, "south": 1},
    "CAP": {"north": 1, "south": 0},
    "GOAL": {"north": 1, "south": 0},
}

LABELS = {
    "APP": ("Application development", "Pengembangan aplikasi"),
    "APP.PORTAL": ("Portal", "Portal"),
    "APP.MOBILE": ("Mobile app", "Aplikasi seluler"),
    "COMP": ("Competency", "Kompetensi"),
    "CONN": ("Connectivity", "Konektivitas"),
    "REG": ("Regulation", "Regulasi"),
    "REG.PERDA": ("Local regulation", "Perda"),
    "CIT": ("Citizen interface", "Antarmuka warga"),
    "CAP": ("Capital", "Permodalan"),
    "GOAL": ("Goal achievement", "Ketercapaian tujuan"),
}


def _code_yaml(code: str) -> str:
    en, id_ = LABELS[code]
    kind = "outcome" if code == "GOAL" else "component"
    place = f"parent: {SUB_CODES[code]}" if code in SUB_CODES else f"kind: {kind}"
    return (
        f"  - id: {code}\n"
        f"    {place}\n"
        f"    label: {{en: {en}, id: {id_}}}\n"
        f"    definition: {{en: About {en}., id: Tentang {id_}.}}\n"
        f"    inclusion: {{en: Any {en}., id: Semua {id_}.}}\n"
        f"    exclusion: {{en: Not {en}., id: Bukan {id_}.}}\n"
        f"    examples: {{en: [an example of {en}], id: [contoh {id_}]}}\n"
    )


CODEBOOK = (
    'id: mini7\nversion: "1.0"\ntitle: {en: Seven components, id: Tujuh komponen}\ncodes:\n'
    + "".join(_code_yaml(code) for code in CODES)
)

NORTH = """
case: {id: north, name: Kota North, type: kota, province: Jawa Timur,
       attributes: {region: java, wave: 1}}
sources:
  - {id: n-doc, kind: document, citation: North annual report 2023.}
  - {id: n-int1, kind: interview, citation: "Interview with the Head of IT, 2024-03-01.",
     informant_role: Head of IT, date: 2024-03}
  - {id: n-int2, kind: interview, citation: "Second interview with the Head of IT.",
     informant_role: Head of IT}
  - {id: n-web, kind: online, citation: North city website., locator: /layanan}
excerpts:
  - id: n-01
    source: n-doc
    locator: p. 4
    text: Kota membangun portal layanan terpadu sesuai Perwali.
    translations: {en: The city built an integrated service portal under a mayoral regulation.}
    codes: [APP.PORTAL, REG]
    valence: supporting
  - id: n-02
    source: n-int1
    text: Aplikasi seluler sering gagal.
    translations: {en: The mobile app often fails.}
    codes: [APP, APP.MOBILE]
    valence: inhibiting
    coder: ana
  - {id: n-03, source: n-int2, text: Staf TI kurang terlatih., codes: [CAP], valence: inhibiting}
  - {id: n-04, source: n-web, text: Warga puas dengan layanan daring., codes: [GOAL, CIT],
     valence: supporting}
  - {id: n-05, source: n-doc, text: Catatan umum tanpa kode.}
  - {id: n-06, source: n-doc, text: Perda SPBE disahkan., codes: [REG.PERDA]}
"""

SOUTH = """
case: {id: south, name: Kabupaten South, type: kabupaten, province: Sumatera Utara,
       attributes: {region: sumatra, wave: 2}}
sources:
  - {id: s-doc, kind: document, citation: South regency plan.}
  - {id: s-int, kind: interview, citation: Interview with the Head of IT of South.,
     informant_role: Head of IT}
  - {id: s-obs, kind: observation, citation: Visit to a village hall.,
     informant_role: Village clerk}
excerpts:
  - {id: s-01, source: s-doc, text: Portal kabupaten terhubung ke jaringan provinsi.,
     codes: [APP.PORTAL, CONN], valence: supporting, coder: budi}
  - {id: s-02, source: s-int, text: Jaringan desa lemah dan staf belum dilatih.,
     codes: [CONN, COMP], valence: inhibiting, coder: budi}
  - {id: s-03, source: s-int, text: Peraturan bupati tentang satu data., codes: [REG],
     valence: supporting}
  - {id: s-04, source: s-obs, text: Warga memakai aplikasi seluler di balai desa.,
     codes: [CIT, APP.MOBILE]}
"""


def write_fixture(root: Path, **extra: Any) -> Path:
    """Write the hand-counted project into ``root`` (``extra`` adds or replaces files)."""
    files: dict[str, object] = {
        "egovcode.yaml": "codebook: codebooks/mini7.yaml\n",
        "codebooks/mini7.yaml": CODEBOOK,
        "cases/north.yaml": NORTH,
        "cases/south.yaml": SOUTH,
    }
    files.update(extra)
    return write_tree(root, files)


def codebook() -> Codebook:
    import yaml

    return Codebook.model_validate(yaml.safe_load(CODEBOOK))


def make_project(cases: list[list[dict[str, Any]]], config: ProjectConfig | None = None) -> Project:
    """An in-memory project: case ``i`` is ``c{i}`` with sources ``d`` (document), ``i1``, ``i2``
    (interviews) and ``o`` (observation); each excerpt dict gives ``codes`` and optionally
    ``valence``, ``source`` and ``coder``."""
    loaded = []
    for i, excerpts in enumerate(cases):
        case_id = f"c{i}"
        data = CaseFile.model_validate(
            {
                "case": {
                    "id": case_id,
                    "name": case_id,
                    "type": "kota",
                    "attributes": {"half": "a" if i % 2 else "b"},
                },
                "sources": [
                    {"id": "d", "kind": "document", "citation": "A document."},
                    {"id": "i1", "kind": "interview", "citation": "I 1", "informant_role": "R"},
                    {"id": "i2", "kind": "interview", "citation": "I 2"},
                    {"id": "o", "kind": "observation", "citation": "Seen.", "informant_role": "R"},
                ],
                "excerpts": [
                    {"id": f"{case_id}-{j}", "text": f"text {j}", "source": "d", **e}
                    for j, e in enumerate(excerpts)
                ],
            }
        )
        source = SourceFile(Path(f"cases/{case_id}.yaml"), f"cases/{case_id}.yaml", "")
        loaded.append(LoadedCase(source, data))
    return Project(
        root=Path("."), config=config or ProjectConfig(), codebook=codebook(), cases=loaded
    )


def number_of_codings(project: Project) -> int:
    return sum(len(set(e.codes)) for lc in project.cases for e in lc.data.excerpts)


excerpts = st.fixed_dictionaries(
    {"codes": st.lists(st.sampled_from(CODES), max_size=4, unique=True)},
    optional={
        "valence": st.sampled_from(["supporting", "inhibiting", "neutral"]),
        "source": st.sampled_from(["d", "i1", "i2", "o"]),
        "coder": st.sampled_from(["ana", "budi"]),
    },
)
#: Random in-memory projects of 1 to 3 cases with up to 8 excerpts each, over ``CODES``.
projects = st.lists(st.lists(excerpts, max_size=8), min_size=1, max_size=3).map(make_project)
