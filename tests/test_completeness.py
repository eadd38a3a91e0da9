"""Warnings for what no output can show: a translation into a language the project does not
list (EGC220, with a did-you-mean) and an interview source without an informant role (EGC221)."""

from __future__ import annotations

from pathlib import Path

from tests.analysis_project import CODEBOOK
from tests.conftest import run_cli, write_tree

CASE = """\
case: {id: alpha, name: Kota Alpha, type: kota}
sources:
  - {id: doc-1, kind: document, citation: A report.}
  - {id: int-1, kind: interview, citation: Wawancara 1.}
  - {id: int-2, kind: interview, citation: Wawancara 2., informant_role: "  "}
  - {id: int-3, kind: interview, citation: Wawancara 3., informant_role: Kepala Dinas}
excerpts:
  - id: a-001
    source: int-3
    text: Kami membangun portal.
    translations: {eng: We built a portal.}
    codes: [APP]
  - id: a-002
    source: doc-1
    text: Regulasi daerah.
    translations: {en: Local regulation., fr: Règlement local.}
    codes: [REG]
"""


def _project(tmp_path: Path, config: str = "") -> Path:
    return write_tree(
        tmp_path,
        {
            "egovcode.yaml": "codebook: codebooks/mini7.yaml\n" + config,
            "codebooks/mini7.yaml": CODEBOOK,
            "cases/alpha.yaml": CASE,
        },
    )


def test_translation_and_role_warnings(tmp_path: Path) -> None:
    result = run_cli("validate", "-p", str(_project(tmp_path)), "--format", "parsable")
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if "[info]" not in line]
    assert lines == [
        "cases/alpha.yaml:4:5: [warning] interview source 'int-1' has no informant_role, so its "
        "evidence is attributed to nobody in the report and in query (EGC221)",
        "cases/alpha.yaml:5:5: [warning] interview source 'int-2' has no informant_role, so its "
        "evidence is attributed to nobody in the report and in query (EGC221)",
        "cases/alpha.yaml:11:20: [warning] excerpt 'a-001' has a translation into 'eng', which is "
        "not one of the project's languages (en, id), so no output shows it (EGC220)",
        "cases/alpha.yaml:16:43: [warning] excerpt 'a-002' has a translation into 'fr', which is "
        "not one of the project's languages (en, id), so no output shows it (EGC220)",
    ]
    text = run_cli("validate", "-p", str(tmp_path)).stdout
    assert "Did you mean 'en'? Write the translation under that key." in text
    assert "or add 'fr' to `languages:` in egovcode.yaml" in text
    assert run_cli("validate", "-p", str(tmp_path), "--strict").exit_code == 1


def test_a_listed_language_is_fine(tmp_path: Path) -> None:
    root = _project(tmp_path, "languages: [en, id, fr, eng]\n")
    out = run_cli("validate", "-p", str(root), "--format", "parsable").stdout
    assert "EGC220" not in out and out.count("EGC221") == 2
