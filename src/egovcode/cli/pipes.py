"""A reader that stops reading (``egovcode tally | head -1``) ends the run quietly, with exit 0.

When the program on the other end of a pipe exits early, the next write fails with ``EPIPE``.
That is not a problem in the user's files (exit 1) nor a bug (exit 70): the run stops at once,
prints nothing more (no traceback, no "Exception ignored" at shutdown) and exits 0, also under
``set -o pipefail``. This module is imported before typer, so ``--version`` stays fast.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import NoReturn


class ReaderGone(Exception):
    """The reader of stdout or stderr has closed its end of the pipe."""


def is_broken_pipe(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.EPIPE, errno.ESHUTDOWN)


def stdout_is_null() -> bool:
    """Whether stdout is the null device (rich points it there when it meets a closed pipe)."""
    try:
        out, null = os.fstat(sys.stdout.fileno()), os.stat(os.devnull)
    except (AttributeError, OSError, ValueError):  # not a real file (a test's buffer)
        return False
    return (out.st_dev, out.st_ino, out.st_rdev) == (null.st_dev, null.st_ino, null.st_rdev)


def finish(code: int) -> NoReturn:
    """Flush what is still buffered and exit with ``code``; a closed pipe makes it exit 0."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except OSError as exc:
        if not is_broken_pipe(exc):
            raise
        reader_gone()
    sys.exit(code)


def reader_gone() -> NoReturn:
    """Point stdout and stderr at the null device, so nothing more is written or reported at
    shutdown (Python's own flush would fail again), and exit 0."""
    null = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(null, stream.fileno())
        except (AttributeError, OSError, ValueError):  # not a real file (a test's buffer)
            continue
    os.close(null)
    sys.exit(0)


def write_data(text: str) -> None:
    """Write a document or a machine-readable result (JSON, CSV, Markdown, HTML, line formats)
    to stdout as UTF-8, whatever the terminal's encoding: piped from a latin-1 or ASCII locale it
    stays valid and loses nothing (``\\U0001f642`` in JSON would not even parse). Output for
    people (tables, text) follows the terminal's encoding instead, with escapes."""
    stream = sys.stdout
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    buffer = getattr(stream, "buffer", None)
    if encoding in ("utf8", "utf8sig") or buffer is None:
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()
