"""Co-occurrence: hand-counted fixture, the three measures, and matrix properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egovcode.analyze.cooccur import cooccur
from egovcode.analyze.selection import AnalysisError
from egovcode.check.validate import validate_project
from egovcode.load.project import Project
from tests.analysis_project import CODES, COMPONENTS, projects, write_fixture


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return validate_project(write_fixture(tmp_path_factory.mktemp("fixture")))[0]


def cell(result: object, a: str, b: str) -> object:
    codes = result.codes  # type: ignore[attr-defined]
    return result.matrix()[codes.index(a)][codes.index(b)]  # type: ignore[attr-defined]


def test_counts_by_hand(project: Project) -> None:
    # Component sets per excerpt: n-01 {APP, REG}, n-02 {APP}, n-03 {CAP}, n-04 {GOAL, CIT},
    # n-05 {}, n-06 {REG}, s-01 {APP, CONN}, s-02 {CONN, COMP}, s-03 {REG}, s-04 {CIT, APP}.
    result = cooccur(project)
    assert result.codes == COMPONENTS
    assert result.excerpts == 10
    assert result.to_dict()["frequency"] == {
        "APP": 4,
        "COMP": 1,
        "CONN": 2,
        "REG": 3,
        "CIT": 2,
        "CAP": 1,
        "GOAL": 1,
    }
    assert [(p["a"], p["b"], p["count"]) for p in result.pairs()] == [
        ("APP", "CONN", 1),
        ("APP", "REG", 1),
        ("APP", "CIT", 1),
        ("COMP", "CONN", 1),
        ("CIT", "GOAL", 1),
    ]
    assert cell(result, "APP", "GOAL") == 0


def test_an_excerpt_with_a_component_and_its_sub_code_counts_once(project: Project) -> None:
    # n-02 carries APP and APP.MOBILE: one excerpt for APP at component level.
    north = cooccur(project, cases=["north"])
    assert north.frequency("APP") == 2
    every = cooccur(project, level="all", cases=["north"])
    assert (every.frequency("APP"), every.frequency("APP.MOBILE")) == (1, 1)
    assert cell(every, "APP", "APP.MOBILE") == 1


def test_jaccard_and_conditional(project: Project) -> None:
    jaccard = cooccur(project, measure="jaccard")
    assert cell(jaccard, "APP", "REG") == 1 / 6  # 1 / (4 + 3 - 1)
    assert cell(jaccard, "APP", "APP") == 1.0
    conditional = cooccur(project, measure="conditional")
    assert cell(conditional, "APP", "REG") == 0.25  # P(REG | APP) = 1 / 4
    assert cell(conditional, "REG", "APP") == 1 / 3  # P(APP | REG) = 1 / 3
    south = cooccur(project, measure="conditional", cases=["south"])
    assert cell(south, "GOAL", "APP") is None  # GOAL never occurs in south


def test_case_filter(project: Project) -> None:
    south = cooccur(project, cases=["south"])
    assert (south.cases, south.excerpts, south.frequency("APP")) == (["south"], 4, 2)
    with pytest.raises(AnalysisError, match=r"unknown case 'sout'.*did you mean 'south'"):
        cooccur(project, cases=["sout"])


def test_tables(project: Project) -> None:
    grid, pairs = cooccur(project, lang="id").tables()
    assert grid.columns == ["code", "label", *COMPONENTS]
    assert grid.rows[0][:3] == ["APP", "Pengembangan aplikasi", 4]
    assert pairs.columns == ["a", "b", "count", "jaccard", "P(b|a)", "P(a|b)"]
    assert pairs.rows[1] == ["APP", "REG", 1, 1 / 6, 0.25, 1 / 3]


@settings(max_examples=60, deadline=None)
@given(projects, st.sampled_from(["component", "all"]))
def test_matrix_is_symmetric_and_its_diagonal_is_the_frequency(
    project: Project, level: str
) -> None:
    result = cooccur(project, level=level)  # type: ignore[arg-type]
    assert result.tables()[0].rows and result.to_dict()["excerpts"] == result.excerpts
    n = len(result.codes)
    assert result.codes == (COMPONENTS if level == "component" else CODES)
    for i in range(n):
        for j in range(n):
            assert result.counts[i][j] == result.counts[j][i]
            assert result.counts[i][j] <= min(result.counts[i][i], result.counts[j][j])
    for i, code in enumerate(result.codes):
        carrying = 0
        for loaded in project.cases:
            for e in loaded.data.excerpts:
                found = {c.split(".")[0] for c in e.codes} if level == "component" else set(e.codes)
                carrying += code in found
        assert result.counts[i][i] == carrying
    jaccard = cooccur(project, measure="jaccard", level=level).matrix()  # type: ignore[arg-type]
    assert all(jaccard[i][j] == jaccard[j][i] for i in range(n) for j in range(n))
