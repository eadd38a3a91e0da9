"""Tables written to a pipe keep every id and number whole; a narrow terminal wraps, never cuts."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from egovcode.analyze.table import Table
from egovcode.cli import tables
from tests.conftest import REPO


def test_piped_tables_are_complete() -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | {"NO_COLOR": "1"}
    out = subprocess.run(
        [sys.executable, "-m", "egovcode", "tally", "--level", "all"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "…" not in out
    for word in ("COMP.TRAINING", "share kediri", "Application development"):
        assert word in out


def test_a_narrow_width_wraps_instead_of_cutting() -> None:
    env = os.environ | {"NO_COLOR": "1", "COLUMNS": "50"}
    out = subprocess.run(
        [sys.executable, "-m", "egovcode", "tally", "--level", "all"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "…" not in out
    table = [line for line in out.splitlines() if line[:1] in "┏┃┡│└"]
    assert table and max(len(line) for line in table) <= 50


# The piped renderer draws exactly what rich draws; any cell it cannot match goes through rich.

_CELL = st.one_of(
    st.none(),
    st.integers(-10_000, 10_000_000),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(
        alphabet=st.sampled_from("ab Zé—·%.-_[]/\\:|\nçå" + "漢" + "\u0301" + "\t"), max_size=12
    ),
)


def _rich_lines(table: Table, width: int) -> str:
    buffer = io.StringIO()
    real = sys.stdout
    sys.stdout = buffer
    try:
        env = {"COLUMNS": str(width), "FORCE_COLOR": None, "TTY_COMPATIBLE": None}
        old = {k: os.environ.get(k) for k in env}
        for key, value in env.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
        try:
            tables._print_rich_table(table)
        finally:
            for key, value in old.items():
                os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
    finally:
        sys.stdout = real
    return buffer.getvalue()


@settings(max_examples=300, deadline=None)
@given(
    columns=st.integers(1, 5),
    rows=st.integers(1, 6),
    data=st.data(),
    title=st.one_of(st.none(), st.text(alphabet="abc —\n", min_size=1, max_size=30)),
    width=st.sampled_from([12, 40, 4096]),
)
def test_plain_table_is_richs_table(
    columns: int, rows: int, data: st.DataObject, title: str | None, width: int
) -> None:
    names = data.draw(
        st.lists(_CELL.map(lambda v: str(v or "")), min_size=columns, max_size=columns)
    )
    body = [data.draw(st.lists(_CELL, min_size=columns, max_size=columns)) for _ in range(rows)]
    table = Table(columns=names, rows=body, title=title, notes=["a note"])
    drawn = tables.plain_table(table, width)
    if drawn is not None:
        assert drawn + "a note\n" == _rich_lines(table, width)


def test_plain_table_draws_ordinary_tables_and_leaves_the_rest_to_rich() -> None:
    table = Table(columns=["code", "n"], rows=[["APP", 3], ["REG.LOCAL", 12]], title="Counts")
    assert tables.plain_table(table, 4096) == (
        "Counts\n"
        "┏━━━━━━━━━━━┳━━━━┓\n"
        "┃ code      ┃  n ┃\n"
        "┡━━━━━━━━━━━╇━━━━┩\n"
        "│ APP       │  3 │\n"
        "│ REG.LOCAL │ 12 │\n"
        "└───────────┴────┘\n"
    )
    assert tables.plain_table(table, 10) is None  # narrower than the table: rich wraps it
    assert tables.plain_table(Table(columns=["a"], rows=[["x\ty"]]), 4096) is None
    assert tables.plain_table(Table(columns=["a"], rows=[]), 4096) is None


def test_piped_cells_are_data_not_emoji_codes(tmp_path: Path) -> None:
    table = Table(columns=["memo"], rows=[[":thumbs_up: ok"]])
    assert ":thumbs_up: ok" in (tables.plain_table(table, 4096) or "")
    assert ":thumbs_up: ok" in _rich_lines(table, 4096)
