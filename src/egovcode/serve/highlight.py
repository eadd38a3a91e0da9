"""A source's text cut into segments at every excerpt boundary, for highlighting.

Offsets are Unicode code points of the text (the unit of ``Excerpt.span``). A segment lists the
excerpts that cover it, so overlapping excerpts show as segments covered more than once.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    """One excerpt's place in the text and the colour class it is drawn in."""

    excerpt: str
    start: int
    end: int
    colour: str


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str
    marks: tuple[Mark, ...]


def segments(text: str, marks: Sequence[Mark]) -> list[Segment]:
    """``text`` cut at every mark's start and end; marks outside the text are left out.

    The marks of a segment are ordered outermost first (earlier start, then longer, then id), so
    the innermost (shortest) excerpt is last.
    """
    size = len(text)
    usable = [m for m in marks if 0 <= m.start < m.end <= size]
    cuts = sorted({0, size, *(m.start for m in usable), *(m.end for m in usable)})
    out: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        covering = sorted(
            (m for m in usable if m.start <= start and end <= m.end),
            key=lambda m: (m.start, -(m.end - m.start), m.excerpt),
        )
        out.append(Segment(start, end, text[start:end], tuple(covering)))
    return out


def render(text: str, marks: Sequence[Mark]) -> Markup:
    """The text as HTML: plain segments in ``<span>``, covered ones in ``<mark>``.

    Every element carries ``data-s``, its first code point, so the page can turn a selection
    back into a span. Text is escaped; ids and colour classes are escaped too.
    """
    parts: list[str] = []
    for seg in segments(text, marks):
        if not seg.marks:
            parts.append(f'<span data-s="{seg.start}">{escape(seg.text)}</span>')
            continue
        inner = seg.marks[-1]
        ids = " ".join(m.excerpt for m in seg.marks)
        depth = min(len(seg.marks), 4)
        parts.append(
            f'<mark class="x {escape(inner.colour)} o{depth}" data-s="{seg.start}" '
            f'data-x="{escape(ids)}">{escape(seg.text)}</mark>'
        )
    return Markup("".join(parts))
