"""Shares and co-occurrence measures are rounded once: exact in JSON, three decimals in the
table, CSV and Markdown formats, so 4/19 (0.2105…) prints 0.211 everywhere, never 0.210."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.analysis_project import write_fixture
from tests.conftest import run_cli

SOURCES = "sources:\n  - {id: d, kind: document, citation: A plan.}\nexcerpts:\n"


def _case(case_id: str, groups: list[tuple[int, str]]) -> str:
    lines, n = [], 0
    for count, codes in groups:
        for _ in range(count):
            n += 1
            item = f"id: {case_id}-{n:02d}, source: d, text: Teks {n}., codes: {codes}"
            lines.append(f"  - {{{item}}}")
    head = f"case: {{id: {case_id}, name: Kota {case_id}, type: kota}}\n"
    return head + SOURCES + "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fixture(
        tmp_path_factory.mktemp("rounding"),
        **{
            # REG: 4 of east's 19 codings.
            "cases/east.yaml": _case("east", [(4, "[REG]"), (15, "[CIT]")]),
            # REG on 4 of the 19 excerpts carrying APP: P(REG|APP) = 4/19.
            "cases/west.yaml": _case("west", [(4, "[APP, REG]"), (15, "[APP]")]),
        },
    )


def _csv_row(text: str, first: str) -> dict[str, str]:
    return next(r for r in csv.DictReader(io.StringIO(text.split("\n\n")[0])) if r["code"] == first)


def test_tally_share_is_rounded_once_in_every_format(project: Path) -> None:
    data = json.loads(run_cli("tally", "--format", "json", cwd=project).stdout)
    reg = next(r for r in data["rows"] if r["code"] == "REG")
    assert reg["shares"]["east"] == pytest.approx(4 / 19, abs=1e-12)  # exact, not 0.2105
    assert (
        _csv_row(run_cli("tally", "--format", "csv", cwd=project).stdout, "REG")["share east"]
        == "0.211"
    )
    md = run_cli("tally", "--format", "md", cwd=project).stdout
    reg_line = next(line for line in md.splitlines() if line.startswith("| REG |"))
    assert "| 0.211 |" in reg_line and "0.210" not in reg_line
    table = run_cli("tally", cwd=project).stdout
    assert "0.211" in table and "0.210" not in table


def test_cooccur_measures_are_rounded_once(project: Path) -> None:
    args = ("cooccur", "--measure", "conditional", "--case", "west")
    data = json.loads(run_cli(*args, "--format", "json", cwd=project).stdout)
    pair = next(p for p in data["pairs"] if {p["a"], p["b"]} == {"APP", "REG"})
    assert pair["conditional_b_given_a"] == pytest.approx(4 / 19, abs=1e-12)
    grid = run_cli(*args, "--format", "csv", cwd=project).stdout.split("\n\n")
    assert _csv_row(grid[0], "APP")["REG"] == "0.211"
    pairs = list(csv.DictReader(io.StringIO(grid[1])))
    assert next(p for p in pairs if p["a"] == "APP" and p["b"] == "REG")["P(b|a)"] == "0.211"
    assert "0.210" not in run_cli(*args, "--format", "md", cwd=project).stdout
