"""Plain-words explanations of YAML syntax errors, for researchers rather than parser authors.

:func:`explain` takes the parser's message and position and the file's text, and names the likely
cause: a tab, an unquoted colon inside text (with the quoted form to type), a quote inside a
quote, or an indentation slip. :func:`snippet` shows the line with a caret under the position.
Both work on text and 1-based positions only, so any parse path (with or without a cache) can
use them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY_VALUE = re.compile(
    r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s:#'\"\[\]{},][^:#]*?):\s+(?P<value>.*)$"
)
_KEY_ONLY = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[^\s:#'\"][^:#]*?):(\s|$)")


@dataclass(frozen=True, slots=True)
class Explanation:
    """What went wrong, in plain words, and what to type instead; ``line`` is 1-based."""

    message: str
    hint: str
    line: int
    column: int


def snippet(text: str, line: int, column: int) -> str:
    """The 1-based ``line`` of ``text`` with a caret under ``column``, tabs shown as ``→``."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    shown = lines[line - 1].rstrip("\r").replace("\t", "→")
    if len(shown) > 120:
        start = max(0, column - 60)
        shown, column = "…" + shown[start : start + 118], column - start + 1
    number = str(line)
    gutter = " " * len(number)
    return f"  {number} | {shown}\n  {gutter} | {' ' * max(0, column - 1)}^"


def explain(
    text: str, line: int | None, column: int | None, problem: str, context: str = ""
) -> Explanation | None:
    """The likely cause of a syntax error at ``line``:``column``, or None when none is clear."""
    if line is None:
        return None
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return None
    column = column or 1
    found = (
        _tab(lines, line, problem)
        or _no_break_space(lines, line)
        or _quote_in_quote(lines, line, problem)
        or _indicator_start(lines, line)
        or _indentation(lines, line, column, problem)
        or _colon_in_text(lines, line, column, problem)
    )
    return found


#: What YAML reads a plain value that starts with one of these characters as.
_INDICATORS = {
    "[": "YAML reads as the start of a list",
    "{": "YAML reads as the start of a mapping",
    "- ": "YAML reads as a list item",
    "? ": "YAML reads as a complex key",
    "*": "YAML reads as an alias (a reference to an anchor)",
    "|": "YAML reads as a block of text on the lines below",
    ">": "YAML reads as a block of text on the lines below",
    "@": "YAML reserves: no plain value may start with it",
    "`": "YAML reserves: no plain value may start with it",
    "%": "YAML reads as a directive",
}


def _indicator_start(lines: list[str], line: int) -> Explanation | None:
    """A text that starts with a character YAML reads as syntax (``text: [kami] mulai``,
    ``text: - kami``, ``text: @dinas``): the quoted form to type."""
    for number in (line, line - 1):
        if not 1 <= number <= len(lines):
            continue
        m = _KEY_VALUE.match(lines[number - 1].rstrip("\r"))
        if not m:
            continue
        value = m["value"].rstrip()
        start = next((i for i in _INDICATORS if value.startswith(i)), None)
        if start is None or value in ("|", ">", "|-", ">-", "|+", ">+", "[]", "{}"):
            continue
        if start in "[{":
            close = value.find("]}"[start == "{"])
            if close < 0 or not value[close + 1 :].strip():
                continue  # a list or mapping, perhaps unclosed: not text that starts with [
        key = m["key"].strip()
        quoted = "'" + value.replace("'", "''") + "'"
        return Explanation(
            f"the text of `{key}` starts with {start.strip()!r}, which {_INDICATORS[start]}",
            f"Put the whole text in quotes: {key}: {quoted}",
            number,
            len(m["lead"]) + len(m["key"]) + 3,
        )
    return None


def _no_break_space(lines: list[str], line: int) -> Explanation | None:
    """A no-break space (U+00A0, often pasted from a word processor) where YAML needs a space:
    in the indentation or after a key's colon."""
    for number in (line, line - 1):
        if not 1 <= number <= len(lines):
            continue
        text = lines[number - 1]
        lead = len(text) - len(text.lstrip(" \u00a0-"))
        colon = re.match(r"^[ \u00a0]*(?:-[ \u00a0]+)?[^\s:#'\"]+:\u00a0", text)
        if "\u00a0" in text[:lead] or colon:
            where = text.index("\u00a0", 0 if "\u00a0" in text[:lead] else colon.end() - 1)  # type: ignore[union-attr]
            return Explanation(
                f"line {number} holds a no-break space (U+00A0), which YAML does not read as a "
                "space",
                "Replace it with a normal space (it often comes with text pasted from a word "
                "processor).",
                number,
                where + 1,
            )
    return None


