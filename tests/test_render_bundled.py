"""The bundled Kediri and Jember report: the article's values, every component, golden files.

Golden files are refreshed with ``python -m tests.refresh_golden`` (see docs/templates.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from egovcode.analyze.tally import tally
from egovcode.check.validate import validate_project
from egovcode.report import build_context
from tests.conftest import REPO, run_cli
from tests.refresh_golden import GOLDEN, GOLDEN_REPORTS, render_golden

pytestmark = pytest.mark.skipif(
    not (REPO / "cases" / "kediri.yaml").is_file(),
    reason="the bundled project (cases/kediri.yaml) is absent in this checkout",
)

#: The article's values, as the Indonesian and the English report must write them.
ARTICLE_ID = [
    "2,91 (C)",
    "3,65 (sangat baik)",
    "4,51 (A)",
    "2,56 (cukup)",
    "92,67",
    "| 91 |",
    "55 PPPK",
    "201 PPPK",
    "40 aplikasi",
    "29 fitur",
    "7:3",
    "3:1",
]
ARTICLE_EN = [
    "2.91 (C)",
    "3.65 (very good)",
    "4.51 (A)",
    "2.56 (fair)",
    "92.67",
    "| 91 |",
    "55 PPPK",
    "201 PPPK",
    "40 ",
    "29 ",
    "7:3",
    "3:1",
]


@pytest.fixture(autouse=True)
def _no_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    out = {}
    for lang in ("id", "en"):
        result = run_cli("render", "--lang", lang, cwd=REPO)
        assert (result.exit_code, result.stderr) == (0, "")
        out[lang] = result.stdout
    return out


@pytest.mark.parametrize(("lang", "values"), [("id", ARTICLE_ID), ("en", ARTICLE_EN)])
def test_the_articles_values_appear(rendered: dict[str, str], lang: str, values: list[str]) -> None:
    missing = [v for v in values if v not in rendered[lang]]
    assert missing == []


def test_english_writes_english_numbers_in_its_own_text(rendered: dict[str, str]) -> None:
    table = rendered["en"].split("## Coverage")[0]  # Table 1, made from the indices
    assert "2.91" in table and "2,91" not in table
    assert "92.67" in table and "92,67" not in table


def test_every_component_has_evidence_from_both_cases() -> None:
    project, _ = validate_project(REPO)
    context = build_context(project, "en")
    sections = context["components"] + context["outcome"]
    assert [s["code"] for s in sections] == [
        "APP",
        "COMP",
        "CONN",
        "REG",
        "CIT",
        "CAP",
        "MATURITY",
        "GOAL",
    ]
    for section in sections:
        for case in section["cases"]:
            assert case["excerpts"], f"{section['code']} has no evidence from {case['id']}"
            assert case["total"] > 0
    assert context["absences"] == []
    indicators = {
        ix["name"] for row in context["outcome"][0]["indicators"] for ix in row["indices"]
    }
    assert "IKM" in indicators


def test_each_component_section_opens_with_a_sentence_from_the_counts(
    rendered: dict[str, str],
) -> None:
    assert "Both cases have excerpts coded to application development: " in rendered["en"]
    assert (
        "Kedua kasus memiliki kutipan yang dikodekan ke pengembangan aplikasi: " in rendered["id"]
    )


#: Excerpts per component in Jember and Kediri, as ``egovcode tally --unit excerpt`` counts them.
EXCERPTS = {
    "APP": (3, 1),
    "COMP": (3, 8),
    "CONN": (2, 2),
    "REG": (2, 2),
    "CIT": (2, 2),
    "CAP": (1, 2),
    "GOAL": (5, 4),
    "MATURITY": (1, 1),
    "FAC": (1, 1),
}


def _coverage_table(markdown: str) -> list[list[str]]:
    """The cells of Table 2 (coverage), header and rule left out."""
    table = markdown.split("*Table 2.")[1].split("\n## ")[0]
    lines = [line for line in table.splitlines() if line.startswith("|")][2:]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def test_coverage_counts_excerpts_as_tally_does(rendered: dict[str, str]) -> None:
    project, _ = validate_project(REPO)
    result = tally(project, by="case", lang="en", unit="excerpt")
    assert {r.code: tuple(r.counts.values()) for r in result.rows} == EXCERPTS

    def cell(code: str, case: str, n: int) -> str:
        split = result.valence[code][case]
        if not n:
            return "0"
        if split.get("neutral", 0) == n:  # the cell says so rather than "(0 / 0)"
            return f"{n} (neutral only)"
        return f"{n} ({split.get('supporting', 0)} / {split.get('inhibiting', 0)})"

    # Table 2 counts components, outcomes and themes; factor codes are listed apart.
    expected = [
        [r.label] + [cell(r.code, c, r.counts[c]) for c in result.columns] + [str(r.total)]
        for r in result.rows
        if r.code != "FAC"
    ]
    totals = [f"**{n}**" for n in [*result.column_totals.values(), result.total]]
    expected.append(["**Total**", *totals])
    assert _coverage_table(rendered["en"]) == expected


@pytest.mark.parametrize(("name", "fmt", "lang"), GOLDEN_REPORTS)
def test_golden_report(name: str, fmt: str, lang: str) -> None:
    path = GOLDEN / name
    assert path.exists(), f"{path} is missing; run: python -m tests.refresh_golden"
    expected = path.read_bytes()
    actual = render_golden(fmt, lang).encode("utf-8")  # type: ignore[arg-type]
    assert actual == expected, "the report changed; if intended run: python -m tests.refresh_golden"


def test_cli_renders_the_golden_html(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = run_cli("render", "--format", "html", "--lang", "en", "-o", str(target), cwd=REPO)
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes() == (GOLDEN / "report.en.html").read_bytes()
