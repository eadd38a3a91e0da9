"""Excerpt-level co-occurrence of codes: how often two codes are applied to the same excerpt.

The unit is the *excerpt*. At ``level="component"`` each excerpt's codes are first rolled up into
their components (an excerpt coded ``APP`` and ``APP.PORTAL`` carries ``APP`` once); at
``level="all"`` the codes are taken as applied. For codes ``a`` and ``b``:

- ``count``: excerpts that carry both; the diagonal is the number of excerpts carrying the code.
- ``jaccard``: ``n(a and b) / n(a or b)``; 1 on the diagonal of a code that occurs, None when
  neither code occurs.
- ``conditional``: ``P(column | row) = n(a and b) / n(a)``, the share of the row code's excerpts
  that also carry the column code (not symmetric); None when the row code never occurs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, Literal

from egovcode.analyze.selection import check_cases, require_codebook
from egovcode.analyze.table import Table
from egovcode.analyze.tally import Level
from egovcode.load.project import Project
from egovcode.model.tree import CodeTree

Measure = Literal["count", "jaccard", "conditional"]
MEASURES: tuple[Measure, ...] = ("count", "jaccard", "conditional")


#: The largest matrix shown (rows and columns); beyond it only codes that occur are shown, and
#: when those are still more, only the list of pairs (which holds every non-zero cell).
MATRIX_MAX = 300


@dataclass(frozen=True, slots=True)
class CooccurResult:
    """Co-occurrence counts of codes, kept sparse: the frequency of each code (the diagonal) and
    the count of each pair of codes that share an excerpt. A codebook of 20,000 codes with a few
    co-occurrences costs a few entries, not a 20,000 x 20,000 matrix."""

    measure: Measure
    level: Level
    cases: list[str]
    excerpts: int
    codes: list[str]
    labels: dict[str, str]
    #: excerpts carrying each code, in the order of ``codes``
    frequencies: list[int]
    #: (i, j) with i < j -> excerpts carrying both codes; only pairs that occur
    shared: dict[tuple[int, int], int]

    def frequency(self, code: str) -> int:
        return self.frequencies[self.codes.index(code)]

    def count(self, i: int, j: int) -> int:
        """Excerpts carrying both code ``i`` and code ``j`` (the frequency when i == j)."""
        if i == j:
            return self.frequencies[i]
        return self.shared.get((i, j) if i < j else (j, i), 0)

    @property
    def counts(self) -> list[list[int]]:
        """The dense count matrix over every code (for small codebooks and tests)."""
        size = range(len(self.codes))
        return [[self.count(i, j) for j in size] for i in size]

    def value(self, i: int, j: int) -> float | int | None:
        """The measure for row code ``i`` and column code ``j``, exact (the reporters round it
        once, for display)."""
        return self._measure(self.measure, i, j)

    def _measure(self, measure: Measure, i: int, j: int) -> float | int | None:
        both = self.count(i, j)
        if measure == "count":
            return both
        n_i, n_j = self.frequencies[i], self.frequencies[j]
        if measure == "jaccard":
            either = n_i + n_j - both
            return both / either if either else None
        return both / n_i if n_i else None

    def matrix(self, rows: list[int] | None = None) -> list[list[float | int | None]]:
        """The measure over the codes at ``rows`` (every code when None)."""
        chosen = range(len(self.codes)) if rows is None else rows
        return [[self.value(i, j) for j in chosen] for i in chosen]

    def shown(self) -> list[int] | None:
        """The codes the matrix shows: all up to ``MATRIX_MAX``, else those that occur; None
        when even those are more (the pairs then stand alone)."""
        every = list(range(len(self.codes)))
        if len(every) <= MATRIX_MAX:
            return every
        occurring = [i for i in every if self.frequencies[i]]
        return occurring if len(occurring) <= MATRIX_MAX else None

    def pairs(self) -> list[dict[str, Any]]:
        """Pairs of different codes that share at least one excerpt, most frequent first."""
        out = [
            {
                "a": self.codes[i],
                "b": self.codes[j],
                "count": both,
                "jaccard": self._measure("jaccard", i, j),
                "conditional_b_given_a": self._measure("conditional", i, j),
                "conditional_a_given_b": self._measure("conditional", j, i),
            }
            for (i, j), both in sorted(self.shared.items())
        ]
        return sorted(out, key=lambda p: -int(p["count"]))

    def to_dict(self) -> dict[str, Any]:
        rows = self.shown()
        return {
            "unit": "excerpt",
            "measure": self.measure,
            "level": self.level,
            "cases": self.cases,
            "excerpts": self.excerpts,
            "codes": self.codes,
            "labels": self.labels,
            "frequency": dict(zip(self.codes, self.frequencies, strict=True)),
            "matrix_codes": None if rows is None else [self.codes[i] for i in rows],
            "counts": None if rows is None else [[self.count(i, j) for j in rows] for i in rows],
            "matrix": None if rows is None else self.matrix(rows),
            "pairs": self.pairs(),
        }

    def tables(self) -> list[Table]:
        """The matrix (rows given, columns co-occurring) and the list of pairs."""
        rows = self.shown()
        notes = [_NOTES[self.measure].format(n=self.excerpts, cases=", ".join(self.cases))]
        if rows is None or len(rows) < len(self.codes):
            notes.append(_shown_note(len(self.codes), rows))
        shown = rows or []
        matrix = self.matrix(shown)
        columns = [self.codes[i] for i in shown]
        grid = Table(
            columns=["code", "label", *columns],
            rows=[
                [self.codes[i], self.labels[self.codes[i]], *matrix[k]] for k, i in enumerate(shown)
            ],
            title=f"Co-occurrence of codes in excerpts ({self.measure})",
            notes=notes,
        )
        pair_rows = [list(p.values()) for p in self.pairs()]
        pairs = Table(
            columns=["a", "b", "count", "jaccard", "P(b|a)", "P(a|b)"],
            rows=pair_rows,
            title="Pairs of codes applied to the same excerpt",
        )
        return [grid, pairs]


def _shown_note(total: int, rows: list[int] | None) -> str:
    if rows is None:
        return (
            f"The matrix is left out: more than {MATRIX_MAX} of the {total:,} codes occur. "
            "The pairs below list every code pair that shares an excerpt."
        )
    return f"Only the {len(rows):,} codes that occur are shown, of {total:,} in the codebook."


_NOTES = {
    "count": "Cells: excerpts carrying both codes; diagonal: excerpts carrying the code. "
    "{n} excerpt(s) from {cases}.",
    "jaccard": "Cells: excerpts with both codes / excerpts with either. "
    "{n} excerpt(s) from {cases}.",
    "conditional": "Cells: share of the row code's excerpts that also carry the column code. "
    "{n} excerpt(s) from {cases}.",
}


def code_set(codes: Sequence[str], tree: CodeTree, level: Level) -> set[str]:
    """The codebook codes among ``codes``, rolled up into components at component level."""
    known = [code for code in codes if code in tree]
    return {tree.component(code) for code in known} if level == "component" else set(known)


def excerpt_codes(
    project: Project, tree: CodeTree, level: Level, cases: Sequence[str] = ()
) -> list[set[str]]:
    """The codebook codes on each excerpt of ``cases`` (all when empty), rolled up at component
    level."""
    out: list[set[str]] = []
    for loaded in project.cases:
        if cases and loaded.data.case.id not in cases:
            continue
        out.extend(code_set(excerpt.codes, tree, level) for excerpt in loaded.data.excerpts)
    return out


def cooccur(
    project: Project,
    measure: Measure = "count",
    level: Level = "component",
    cases: Sequence[str] = (),
    lang: str = "en",
) -> CooccurResult:
    """Co-occurrence of codes on the excerpts of ``cases`` (all cases when empty)."""
    tree = require_codebook(project)
    check_cases(project, cases)
    codes = tree.roots()
    if level == "all":
        codes = [code for root in codes for code in tree.descendants(root)]
    index = {code: i for i, code in enumerate(codes)}
    frequencies = [0] * len(codes)
    shared: dict[tuple[int, int], int] = {}
    sets = excerpt_codes(project, tree, level, cases)
    for found in sets:
        positions = sorted(index[c] for c in found if c in index)
        for i in positions:
            frequencies[i] += 1
        for pair in combinations(positions, 2):
            shared[pair] = shared.get(pair, 0) + 1
    chosen = [lc.data.case.id for lc in project.cases if not cases or lc.data.case.id in cases]
    return CooccurResult(
        measure=measure,
        level=level,
        cases=chosen,
        excerpts=len(sets),
        codes=codes,
        labels={code: tree.label(code, lang) for code in codes},
        frequencies=frequencies,
        shared=shared,
    )
