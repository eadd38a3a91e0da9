"""Progress on stderr while a project's files are read: only on a terminal, only when slow."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: Seconds of work before a progress bar appears; quicker runs never show one.
DELAY = 1.0


@contextmanager
def file_progress(label: str = "Reading files") -> Iterator[Callable[[int, int], None] | None]:
    """A callback for ``load_project(progress=...)`` that draws a transient bar on stderr once
    reading has taken more than ``DELAY`` seconds; None when stderr is not a terminal, so pipes,
    files and CI logs never see it."""
    if not sys.stderr.isatty():
        yield None
        return
    start = time.monotonic()
    shown: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if "bar" not in shown:
            if time.monotonic() - start < DELAY or done >= total:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            bar = Progress(
                TextColumn(label),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            bar.start()
            shown["bar"], shown["task"] = bar, bar.add_task(label, total=total)
        shown["bar"].update(shown["task"], completed=done, total=total)

    try:
        yield update
    finally:
        if "bar" in shown:
            shown["bar"].stop()
