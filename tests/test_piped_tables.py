"""Tables written to a pipe keep every id and number whole; a narrow terminal wraps, never cuts."""

from __future__ import annotations

import os
import subprocess
import sys

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
