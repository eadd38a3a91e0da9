"""Which files under cases/ are case files: hidden ones (macOS's ``._x.yaml``, ``.draft.yaml``)
are not, as in a shell glob, and are not warned about; a visible YAML file the globs skip is."""

from __future__ import annotations

from pathlib import Path

from tests.analysis_project import write_fixture
from tests.conftest import run_cli


def test_hidden_files_are_not_cases(tmp_path: Path) -> None:
    root = write_fixture(tmp_path)
    north = (root / "cases" / "north.yaml").read_bytes()
    (root / "cases" / "._north.yaml").write_bytes(b"\x00\x05\x16\x07Mac OS X        \x00\x02")
    (root / "cases" / ".draft.yaml").write_bytes(north)  # would clash with north's ids
    (root / "cases" / ".old").mkdir()
    (root / "cases" / ".old" / "north.yaml").write_bytes(north)
    (root / "cases" / "north-copy.YAML").write_bytes(north)
    result = run_cli("validate", "--format", "parsable", cwd=root)
    assert result.exit_code == 0, result.stdout
    problems = [line for line in result.stdout.splitlines() if "[info]" not in line]
    assert problems == [
        "cases/north-copy.YAML:1:1: [warning] cases/north-copy.YAML is not read: no glob under "
        "`cases:` matches it (EGC322)"
    ]
