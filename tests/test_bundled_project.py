"""The bundled Kediri and Jember project: valid, faithful to the article, usable as is."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from egovcode.check.validate import validate_project
from egovcode.load.project import default_codebook_path
from egovcode.model.tree import CodeTree
from tests.conftest import REPO, run_cli

COMPONENTS = ["APP", "COMP", "CONN", "REG", "CIT", "CAP", "GOAL", "MATURITY", "FAC"]


@pytest.fixture(scope="module")
def project():  # type: ignore[no-untyped-def]
    loaded, report = validate_project(REPO)
    assert report.diagnostics == []
    return loaded


def copy_project(tmp_path: Path) -> Path:
    """The repository's project files without src/, as a user's copy would be."""
    target = tmp_path / "copy"
    target.mkdir()
    for name in ("codebooks", "cases", "templates"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, target / name)
    return target


def test_validate_strict_is_clean() -> None:
    result = run_cli("validate", "--strict", "--format", "parsable", cwd=REPO)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_packaged_codebook_is_the_generic_framework(project) -> None:  # type: ignore[no-untyped-def]
    """`init` writes Indrajit's six elements (with their original names) and a factor root, not
    the Kediri/Jember sub-codes and examples of the bundled study."""
    import yaml

    packaged = yaml.safe_load(default_codebook_path().read_text(encoding="utf-8"))
    ids = [c["id"] for c in packaged["codes"]]
    assert ids == ["APP", "COMP", "CONN", "REG", "CIT", "CAP", "FAC"]
    text = default_codebook_path().read_text(encoding="utf-8")
    assert "Kediri" not in text and "Jember" not in text
    for original in ("content development", "competency building", "connectivity", "cyber laws"):
        assert original in text
    bundled = {c.id: c for c in project.codebook.codes}
    for code in packaged["codes"][:6]:
        assert code["label"] == bundled[code["id"]].label, code["id"]


def test_table_1_and_ikm(project) -> None:  # type: ignore[no-untyped-def]
    got = {
        (lc.data.case.id, i.name): (i.year, i.value, i.grade, i.predicate, i.source)
        for lc in project.cases
        for i in lc.data.indices
    }
    assert got[("kediri", "IPP")] == (2023, 2.91, "C", None, "Kementerian PANRB")
    assert got[("jember", "IPP")] == (2023, 4.51, "A", None, "Kementerian PANRB")
    assert got[("kediri", "SPBE")][1:4] == (3.65, None, "sangat baik")
    assert got[("jember", "SPBE")][1:4] == (2.56, None, "cukup")
    assert got[("kediri", "IKM")][1:3] == (92.67, "A")
    assert got[("jember", "IKM")][1:3] == (91, "A")


def test_every_component_has_evidence_in_both_cases(project) -> None:  # type: ignore[no-untyped-def]
    tree = CodeTree(project.codebook)
    assert tree.roots() == COMPONENTS
    for lc in project.cases:
        seen = {tree.component(c) for e in lc.data.excerpts for c in e.codes}
        assert seen == set(COMPONENTS), lc.data.case.id


def test_article_figures_are_in_the_evidence(project) -> None:  # type: ignore[no-untyped-def]
    text = {lc.data.case.id: " ".join(e.text for e in lc.data.excerpts) for lc in project.cases}
    for figure in ("55", "40", "7:3", "tujuh"):
        assert figure in text["kediri"], figure
    for figure in ("201", "29", "3:1"):
        assert figure in text["jember"], figure


def test_no_interview_informants_are_invented(project) -> None:  # type: ignore[no-untyped-def]
    for lc in project.cases:
        assert all(s.kind != "interview" and s.informant_role is None for s in lc.data.sources)
        assert all(e.locator for e in lc.data.excerpts)
        assert all("en" in e.translations for e in lc.data.excerpts)


def test_copy_without_src_validates(tmp_path: Path) -> None:
    result = run_cli("validate", cwd=copy_project(tmp_path))
    assert result.exit_code == 0, result.stdout


def test_syntax_error_at_line_12(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    path = root / "cases" / "kediri.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(11, "x: : y")
    path.write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("validate", "--format", "json", cwd=root)
    assert result.exit_code == 1
    (diag,) = json.loads(result.stdout)["diagnostics"]
    assert (diag["code"], diag["file"], diag["line"]) == ("EGC005", "cases/kediri.yaml", 12)


def test_unknown_code_at_the_excerpts_line(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    path = root / "cases" / "jember.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("codes: ["))
    lines[index] = lines[index].replace("codes: [", "codes: [NOPE, ")
    path.write_text("\n".join(lines), encoding="utf-8")
    result = run_cli("validate", "--format", "parsable", cwd=root)
    assert result.exit_code == 1
    column = lines[index].index("NOPE") + 1
    assert result.stdout.startswith(f"cases/jember.yaml:{index + 1}:{column}: [error] ")
    assert "unknown code 'NOPE' (EGC202)" in result.stdout


def test_codebook_check_is_clean() -> None:
    result = run_cli("codebook", "check", "--strict", "--format", "parsable", cwd=REPO)
    assert (result.exit_code, result.stdout) == (0, "")


def test_init_then_validate(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path / "study"), "--title", "Kajian: digitalisasi")
    assert result.exit_code == 0
    assert run_cli("validate", "--strict", cwd=tmp_path / "study").exit_code == 0
    again = run_cli("init", str(tmp_path / "study"))
    assert again.exit_code == 2 and "already exists; add --force" in again.stderr
