"""Tests generated from the example projects in tests/cases/{valid,invalid}/<name>/.

Each folder is a whole project; ``expected.txt`` holds the exact ``validate --format parsable``
output. To add a case: make the folder, run ``egovcode validate -p FOLDER --format parsable >
FOLDER/expected.txt``, read the file, and commit it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

CASES = Path(__file__).parent / "cases"
VALID = sorted(p for p in (CASES / "valid").iterdir() if p.is_dir())
INVALID = sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", VALID, ids=lambda p: p.name)
def test_valid_example(folder: Path) -> None:
    result = run_cli("validate", "--project", str(folder), "--format", "parsable", "--strict")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("folder", INVALID, ids=lambda p: p.name)
def test_invalid_example(folder: Path) -> None:
    expected = (folder / "expected.txt").read_text(encoding="utf-8")
    assert expected.strip(), "an invalid example needs at least one expected diagnostic"
    result = run_cli("validate", "--project", str(folder), "--format", "parsable")
    assert (result.exit_code, result.stdout, result.stderr) == (1, expected, "")
