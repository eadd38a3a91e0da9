"""The tally, cooccur, query and export commands, in-process: output, JSON parity, errors, files."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from egovcode.analyze.cooccur import cooccur
from egovcode.analyze.query import Query, run_query
from egovcode.analyze.tally import tally
from egovcode.check.validate import validate_project
from egovcode.load.project import Project
from tests.analysis_project import write_fixture
from tests.conftest import REPO, run_cli

INVALID = Path(__file__).parent / "cases" / "invalid" / "unknown-code"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fixture(tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="module")
def project(root: Path) -> Project:
    return validate_project(root)[0]


def ok_json(*args: str) -> object:
    result = run_cli(*args)
    assert (result.exit_code, result.stderr) == (0, "")
    return json.loads(result.stdout)


# --- JSON output equals the library result ---------------------------------------------------


@pytest.mark.parametrize(
    ("by", "level"),
    [("case", "component"), ("valence", "all"), ("source", "component"), ("attr:region", "all")],
)
def test_tally_json_is_the_library_result(
    root: Path, project: Project, by: str, level: str
) -> None:
    data = ok_json("tally", "-p", str(root), "--by", by, "--level", level, "--format", "json")
    assert data == tally(project, by=by, level=level).to_dict()  # type: ignore[arg-type]


@pytest.mark.parametrize("measure", ["count", "jaccard", "conditional"])
def test_cooccur_json_is_the_library_result(root: Path, project: Project, measure: str) -> None:
    data = ok_json("cooccur", "-p", str(root), "-m", measure, "--case", "south", "-f", "json")
    assert data == cooccur(project, measure=measure, cases=["south"]).to_dict()  # type: ignore[arg-type]


def test_query_json_is_the_library_result(root: Path, project: Project) -> None:
    args = ["--code", "APP", "--valence", "supporting", "--attr", "type=kota", "--lang", "en"]
    data = ok_json("query", "-p", str(root), *args, "--format", "json")
    query = Query(codes=("APP",), valences=("supporting",), attrs=(("type", "kota"),), lang="en")
    assert data == run_query(project, query).to_dict()
    assert [e["excerpt"] for e in data["excerpts"]] == ["n-01"]  # type: ignore[index]


# --- text formats --------------------------------------------------------------------------------

TALLY_CSV = """\
code,label,north,south,total,share north,share south,share total
APP,Application development,3,2,5,0.375,0.286,0.333
COMP,Competency,0,1,1,0.000,0.143,0.067
CONN,Connectivity,0,2,2,0.000,0.286,0.133
REG,Regulation,2,1,3,0.250,0.143,0.200
CIT,Citizen interface,1,1,2,0.125,0.143,0.133
CAP,Capital,1,0,1,0.125,0.000,0.067
GOAL,Goal achievement,1,0,1,0.125,0.000,0.067
total,,8,7,15,1.000,1.000,1.000
"""


def test_tally_csv(root: Path) -> None:
    result = run_cli("tally", "-p", str(root), "--format", "csv")
    assert (result.exit_code, result.stderr) == (0, "")
    matrix, valence = result.stdout.split("\n\n")
    assert matrix + "\n" == TALLY_CSV
    assert valence.splitlines()[:2] == [
        "component,case,supporting,inhibiting,neutral,unmarked,total",
        "APP,north,1,2,0,0,3",
    ]


def test_tally_table_and_markdown(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "140")
    table = run_cli("tally", "-p", str(root), "--level", "all")
    assert table.exit_code == 0 and "APP.MOBILE" in table.stdout and "share north" in table.stdout
    md = run_cli("tally", "-p", str(root), "--by", "valence", "--format", "md", "--lang", "id")
    assert "| APP | Pengembangan aplikasi | 2 | 2 | 0 | 1 | 5 |" in md.stdout


def test_query_table_lists_each_excerpt(root: Path) -> None:
    result = run_cli("query", "-p", str(root), "--text", "mobile app", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "north n-02  APP, APP.MOBILE  inhibiting",
        "  Aplikasi seluler sering gagal.",
        "  [en] The mobile app often fails.",
        "  — Interview with the Head of IT, 2024-03-01. (n-int1, interview, Head of IT)",
        "",
        "1 excerpt(s).",
    ]


def test_cooccur_csv(root: Path) -> None:
    result = run_cli("cooccur", "-p", str(root), "--format", "csv")
    assert result.stdout.splitlines()[:2] == [
        "code,label,APP,COMP,CONN,REG,CIT,CAP,GOAL",
        "APP,Application development,4,0,1,1,1,0,0",
    ]


# --- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tally", "--by", "district"], "cannot group by 'district'"),
        (["tally", "--by", "attr:size"], "unknown case attribute 'size'"),
        (["cooccur", "--case", "jember"], "unknown case 'jember'"),
        (["query", "--code", "APPS"], "unknown code 'APPS': did you mean 'APP'?"),
        (["query", "--text", "[a-"], "is not a valid regular expression"),
        (["query", "--case", "nort"], "did you mean 'north'?"),
        (["query", "--attr", "region"], "is not of the form key=value"),
        (["query", "--valence", "good"], "unknown valence 'good'"),
        (["query", "--source-kind", "web"], "unknown source kind 'web'"),
        (["tally", "--lang", "fr"], "--lang 'fr' is not one of the project's languages"),
    ],
)
def test_bad_values_exit_2_with_one_sentence(root: Path, args: list[str], message: str) -> None:
    result = run_cli(*args, "-p", str(root))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("egovcode: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args", [["tally", "--level", "codes"], ["cooccur", "--measure", "lift"], ["tally", "-f", "x"]]
)
def test_bad_choices_are_usage_errors(root: Path, args: list[str]) -> None:
    result = run_cli(*args, "-p", str(root))
    assert result.exit_code == 2 and result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["tally"],
        ["cooccur"],
        ["query", "--code", "APP"],
        ["export", "csv", "-o", "-"],
        ["export", "json", "-o", "-"],
    ],
)
def test_an_invalid_project_is_not_counted(args: list[str]) -> None:
    result = run_cli(*args, "-p", str(INVALID))
    assert (result.exit_code, result.stdout) == (1, "")
    assert "uses unknown code 'REGS'" in result.stderr and "EGC202" in result.stderr
    assert result.stderr.rstrip().endswith("fix them first (see `egovcode validate`).")


# --- export --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "name"), [("csv", "codings.csv"), ("json", "project.json"), ("sqlite", "egov.db")]
)
def test_export_refuses_to_overwrite_without_force(
    root: Path, tmp_path: Path, kind: str, name: str
) -> None:
    out = tmp_path / name
    out.write_bytes(b"precious")
    refused = run_cli("export", kind, "-p", str(root), "-o", str(out))
    assert (refused.exit_code, refused.stdout) == (2, "")
    assert (
        refused.stderr == f"egovcode: error: {out} already exists; add --force to overwrite it.\n"
    )
    assert out.read_bytes() == b"precious"
    forced = run_cli("export", kind, "-p", str(root), "-o", str(out), "--force")
    assert forced.exit_code == 0 and forced.stderr.startswith(f"egovcode: wrote {out} (")
    assert out.read_bytes() != b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_export_csv_to_a_file_and_to_stdout(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.csv"
    written = run_cli("export", "csv", "-p", str(root), "-o", str(out), "--matrix")
    assert (written.exit_code, written.stdout) == (0, "")
    assert written.stderr == f"egovcode: wrote {out} (10 rows)\n"
    piped = run_cli("export", "csv", "-p", str(root), "-o", "-", "--matrix")
    assert piped.stdout == out.read_text(encoding="utf-8")


def test_export_sqlite_cannot_go_to_stdout(root: Path) -> None:
    result = run_cli("export", "sqlite", "-p", str(root), "-o", "-")
    assert result.exit_code == 2 and "cannot be written to stdout" in result.stderr


def test_pseudonymise_follows_the_config_unless_told_otherwise(tmp_path: Path) -> None:
    root = write_fixture(
        tmp_path, **{"egovcode.yaml": "codebook: codebooks/mini7.yaml\npseudonymise: true\n"}
    )
    hidden = run_cli("export", "json", "-p", str(root), "-o", "-")
    assert "Head of IT" not in hidden.stdout and '"pseudonymised": true' in hidden.stdout
    shown = run_cli("export", "json", "-p", str(root), "-o", "-", "--no-pseudonymise")
    assert "Head of IT" in shown.stdout
    query = run_cli(
        "query", "-p", str(root), "--case", "north", "--source-kind", "interview", "-f", "csv"
    )
    assert "Informant 1" in query.stdout and "Head of IT" not in query.stdout


# --- the bundled project: the "done when" -------------------------------------------

bundled = pytest.mark.skipif(
    not (REPO / "cases" / "kediri.yaml").exists(), reason="needs the bundled cases/kediri.yaml"
)
COMPONENTS = ["APP", "COMP", "CONN", "REG", "CIT", "CAP"]


@bundled
def test_bundled_tally_names_both_cases_and_every_component() -> None:
    data = ok_json("tally", "-p", str(REPO), "--format", "json")
    assert set(data["columns"]) == {"kediri", "jember"}  # type: ignore[index]
    rows = {r["code"]: r for r in data["rows"]}  # type: ignore[index]
    assert set(COMPONENTS) <= set(rows)
    for by in ("valence", "source"):
        assert run_cli("tally", "-p", str(REPO), "--by", by).exit_code == 0


@bundled
def test_bundled_query_returns_jember_evidence_for_every_component() -> None:
    data = ok_json("query", "-p", str(REPO), "--case", "jember", "--format", "json")
    found = {code.split(".")[0] for e in data["excerpts"] for code in e["codes"]}  # type: ignore[index]
    assert set(COMPONENTS) <= found
    assert {e["case"] for e in data["excerpts"]} == {"jember"}  # type: ignore[index]


@bundled
def test_bundled_sqlite_answers_tally_in_one_query(tmp_path: Path) -> None:
    out = tmp_path / "egov.db"
    assert run_cli("export", "sqlite", "-p", str(REPO), "-o", str(out)).exit_code == 0
    rows = sqlite3.connect(out).execute(
        "SELECT c.component_id, e.case_id, COUNT(*) FROM codings k "
        "JOIN excerpts e USING (excerpt_id) JOIN codes c USING (code_id) "
        "GROUP BY c.component_id, e.case_id"
    )
    data = ok_json("tally", "-p", str(REPO), "--format", "json")
    expected = {
        (r["code"], case): n
        for r in data["rows"]  # type: ignore[index]
        for case, n in r["counts"].items()
        if n
    }
    assert {(a, b): n for a, b, n in rows} == expected


@bundled
def test_the_analysis_page_shows_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each `$ egovcode ...` console block of docs/analysis.md (except exports) is what the
    command prints today; after changing the bundled data, rerun the commands and paste."""
    import re
    import shlex

    monkeypatch.setenv("COLUMNS", "100")
    page = (REPO / "docs" / "analysis.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n\$ egovcode ([^\n]*)\n(.*?)```", page, flags=re.S)
    checked = 0
    for command, shown in blocks:
        if "-o " in command or not shown.strip():
            continue
        result = run_cli(*shlex.split(command), "-p", str(REPO))
        assert result.stdout == shown, f"docs/analysis.md is stale for: egovcode {command}"
        checked += 1
    assert checked >= 3
