"""Reading a transcript file into plain text, whatever its format.

Every reader returns a :class:`Document`: the text (before it is canonicalised and frozen) and
the speaker labels the format itself marks (a WebVTT voice, a bold run, a speaker column), which
the turn detector then accepts whatever their length. Plain text is decoded strictly: UTF-8 with
or without a BOM unless ``--encoding`` names another codec, and never guessed.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from egovcode.interchange.transcript.errors import TranscriptError
from egovcode.load.limits import Limits

#: File suffixes the importer reads, and what they are.
FORMATS = {
    ".txt": "plain text",
    ".md": "Markdown",
    ".docx": "Word document",
    ".odt": "OpenDocument text",
    ".vtt": "WebVTT captions",
    ".srt": "SubRip captions",
}


@dataclass(frozen=True, slots=True)
class Document:
    """A transcript's text as read, and the speaker labels its format marks explicitly."""

    text: str
    labels: frozenset[str] = field(default_factory=frozenset)


def check_readable(path: Path) -> None:
    """Raise :class:`TranscriptError` unless ``path`` is a file of a format the importer reads."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise TranscriptError(
            f"{path.name}: cannot import {suffix or 'a file without a suffix'}; "
            f"the importer reads {', '.join(FORMATS)} (convert a PDF to .txt first)."
        )
    if not path.is_file():
        raise TranscriptError(f"{path} does not exist.")


def read_document(path: Path, *, encoding: str | None = None, limits: Limits) -> Document:
    """Read ``path`` by its suffix; raises :class:`TranscriptError` with a clear sentence."""
    check_readable(path)
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise TranscriptError(
            f"{path.name} is {size:,} bytes; "
            f"the limit is {limits.max_bytes:,} (EGOVCODE_MAX_BYTES)."
        )
    raw = path.read_bytes()
    if suffix in (".docx", ".odt"):
        from egovcode.interchange.transcript import office

        reader = office.read_docx if suffix == ".docx" else office.read_odt
        return reader(raw, path.name, limits)
    text = decode_text(raw, path.name, encoding)
    if suffix in (".vtt", ".srt"):
        from egovcode.interchange.transcript import captions

        return (
            captions.read_vtt(text, path.name)
            if suffix == ".vtt"
            else captions.read_srt(text, path.name)
        )
    return Document(text)


def decode_text(raw: bytes, name: str, encoding: str | None) -> str:
    """Bytes to text: UTF-8 (a BOM is dropped) or the named codec; never a silent guess."""
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise TranscriptError(
                f"--encoding {encoding!r} is not a known text encoding."
            ) from None
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as exc:
            line = raw.count(b"\n", 0, exc.start) + 1
            raise TranscriptError(
                f"{name}: byte 0x{raw[exc.start]:02X} at line {line} is not valid {encoding}."
            ) from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TranscriptError(
            f"{name} is UTF-16 (it starts with a UTF-16 byte order mark); "
            "import it with --encoding utf-16."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise TranscriptError(
            f"{name} is not UTF-8: byte 0x{raw[exc.start]:02X} at line {line}. If it was saved "
            "in another encoding, name it, e.g. --encoding cp1252 (Windows) or "
            "--encoding latin-1; or re-save it as UTF-8."
        ) from None