def _tab(lines: list[str], line: int, problem: str) -> Explanation | None:
    for number in (line, line - 1):
        if 1 <= number <= len(lines) and "\t" in lines[number - 1]:
            where = lines[number - 1].index("\t") + 1
            if "tab" in problem or where <= len(lines[number - 1]) - len(
                lines[number - 1].lstrip(" \t")
            ):
                return Explanation(
                    f"line {number} is indented with a tab; YAML indents with spaces only",
                    "Replace the tab with spaces (your editor can show tabs and convert them).",
                    number,
                    where,
                )
    return None


def _quote_in_quote(lines: list[str], line: int, problem: str) -> Explanation | None:
    if "expected key" not in problem and "block end" not in problem and "quoted" not in problem:
        return None
    for number in (line, line - 1):
        if not 1 <= number <= len(lines):
            continue
        m = _KEY_VALUE.match(lines[number - 1])
        if not m:
            continue
        value = m["value"].rstrip()
        quote = value[:1]
        if quote not in ("'", '"'):
            continue
        inner = value[1:-1] if value.endswith(quote) and len(value) > 1 else value[1:]
        if quote not in inner:
            continue
        other = '"' if quote == "'" else "'"
        if other not in inner:
            fixed = f"{other}{inner}{other}"
        else:
            fixed = "'" + inner.replace("'", "''") + "'"
        return Explanation(
            f"the text of `{m['key'].strip()}` holds a {_quote_name(quote)} inside "
            f"{_quote_name(quote)}s, which ends the text too early",
            f"Use the other kind of quotes around the text, or double the inner ones: "
            f"{m['key'].strip()}: {fixed}",
            number,
            len(m["lead"]) + len(m["key"]) + 3,
        )
    return None


def _quote_name(quote: str) -> str:
    return "single quote" if quote == "'" else "double quote"


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _indentation(lines: list[str], line: int, column: int, problem: str) -> Explanation | None:
    if not any(
        p in problem
        for p in ("expected '-' indicator", "expected key", "block end", "mapping values")
    ):
        return None
    here = lines[line - 1]
    item = here.lstrip().startswith("- ")
    if not here.strip() or (not _KEY_ONLY.match(here) and not item):
        return None
    above = next(
        (
            n
            for n in range(line - 1, 0, -1)
            if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")
        ),
        None,
    )
    if above is None:
        return None
    prev = lines[above - 1]
    mine, theirs = _indent(here), _key_indent(prev)
    first = _KEY_ONLY.match(here)
    if "mapping values" in problem and (
        first is None or column != len(first["lead"]) + len(first["key"]) + 1
    ):
        return None  # the colon is inside the text, not the key's own: not an indentation slip
    if mine == theirs and not here.lstrip().startswith("- "):
        return None
    if item:
        levels = {
            _indent(lines[n - 1])
            for n in range(above, 0, -1)
            if lines[n - 1].lstrip().startswith("- ")
        }
        what = "the other items of the list"
    else:
        levels = {
            _key_indent(lines[n - 1])
            for n in range(above, 0, -1)
            if lines[n - 1].strip() and _KEY_ONLY.match(lines[n - 1])
        }
        what = "the other keys of the same item"
    closest = min(levels, key=lambda s: (abs(s - mine), -s)) if levels else theirs
    return Explanation(
        f"line {line} is indented by {mine} space(s), which matches no level above "
        f"(line {above} is at {theirs}); an indentation slip?",
        f"Indent line {line} like {what} ({closest} spaces).",
        line,
        mine + 1,
    )


def _key_indent(text: str) -> int:
    """The column at which the key of ``text`` starts (after a ``- `` list marker)."""
    m = _KEY_ONLY.match(text)
    return len(m["lead"]) if m else _indent(text)


def _colon_in_text(lines: list[str], line: int, column: int, problem: str) -> Explanation | None:
    if "mapping values" not in problem:
        return None
    m = _KEY_VALUE.match(lines[line - 1])
    if not m or column <= len(m["lead"]) + len(m["key"]) + 1:
        return None
    key, value = m["key"].strip(), m["value"].rstrip()
    quoted = "'" + value.replace("'", "''") + "'"
    return Explanation(
        f"the text of `{key}` holds a colon followed by a space, which YAML reads as the start "
        "of a new key",
        f"Put the whole text in quotes: {key}: {quoted}",
        line,
        column,
    )
