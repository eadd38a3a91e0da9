"""Query: each filter, their combinations, and the errors for names the project does not have."""

from __future__ import annotations

import pytest

from egovcode.analyze.query import Query, parse_attr, run_query
from egovcode.analyze.selection import AnalysisError
from egovcode.check.validate import validate_project
from egovcode.load.project import Project
from tests.analysis_project import write_fixture


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return validate_project(write_fixture(tmp_path_factory.mktemp("fixture")))[0]


def ids(project: Project, **filters: object) -> list[str]:
    return [hit.excerpt for hit in run_query(project, Query(**filters)).hits]  # type: ignore[arg-type]


ALL = ["n-01", "n-02", "n-03", "n-04", "n-05", "n-06", "s-01", "s-02", "s-03", "s-04"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ALL),
        ({"codes": ("APP",)}, ["n-01", "n-02", "s-01", "s-04"]),  # a component and its sub-codes
        ({"codes": ("APP.MOBILE",)}, ["n-02", "s-04"]),
        ({"codes": ("APP", "REG")}, ["n-01"]),  # repeated codes: all must match
        ({"cases": ("south",)}, ["s-01", "s-02", "s-03", "s-04"]),
        ({"cases": ("south",), "valences": ("inhibiting",)}, ["s-02"]),
        ({"valences": ("unmarked",)}, ["n-05", "n-06", "s-04"]),
        ({"valences": ("supporting", "neutral")}, ["n-01", "n-04", "s-01", "s-03"]),
        ({"source_kinds": ("interview",)}, ["n-02", "n-03", "s-02", "s-03"]),
        ({"attrs": (("region", "sumatra"),)}, ["s-01", "s-02", "s-03", "s-04"]),
        ({"attrs": (("wave", "1"), ("type", "kota"))}, ALL[:6]),
        ({"attrs": (("wave", "1"), ("type", "kabupaten"))}, []),
        ({"text": "PORTAL"}, ["n-01", "s-01"]),  # ignoring case
        ({"text": "mobile app"}, ["n-02"]),  # found in the English translation only
        ({"text": r"selul\w+"}, ["n-02", "s-04"]),
        ({"codes": ("CONN",), "source_kinds": ("document",), "text": "portal"}, ["s-01"]),
    ],
)
def test_filters(project: Project, filters: dict[str, object], expected: list[str]) -> None:
    assert ids(project, **filters) == expected


def test_a_hit_carries_its_source_and_translation(project: Project) -> None:
    result = run_query(project, Query(codes=("APP.PORTAL",), cases=("north",), lang="en"))
    assert result.to_dict() == {
        "query": {
            "codes": ["APP.PORTAL"],
            "cases": ["north"],
            "valences": [],
            "source_kinds": [],
            "attrs": [],
            "text": None,
            "in": "text",
            "lang": "en",
        },
        "count": 1,
        "excerpts": [
            {
                "case": "north",
                "excerpt": "n-01",
                "source": "n-doc",
                "source_kind": "document",
                "informant_role": None,
                "citation": "North annual report 2023.",
                "locator": "p. 4",
                "codes": ["APP.PORTAL", "REG"],
                "valence": "supporting",
                "lang": "id",
                "text": "Kota membangun portal layanan terpadu sesuai Perwali.",
                "translation": "The city built an integrated service portal under a mayoral "
                "regulation.",
            }
        ],
    }


def test_the_locator_falls_back_to_the_source(project: Project) -> None:
    (hit,) = run_query(project, Query(codes=("GOAL",))).hits
    assert (hit.locator, hit.translation) == ("/layanan", None)


def test_table(project: Project) -> None:
    (table,) = run_query(project, Query(cases=("south",), codes=("CIT",), lang="en")).tables()
    assert table.columns[-1] == "translation (en)"
    assert table.rows == [
        [
            "south",
            "s-04",
            "s-obs",
            "Village clerk",
            "Visit to a village hall.",
            None,
            "CIT; APP.MOBILE",
            "unmarked",
            "Warga memakai aplikasi seluler di balai desa.",
            None,
        ],
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (Query(codes=("APPS",)), "unknown code 'APPS': did you mean 'APP'?"),
        (Query(codes=("app",)), "unknown code 'app': did you mean 'APP'?"),
        (Query(cases=("jember",)), "unknown case 'jember': known: north, south."),
        (Query(valences=("positive",)), "unknown valence 'positive'"),
        (Query(source_kinds=("interviews",)), "did you mean 'interview'?"),
        (Query(attrs=(("regio", "java"),)), "unknown case attribute 'regio'"),
        (Query(text="(unclosed"), "is not a valid regular expression"),
    ],
)
def test_unknown_names_are_errors(project: Project, query: Query, message: str) -> None:
    with pytest.raises(AnalysisError) as info:
        run_query(project, query)
    assert message in str(info.value)
    assert info.value.exit_code == 2


def test_parse_attr() -> None:
    assert parse_attr(" type = kota ") == ("type", "kota")
    assert parse_attr("name=a=b") == ("name", "a=b")
    with pytest.raises(AnalysisError, match="key=value"):
        parse_attr("type")
