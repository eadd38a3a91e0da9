"""`egovcode agree`: published examples through --table, JSON parity, errors, the bundled coders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from egovcode.analyze.agreement import read_agreement_table
from egovcode.analyze.coders import project_agreement, table_agreement
from egovcode.check.validate import validate_project
from tests.conftest import REPO, run_cli

DATA = Path(__file__).parent / "data" / "agreement"


def overall(data: dict, name: str) -> float | None:  # type: ignore[type-arg]
    return data["groups"][0]["agreement"]["overall"][name]["value"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("name", "statistic", "text"),
    [
        ("krippendorff2011_nominal", "krippendorff_alpha", "Krippendorff's alpha │ 0.743"),
        ("fleiss1971_diagnoses", "fleiss_kappa", "Fleiss' kappa        │ 0.430"),
        ("wikipedia_cohen", "cohen_kappa", "Cohen's kappa A·B    │ 0.400"),
    ],
)
def test_published_examples_reproduce_in_text_and_json(
    name: str, statistic: str, text: str
) -> None:
    path = str(DATA / f"{name}.csv")
    shown = run_cli("agree", "--table", path, "--mode", "single")
    assert (shown.exit_code, shown.stderr) == (0, "")
    assert text in shown.stdout
    result = run_cli("agree", "--table", path, "--mode", "single", "--format", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    stats = data["groups"][0]["agreement"]["overall"]
    value = (
        stats[statistic][0]["value"] if statistic == "cohen_kappa" else stats[statistic]["value"]
    )
    published = {"krippendorff_alpha": 0.743, "fleiss_kappa": 0.430, "cohen_kappa": 0.400}
    assert round(value, 3) == published[statistic]


def test_json_is_the_library_result() -> None:
    path = DATA / "multi_hand.csv"
    result = run_cli("agree", "--table", str(path), "--mode", "multi", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data == table_agreement(path, "multi").to_dict()
    table = read_agreement_table(path, "multi")
    assert data["groups"][0]["agreement"] == table.agreement().to_dict()
    assert data["groups"][0]["disagreements"] == [d.to_dict() for d in table.disagreements()]
    per_code = data["groups"][0]["agreement"]["per_code"][0]
    assert set(per_code) >= {
        "krippendorff_alpha",
        "cohen_kappa",
        "fleiss_kappa",
        "percent_agreement",
    }
    assert [p["coders"] for p in per_code["cohen_kappa"]] == [
        ["ann", "ben"],
        ["ann", "cat"],
        ["ben", "cat"],
    ]


def test_table_problems_are_listed_with_lines_on_stderr(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,coder,code\nu1,ann,A\n,ann,B\nu1,ann,A\nu2,,A\n", encoding="utf-8")
    result = run_cli("agree", "--table", str(bad), "--mode", "multi")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"{bad}:3:1: [error] the unit is empty (EGC505)\n"
        f"{bad}:4:1: [error] the row repeats line 2 (EGC507)\n"
        f"{bad}:5:2: [error] the coder is empty (EGC506)\n"
        f"egovcode: error: {bad} has 3 problem(s); the format is in docs/agreement.md.\n"
    )


def test_single_mode_two_categories_and_header(tmp_path: Path) -> None:
    bad = tmp_path / "two.csv"
    bad.write_text("unit,coder,code\nu1,ann,A\nu1,ann,B\n", encoding="utf-8")
    result = run_cli("agree", "--table", str(bad), "--mode", "single")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr.startswith(f"{bad}:3:3: [error] coder 'ann' gave unit 'u1' a second")
    header = tmp_path / "header.csv"
    header.write_text("excerpt,coder,code\n", encoding="utf-8")
    result = run_cli("agree", "--table", str(header), "--mode", "multi")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{header}:1:1: [error] the header is ")
    assert "(EGC503)" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--table", str(DATA / "multi_hand.csv")],  # no --mode
        ["--table", str(DATA / "multi_hand.csv"), "--mode", "multi", "--by", "case"],
        ["--table", str(DATA / "multi_hand.csv"), "--mode", "multi", "--coders", "ann,zed"],
        ["--table", str(DATA / "multi_hand.csv"), "--mode", "single", "--code", "ACC"],
        ["--table", str(DATA / "multi_hand.csv"), "--mode", "sometimes"],
        ["--mode", "multi"],
    ],
)
def test_usage_errors_exit_2_with_one_sentence(args: list[str]) -> None:
    result = run_cli("agree", *args, cwd=REPO)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_missing_table_is_one_sentence(tmp_path: Path) -> None:
    result = run_cli("agree", "--table", str(tmp_path / "none.csv"), "--mode", "multi")
    assert result.exit_code == 2
    assert result.stderr.startswith("egovcode: error: cannot read ")


def test_undefined_is_shown_as_undefined_not_as_a_number(tmp_path: Path) -> None:
    same = tmp_path / "same.csv"
    same.write_text("unit,coder,code\nu1,ann,A\nu1,ben,A\nu2,ann,A\nu2,ben,A\n", "utf-8")
    result = run_cli("agree", "--table", str(same), "--mode", "single", "--format", "md")
    assert result.exit_code == 0
    assert "| Krippendorff's alpha | — |" in result.stdout
    assert "| % agreement | 100.0% |" in result.stdout
    data = json.loads(
        run_cli("agree", "--table", str(same), "--mode", "single", "--format", "json").stdout
    )
    alpha = data["groups"][0]["agreement"]["overall"]["krippendorff_alpha"]
    assert alpha["value"] is None and alpha["reason"]
    csv_out = run_cli("agree", "--table", str(same), "--mode", "single", "--format", "csv")
    assert "Krippendorff's alpha,,," in csv_out.stdout


# -- the bundled project with the demonstration coders -----------------------------------------


def test_bundled_project_gives_a_table_and_a_disagreement_list() -> None:
    result = run_cli("agree", "--format", "md", cwd=REPO)
    assert (result.exit_code, result.stderr) == (0, "")
    out = result.stdout
    heading = "3 demonstration coders (synthetic: ana, budi, citra), 39 excerpts, level: code"
    assert f"**Agreement per code — {heading}**" in out
    assert "| Krippendorff's alpha (pooled) | 0.878 | reliable |" in out
    assert "Bands are conventions for reading a value, not verdicts" in out
    assert "**Disagreements: 11 excerpts whose coders' codes differ**" in out
    assert (
        "| kdr-019 | COMP.RECRUIT | COMP.RECRUIT, COMP.TRAINING | not rated | COMP.TRAINING |"
        in out
    )


def test_bundled_project_json_parity_and_options() -> None:
    project, _ = validate_project(REPO)
    args = ["agree", "--format", "json", "--coders", "ana,budi", "--by", "case", "--level"]
    result = run_cli(*args, "component", cwd=REPO)
    assert result.exit_code == 0
    expected = project_agreement(project, coders=["ana", "budi"], level="component", by="case")
    data = json.loads(result.stdout)
    assert data == expected.to_dict()
    assert [g["case"] for g in data["groups"]] == ["jember", "kediri"]  # project order
    assert data["groups"][0]["agreement"]["coders"] == ["ana", "budi"]
    one = run_cli(
        "agree", "--code", "APP.STAFF", "--no-disagreements", "--format", "json", cwd=REPO
    )
    group = json.loads(one.stdout)["groups"][0]
    assert [c["code"] for c in group["agreement"]["per_code"]] == ["APP.STAFF"]
    assert group["disagreements"] is None


def test_project_without_coder_files_is_exit_1(tmp_path: Path) -> None:
    target = tmp_path / "copy"
    for name in ("codebooks", "cases"):
        shutil.copytree(REPO / name, target / name)
    result = run_cli("agree", cwd=target)
    assert result.exit_code == 1
    assert result.stderr.startswith("egovcode: error: the project has no coder files")


def test_render_summary_for_the_report(tmp_path: Path) -> None:
    from egovcode.analyze.agreement_summary import agreement_summary

    project, _ = validate_project(REPO)
    en = agreement_summary(project, "en")
    assert en is not None
    # Demonstration coders: the figure is given, but no band is read into it.
    assert "Krippendorff's alpha is 0.878; the mean" in en["summary"]
    assert en["summary"].startswith("Three demonstration coders (synthetic, not part of the study")
    (table,) = en["tables"]
    assert table["columns"] == ["code", "excerpts", "% agreement", "alpha", "Fleiss' kappa"]
    assert ["MATURITY", 39, "100.0", "1.000", "—"] in table["rows"]  # undefined, not 1
    indonesian = agreement_summary(project, "id")
    assert (
        indonesian is not None
        and "alpha Krippendorff adalah 0,878; rata-rata" in indonesian["summary"]
    )
    target = tmp_path / "copy"
    for name in ("codebooks", "cases"):
        shutil.copytree(REPO / name, target / name)
    bare, _ = validate_project(target)
    assert agreement_summary(bare, "en") is None
    rendered = run_cli("render", cwd=REPO).stdout
    assert "Pooled over all 1014 excerpt × code decisions" in rendered
