"""Parsing and validating case and coder files in worker processes, when that pays.

Each worker reads one file, parses and validates it exactly as the main process would
(:func:`egovcode.load.project.validate_file`, positions included), and sends back plain data:
the hash of the bytes, the validated model's dump as a JSON line, the kept items, the
diagnostics and the outline. The main process takes the results in file order, so the project,
its report and the warm-run entry are the same as a run in one process gives
(``tests/test_parallel.py`` checks that).

It pays when there are several processors and enough to parse: the wall time of a cold run
falls by about the number of workers, while the CPU time grows a little (the results are sent
back and decoded once more). :func:`jobs` decides: ``EGOVCODE_JOBS=N`` sets the number of
workers (``1`` turns the pool off); without it, a pool of up to four workers is used when at
least two processors are available and at least ``THRESHOLD`` bytes must be parsed.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from egovcode.load.limits import Limits

#: Bytes of case and coder files to parse below which one process is quicker.
THRESHOLD = 32 * 2**20
MAX_WORKERS = 4


def jobs(size: int) -> int:
    """How many worker processes to parse ``size`` bytes of files with (1: none)."""
    wanted = os.environ.get("EGOVCODE_JOBS", "").strip()
    if wanted:
        return int(wanted) if wanted.isdigit() and int(wanted) > 0 else 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        cpus = os.cpu_count() or 1
    if cpus < 2 or size < THRESHOLD:
        return 1
    return min(cpus, MAX_WORKERS)


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a worker sends back for one file."""

    sha: str | None  # None: the file could not be read or parsed (see the diagnostics)
    line: bytes | None  # the validated model's dump as JSON (None: nothing valid)
    kept: dict[str, list[int]]
    diagnostics: list[list[Any]]
    reads: list[tuple[str, str]]
    outline: Any


def parse_file(path: str, root: str, kind: str, limits: Limits) -> Parsed:
    """In a worker: parse and validate one file (the same call the main process makes)."""
    from egovcode.check.diagnostic import Report
    from egovcode.load.project import validate_file
    from egovcode.load.warm import plain_diagnostic, plain_outline
    from egovcode.model.construct import dump

    report = Report()
    reads: list[tuple[str, str]] = []
    source, data, kept = validate_file(Path(path), Path(root), kind, report, limits, None, reads)
    diagnostics = [plain_diagnostic(d) for d in report.diagnostics]
    if source is None:
        return Parsed(None, None, kept, diagnostics, reads, None)
    line = None
    if data is not None:
        text = json.dumps(dump(data), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        line = text.encode("utf-8")
    return Parsed(source.sha, line, kept, diagnostics, reads, plain_outline(source.outline))


def _context() -> Any:
    """Fork where it is safe (no other thread yet: workers start before the pool's own thread),
    so workers start at once with everything imported and are the process's own children (their
    CPU time counts in its own, as the benchmark reads it); else a fresh interpreter per worker."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class Pool:
    """Worker processes parsing ``todo`` ahead of the main process, a few files at a time (so
    results waiting to be taken never hold much of the corpus)."""

    def __init__(
        self, workers: int, root: Path, limits: Limits, todo: list[tuple[Path, str]]
    ) -> None:
        self._executor = ProcessPoolExecutor(max_workers=workers, mp_context=_context())
        self._root = str(root)
        self._limits = limits
        self._waiting: deque[tuple[Path, str]] = deque(todo)
        self._paths = {path for path, _ in todo}
        self._running: dict[Path, Future[Parsed]] = {}
        self._window = 2 * workers
        self._top_up()

    def __contains__(self, path: Path) -> bool:
        return path in self._paths

    def _top_up(self) -> None:
        while self._waiting and len(self._running) < self._window:
            path, kind = self._waiting.popleft()
            self._running[path] = self._executor.submit(
                parse_file, str(path), self._root, kind, self._limits
            )

    def result(self, path: Path) -> Parsed | None:
        """The worker's result for ``path``; None when the worker failed (the main process
        then reads the file itself)."""
        self._paths.discard(path)
        while path not in self._running and self._waiting:
            # files are asked for in the order they were given: this one is next
            self._top_up()
            if path not in self._running:
                return None
        future = self._running.pop(path, None)
        self._top_up()
        if future is None:
            return None
        try:
            return future.result()
        except Exception:  # a worker that died or failed: this file is read in-process
            return None

    def close(self) -> None:
        for future in self._running.values():
            future.cancel()
        self._executor.shutdown(wait=True, cancel_futures=True)
