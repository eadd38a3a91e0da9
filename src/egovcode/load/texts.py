"""Reading a source's text file (``texts/<case>/<source>.txt``), safely and once per run.

A source text is the ground truth that excerpt spans index into, so the rules are strict: the
file lies inside the project, is UTF-8 without a BOM, uses LF line ends and is in Unicode NFC.
A file that breaks a rule is reported, never repaired here: repairing it would move every span.
Problems are returned as data (:class:`TextProblem`); the checks turn them into diagnostics.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from egovcode.load.cache import digest
from egovcode.load.limits import Limits


@dataclass(frozen=True, slots=True)
class TextProblem:
    """Why a text file cannot be used as it is. ``kind`` is one of ``missing``, ``outside``,
    ``too-large``, ``not-utf8``, ``bom``, ``cr``, ``not-nfc``. ``line`` and ``column`` (1-based)
    point into the text file where that helps. ``usable`` is true when the text could still be
    decoded, so spans can be checked against it."""

    kind: str
    message: str
    line: int | None = None
    column: int | None = None
    usable: bool = False


@dataclass(frozen=True, slots=True)
class TextFile:
    """A source text as read: its decoded text (None when unreadable) and any problems."""

    relative: str
    text: str | None
    problems: tuple[TextProblem, ...] = ()
    #: what :func:`fingerprint` gives for the file as it was read
    fingerprint: str = ""


def resolve_in_project(root: Path, relative: str) -> Path | None:
    """The path of ``relative`` under ``root``, or None when it points outside the project
    (absolute, ``..``, a backslash path, or a symbolic link leading out)."""
    if "\\" in relative or relative.startswith("/") or ":" in relative.split("/", 1)[0]:
        return None
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts:
        return None
    path = root / pure
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return None
    return path


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of ``offset`` in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def read_text_file(root: Path, relative: str, limits: Limits) -> TextFile:
    """Read and check one source text; never raises for a problem in the file."""
    path = resolve_in_project(root, relative)
    if path is None:
        problem = TextProblem("outside", f"{relative} is not a path inside the project")
        return TextFile(relative, None, (problem,), "outside")
    if not path.is_file():
        problem = TextProblem("missing", f"{relative} does not exist")
        return TextFile(relative, None, (problem,), "missing")
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            message = f"{relative} is {size:,} bytes; the limit is {limits.max_bytes:,}"
            return TextFile(relative, None, (TextProblem("too-large", message),), f"size {size}")
        raw = path.read_bytes()
    except OSError as exc:
        message = f"{relative} cannot be read: {exc.strerror}"
        return TextFile(relative, None, (TextProblem("missing", message),), f"error {exc.strerror}")
    sha = digest(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace"))
        message = f"{relative}: byte 0x{raw[exc.start]:02X} at line {line} is not valid UTF-8"
        problem = TextProblem("not-utf8", message, line, column + 1)
        return TextFile(relative, None, (problem,), sha)
    return TextFile(relative, text, tuple(text_problems(relative, text, raw)), sha)


def fingerprint(root: Path, relative: str, limits: Limits) -> str:
    """What a warm run compares to know a source text is as the last run read it: the hash of
    its bytes, or why it could not be read (the same value ``read_text_file`` records)."""
    path = resolve_in_project(root, relative)
    if path is None:
        return "outside"
    if not path.is_file():
        return "missing"
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            return f"size {size}"
        return digest(path.read_bytes())
    except OSError as exc:
        return f"error {exc.strerror}"


def original_state(root: Path, relative: str) -> str:
    """Whether a source's ``original`` is a file inside the project (what the checks see)."""
    path = resolve_in_project(root, relative)
    if path is None:
        return "outside"
    return "file" if path.is_file() else "missing"


def text_problems(relative: str, text: str, raw: bytes | None = None) -> list[TextProblem]:
    """The rules a decoded source text must keep: no BOM, no CR, NFC."""
    out: list[TextProblem] = []
    if (raw or b"").startswith(codecs.BOM_UTF8) or text.startswith("\ufeff"):
        out.append(TextProblem("bom", f"{relative} starts with a byte order mark", 1, 1, True))
    cr = text.find("\r")
    if cr >= 0:
        line, column = line_column(text, cr)
        message = f"{relative} has a CR line end at line {line}"
        out.append(TextProblem("cr", message, line, column, True))
    if not unicodedata.is_normalized("NFC", text):
        offset = _first_not_nfc(text)
        line, column = line_column(text, offset)
        message = f"{relative} is not in Unicode NFC (first at line {line}, column {column})"
        out.append(TextProblem("not-nfc", message, line, column, True))
    return out


def _first_not_nfc(text: str) -> int:
    """The offset of the first character that NFC changes (or 0)."""
    offset = 0
    for line in text.split("\n"):
        if not unicodedata.is_normalized("NFC", line):
            normal = unicodedata.normalize("NFC", line)
            same = next(
                (i for i, (a, b) in enumerate(zip(line, normal, strict=False)) if a != b),
                min(len(line), len(normal)),
            )
            return offset + same
        offset += len(line) + 1
    return 0


@dataclass(slots=True)
class TextCache:
    """Source texts of one run, each file read once however many sources or excerpts cite it."""

    root: Path
    limits: Limits
    _files: dict[str, TextFile] = field(default_factory=dict)

    def get(self, relative: str) -> TextFile:
        found = self._files.get(relative)
        if found is None:
            found = self._files[relative] = read_text_file(self.root, relative, self.limits)
        return found

    def files(self) -> dict[str, TextFile]:
        """Every text read so far, by its project-relative path."""
        return self._files
