"""Coder files: loading, positioned diagnostics (EGC6xx), and agreement on the project's coders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from egovcode.analyze.coders import SelectionError, coder_codings, project_agreement
from egovcode.check.validate import validate_project
from egovcode.errors import DataError
from tests.conftest import write_tree

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal"


def project_with(tmp_path: Path, files: dict[str, object]) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(MINIMAL, root)
    return write_tree(root, files)


def diagnostics(root: Path) -> list[tuple[str, str | None, int | None, int | None]]:
    _, report = validate_project(root)
    return [(d.code, d.file, d.line, d.column) for d in report.sorted()]


def test_coder_files_are_loaded_and_the_merge_folder_is_not(tmp_path: Path) -> None:
    root = project_with(
        tmp_path,
        {
            "codings/ana/alpha.yaml": """
                coder: ana
                case: alpha
                codings:
                  a-001: {codes: [APP.PORTAL], valence: supporting, memo: why}
                  a-002: {codes: []}
            """,
            "codings/_merge/alpha.yaml": "case: alpha\nnot: a coder file\n",
        },
    )
    project, report = validate_project(root)
    assert report.diagnostics == []
    assert [(c.folder, c.data.coder, c.data.case) for c in project.codings] == [
        ("ana", "ana", "alpha")
    ]
    coding = project.codings[0].data.codings
    assert coding["a-001"].codes == ["APP.PORTAL"] and coding["a-001"].memo == "why"
    assert coding["a-002"].codes == []
    assert "codings/ana/alpha.yaml" in report.files


ANA = "codings/ana/alpha.yaml"
HEAD = "coder: ana\ncase: alpha\ncodings:\n"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        # coder name differs from the folder: at the value of `coder`
        ({ANA: "coder: budi\ncase: alpha\n"}, [("EGC601", ANA, 1, 8)]),
        # unknown case id: at the value of `case` (and the file is not named after it)
        ({ANA: "coder: ana\ncase: alfa\n"}, [("EGC602", ANA, 2, 7), ("EGC607", ANA, 2, 7)]),
        # excerpt not in the case: at the key
        ({ANA: HEAD + "  a-003: {codes: []}\n"}, [("EGC603", ANA, 4, 3)]),
        # unknown code: at the code in the list
        ({ANA: HEAD + "  a-001: {codes: [APP, XYZ]}\n"}, [("EGC604", ANA, 4, 24)]),
        # the same code twice: at the second
        ({ANA: HEAD + "  a-001: {codes: [APP, APP]}\n"}, [("EGC606", ANA, 4, 24)]),
        # two files for one coder and case: reported on the one not named after the case
        (
            {ANA: "coder: ana\ncase: alpha\n", "codings/ana/old.yaml": "coder: ana\ncase: alpha\n"},
            [("EGC605", "codings/ana/old.yaml", 2, 7), ("EGC607", "codings/ana/old.yaml", 2, 7)],
        ),
        # schema: unknown field and missing codes, positioned like every other file
        (
            {ANA: HEAD + "  a-001: {code: [APP]}\n"},
            [("EGC101", ANA, 4, 10), ("EGC102", ANA, 4, 11)],
        ),
    ],
    ids=["folder", "case", "excerpt", "code", "twice", "duplicate-file", "schema"],
)
def test_positioned_diagnostics(
    tmp_path: Path, files: dict[str, object], expected: list[tuple[str, str, int, int]]
) -> None:
    assert diagnostics(project_with(tmp_path, files)) == expected


def test_deprecated_code(tmp_path: Path) -> None:
    root = project_with(tmp_path, {"codings/ana/alpha.yaml": "coder: ana\ncase: alpha\n"})
    book = root / "codebooks" / "mini.yaml"
    book.write_text(
        book.read_text(encoding="utf-8")
        + "  - id: OLD\n    parent: APP\n    deprecated: true\n    replaced_by: APP.PORTAL\n"
        "    label: {en: Old, id: Lama}\n    definition: {en: Old., id: Lama.}\n"
        "    inclusion: {en: x, id: x}\n    exclusion: {en: x, id: x}\n"
        "    examples: {en: [x], id: [x]}\n",
        encoding="utf-8",
    )
    (root / "codings/ana/alpha.yaml").write_text(
        "coder: ana\ncase: alpha\ncodings:\n  a-001: {codes: [OLD]}\n", encoding="utf-8"
    )
    _, report = validate_project(root)
    found = [d for d in report.diagnostics if d.code == "EGC608"]
    assert [(d.line, d.column) for d in found] == [(4, 19)]
    assert "replaced by 'APP.PORTAL'" in found[0].message


def test_a_bad_entry_does_not_hide_the_others(tmp_path: Path) -> None:
    root = project_with(
        tmp_path,
        {
            "codings/ana/alpha.yaml": """
                coder: ana
                case: alpha
                codings:
                  a-001: {codes: [APP], valence: positive}
                  a-099: {codes: []}
            """
        },
    )
    codes = [d[0] for d in diagnostics(root)]
    assert codes == ["EGC103", "EGC603"]


# -- agreement on the project's coders ---------------------------------------------------------

CODERS = {
    "codings/ana/alpha.yaml": """
        coder: ana
        case: alpha
        codings:
          a-001: {codes: [APP.PORTAL]}
          a-002: {codes: [REG]}
    """,
    "codings/budi/alpha.yaml": """
        coder: budi
        case: alpha
        codings:
          a-001: {codes: [APP]}
    """,
}


def test_coder_codings_unit_is_the_excerpt_and_unrated_is_missing(tmp_path: Path) -> None:
    project, _ = validate_project(project_with(tmp_path, CODERS))
    assert coder_codings(project) == {
        "alpha": {
            "a-001": {"ana": frozenset({"APP.PORTAL"}), "budi": frozenset({"APP"})},
            "a-002": {"ana": frozenset({"REG"})},
        }
    }
    rolled = coder_codings(project, level="component")
    assert rolled["alpha"]["a-001"] == {"ana": frozenset({"APP"}), "budi": frozenset({"APP"})}


def test_level_component_turns_a_sub_code_choice_into_agreement(tmp_path: Path) -> None:
    project, _ = validate_project(project_with(tmp_path, CODERS))
    by_code = project_agreement(project).groups[0]
    assert [d.unit for d in by_code.disagreements or ()] == ["a-001"]
    by_component = project_agreement(project, level="component").groups[0]
    assert by_component.disagreements == ()
    # a-002 was rated by ana only: not pairable, so one unit counts
    assert by_component.result.per_code[0].statistics.percent_agreement.n_units == 1


def test_code_option_is_the_code_as_applied(tmp_path: Path) -> None:
    project, _ = validate_project(project_with(tmp_path, CODERS))
    only_app = project_agreement(project, codes=["APP"]).groups[0]
    assert [c.code for c in only_app.result.per_code] == ["APP"]
    assert [d.disputed for d in only_app.disagreements or ()] == [("APP",)]
    component = project_agreement(project, codes=["APP"], level="component").groups[0]
    assert component.result.per_code[0].applied == 2
    with pytest.raises(SelectionError, match="sub-code"):
        project_agreement(project, codes=["APP.PORTAL"], level="component")
    with pytest.raises(SelectionError, match="not a code"):
        project_agreement(project, codes=["NOPE"])


def test_selection_and_missing_files(tmp_path: Path) -> None:
    project, _ = validate_project(project_with(tmp_path, CODERS))
    with pytest.raises(SelectionError, match="the coders are ana, budi"):
        project_agreement(project, coders=["ana", "zed"])
    with pytest.raises(SelectionError, match="at least two"):
        project_agreement(project, coders=["ana"])
    bare, _ = validate_project(project_with(tmp_path / "b", {}))
    with pytest.raises(DataError, match="no coder files"):
        project_agreement(bare)
