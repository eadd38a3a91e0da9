"""The rules every command follows when it writes a file or prints data: one place, shared.

Writing (any command that creates or replaces a file calls these, never ``open(..., "w")``):

- :func:`check_output` — for a command's *output* (``-o FILE`` of render, export, ...): the path
  must not exist unless ``force`` (a dangling symlink counts as existing), its parent folder must
  exist (never created silently), it must not be a folder, and it must not lie inside the
  project's ``cases/``, ``codebooks/`` or ``codings/`` unless ``force``. Call it before the
  work, so a mistake costs nothing.
- :func:`write_atomic` / :func:`write_atomic_with` — one file, atomically: a temporary file
  beside the target, flushed to disk, then renamed over it. The new file keeps the mode of the
  file it replaces and otherwise gets the default mode under the umask; a symlink is written
  through (its target is replaced, the link stays); a special file (``/dev/stdout``,
  ``/dev/fd/N``, a FIFO) is written to directly; an interrupt leaves no temporary file behind.
- :func:`commit_files` — several project files, all or nothing: every new content is staged
  first, each target is re-checked just before it is replaced (an edit saved meanwhile stops
  the commit), and a failure part-way puts back the files already replaced.

Every ``OSError`` (no permission, disk full, a missing folder) becomes :class:`WriteError`, a
one-sentence failure with exit code 1, never a traceback.

Printing: :func:`printable` makes text from a user's files safe for a terminal (control
characters are shown as escapes such as ``\\x1b``, never emitted raw), and :func:`one_line`
also escapes line breaks, for line-based formats.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from egovcode.errors import EgovcodeError, OutputExistsError

#: Project folders that hold the user's own data; outputs never land there without --force.
PROTECTED_FOLDERS = ("cases", "codebooks", "codings")


class WriteError(EgovcodeError):
    """A file could not be written (permissions, disk full, a missing folder, a changed file).

    Nothing was half-applied: the files involved are as they were before.
    """

    exit_code = 1


class OutputPathError(EgovcodeError):
    """An output path that cannot be used as given (a usage problem, exit code 2)."""


# -- checks before the work ------------------------------------------------------------------


def check_writable(path: Path, *, force: bool) -> None:
    """Raise ``OutputExistsError`` when ``path`` exists (or is a dangling link) and not ``force``.

    Special files (``/dev/stdout``, a FIFO) are not "overwritten" and need no ``--force``.
    """
    if _is_special(path):
        return
    if os.path.lexists(path) and not force:
        raise OutputExistsError(f"{path} already exists; add --force to overwrite it.")


def check_output(path: Path, *, force: bool, project_root: Path | None = None) -> None:
    """Check an output path before any work is done; raise with a sentence saying why not.

    ``project_root`` enables the rule that outputs never land inside the project's data folders
    (``cases/``, ``codebooks/``, ``codings/``) without ``force``.
    """
    if _is_special(path):
        return
    if path.is_dir():
        raise OutputPathError(f"{path} is a folder; give a file name for the output.")
    _check_parent(path)
    if project_root is not None and not force:
        inside = protected_folder(path, project_root)
        if inside is not None:
            raise OutputPathError(
                f"{path} is inside the project's {inside}/ folder, which holds your data; "
                "write the output elsewhere, or add --force if you really mean it."
            )
    check_writable(path, force=force)


def protected_folder(path: Path, project_root: Path) -> str | None:
    """The name of the protected project folder ``path`` lies in (symlinks resolved), or None."""
    try:
        target = _resolve_target(path).resolve()
        relative = target.relative_to(project_root.resolve())
    except (OSError, ValueError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return None
    first = relative.parts[0] if relative.parts else ""
    return first if first in PROTECTED_FOLDERS and len(relative.parts) > 1 else None


def _check_parent(path: Path) -> None:
    parent = _resolve_target(path).parent
    if not parent.exists():
        raise OutputPathError(
            f"the folder {parent} does not exist; create it first (egovcode does not create "
            "folders for outputs, so a mistyped path does not go unnoticed)."
        )
    if not parent.is_dir():
        raise OutputPathError(f"{parent} is not a folder.")


# -- writing one file ------------------------------------------------------------------------


def write_atomic(path: Path, data: str | bytes, *, force: bool = False) -> None:
    """Write ``data`` (text is UTF-8) to ``path`` atomically; see the module's rules.

    Raises ``OutputExistsError`` when ``path`` exists and not ``force``, and ``WriteError``
    for any failure of the file system; the old file is then untouched.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if _is_special(path):
        _write_special(path, payload)
        return
    write_atomic_with(path, lambda tmp: tmp.write_bytes(payload), force=force)


def write_atomic_with(path: Path, writer: Callable[[Path], object], *, force: bool = False) -> None:
    """Let ``writer`` fill a temporary path beside ``path``, then move it into place.

    The same rules as :func:`write_atomic`. A special file gets the bytes ``writer`` wrote to a
    temporary file elsewhere.
    """
    check_writable(path, force=force)
    if _is_special(path):
        with _temporary(Path(tempfile.gettempdir()), "special") as tmp:
            writer(tmp)
            _write_special(path, _read(tmp))
        return
    target = _resolve_target(path)
    _check_parent(target)
    with _temporary(target.parent, target.name) as tmp:
        writer(tmp)
        _finish(tmp, target)
        _replace(tmp, target)


