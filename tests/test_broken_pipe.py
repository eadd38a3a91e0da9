"""A reader that stops early (``egovcode tally | head -1``) ends the run quietly with exit 0: no
traceback, no "Exception ignored", and not exit 1 (which means problems in the user's files)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

COMMANDS = [
    ["tally", "--level", "all"],
    ["tally", "--format", "csv"],
    ["query"],
    ["codebook", "show", "--definitions"],
    ["agree"],
    ["render"],
    ["tally", "--help"],
    ["--version"],
]


def _closed_reader(args: list[str], **env: str) -> tuple[int, str]:
    """Run egovcode with a stdout pipe whose reading end is closed before anything is written."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "egovcode", *args],
            cwd=REPO,
            stdout=write,
            stderr=subprocess.PIPE,
            env=os.environ | {"NO_COLOR": "1"} | env,
            timeout=120,
        )
    finally:
        os.close(write)
    return done.returncode, done.stderr.decode("utf-8", "replace")


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_closed_pipe_exits_0_quietly(args: list[str]) -> None:
    code, err = _closed_reader(args)
    assert (code, err) == (0, "")


def test_a_reader_that_leaves_after_the_first_line() -> None:
    # The output is written before the reader leaves or after: either way exit 0, nothing on stderr.
    shell = f"{sys.executable} -m egovcode tally --level all | head -1 >/dev/null"
    done = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {shell}; echo ${{PIPESTATUS[0]}}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ | {"NO_COLOR": "1"},
    )
    assert done.stdout.strip() == "0" and done.stderr == ""
