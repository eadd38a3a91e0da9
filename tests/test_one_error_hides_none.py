"""One bad value never hides the other checks of its file: a date that does not exist, a tag
whose value does not parse or a number too long to read is reported where it stands, every one
of them, and the file's other problems are reported in the same run."""

from __future__ import annotations

from pathlib import Path

from tests.analysis_project import CODEBOOK
from tests.conftest import run_cli, write_tree

CASE = """\
case: {id: tirta, name: Kota, type: kotamadya}
sources:
  - {id: t-doc, kind: document, citation: Laporan., date: 2024-02-30}
  - {id: t-int, kind: interview, citation: Wawancara., informant_role: Kepala}
excerpts:
  - {id: t-001, source: t-doc, text: ok, codes: [APP.PORTL], locator: !!int lima}
  - {id: t-002, source: t-int, text: ok, codes: [REG], valence: postive}
  - {id: t-003, source: t-nope, text: ok, codes: [REG], memo: 2023-13-01}
"""


def test_every_problem_of_a_file_with_bad_values_is_reported(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "egovcode.yaml": "codebook: codebooks/mini7.yaml\n",
            "codebooks/mini7.yaml": CODEBOOK,
            "cases/tirta.yaml": CASE,
        },
    )
    out = run_cli("validate", "--format", "parsable", cwd=root).stdout
    lines = [line for line in out.splitlines() if "[info]" not in line]
    assert lines == [
        "cases/tirta.yaml:1:37: [error] case.type: 'kotamadya' is not one of kota, kabupaten, "
        "provinsi, kementerian, lembaga, desa, other (EGC103)",
        "cases/tirta.yaml:3:59: [error] `2024-02-30` looks like a date or time, but no such date "
        "or time exists (EGC013)",
        "cases/tirta.yaml:6:50: [error] excerpt 't-001' uses unknown code 'APP.PORTL' (EGC202)",
        "cases/tirta.yaml:6:71: [error] `!!int lima`: the value cannot be read as a whole number "
        "(EGC014)",
        "cases/tirta.yaml:7:65: [error] excerpts[1].valence: 'postive' is not one of supporting, "
        "inhibiting, neutral (EGC103)",
        "cases/tirta.yaml:8:25: [error] excerpt 't-003' cites unknown source 't-nope' (EGC203)",
        "cases/tirta.yaml:8:63: [error] `2023-13-01` looks like a date or time, but no such date "
        "or time exists (EGC013)",
    ]
    text = run_cli("validate", cwd=root).stdout
    assert "Did you mean 'kota'?" in text


def test_a_key_yaml_reads_as_another_type_is_named_as_written(tmp_path: Path) -> None:
    case = (
        "case: {id: tirta, name: Kota, type: kota, attributes: {yes: 1, 2020: x, null: 3}}\n"
        "sources:\n  - {id: t-doc, kind: document, citation: Laporan.}\n"
        "excerpts:\n  - {id: t-001, source: t-doc, text: ok, translations: {no: Norsk}}\n"
    )
    root = write_tree(
        tmp_path,
        {
            "egovcode.yaml": "codebook: codebooks/mini7.yaml\nlanguages: [en, id, 'no']\n",
            "codebooks/mini7.yaml": CODEBOOK,
            "cases/tirta.yaml": case,
        },
    )
    out = run_cli("validate", "--format", "parsable", cwd=root).stdout
    assert [line for line in out.splitlines() if "EGC1" in line] == [
        "cases/tirta.yaml:1:56: [error] case.attributes: the key `yes` is read by YAML as the "
        "boolean true, not as text (EGC106)",
        "cases/tirta.yaml:1:64: [error] case.attributes: the key `2020` is read by YAML as the "
        "number 2020, not as text (EGC106)",
        "cases/tirta.yaml:1:73: [error] case.attributes: the key `null` is read by YAML as no "
        "value (null), not as text (EGC106)",
        "cases/tirta.yaml:5:57: [error] excerpts[0].translations: the key `no` is read by YAML "
        "as the boolean false, not as text (EGC106)",
    ]
    assert "Put the key in quotes: 'no': …" in run_cli("validate", cwd=root).stdout
