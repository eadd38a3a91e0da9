"""A warm-run cache: the parsed data of each file, so an unchanged file is not parsed again.

Entries live under the project in ``.egovcode/cache/`` (a folder that ignores itself in git), one
JSON file per project file. An entry is used only when all of these match:

- the format of the entry and the egovcode version that wrote it;
- the file it was written for (its project-relative path) and a BLAKE2b hash of its bytes;
- the *context*: the loader's limits and, for case and coder files, the bytes of the config file
  and of the codebook, so editing either rebuilds every entry;
- a BLAKE2b hash of the entry's own payload, so a corrupted or hand-edited entry is caught.

Anything else (an unreadable, truncated, stale or foreign entry) is treated as a miss: the file is
parsed again and the entry rewritten. Entries are plain JSON read with ``json.loads``, never
pickle, so a planted entry can at worst hold wrong data for its own hash, and the hash check
stops even that. Only data that JSON gives back exactly is cached: dates and times are tagged
(with a NUL character no YAML text holds unescaped), and a file with keys that are not text, or
with a NUL character of its own, is not cached. A folder that cannot be written never fails a
command: the cache is then simply not kept. ``EGOVCODE_NO_CACHE=1`` (the ``--no-cache`` option)
turns it off.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import os
from array import array
from pathlib import Path
from typing import Any

from egovcode import __version__
from egovcode.load.limits import Limits
from egovcode.load.yamlfile import Outline

FORMAT = 1
FOLDER = Path(".egovcode") / "cache"
# Tags start with a NUL, which no YAML text can hold, so no user data can look like a tag.
_DATE, _DATETIME = "\x00date", "\x00datetime"


def enabled() -> bool:
    """Whether the cache is on: it is unless ``EGOVCODE_NO_CACHE`` is set to a true value."""
    return os.environ.get("EGOVCODE_NO_CACHE", "").lower() not in {"1", "true", "yes"}


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=20).hexdigest()


class Cache:
    """The cache of one project. ``folder`` None means off (nothing read, nothing written)."""

    def __init__(self, folder: Path | None, limits: Limits) -> None:
        self.folder = folder
        self._base = digest(f"{FORMAT}|{__version__}|{limits.key()}".encode())
        self.context = self._base
        self._writable = folder is not None
        self._used: set[str] = set()  # entry names looked up or written in this run

    @property
    def base(self) -> str:
        """The hash of what every entry depends on: the format, the version and the limits."""
        return self._base

    @classmethod
    def for_project(cls, root: Path, limits: Limits) -> Cache:
        return cls(root / FOLDER if enabled() else None, limits)

    def depend_on(self, *contents: bytes) -> None:
        """Make later entries depend on these bytes (the config and the codebook)."""
        h = hashlib.blake2b(self._base.encode(), digest_size=20)
        for content in contents:
            h.update(len(content).to_bytes(8, "little"))
            h.update(content)
        self.context = h.hexdigest()

    def _entry(self, display: str) -> Path:
        assert self.folder is not None
        name = f"{digest(display.encode('utf-8'))}.json"
        self._used.add(name)
        return self.folder / name

    def prune(self) -> None:
        """Delete the entries of files this run did not read (deleted or renamed files), so the
        folder does not grow with the project's history. Call it after reading every file."""
        if self.folder is None or not self._writable or not self.folder.is_dir():
            return
        try:
            for entry in self.folder.glob("*.json"):
                if entry.name not in self._used and entry.name != "project.json":
                    entry.unlink(missing_ok=True)
        except OSError:
            return

    def get(self, display: str, sha: str, context: str | None = None) -> tuple[Any, Outline] | None:
        """The cached data and outline of the file ``display`` whose bytes hash to ``sha``."""
        if self.folder is None:
            return None
        try:
            raw = self._entry(display).read_bytes()
        except OSError:
            return None
        head, sep, payload = raw.partition(b"\n")
        try:
            header = json.loads(head)
            if not sep or not isinstance(header, dict):
                return None
            if (
                header.get("format") != FORMAT
                or header.get("egovcode") != __version__
                or header.get("file") != display
                or header.get("sha") != sha
                or header.get("context") != (context or self.context)
                or header.get("payload") != digest(payload)
            ):
                return None
            body = json.loads(payload, object_hook=_untag if header.get("tagged") else None)
            start = body["outline"]["start"]
            lists = {str(k): array("q", v) for k, v in body["outline"]["lists"].items()}
            return body["data"], Outline((int(start[0]), int(start[1])), lists)
        except (ValueError, KeyError, TypeError, IndexError, OverflowError):
            return None

    def put(
        self, display: str, sha: str, data: Any, outline: Outline, context: str | None = None
    ) -> None:
        """Keep ``data`` for the file; silently skipped when JSON cannot hold it exactly or the
        folder cannot be written."""
        if self.folder is None or not self._writable or not outline.text_keys:
            return  # JSON would turn keys such as 1 or 2021-01-02 into text
        tags = 0

        def tag(value: object) -> object:
            nonlocal tags
            if isinstance(value, _dt.datetime):
                tags += 1
                return {_DATETIME: value.isoformat()}
            if isinstance(value, _dt.date):
                tags += 1
                return {_DATE: value.isoformat()}
            raise TypeError(type(value).__name__)

        lists = {k: list(v) for k, v in outline.lists.items()}
        body = {"data": data, "outline": {"start": list(outline.start), "lists": lists}}
        try:
            payload = json.dumps(body, default=tag, ensure_ascii=False, separators=(",", ":"))
            encoded = payload.encode("utf-8")
        except (TypeError, ValueError, RecursionError):
            return  # a value JSON cannot hold: not kept
        if payload.count("\\u0000") != tags:
            return  # a NUL of the file's own ("\0" in quotes) could pass for a tag
        header = {
            "format": FORMAT,
            "egovcode": __version__,
            "file": display,
            "sha": sha,
            "context": context or self.context,
            "payload": digest(encoded),
            "tagged": tags > 0,
        }
        self._write(self._entry(display), json.dumps(header).encode() + b"\n" + encoded)

    def _write(self, path: Path, content: bytes) -> None:
        try:
            if not path.parent.is_dir():
                path.parent.mkdir(parents=True, exist_ok=True)
                (path.parent / ".gitignore").write_text(
                    "# egovcode's cache of parsed files; safe to delete\n*\n", "utf-8"
                )
        except OSError:
            self._writable = False  # read-only project, a file in the way: no cache this run
            return
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(content)
            os.replace(tmp, path)
        except OSError:
            self._writable = False  # full disk, read-only folder: run on without a cache
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)


def _untag(obj: dict[str, Any]) -> Any:
    if len(obj) == 1:
        if _DATE in obj:
            return _dt.date.fromisoformat(obj[_DATE])
        if _DATETIME in obj:
            return _dt.datetime.fromisoformat(obj[_DATETIME])
    return obj


def clear(root: Path) -> int:
    """Delete the project's cache entries; the number deleted."""
    folder = root / FOLDER
    if not folder.is_dir():
        return 0
    removed = 0
    for entry in folder.iterdir():
        if entry.is_file() and entry.suffix in {".json", ".jsonl", ".tmp"}:
            entry.unlink()
            removed += entry.suffix == ".json"
    return removed
