"""`egovcode validate` and the CLI edge: exit codes, formats, project discovery."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import run_cli

EXAMPLES = Path(__file__).parent / "cases"
MINIMAL = EXAMPLES / "valid" / "minimal"


def copy_minimal(tmp_path: Path) -> Path:
    target = tmp_path / "proj"
    shutil.copytree(MINIMAL, target)
    return target


def test_clean_project_text(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path)
    result = run_cli("validate", cwd=project)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "✔ 0 error(s), 0 warning(s) in 3 file(s)\n"


def test_found_from_a_subfolder(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path)
    result = run_cli("validate", "--format", "parsable", cwd=project / "cases")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_empty_folder_is_one_sentence(tmp_path: Path) -> None:
    result = run_cli("validate", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("egovcode: error: No egovcode project found: looked for ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_project_option_not_a_project(tmp_path: Path) -> None:
    result = run_cli("validate", "--project", str(tmp_path))
    assert result.exit_code == 2
    assert "is not an egovcode project" in result.stderr


def test_json_format(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path)
    case = project / "cases" / "alpha.yaml"
    case.write_text(case.read_text().replace("codes: [REG]", "codes: [REG, REGS]"))
    result = run_cli("validate", "--format", "json", cwd=project)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert data["stats"] == {"files": 3, "errors": 1, "warnings": 0, "infos": 0}
    assert data["diagnostics"] == [
        {
            "code": "EGC202",
            "slug": "unknown-code",
            "severity": "error",
            "message": "excerpt 'a-002' uses unknown code 'REGS'",
            "file": "cases/alpha.yaml",
            "line": 26,
            "column": 18,
            "hint": "Did you mean 'REG'?",
        }
    ]


def test_github_format(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path)
    case = project / "cases" / "alpha.yaml"
    case.write_text(case.read_text().replace("codes: [REG]", "codes: [REG, REGS]"))
    result = run_cli("validate", "--format", "github", cwd=project)
    assert result.exit_code == 1
    assert result.stdout == (
        "::error file=cases/alpha.yaml,line=26,col=18,title=EGC202 Excerpt uses a code that is "
        "not in the codebook::excerpt 'a-002' uses unknown code 'REGS' Hint: Did you mean 'REG'?\n"
    )


def test_text_format_shows_hint(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path)
    case = project / "cases" / "alpha.yaml"
    case.write_text(case.read_text().replace("codes: [REG]", "codes: [REG, REGS]"))
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "cases/alpha.yaml",
        "     26:18  error   excerpt 'a-002' uses unknown code 'REGS'  EGC202",
        "            hint: Did you mean 'REG'?",
        "✖ 1 error(s), 0 warning(s) in 3 file(s)",
    ]


def test_strict_fails_on_warnings(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path)
    case = project / "cases" / "alpha.yaml"
    case.write_text(case.read_text().replace("codes: [REG]", "codes: [REG, REG]"))
    assert run_cli("validate", cwd=project).exit_code == 0
    result = run_cli("validate", "--strict", "--format", "parsable", cwd=project)
    assert result.exit_code == 1
    assert result.stdout == (
        "cases/alpha.yaml:26:18: [warning] excerpt 'a-002' lists code 'REG' twice (EGC205)\n"
    )


def test_every_problem_in_every_file(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path)
    case = project / "cases" / "alpha.yaml"
    text = case.read_text()
    case.write_text(text.replace("codes: [REG]", "codes: [REG, REGS]"))
    (project / "cases" / "beta.yaml").write_text(
        text.replace("id: alpha", "id: beta")
        .replace("a-00", "b-00")
        .replace("source: doc-1", "source: doc-9")
    )
    result = run_cli("validate", "--format", "parsable", cwd=project)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "cases/alpha.yaml:26:18: [error] excerpt 'a-002' uses unknown code 'REGS' (EGC202)",
        "cases/beta.yaml:18:13: [error] excerpt 'b-001' cites unknown source 'doc-9' (EGC203)",
        "cases/beta.yaml:24:13: [error] excerpt 'b-002' cites unknown source 'doc-9' (EGC203)",
    ]


def test_read_commands_do_not_modify_inputs(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    run_cli("validate", cwd=project)
    run_cli("codebook", "show", cwd=project)
    after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    assert before == after


def test_codebook_show_tree(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path)
    result = run_cli("codebook", "show", "--lang", "id", cwd=project)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "Buku kode mini mini v1.0",
        "├── APP  Pengembangan aplikasi  (komponen)",
        "│   └── APP.PORTAL  Portal terpadu",
        "└── REG  Regulasi  (komponen)",
    ]


def test_codebook_show_json_and_bad_lang(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path)
    data = json.loads(run_cli("codebook", "show", "--format", "json", cwd=project).stdout)
    assert [c["id"] for c in data] == ["APP", "REG"]
    assert data[0]["children"][0]["label"] == "Integrated portal"
    result = run_cli("codebook", "show", "--lang", "fr", cwd=project)
    assert result.exit_code == 2
    assert "not one of the project's languages" in result.stderr


def test_version() -> None:
    from egovcode import __version__

    result = run_cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"egovcode {__version__}\n")


def test_json_output_equals_the_library_report(tmp_path: Path) -> None:
    from egovcode.check.validate import validate_project

    project = copy_minimal(tmp_path)
    case = project / "cases" / "alpha.yaml"
    case.write_text(case.read_text().replace("valence: neutral", "valence: no"))
    _, report = validate_project(project)
    result = run_cli("validate", "--format", "json", cwd=project)
    assert json.loads(result.stdout) == report.to_dict()
    assert report.diagnostics[0].code == "EGC106"
