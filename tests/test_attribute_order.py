"""Numeric case attributes sort as numbers wherever their values become columns."""

from __future__ import annotations

import json
from pathlib import Path

from egovcode.analyze.selection import attr_order
from tests.analysis_project import write_fixture
from tests.conftest import run_cli


def _case(case_id: str, attributes: str) -> str:
    return (
        f"case: {{id: {case_id}, name: Kota {case_id}, type: kota, attributes: {attributes}}}\n"
        "sources:\n  - {id: d, kind: document, citation: A plan.}\n"
        f"excerpts:\n  - {{id: {case_id}-1, source: d, text: Teks., codes: [REG]}}\n"
    )


def test_tally_by_a_numeric_attribute_orders_columns_by_value(tmp_path: Path) -> None:
    # north has wave 1, south wave 2 (tests/analysis_project.py).
    root = write_fixture(
        tmp_path,
        **{
            "cases/east.yaml": _case("east", "{wave: 10}"),
            "cases/west.yaml": _case("west", "{wave: 2.5}"),
            "cases/mid.yaml": _case("mid", "{wave: pilot}"),
            "cases/far.yaml": _case("far", "{}"),
        },
    )
    data = json.loads(run_cli("tally", "--by", "attr:wave", "--format", "json", cwd=root).stdout)
    assert data["columns"] == ["1", "2", "2.5", "10", "pilot", "(none)"]
    csv_head = run_cli("tally", "--by", "attr:wave", "--format", "csv", cwd=root).stdout
    assert csv_head.splitlines()[0].startswith("code,label,1,2,2.5,10,pilot,(none),total")


def test_attr_order_puts_numbers_first_by_value() -> None:
    values = ["1150", "410", "Jawa Timur", "(none)", "-3", "1e3", "nan", "false", "99.5"]
    assert sorted(values, key=attr_order) == [
        "-3",
        "99.5",
        "410",
        "1e3",
        "1150",
        "Jawa Timur",
        "false",
        "nan",
        "(none)",
    ]
