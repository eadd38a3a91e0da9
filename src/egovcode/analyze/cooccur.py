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


@dataclass(frozen=True, slots=True)
class CooccurResult:
    """A square code x code matrix of counts, with the chosen measure derived from it."""

    measure: Measure
    level: Level
    cases: list[str]
    excerpts: int
    codes: list[str]
    labels: dict[str, str]
    counts: list[list[int]]

    def frequency(self, code: str) -> int:
        i = self.codes.index(code)
        return self.counts[i][i]

    def value(self, i: int, j: int) -> float | int | None:
        """The measure for row code ``i`` and column code ``j``."""
        return measure_value(self.counts, self.measure, i, j)

    def matrix(self) -> list[list[float | int | None]]:
        size = range(len(self.codes))
        return [[self.value(i, j) for j in size] for i in size]

    def pairs(self) -> list[dict[str, Any]]:
        """Pairs of different codes that share at least one excerpt, most frequent first."""
        out = [
            {
                "a": self.codes[i],
                "b": self.codes[j],
                "count": self.counts[i][j],
                "jaccard": measure_value(self.counts, "jaccard", i, j),
                "conditional_b_given_a": measure_value(self.counts, "conditional", i, j),
                "conditional_a_given_b": measure_value(self.counts, "conditional", j, i),
            }
            for i, j in combinations(range(len(self.codes)), 2)
            if self.counts[i][j]
        ]
        return sorted(out, key=lambda p: -int(p["count"]))

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": "excerpt",
            "measure": self.measure,
            "level": self.level,
            "cases": self.cases,
            "excerpts": self.excerpts,
            "codes": self.codes,
            "labels": self.labels,
            "frequency": {code: self.counts[i][i] for i, code in enumerate(self.codes)},
            "counts": self.counts,
            "matrix": self.matrix(),
            "pairs": self.pairs(),
        }

    def tables(self) -> list[Table]:
        """The matrix (rows given, columns co-occurring) and the list of pairs."""
        matrix = self.matrix()
        rows = [[code, self.labels[code], *matrix[i]] for i, code in enumerate(self.codes)]
        grid = Table(
            columns=["code", "label", *self.codes],
            rows=rows,
            title=f"Co-occurrence of codes in excerpts ({self.measure})",
            notes=[_NOTES[self.measure].format(n=self.excerpts, cases=", ".join(self.cases))],
        )
        pair_rows = [list(p.values()) for p in self.pairs()]
        pairs = Table(
            columns=["a", "b", "count", "jaccard", "P(b|a)", "P(a|b)"],
            rows=pair_rows,
            title="Pairs of codes applied to the same excerpt",
        )
        return [grid, pairs]


def measure_value(counts: list[list[int]], measure: Measure, i: int, j: int) -> float | int | None:
    """``measure`` for row ``i`` and column ``j`` of a co-occurrence count matrix, exact (the
    reporters round it once, for display)."""
    both = counts[i][j]
    if measure == "count":
        return both
    n_i, n_j = counts[i][i], counts[j][j]
    if measure == "jaccard":
        either = n_i + n_j - both
        return both / either if either else None
    return both / n_i if n_i else None


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
    counts = [[0] * len(codes) for _ in codes]
    sets = excerpt_codes(project, tree, level, cases)
    for found in sets:
        positions = sorted(index[c] for c in found if c in index)
        for i in positions:
            for j in positions:
                counts[i][j] += 1
    chosen = [lc.data.case.id for lc in project.cases if not cases or lc.data.case.id in cases]
    return CooccurResult(
        measure=measure,
        level=level,
        cases=chosen,
        excerpts=len(sets),
        codes=codes,
        labels={code: tree.label(code, lang) for code in codes},
        counts=counts,
    )