@contextmanager
def _temporary(folder: Path, name: str) -> Iterator[Path]:
    """A fresh temporary file in ``folder``; removed afterwards whatever happens."""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot write in {folder}: {_reason(exc)}.") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
    except OSError as exc:
        raise WriteError(f"cannot write {folder / name}: {_reason(exc)}.") from None
    finally:
        tmp.unlink(missing_ok=True)


def _finish(tmp: Path, target: Path) -> None:
    """Give ``tmp`` the mode ``target`` has (or the umask's default) and flush it to disk."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if target.is_file() else default_mode()
    except OSError:
        mode = default_mode()
    os.chmod(tmp, mode)
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace(tmp: Path, target: Path) -> None:
    try:
        os.replace(tmp, target)
    except OSError as exc:
        raise WriteError(f"cannot write {target}: {_reason(exc)}.") from None
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - some systems cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - not supported for folders everywhere
        pass
    finally:
        os.close(fd)


def default_mode() -> int:
    """The mode a new regular file gets: 0o666 under the process's umask."""
    return 0o666 & ~_umask()


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)  # no way to read it without setting it elsewhere
    os.umask(current)
    return current


def _resolve_target(path: Path) -> Path:
    """Where writing ``path`` lands: a symlink's final target (written through), else ``path``."""
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def _is_special(path: Path) -> bool:
    """Whether ``path`` is an existing file that is not a regular file (a device, FIFO, socket)."""
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_special(path: Path, payload: bytes) -> None:
    try:
        with open(path, "wb") as handle:
            handle.write(payload)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {_reason(exc)}.") from None


def _read(path: Path) -> bytes:
    return path.read_bytes()


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


# -- writing several project files -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PlannedWrite:
    """New content for one file. ``expected`` is the file's bytes when the change was planned
    (``None``: the file did not exist); the commit stops when the file no longer matches."""

    path: Path
    data: bytes
    expected: bytes | None


def commit_files(writes: Sequence[PlannedWrite], *, display: Callable[[Path], str] = str) -> None:
    """Replace several files all or nothing; see the module's rules.

    Raises ``WriteError`` (exit 1) when a file changed since it was planned, or when the file
    system fails; the files are then all as they were before the call.
    """
    staged: list[tuple[PlannedWrite, Path, Path]] = []
    done: list[tuple[PlannedWrite, Path]] = []
    current = writes[0].path if writes else Path()
    try:
        for item in writes:
            current = item.path
            target = _resolve_target(item.path)
            _check_parent(target)
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            os.close(fd)
            tmp = Path(name)
            staged.append((item, target, tmp))
            tmp.write_bytes(item.data)
            _finish(tmp, target)
        for item, target, tmp in staged:
            current = item.path
            now = target.read_bytes() if target.exists() else None
            if now != item.expected:
                raise WriteError(
                    f"{display(item.path)} changed while egovcode was working on it; nothing "
                    "was written. Run the command again."
                )
            os.replace(tmp, target)
            done.append((item, target))
        for folder in {target.parent for _, target, _ in staged}:
            _sync_folder(folder)
    except BaseException as exc:
        _roll_back(done)
        if isinstance(exc, OSError):
            raise WriteError(
                f"cannot write {display(current)}: {_reason(exc)}; nothing was written."
            ) from None
        raise
    finally:
        for _, _, tmp in staged:
            tmp.unlink(missing_ok=True)


def _roll_back(done: list[tuple[PlannedWrite, Path]]) -> None:
    """Put back what ``commit_files`` already replaced (best effort, newest first)."""
    for item, target in reversed(done):
        try:
            if item.expected is None:
                target.unlink(missing_ok=True)
            else:
                with _temporary(target.parent, target.name) as tmp:
                    tmp.write_bytes(item.expected)
                    _finish(tmp, target)
                    os.replace(tmp, target)
        except (OSError, WriteError):  # pragma: no cover - the disk failed twice
            continue


# -- printing --------------------------------------------------------------------------------

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    if char in named:
        return named[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters (ESC, BEL, CR, C1, bidi overrides) shown as escapes.

    Line breaks and tabs stay. Use it for anything from a user's files that reaches a terminal.
    """
    return _CONTROL.sub(_escape_char, text) if _CONTROL.search(text) else text


def one_line(text: str) -> str:
    """``text`` on one line: control characters and line breaks (``\\n``) shown as escapes."""
    return _CONTROL_OR_BREAK.sub(_escape_char, text)


_C0_C1 = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def has_control(text: str) -> bool:
    """Whether ``text`` holds a C0 or C1 control character other than tab and line feed.

    These are never valid in a user's data (``validate`` refuses them). Line and paragraph
    separators and bidi marks are valid text; :func:`printable` still escapes them for a terminal.
    """
    return _C0_C1.search(text) is not None
