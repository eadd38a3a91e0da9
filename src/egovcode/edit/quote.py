"""Finding a quoted passage in a source's text: exact first, then loosely.

A pure function of two strings, so it can be tested without any project. The loose match
ignores differences in whitespace (any run of spaces, tabs and line breaks is one space, and
space at either end of the quote does not count) and in quote marks (typographic single and
double quotes, primes and guillemets match their straight forms). A quote in another Unicode
form than the text (decomposed accents from macOS, composed in frozen texts) is found too.
Every match is given in code points of the original text, zero-based and end exclusive:
``text[start:end]`` is the passage.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

#: Quote marks the loose match treats as the same: each maps to its straight form.
_QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    }
)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+")

#: How many characters of context a listed match shows on each side.
CONTEXT_CHARS = 30


@dataclass(frozen=True, slots=True)
class QuoteMatch:
    """One place the quote was found: ``text[start:end]``, with its 1-based line and column."""

    start: int
    end: int
    line: int
    column: int
    exact: bool

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "exact": self.exact,
        }


@dataclass(frozen=True, slots=True)
class Passage:
    """The passage of the text closest to a quote that was not found, and how close it is."""

    start: int
    end: int
    line: int
    column: int
    similarity: float


def normalise(text: str) -> tuple[str, list[int]]:
    """``text`` with whitespace runs collapsed to one space and quote marks made straight, and
    for each character of the result the offset in ``text`` it comes from."""
    out: list[str] = []
    origin: list[int] = []
    position = 0
    for match in _SPACE.finditer(text):
        chunk = text[position : match.start()].translate(_QUOTES)
        out.append(chunk)
        origin.extend(range(position, match.start()))
        out.append(" ")
        origin.append(match.start())
        position = match.end()
    out.append(text[position:].translate(_QUOTES))
    origin.extend(range(position, len(text)))
    return "".join(out), origin


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in code points) of ``offset`` in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _all(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at >= 0:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def find_quote(text: str, quote: str) -> list[QuoteMatch]:
    """Every place ``quote`` occurs in ``text``, in text order.

    The exact matches when there are any; otherwise the loose ones (see the module). An empty
    or blank quote matches nothing. Overlapping matches are all listed.
    """
    if not quote.strip():
        return []
    # a quote pasted from another program may be in another Unicode form than the text
    # (macOS gives decomposed "e" + accent, frozen texts are composed): try each form
    forms = list(dict.fromkeys([quote, *(unicodedata.normalize(f, quote) for f in ("NFC", "NFD"))]))
    for form in forms:
        exact = _all(text, form)
        if exact:
            return [QuoteMatch(s, s + len(form), *line_column(text, s), exact=True) for s in exact]
    flat, origin = normalise(text)
    for form in forms:
        wanted = normalise(form.strip())[0]
        out = []
        for at in _all(flat, wanted):
            start, end = origin[at], origin[at + len(wanted) - 1] + 1
            out.append(QuoteMatch(start, end, *line_column(text, start), exact=False))
        if out:
            return out
    return []


def closest_passage(text: str, quote: str, *, min_words: int = 2) -> Passage | None:
    """The passage of ``text`` most like ``quote`` (word by word), or None when no run of
    ``min_words`` words (or the whole quote, if shorter) is shared."""
    words = [(m.start(), m.end(), m.group().translate(_QUOTES)) for m in _WORD.finditer(text)]
    wanted = [w.translate(_QUOTES) for w in quote.split()]
    if not words or not wanted:
        return None
    matcher = difflib.SequenceMatcher(None, wanted, [w for _, _, w in words], autojunk=False)
    block = matcher.find_longest_match(0, len(wanted), 0, len(words))
    if block.size < min(min_words, len(wanted)):
        return None
    first = max(0, block.b - block.a)
    last = min(len(words), first + len(wanted)) - 1
    start, end = words[first][0], words[last][1]
    similarity = difflib.SequenceMatcher(
        None, " ".join(wanted), " ".join(w for _, _, w in words[first : last + 1])
    ).ratio()
    return Passage(start, end, *line_column(text, start), similarity=round(similarity, 3))


def context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """``text[start:end]`` with up to ``chars`` characters either side, on one line, the match
    in ``[[...]]`` and cut ends marked with an ellipsis."""
    before = text[max(0, start - chars) : start]
    after = text[end : end + chars]
    shown = f"{'…' if start > chars else ''}{before}[[{text[start:end]}]]{after}"
    shown += "…" if end + chars < len(text) else ""
    return " ".join(shown.split())
