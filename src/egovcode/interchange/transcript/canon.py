"""Canonical text, frozen once: what every span of a source indexes into.

UTF-8 without a BOM, LF line ends, Unicode NFC, no control characters but tab and newline,
no trailing spaces, one newline at the end. Names are replaced by pseudonyms before the text is
frozen, so spans are taken on the replaced text and no name reaches the project.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from egovcode.interchange.transcript.errors import TranscriptError

_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
_BLANKS = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class Replacement:
    """``--replace "Full Name=Informan 2"``: every whole-word occurrence of ``name``."""

    name: str
    pseudonym: str

    @classmethod
    def parse(cls, spec: str) -> Replacement:
        name, sep, pseudonym = spec.partition("=")
        name, pseudonym = _nfc(name.strip()), _nfc(pseudonym.strip())
        if not sep or not name or not pseudonym:
            raise TranscriptError(
                f"--replace {spec!r} must be NAME=PSEUDONYM, "
                'e.g. --replace "Budi Santoso=Informan 2".'
            )
        return cls(name, pseudonym)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def canonical(text: str) -> str:
    """``text`` in the canonical form of a source text."""
    text = text.lstrip("\ufeff")
    text = _LINE_BREAKS.sub("\n", text)
    text = _nfc(text)
    text = "".join(
        ch for ch in text if ch in "\t\n" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    text = _TRAILING.sub("", text)
    text = _BLANKS.sub("\n\n", text).strip("\n")
    return text + "\n" if text else ""


def replace_names(text: str, replacements: list[Replacement]) -> tuple[str, dict[str, int]]:
    """``text`` with every name replaced (longest names first, whole words only), and how many
    times each name was replaced."""
    counts: dict[str, int] = {}
    for rep in sorted(replacements, key=lambda r: (-len(r.name), r.name)):
        pattern = re.compile(r"(?<!\w)" + re.escape(rep.name) + r"(?!\w)")
        text, n = pattern.subn(rep.pseudonym.replace("\\", "\\\\"), text)
        counts[rep.name] = n
    return text, counts
