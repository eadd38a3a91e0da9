"""Escaping case data for Markdown, so an excerpt renders as the literal text it is.

Excerpts are data. An interviewee's ``*`` or ``|``, a pasted ``<script>`` or a ``[link](x)`` must
neither format the report nor break its tables. Jinja2 never evaluates text it substitutes, so
``{{ 7*7 }}`` inside an excerpt is already safe from the template engine; these functions make it
safe from the Markdown renderer too (CommonMark lets a backslash escape any ASCII punctuation).
"""

from __future__ import annotations

import re

#: Characters escaped wherever they stand: emphasis, code, links, raw HTML, tables, strike.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
#: An entity or character reference such as ``&amp;`` or ``&#60;``.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
#: What makes a line start a heading, a list item or a thematic break ("1." only before a space).
_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|[+\-](?=\s|$)|-{2,}|\d{1,9}(?=[.)](?:\s|$)))")
_SPACES = re.compile(r"\s+")


def md_inline(text: object) -> str:
    """``text`` as one line of literal Markdown, safe inside a paragraph or a table cell.

    Runs of whitespace (newlines included) become one space, so a table row stays one row.
    """
    line = _SPACES.sub(" ", str(text)).strip()
    return _escape_line(line)


def md_block(text: object, prefix: str = "") -> str:
    """``text`` as literal Markdown lines, each starting with ``prefix`` (e.g. ``"> "``).

    Line breaks are kept as paragraph breaks; indentation is dropped so no line turns into code.
    """
    paragraphs: list[str] = []
    current: list[str] = []
    for raw in str(text).splitlines():
        line = _SPACES.sub(" ", raw).strip()
        if line:
            current.append(_escape_line(line))
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    blank = prefix.rstrip()
    return f"\n{blank}\n".join(prefix + p for p in paragraphs)


def _escape_line(line: str) -> str:
    line = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", line))
    match = _LINE_START.match(line)
    if match is None:
        return line
    if match.group(1).isdigit():  # "1. " or "1) " would start an ordered list
        return f"{line[: match.end()]}\\{line[match.end() :]}"
    return "\\" + line
