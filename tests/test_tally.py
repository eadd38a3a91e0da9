"""The tally core: a hand-counted fixture, and properties (sums to the codings; roll-ups)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egovcode.analyze.selection import AnalysisError
from egovcode.analyze.tally import tally
from egovcode.check.validate import validate_project
from egovcode.load.project import Project
from egovcode.model import ProjectConfig
from tests.analysis_project import (
    CODES,
    COMPONENTS,
    EXPECTED,
    SUB_CODES,
    number_of_codings,
    projects,
    write_fixture,
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    loaded, report = validate_project(write_fixture(tmp_path_factory.mktemp("fixture")))
    assert report.errors == 0
    return loaded


def counts(project: Project, by: str, level: str = "component") -> dict[str, dict[str, int]]:
    return {r.code: r.counts for r in tally(project, by=by, level=level).rows}  # type: ignore[arg-type]


def test_component_by_case_matches_the_hand_count(project: Project) -> None:
    result = tally(project)
    assert result.columns == ["north", "south"]
    assert [r.code for r in result.rows] == COMPONENTS
    assert {r.code: r.counts for r in result.rows} == EXPECTED
    assert result.column_totals == {"north": 8, "south": 7}
    assert result.total == 15
    assert {r.code: r.total for r in result.rows}["APP"] == 5


def test_components_without_evidence_are_explicit_zeros(project: Project) -> None:
    data = tally(project).to_dict()
    conn = next(r for r in data["rows"] if r["code"] == "CONN")
    assert conn["counts"] == {"north": 0, "south": 2}
    assert conn["shares"] == {"north": 0.0, "south": 2 / 7}


def test_level_all_lists_sub_codes_under_their_component(project: Project) -> None:
    result = tally(project, level="all")
    assert [r.code for r in result.rows] == CODES
    rows = {r.code: r for r in result.rows}
    assert rows["APP"].counts == {"north": 3, "south": 2}  # the roll-up, as at component level
    assert rows["APP.PORTAL"].counts == {"north": 1, "south": 1}
    assert rows["APP.MOBILE"].counts == {"north": 1, "south": 1}
    assert rows["REG.PERDA"].counts == {"north": 1, "south": 0}
    assert (rows["APP.MOBILE"].component, rows["APP.MOBILE"].depth) == ("APP", 1)
    assert result.column_totals == {"north": 8, "south": 7}


def test_by_valence_source_kind_coder_and_attribute(project: Project) -> None:
    totals = {
        by: tally(project, by=by).column_totals
        for by in ("valence", "source-kind", "coder", "attr:region", "attr:wave")
    }
    assert totals == {
        "valence": {"supporting": 7, "inhibiting": 5, "neutral": 0, "unmarked": 3},
        "source-kind": {"interview": 6, "document": 5, "online": 2, "observation": 2},
        "coder": {"(case file)": 9, "ana": 2, "budi": 4},
        "attr:region": {"java": 8, "sumatra": 7},
        "attr:wave": {"1": 8, "2": 7},
    }


def test_by_source_names_columns_case_slash_source(project: Project) -> None:
    result = tally(project, by="source")
    assert result.column_totals == {
        "north/n-doc": 3,
        "north/n-int1": 2,
        "north/n-int2": 1,
        "north/n-web": 2,
        "south/s-doc": 2,
        "south/s-int": 3,
        "south/s-obs": 2,
    }


def test_valence_split_per_component_and_case(project: Project) -> None:
    valence = tally(project).valence
    assert valence["APP"]["north"] == {
        "supporting": 1,
        "inhibiting": 2,
        "neutral": 0,
        "unmarked": 0,
    }
    assert valence["APP"]["south"] == {
        "supporting": 1,
        "inhibiting": 0,
        "neutral": 0,
        "unmarked": 1,
    }
    assert valence["GOAL"]["south"] == dict.fromkeys(
        ("supporting", "inhibiting", "neutral", "unmarked"), 0
    )


def test_tables_carry_totals_and_shares(project: Project) -> None:
    matrix, valence = tally(project).tables()
    assert matrix.columns == [
        "code",
        "label",
        "north",
        "south",
        "total",
        "share north",
        "share south",
        "share total",
    ]
    assert matrix.rows[0] == ["APP", "Application development", 3, 2, 5, 0.375, 2 / 7, 1 / 3]
    assert matrix.rows[-1] == ["total", "", 8, 7, 15, 1.0, 1.0, 1.0]
    assert valence.columns == [
        "component",
        "case",
        "supporting",
        "inhibiting",
        "neutral",
        "unmarked",
        "total",
    ]
    assert valence.rows[0] == ["APP", "north", 1, 2, 0, 0, 3]
    assert len(valence.rows) == 14
    assert len(tally(project, by="valence").tables()) == 1


def test_labels_follow_the_language(project: Project) -> None:
    assert tally(project, lang="id").rows[0].label == "Pengembangan aplikasi"


@pytest.mark.parametrize("by", ["foo", "attr:", "attr:nothing", "Case"])
def test_unknown_by_is_an_analysis_error(project: Project, by: str) -> None:
    with pytest.raises(AnalysisError, match=r"group by|case attribute"):
        tally(project, by=by)


# --- properties ----------------------------------------------------------------------------------

BYS = ["case", "source", "source-kind", "valence", "coder", "attr:half", "attr:type"]


@settings(max_examples=60, deadline=None)
@given(projects, st.sampled_from(BYS))
def test_matrix_sums_to_the_number_of_codings(project: Project, by: str) -> None:
    result = tally(project, by=by)
    json.dumps(result.to_dict(), allow_nan=False)  # plain data, even with empty columns
    assert len(result.tables()[0].rows) == len(result.rows) + 1
    n = number_of_codings(project)
    assert result.total == n
    assert sum(sum(r.counts.values()) for r in result.rows) == n
    assert sum(result.column_totals.values()) == n
    assert sum(sum(cell.values()) for per in result.valence.values() for cell in per.values()) == n


@settings(max_examples=60, deadline=None)
@given(projects)
def test_roll_up_equals_the_sum_of_its_parts(project: Project) -> None:
    rows = {r.code: r for r in tally(project, level="all").rows}
    exact = {code: 0 for code in CODES}
    for loaded in project.cases:
        for e in loaded.data.excerpts:
            for code in e.codes:
                exact[code] += 1
    for component in COMPONENTS:
        parts = [component, *(c for c, parent in SUB_CODES.items() if parent == component)]
        assert rows[component].total == sum(exact[c] for c in parts)
    for sub in SUB_CODES:
        assert rows[sub].total == exact[sub]
    component_rows = {r.code: r.counts for r in tally(project).rows}
    assert component_rows == {c: rows[c].counts for c in COMPONENTS}


def test_tally_needs_a_codebook() -> None:
    bare = Project(root=Path("."), config=ProjectConfig())
    with pytest.raises(AnalysisError):
        tally(bare)


def test_excerpt_unit_counts_each_excerpt_once_per_component(project: Project) -> None:
    """By hand: n-02 carries APP and APP.MOBILE, so APP north is 2 excerpts (3 codings)."""
    result = tally(project, unit="excerpt")
    assert {r.code: r.counts for r in result.rows} == {
        "APP": {"north": 2, "south": 2},
        "COMP": {"north": 0, "south": 1},
        "CONN": {"north": 0, "south": 2},
        "REG": {"north": 2, "south": 1},
        "CIT": {"north": 1, "south": 1},
        "CAP": {"north": 1, "south": 0},
        "GOAL": {"north": 1, "south": 0},
    }
    # column totals are coded excerpts (n-05 has no codes), not the sum of the rows
    assert result.column_totals == {"north": 5, "south": 4}
    assert result.total == 9
    assert result.valence["APP"]["north"] == {
        "supporting": 1,
        "inhibiting": 1,
        "neutral": 0,
        "unmarked": 0,
    }
    assert tally(project).valence["APP"]["north"]["inhibiting"] == 2
    assert result.to_dict()["unit"] == "excerpt"
    assert result.tables()[0].title == "Excerpts per code and case"


def test_excerpt_unit_never_exceeds_codings(project: Project) -> None:
    by_excerpt = tally(project, level="all", unit="excerpt")
    by_coding = tally(project, level="all")
    for a, b in zip(by_excerpt.rows, by_coding.rows, strict=True):
        assert all(a.counts[c] <= b.counts[c] for c in a.counts)
        if a.depth == 1:  # a single code on an excerpt is one coding and one excerpt
            assert a.counts == b.counts


def test_unknown_unit_is_an_analysis_error(project: Project) -> None:
    with pytest.raises(AnalysisError):
        tally(project, unit="word")  # type: ignore[arg-type]
