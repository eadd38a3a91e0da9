"""Parsing in worker processes gives what one process gives: models, diagnostics, the entry."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from egovcode.load import parallel
from egovcode.load.cache import FOLDER
from tests.test_warm import PROJECTS, _copy, _generator, _snapshot

WITH_FILES = [  # projects with two case or coder files at least (one is read in-process)
    p for p in PROJECTS if len([*p.glob("cases/*.yaml"), *p.glob("codings/*/*.yaml")]) >= 2
]


@pytest.mark.parametrize(
    ("env", "cpus", "size", "expected"),
    [
        ("", 1, 10**9, 1),  # one processor: no pool
        ("", 2, 10**6, 1),  # too little to parse
        ("", 2, parallel.THRESHOLD, 2),
        ("", 16, 10**9, parallel.MAX_WORKERS),
        ("1", 16, 10**9, 1),  # turned off
        ("3", 1, 0, 3),  # asked for
        ("many", 16, 10**9, 1),
        ("0", 16, 10**9, 1),
    ],
)
def test_jobs(
    monkeypatch: pytest.MonkeyPatch, env: str, cpus: int, size: int, expected: int
) -> None:
    monkeypatch.setenv("EGOVCODE_JOBS", env)
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda _: set(range(cpus)))
    assert parallel.jobs(size) == expected


def _both(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    """The project read in one process, then with three workers (which must have run)."""
    monkeypatch.setenv("EGOVCODE_JOBS", "1")
    alone = _snapshot(root)
    shutil.rmtree(root / FOLDER, ignore_errors=True)
    monkeypatch.setenv("EGOVCODE_JOBS", "3")
    pools: list[int] = []
    real = parallel.Pool.__init__

    def counting(self: parallel.Pool, workers: int, *args: Any) -> None:
        pools.append(workers)
        real(self, workers, *args)

    monkeypatch.setattr(parallel.Pool, "__init__", counting)
    pooled = _snapshot(root)
    assert pools == [3]
    return alone, pooled


@pytest.mark.parametrize("folder", WITH_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_workers_give_what_one_process_gives(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _copy(folder, tmp_path / "p")
    monkeypatch.setenv("EGOVCODE_NO_CACHE", "1")
    alone, pooled = _both(root, monkeypatch)
    assert pooled == alone


def test_workers_fill_the_same_warm_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "gen"
    _generator().build(root, 600, 100)
    monkeypatch.delenv("EGOVCODE_NO_CACHE", raising=False)
    alone, pooled = _both(root, monkeypatch)
    assert pooled == alone
    entry = (root / FOLDER / "project.json").read_bytes()
    monkeypatch.setenv("EGOVCODE_JOBS", "1")
    shutil.rmtree(root / FOLDER)
    assert _snapshot(root) == alone
    assert (root / FOLDER / "project.json").read_bytes() == entry
    assert _snapshot(root) == alone  # warm, from the entry the workers' run wrote


def test_a_failing_worker_leaves_the_file_to_the_main_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "gen"
    _generator().build(root, 300, 100)
    monkeypatch.setenv("EGOVCODE_NO_CACHE", "1")
    real = parallel.parse_file

    def failing(path: str, *args: Any) -> Any:
        if path.endswith("case0001.yaml"):
            raise MemoryError("a worker that runs out of memory")
        return real(path, *args)

    monkeypatch.setattr(parallel, "parse_file", failing)  # the forked workers inherit it
    alone, pooled = _both(root, monkeypatch)
    assert pooled == alone
