"""The shared write and print rules (egovcode.output): modes, links, special files, commits."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from egovcode import output
from egovcode.errors import OutputExistsError
from egovcode.output import (
    OutputPathError,
    PlannedWrite,
    WriteError,
    check_output,
    commit_files,
    one_line,
    printable,
    write_atomic,
    write_atomic_with,
)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_replacing_a_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "case.yaml"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_atomic(target, "new", force=True)
    assert (target.read_text(encoding="utf-8"), _mode(target)) == ("new", 0o600)
    target.chmod(0o640)
    write_atomic(target, b"newer", force=True)
    assert _mode(target) == 0o640


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o027])
def test_a_new_file_respects_the_umask(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "out.csv", "x")
        write_atomic_with(tmp_path / "out.db", lambda p: p.write_bytes(b"y"))
    finally:
        os.umask(old)
    assert _mode(tmp_path / "out.csv") == 0o666 & ~umask
    assert _mode(tmp_path / "out.db") == 0o666 & ~umask


def test_a_symlink_is_written_through_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "report.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with pytest.raises(OutputExistsError):
        write_atomic(link, "new")
    write_atomic(link, "new", force=True)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_a_dangling_symlink_counts_as_existing(tmp_path: Path) -> None:
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(OutputExistsError):
        check_output(link, force=False)
    write_atomic(link, "x", force=True)
    assert link.is_symlink() and (tmp_path / "nowhere.md").read_text(encoding="utf-8") == "x"


def test_special_files_are_written_to_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    read_fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        check_output(fifo, force=False)  # nothing is overwritten: no --force needed
        write_atomic(fifo, "through the pipe\n")
        assert os.read(read_fd, 100) == b"through the pipe\n"
        write_atomic_with(fifo, lambda p: p.write_bytes(b"db"))
        assert os.read(read_fd, 100) == b"db"
    finally:
        os.close(read_fd)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    write_atomic(Path("/dev/null"), "discarded", force=True)
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_missing_parent_folder_is_an_error_not_created(tmp_path: Path) -> None:
    target = tmp_path / "typo" / "nested" / "out.md"
    with pytest.raises(OutputPathError, match="does not exist; create it first"):
        check_output(target, force=False)
    with pytest.raises(OutputPathError):
        write_atomic(target, "x")
    assert not (tmp_path / "typo").exists()


def test_a_folder_is_not_an_output_file(tmp_path: Path) -> None:
    with pytest.raises(OutputPathError, match="is a folder"):
        check_output(tmp_path, force=True)


@pytest.mark.parametrize("folder", ["cases", "codebooks", "codings/ana"])
def test_outputs_never_land_in_the_data_folders_without_force(tmp_path: Path, folder: str) -> None:
    (tmp_path / folder).mkdir(parents=True)
    target = tmp_path / folder / "export.csv"
    with pytest.raises(OutputPathError, match="holds your data"):
        check_output(target, force=False, project_root=tmp_path)
    check_output(target, force=True, project_root=tmp_path)
    # a link from elsewhere into cases/ is caught too
    link = tmp_path / "sneaky.csv"
    link.symlink_to(target)
    with pytest.raises(OutputPathError):
        check_output(link, force=False, project_root=tmp_path)
    check_output(tmp_path / "export.csv", force=False, project_root=tmp_path)


def test_an_interrupt_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.db"
    target.write_bytes(b"old")

    def interrupted(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic_with(target, interrupted, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.db"]
    assert target.read_bytes() == b"old"


def test_a_disk_error_is_a_write_error_and_the_old_file_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.md"
    target.write_text("old", encoding="utf-8")

    def full(src: object, dst: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "replace", full)
    with pytest.raises(WriteError, match="no space left on device") as info:
        write_atomic(target, "new", force=True)
    assert info.value.exit_code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]
    assert target.read_text(encoding="utf-8") == "old"


def _three(tmp_path: Path) -> list[PlannedWrite]:
    writes = []
    for name in ("a", "b", "c"):
        path = tmp_path / f"{name}.yaml"
        path.write_text(f"{name} old", encoding="utf-8")
        path.chmod(0o600)
        writes.append(PlannedWrite(path, f"{name} new".encode(), f"{name} old".encode()))
    return writes


def test_commit_replaces_every_file_keeping_modes(tmp_path: Path) -> None:
    writes = _three(tmp_path)
    fresh = PlannedWrite(tmp_path / "d.yaml", b"d", None)
    commit_files([*writes, fresh])
    assert [w.path.read_text(encoding="utf-8") for w in writes] == ["a new", "b new", "c new"]
    assert {_mode(w.path) for w in writes} == {0o600}
    assert (tmp_path / "d.yaml").read_bytes() == b"d"
    assert not list(tmp_path.glob(".*.tmp"))


def test_commit_is_all_or_nothing_when_the_disk_fails_midway(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = _three(tmp_path)
    real_replace = os.replace
    calls = []

    def fail_on_second(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.EACCES, "Permission denied", dst)
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", fail_on_second)
    with pytest.raises(WriteError, match="permission denied; nothing was written"):
        commit_files(writes)
    monkeypatch.undo()
    assert [w.path.read_text(encoding="utf-8") for w in writes] == ["a old", "b old", "c old"]
    assert {_mode(w.path) for w in writes} == {0o600}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml", "b.yaml", "c.yaml"]


def test_commit_stops_when_a_file_changed_after_it_was_planned(tmp_path: Path) -> None:
    writes = _three(tmp_path)
    writes[2].path.write_text("c edited by hand meanwhile", encoding="utf-8")
    with pytest.raises(WriteError, match=r"c\.yaml changed while egovcode was working"):
        commit_files(writes)
    assert [w.path.read_text(encoding="utf-8") for w in writes] == [
        "a old",
        "b old",
        "c edited by hand meanwhile",
    ]


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("red \x1b[31mtext", "red \\x1b[31mtext"),
        ("bell\x07", "bell\\x07"),
        ("over\rwrite", "over\\rwrite"),
        ("c1 \x9b2J", "c1 \\x9b2J"),
        ("bidi \u202eevil", "bidi \\u202eevil"),
        ("tab\tand\nline", "tab\tand\nline"),
        ("plain Indonesian: Kabupaten", "plain Indonesian: Kabupaten"),
    ],
)
def test_printable_shows_control_characters_as_escapes(raw: str, shown: str) -> None:
    assert printable(raw) == shown


def test_one_line_escapes_line_breaks_too() -> None:
    assert one_line("a\nb\r\n::error::x\x1b") == "a\\nb\\r\\n::error::x\\x1b"


def test_export_refuses_to_write_into_cases_and_creates_no_folders(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import run_cli

    root = tmp_path / "proj"
    shutil.copytree(Path(__file__).parent / "cases" / "valid" / "minimal", root)
    into_cases = run_cli("export", "csv", "-o", "cases/codings.csv", cwd=root)
    assert into_cases.exit_code == 2 and "holds your data" in into_cases.stderr
    assert not (root / "cases" / "codings.csv").exists()
    typo = run_cli("export", "json", "-o", "exprots/p.json", cwd=root)
    assert typo.exit_code == 2 and "does not exist" in typo.stderr
    assert not (root / "exprots").exists()
    (root / "out.csv").write_text("keep", encoding="utf-8")
    (root / "out.csv").chmod(0o600)
    forced = run_cli("export", "csv", "-o", "out.csv", "--force", cwd=root)
    assert forced.exit_code == 0 and (root / "out.csv").stat().st_mode & 0o777 == 0o600
