"""Adding an excerpt by quoting its source's text: ``egovcode excerpt add``.

``add_quoted_excerpt`` finds the quote in the source's text file (:mod:`egovcode.edit.quote`:
exact, then ignoring whitespace and quote marks), then appends the excerpt at that span with
:func:`egovcode.edit.excerpts.add_excerpt` (what the workbench calls for a selected span): its
``text`` is the passage exactly as the file has it, so ``validate`` can always check the one
against the other, and its id follows the ids ``import transcript`` gives (``<source>-NNN``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from egovcode.check.schema import suggest
from egovcode.edit.coding import check_codes, check_valence
from egovcode.edit.errors import EditError
from egovcode.edit.excerpts import _source_text, add_excerpt
from egovcode.edit.quote import QuoteMatch, closest_passage, context, find_quote
from egovcode.load.project import LoadedCase, Project

#: How many matches an ambiguous quote lists.
LISTED = 10


@dataclass(frozen=True, slots=True)
class QuotedOutcome:
    """The excerpt appended (its id, span and text), where the quote was found, the file."""

    case: str
    file: str
    excerpt: str
    span: tuple[int, int]
    text: str
    match: QuoteMatch
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case,
            "file": self.file,
            "excerpt": self.excerpt,
            "span": list(self.span),
            "text": self.text,
            "match": self.match.to_dict(),
            "notes": list(self.notes),
        }


def add_quoted_excerpt(
    project: Project,
    case: str,
    source: str,
    quote: str,
    *,
    codes: Sequence[str] = (),
    valence: str | None = None,
    memo: str | None = None,
    occurrence: int | None = None,
) -> QuotedOutcome:
    """Append to ``case`` an excerpt of ``source`` whose text is the passage ``quote`` names.

    ``occurrence`` (1-based) picks one of several matches. Raises :class:`EditError`: an
    unknown case (EGC735) or source (EGC736), a source without a usable text (EGC723), a quote
    not found (EGC720, with the closest passage), found several times without ``occurrence``
    (EGC721, listing them), an occurrence out of range (EGC722), a passage that is already an
    excerpt (EGC724), unknown codes or valence (EGC726, EGC733).
    """
    loaded = _case(project, case)
    _source(loaded, source)
    check_codes(project, list(dict.fromkeys(codes)))
    check_valence(valence)
    src = next(s for s in loaded.data.sources if s.id == source)
    text = _source_text(project, src, case)
    match = pick_match(text, quote, occurrence, src.file or "")
    change = add_excerpt(
        project,
        case,
        source,
        (match.start, match.end),
        codes=codes,
        valence=valence,
        memo=memo,
        locator=line_locator(text, match),
    )
    span = (match.start, match.end)
    return QuotedOutcome(
        case, change.file, change.excerpt, span, text[span[0] : span[1]], match, change.notes
    )


def _case(project: Project, case: str) -> LoadedCase:
    by_id = {lc.data.case.id: lc for lc in project.cases}
    if case not in by_id:
        raise EditError(
            "EGC735",
            f"{case!r} is not a case of the project",
            hint=suggest(case, by_id) or f"The cases are {', '.join(by_id) or '(none)'}.",
            usage=True,
        )
    return by_id[case]


def _source(loaded: LoadedCase, source: str) -> None:
    sources = [s.id for s in loaded.data.sources]
    if source not in sources:
        raise EditError(
            "EGC736",
            f"{source!r} is not a source of case {loaded.data.case.id!r}",
            hint=suggest(source, sources) or f"The sources are {', '.join(sources) or '(none)'}.",
            usage=True,
        )


def pick_match(text: str, quote: str, occurrence: int | None, where: str = "") -> QuoteMatch:
    """The match of ``quote`` in ``text`` to use; raises :class:`EditError` when there is none
    (with the closest passage), several without ``occurrence`` (listing them), or no match with
    that number."""
    found = find_quote(text, quote)
    at = f" in {where}" if where else ""
    if not found:
        passage = closest_passage(text, quote)
        hint = None
        if passage is not None:
            shown = " ".join(text[passage.start : passage.end].split())
            hint = (
                f"The closest passage is at line {passage.line}, column {passage.column} "
                f"({passage.similarity:.0%} alike): {shown!r}"
            )
        raise EditError(
            "EGC720",
            f"the quote was not found{at}",
            hint=hint,
            file=where or None,
            line=passage.line if passage else None,
            column=passage.column if passage else None,
        )
    if occurrence is not None:
        if not 1 <= occurrence <= len(found):
            raise EditError(
                "EGC722",
                f"--occurrence {occurrence}: the quote occurs {len(found)} time(s){at}",
                usage=True,
            )
        return found[occurrence - 1]
    if len(found) > 1:
        listed = "\n".join(
            f"    {n}. line {m.line}, column {m.column}: {context(text, m.start, m.end)}"
            for n, m in enumerate(found[:LISTED], start=1)
        )
        more = f"\n    ... and {len(found) - LISTED} more" if len(found) > LISTED else ""
        raise EditError(
            "EGC721",
            f"the quote occurs {len(found)} times{at}:\n{listed}{more}",
            hint="Add --occurrence N for the N-th of them, or quote a longer passage.",
        )
    return found[0]


def line_locator(text: str, match: QuoteMatch) -> str:
    """``line 12`` or ``lines 12-14``: where the passage lies in the text file."""
    last = text.count("\n", 0, max(match.start, match.end - 1)) + 1
    return f"line {match.line}" if last == match.line else f"lines {match.line}-{last}"
