"""Saves as byte snapshots: the guard against stale pages, and the undo of the last save.

Every page names the version (SHA-256) of the file it was built from; a save whose version is
not the file's current one is refused, so an edit made meanwhile (an editor, ``git pull``) is
never overwritten. Each save records the file's bytes before and after it; undo puts the bytes
from before back, only while the file still holds the bytes the save left.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from egovcode.errors import EgovcodeError
from egovcode.output import write_atomic

ABSENT = "absent"
#: How many saves the workbench can undo, newest first.
DEPTH = 50


class StaleFile(EgovcodeError):
    """The file changed on disk since the page was built (or since the save to undo)."""

    exit_code = 1

    def __init__(self, display: str) -> None:
        super().__init__(f"{display} changed on disk")
        self.display = display


class NothingToUndo(EgovcodeError):
    """No save of this workbench is left to undo."""


def snapshot(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def version(data: bytes | None) -> str:
    return ABSENT if data is None else hashlib.sha256(data).hexdigest()


def file_version(path: Path) -> str:
    """The version of a file as it is on disk now (``"absent"`` when there is none)."""
    return version(snapshot(path))


def require_version(path: Path, display: str, expected: object) -> bytes | None:
    """The file's bytes, if its version is ``expected``; else :class:`StaleFile`."""
    data = snapshot(path)
    if not isinstance(expected, str) or version(data) != expected:
        raise StaleFile(display)
    return data


@dataclass(frozen=True, slots=True)
class Change:
    """One save: a file's bytes before (None: it did not exist) and after."""

    path: Path
    display: str
    before: bytes | None
    after: bytes | None


@dataclass
class History:
    """The saves of one workbench run, the newest last."""

    changes: list[Change] = field(default_factory=list)

    def record(self, path: Path, display: str, before: bytes | None) -> Change | None:
        """Record a save of ``path`` whose bytes were ``before``; None when nothing changed."""
        after = snapshot(path)
        if after == before:
            return None
        change = Change(path, display, before, after)
        self.changes.append(change)
        del self.changes[:-DEPTH]
        return change

    def undo(self) -> Change:
        """Put back the file of the last save as it was before it; refuses when the file has
        changed since (the save stays undoable once the file is back)."""
        if not self.changes:
            raise NothingToUndo("there is no save to undo")
        change = self.changes[-1]
        if snapshot(change.path) != change.after:
            raise StaleFile(change.display)
        if change.before is None:
            change.path.unlink()
        else:
            write_atomic(change.path, change.before, force=True)
        self.changes.pop()
        return change
