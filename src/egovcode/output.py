"""Writing output files: atomic, and never over an existing file without ``force``."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from egovcode.errors import OutputExistsError


def check_writable(path: Path, *, force: bool) -> None:
    """Raise ``OutputExistsError`` when ``path`` exists and ``force`` is false."""
    if path.exists() and not force:
        raise OutputExistsError(f"{path} already exists; add --force to overwrite it.")


def write_atomic(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    A reader never sees a half-written file, and a failure leaves the old file untouched.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    write_atomic_with(path, lambda tmp: tmp.write_bytes(payload), force=force)


def write_atomic_with(path: Path, writer: Callable[[Path], object], *, force: bool = False) -> None:
    """Let ``writer`` fill a temporary path beside ``path``, then move it into place."""
    check_writable(path, force=force)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        writer(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
