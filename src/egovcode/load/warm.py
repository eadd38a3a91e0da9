"""The warm-run entry: the whole project as validated and checked, for a run where nothing changed.

Beside the per-file entries of :mod:`egovcode.load.cache`, the cache folder holds one entry for
the project, written by the last run that validated it:

- a body, ``project-<hash>.jsonl``: one JSON line per case and coder file with what validation
  made of it (``model_dump(exclude_unset=True)``, rebuilt by
  :class:`egovcode.model.construct.Builder`);
- a head, ``project.json``: the format, the egovcode version and loader limits, the *context*
  (the config's and the codebook's bytes), and per case and coder file its path, the BLAKE2b hash
  of its bytes, where its line is in the body and the hash of that line, which items a salvage
  kept, and the file's own diagnostics; then the *key* of the checks (every YAML file read with
  the hash of its bytes, every source text's fingerprint and every original's state) with the
  diagnostics the checks gave.

A run reads the head, and for each case and coder file whose bytes hash as recorded it takes the
file's diagnostics from the head and leaves its model in the body until a command asks for it
(``LoadedCase.data``): ``validate`` on an unchanged project decodes no model at all. A file
whose bytes changed is parsed and validated afresh. When every file was served and the key is
unchanged (no source text or original changed either), the stored diagnostics of the checks are
used and the checks do not run. A line is used only when it hashes as the head says, so a damaged,
stale or foreign entry is never trusted: a head that does not parse or match is a miss, and a
line that does not match is replaced by parsing and validating its file again. Only JSON is
read, never pickle.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from array import array
from pathlib import Path
from typing import IO, Any

from egovcode import __version__
from egovcode.check.diagnostic import Diagnostic, Severity
from egovcode.check.registry import CODES
from egovcode.load.cache import Cache, digest
from egovcode.load.limits import Limits
from egovcode.load.project import Later
from egovcode.load.texts import fingerprint, original_state
from egovcode.load.yamlfile import Outline
from egovcode.model.construct import Builder, dump

FORMAT = 1
HEAD = "project.json"
BODY_GLOB = "project-*.jsonl"


class Stored(Later):
    """A file's validated model, left in the body until asked for (see ``LoadedCase.data``)."""

    __slots__ = ("body", "builder", "fallback", "kind", "length", "line", "offset")

    def __init__(
        self, body: Path, offset: int, length: int, line: str, kind: str, builder: Builder
    ) -> None:
        self.body = body
        self.offset = offset
        self.length = length
        self.line = line
        self.kind = kind
        self.builder = builder
        self.fallback: Any = None  # rebuilds the model from the file itself

    def raw(self) -> bytes | None:
        """The line, if it still reads as written; else None."""
        try:
            with self.body.open("rb") as f:
                f.seek(self.offset)
                raw = f.read(self.length)
        except OSError:
            return None
        return raw if len(raw) == self.length and digest(raw) == self.line else None

    def get(self) -> Any:
        raw = self.raw()
        if raw is not None:
            try:
                data = json.loads(raw)
                build = self.builder.case_file if self.kind == "case" else self.builder.coding_file
                return build(data)
            except (ValueError, KeyError, TypeError, AttributeError):
                pass
        # the body was replaced or damaged since: validate the file again (it must still hash
        # as it did when it was served, or the source file says it changed)
        return self.fallback()


class Served:
    """One file's validated result, from the last run's entry."""

    __slots__ = ("diagnostics", "kept", "outline", "stored")

    def __init__(
        self,
        stored: Stored | None,
        kept: dict[str, list[int]],
        diagnostics: list[Diagnostic],
        outline: Outline | None,
    ) -> None:
        self.stored = stored
        self.kept = kept
        self.diagnostics = diagnostics
        self.outline = outline


