"""Source texts and selection positions between REFI-QDA tools and egovcode.

egovcode's frozen texts are UTF-8, NFC, LF-only and without a BOM, and spans are code points of
them. A foreign text may have a BOM, CRLF line ends or decomposed characters, and tools count
positions differently: code points (the spec), CRLF as one, UTF-16 units, or UTF-8 bytes. This
module makes the canonical text with a map from original to canonical positions, and finds which
counting a selection's positions fit, so a quote is never silently shifted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Countings tried, in order of preference; the first is the spec's.
COUNTINGS = ("code points", "CRLF as one", "UTF-16 units", "UTF-8 bytes")


@dataclass(slots=True)
class Canonical:
    """A text made canonical, with ``to_canonical[i]`` the canonical offset of original ``i``."""

    original: str
    text: str
    to_canonical: list[int]
    #: 1 when the original starts with a BOM (not counted by any tool's positions), else 0.
    bom: int = 0

    def position(self, offset: int) -> int:
        """The canonical offset of code point ``offset`` of the original without its BOM."""
        return self.to_canonical[self.bom + offset]

    @property
    def changed(self) -> bool:
        return self.text != self.original


def canonicalise(original: str) -> Canonical:
    """LF line ends (CRLF and lone CR), Unicode NFC, no BOM; with the position map.

    NFC is applied per run of characters that starts at a starter, which equals NFC of the whole
    text except for rare sequences (conjoining Hangul jamo); then the whole text is normalised and
    positions inside a changed run map to its start.
    """
    source = original[1:] if original.startswith("\ufeff") else original
    shift = len(original) - len(source)
    pieces: list[str] = []
    mapping: list[int] = [0] * (len(original) + 1)
    out = 0
    i = 0
    n = len(source)
    while i < n:
        ch = source[i]
        if ch == "\r":
            width = 2 if i + 1 < n and source[i + 1] == "\n" else 1
            for k in range(width):
                mapping[shift + i + k] = out
            pieces.append("\n")
            out += 1
            i += width
            continue
        j = i + 1
        while j < n and source[j] != "\r" and unicodedata.combining(source[j]):
            j += 1
        run = source[i:j]
        normal = unicodedata.normalize("NFC", run) if not run.isascii() else run
        for k in range(j - i):
            mapping[shift + i + k] = out + (k if normal == run else 0)
        pieces.append(normal)
        out += len(normal)
        i = j
    mapping[len(original)] = out
    text = "".join(pieces)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        mapping = [min(p, len(text)) for p in mapping]
    # a control character (a form feed from a PDF, ...) becomes a space: one for one, so no
    # position moves, and the text as imported is kept beside it
    text = _CONTROL.sub(" ", text)
    return Canonical(original, text, mapping, shift)


#: C0 and C1 control characters but tab and line feed (``validate`` refuses them in data).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _positions(text: str, counting: str) -> list[int]:
    """``out[k]`` = the position under ``counting`` of code point ``k`` (length len(text)+1)."""
    out = [0] * (len(text) + 1)
    pos = 0
    for k, ch in enumerate(text):
        out[k] = pos
        if counting == "CRLF as one":
            pos += 0 if ch == "\r" and text[k + 1 : k + 2] == "\n" else 1
        elif counting == "UTF-16 units":
            pos += 2 if ord(ch) > 0xFFFF else 1
        elif counting == "UTF-8 bytes":
            pos += len(ch.encode("utf-8", "surrogatepass"))
        else:
            pos += 1
    out[len(text)] = pos
    return out


def _to_code_points(text: str, counting: str, start: int, end: int) -> tuple[int, int] | None:
    if counting == "code points":
        return (start, end) if 0 <= start < end <= len(text) else None
    table = _positions(text, counting)
    index = {p: k for k, p in reversed(list(enumerate(table)))}
    if start in index and end in index and index[start] < index[end]:
        return index[start], index[end]
    return None


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def name_fits(selected: str, name: str | None) -> bool:
    """Whether a selection's ``name`` is the opening of its text (ATLAS.ti and egovcode name
    quotations so); names such as ``line:6`` or ``Quote 1`` never fit."""
    if not name or not name.strip():
        return False
    if " · " in name:  # egovcode: "<excerpt id> · <locator or opening words>"
        name = name.split(" · ", 1)[1]
    wanted = _squash(name).rstrip(".…").strip()
    got = _squash(selected)
    if len(wanted) < 8 or len(got) < 8:
        return False
    return got == wanted or got.startswith(wanted)


@dataclass(frozen=True, slots=True)
class Fit:
    """How a selection's positions were read: the counting, and code points of the original."""

    counting: str
    start: int
    end: int
    checked: bool


def fit_selection(
    text: str, start: int, end: int, name: str | None, prefer: str = "code points"
) -> Fit | None:
    """How ``[start, end)`` selects from ``text`` (BOM removed): the counting under which the
    selection's ``name`` matches its text, else ``prefer`` (the source's counting, see
    ``source_counting``) if the positions fit there, else the first counting that fits at all.
    None when no counting fits the text's length."""
    candidates: list[Fit] = []
    for counting in _countings(text):
        found = _to_code_points(text, counting, start, end)
        if found is None:
            continue
        if name_fits(text[found[0] : found[1]], name):
            return Fit(counting, found[0], found[1], True)
        candidates.append(Fit(counting, found[0], found[1], False))
    preferred = [c for c in candidates if c.counting == prefer]
    chosen = preferred or candidates
    return chosen[0] if chosen else None


def _countings(text: str) -> list[str]:
    out = ["code points"]
    if "\r\n" in text:
        out.append("CRLF as one")
    if not text.isascii():
        out.extend(("UTF-16 units", "UTF-8 bytes"))
    return out


def source_counting(text: str, selections: list[tuple[int, int, str | None]]) -> str:
    """The counting a tool used for one source: the one under which most selection names match
    their text (code points on a tie or when no name is a quote), unless some selection fits
    only under another counting and code points fit none of those."""
    votes = dict.fromkeys(_countings(text), 0)
    fits = dict.fromkeys(votes, 0)
    for start, end, name in selections:
        for counting in votes:
            found = _to_code_points(text, counting, start, end)
            if found is None:
                continue
            fits[counting] += 1
            if name_fits(text[found[0] : found[1]], name):
                votes[counting] += 1
    best = max(votes, key=lambda c: (votes[c], fits[c], c == "code points"))
    if votes[best] == 0:
        best = max(fits, key=lambda c: (fits[c], c == "code points"))
    return best