class WarmEntry:
    """The project entry of one run: the last run's (read) and this run's (written)."""

    def __init__(self, cache: Cache, root: Path, limits: Limits) -> None:
        assert cache.folder is not None
        self.cache = cache
        self.folder: Path = cache.folder
        self.root = root
        self.limits = limits
        self.builder = Builder()
        self._head: dict[str, Any] | None = None
        self._files: dict[str, list[Any]] = {}
        self.all_served = True
        # this run's entry: every case and coder file in order, served or validated now; the
        # lines of the files validated now wait in a spool file (offset and length; -1: none)
        self._rows: list[tuple[str, str, str, Stored | None, tuple[int, int], Any, Any, Any]] = []
        self._spool: IO[bytes] | None = None
        self._spool_path = self.folder / f".project.{os.getpid()}.spool.tmp"
        self._spooled = 0
        self._broken = False  # a line could not be written: no entry this run

    @classmethod
    def open(cls, root: Path, limits: Limits) -> WarmEntry | None:
        """The entry of the project at ``root``; None when the cache is off."""
        cache = Cache.for_project(root, limits)
        if cache.folder is None:
            return None
        return cls(cache, root, limits)

    # -- reading -----------------------------------------------------------------------------

    def begin(self, context: str) -> None:
        """Read the last run's head, now that the context (config and codebook) is known."""
        try:
            head = json.loads((self.folder / HEAD).read_bytes())
            if not isinstance(head, dict) or not (
                head.get("format") == FORMAT
                and head.get("egovcode") == __version__
                and head.get("base") == self.cache.base
                and head.get("context") == context
                and isinstance(head.get("files"), list)
                and isinstance(head.get("body"), str)
                and head["body"].startswith("project-")
                and "/" not in head["body"]
            ):
                raise ValueError("stale")
            self._files = {str(row[0]): row for row in head["files"]}
            self._head = head
        except (OSError, ValueError, TypeError, KeyError, IndexError, RecursionError):
            self._head = None
            self._files = {}

    def has(self, display: str, sha: str, kind: str) -> bool:
        """Whether the last run's entry holds this file with these bytes (nothing is read)."""
        row = self._files.get(display)
        return row is not None and len(row) > 2 and row[1] == kind and row[2] == sha

    def take(self, display: str, sha: str, kind: str) -> Served | None:
        """The last run's result for this file, if its bytes are the same; else None."""
        found = self._take(display, sha, kind)
        if found is None:
            self.all_served = False
        return found

    def _take(self, display: str, sha: str, kind: str) -> Served | None:
        row = self._files.get(display)
        if row is None or self._head is None:
            return None
        try:
            _, was_kind, was_sha, offset, length, line, kept, diags, was_outline = row
            if was_kind != kind or was_sha != sha:
                return None
            outline = outline_from(was_outline)
            stored = None
            if line is not None:
                body = self.folder / self._head["body"]
                stored = Stored(body, int(offset), int(length), str(line), kind, self.builder)
            kept = {str(k): [int(i) for i in v] for k, v in kept.items()}
            diagnostics = [diagnostic_from(d) for d in diags]
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        self._rows.append((display, kind, sha, stored, (-1, 0), kept, diags, was_outline))
        return Served(stored, kept, diagnostics, outline)

    def checks(self, reads: list[tuple[str, str]]) -> list[Diagnostic] | None:
        """The stored diagnostics of the checks, when every file was served and nothing the
        checks read changed; else None (the checks must run)."""
        head = self._head
        if head is None or not self.all_served or head.get("reads") != [list(r) for r in reads]:
            return None
        if [r[0] for r in self._rows] != [r[0] for r in head["files"]]:
            return None
        try:
            for name, was in head["seen"].items():
                kind, _, relative = name.partition(":")
                if kind == "text":
                    now = fingerprint(self.root, relative, self.limits)
                else:
                    now = original_state(self.root, relative)
                if now != was:
                    return None
            return [diagnostic_from(d) for d in head["diagnostics"]]
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    # -- writing -----------------------------------------------------------------------------

    def keep(
        self,
        display: str,
        sha: str,
        kind: str,
        model: Any,
        kept: dict[str, list[int]],
        diagnostics: list[Diagnostic],
        outline: Outline | None = None,
    ) -> Any:
        """Record a freshly validated file; returns the model rebuilt lean from its dump."""
        data = None if model is None else dump(model)
        line: bytes | None = None
        if data is not None:
            try:
                text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
                line = text.encode("utf-8")
            except (TypeError, ValueError, RecursionError):
                self._broken = True  # a value JSON cannot hold exactly: no entry this run
        self._record(display, sha, kind, line, kept, diagnostics, outline)
        if data is None:
            return model
        build = self.builder.case_file if kind == "case" else self.builder.coding_file
        return build(data)

    def keep_line(
        self,
        display: str,
        sha: str,
        kind: str,
        line: bytes | None,
        kept: dict[str, list[int]],
        diagnostics: list[Diagnostic],
        outline: Outline | None = None,
    ) -> Any:
        """Record a file validated elsewhere (a worker process), given its dump as a JSON line;
        returns the model rebuilt from it."""
        self._record(display, sha, kind, line, kept, diagnostics, outline)
        if line is None:
            return None
        build = self.builder.case_file if kind == "case" else self.builder.coding_file
        return build(json.loads(line))

    def _record(
        self,
        display: str,
        sha: str,
        kind: str,
        line: bytes | None,
        kept: dict[str, list[int]],
        diagnostics: list[Diagnostic],
        outline: Outline | None,
    ) -> None:
        where = (-1, 0)
        if line is not None:
            try:
                where = self._to_spool(line + b"\n")
            except OSError:
                self._broken = True  # a full disk, a read-only folder: no entry this run
        plain = [plain_diagnostic(d) for d in diagnostics]
        self._rows.append((display, kind, sha, None, where, kept, plain, outline))

    def _to_spool(self, raw: bytes) -> tuple[int, int]:
        if self._broken:
            return (-1, 0)
        if self._spool is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._spool = self._spool_path.open("w+b")
        self._spool.write(raw)
        at = self._spooled
        self._spooled += len(raw)
        return (at, len(raw))

    def close(self) -> None:
        """Remove this run's spool file (call once the run is over)."""
        if self._spool is not None:
            with contextlib.suppress(OSError):
                self._spool.close()
            self._spool = None
        with contextlib.suppress(OSError):
            self._spool_path.unlink(missing_ok=True)

    def commit(
        self,
        context: str,
        reads: list[tuple[str, str]],
        seen: dict[str, str],
        diagnostics: list[Diagnostic],
    ) -> None:
        """Write this run's entry (body, then head), replacing the last run's."""
        if self._broken:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            gitignore = self.folder / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text(
                    "# egovcode's cache of parsed files; safe to delete\n*\n", "utf-8"
                )
            name, files, moved = self._write_body()
            head = {
                "format": FORMAT,
                "egovcode": __version__,
                "base": self.cache.base,
                "context": context,
                "body": name,
                "files": files,
                "reads": [list(r) for r in reads],
                "seen": seen,
                "diagnostics": [plain_diagnostic(d) for d in diagnostics],
            }
            head_tmp = self.folder / f".{HEAD}.{os.getpid()}.tmp"
            head_tmp.write_text(json.dumps(head, ensure_ascii=False), "utf-8")
            os.replace(head_tmp, self.folder / HEAD)
        except (OSError, TypeError, ValueError, _Unreadable):
            return
        for stored, offset in moved:  # the served models now live in the new body
            stored.body, stored.offset = self.folder / name, offset
        for old in self.folder.glob(BODY_GLOB):
            if old.name != name:
                with contextlib.suppress(OSError):
                    old.unlink()

    def _write_body(self) -> tuple[str, list[list[Any]], list[tuple[Stored, int]]]:
        """Write the body: lines validated now, and the served lines copied from the last
        body. Returns its name, the head's rows, and where each served line went."""
        tmp = self.folder / f".project.{os.getpid()}.jsonl.tmp"
        whole = hashlib.blake2b(digest_size=20)
        files: list[list[Any]] = []
        moved: list[tuple[Stored, int]] = []
        offset = 0
        try:
            if self._spool is not None:
                self._spool.flush()
            with tmp.open("wb") as out:
                for display, kind, sha, stored, (at, size), kept, plain, outline in self._rows:
                    if isinstance(outline, Outline):  # kept compact (arrays) until now
                        outline = plain_outline(outline)
                    raw: bytes | None = None
                    if stored is not None:
                        raw = stored.raw()
                        if raw is None:
                            raise _Unreadable(display)
                        moved.append((stored, offset))
                    elif at >= 0 and self._spool is not None:
                        self._spool.seek(at)
                        raw = self._spool.read(size)
                    line = None
                    if raw is not None:
                        out.write(raw)
                        whole.update(raw)
                        line = digest(raw)
                    size = len(raw or b"")
                    files.append([display, kind, sha, offset, size, line, kept, plain, outline])
                    offset += len(raw or b"")
            name = f"project-{whole.hexdigest()}.jsonl"
            os.replace(tmp, self.folder / name)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
            raise
        return name, files, moved


class _Unreadable(Exception):
    """A served line could not be read back to copy it (the body changed meanwhile)."""


def plain_outline(outline: Outline | None) -> Any:
    if outline is None:
        return None
    return [*outline.start, {k: list(v) for k, v in outline.lists.items()}]


def outline_from(plain: Any) -> Outline | None:
    if plain is None:
        return None
    line, column, lists = plain
    return Outline((int(line), int(column)), {str(k): array("q", v) for k, v in lists.items()})


def plain_diagnostic(d: Diagnostic) -> list[Any]:
    return [d.code, d.severity.value, d.message, d.file, d.line, d.column, d.hint]


def diagnostic_from(row: list[Any]) -> Diagnostic:
    code, severity, message, file, line, column, hint = row
    if code not in CODES:
        raise KeyError(code)
    for value, kinds in (
        (code, str),
        (message, str),
        (file, (str, type(None))),
        (line, (int, type(None))),
        (column, (int, type(None))),
        (hint, (str, type(None))),
    ):
        if not isinstance(value, kinds):
            raise TypeError("not a diagnostic")
    return Diagnostic(code, Severity(severity), message, file, line, column, hint)
