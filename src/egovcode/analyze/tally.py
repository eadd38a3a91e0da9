"""Counting the evidence: a code x column matrix, sub-codes rolled up into their component.

Two units can be counted. With ``unit="coding"`` (the default) the unit is one code applied to one
excerpt: a component's row is the sum of its own and its sub-codes' rows, and the whole matrix sums
to the number of codings. With ``unit="excerpt"`` a cell counts the distinct excerpts carrying the
row's code or any code below it, so an excerpt coded with two sub-codes of one component counts
once for that component; a column's total is then its number of coded excerpts. Components with no
evidence in a column are explicit zeros.

A row's *share* of a column is its count divided by the column's total (codings or coded excerpts);
with codings the component rows of a column sum to 1, with excerpts they may sum to more. Shares are
exact here (and in JSON); the table, CSV and Markdown reporters round them once, to three decimals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from egovcode.analyze.selection import (
    SOURCE_KINDS,
    VALENCES,
    AnalysisError,
    attr_order,
    attr_text,
    attribute_names,
    case_attributes,
    check_attributes,
    require_codebook,
)
from egovcode.analyze.table import Table
from egovcode.load.project import LoadedCase, Project
from egovcode.model import Excerpt
from egovcode.model.tree import CodeTree

Level = Literal["component", "all"]
Unit = Literal["coding", "excerpt"]
#: The dimensions a tally can be grouped by, besides ``attr:NAME``.
BY_CHOICES = ("case", "source", "source-kind", "valence", "coder")


@dataclass(frozen=True, slots=True)
class Coding:
    """One code applied to one excerpt, with everything a tally can group by."""

    case: str
    excerpt: str
    source: str
    source_kind: str
    valence: str
    coder: str
    code: str
    component: str
    attributes: dict[str, Any] = field(hash=False, compare=False, default_factory=dict)

    def key(self, by: str) -> str:
        """The column this coding falls in when grouping ``by`` a dimension."""
        if by == "case":
            return self.case
        if by == "source":
            return f"{self.case}/{self.source}"
        if by == "source-kind":
            return self.source_kind
        if by == "valence":
            return self.valence
        if by == "coder":
            return self.coder
        if by.startswith("attr:"):
            return attr_text(self.attributes.get(by[5:]))
        raise AnalysisError(f"cannot group by {by!r}")


def codings(project: Project, tree: CodeTree) -> Iterator[Coding]:
    """Every coding in the project, in file order."""
    for loaded in project.cases:
        yield from _case_codings(loaded, tree)


def _case_codings(loaded: LoadedCase, tree: CodeTree) -> Iterator[Coding]:
    case = loaded.data
    kinds: dict[str, str] = {s.id: s.kind for s in case.sources}
    attrs = case_attributes(case.case)
    for excerpt in case.excerpts:
        for code in dict.fromkeys(excerpt.codes):
            yield _coding(case.case.id, excerpt, kinds, attrs, code, tree)


def _coding(
    case_id: str,
    excerpt: Excerpt,
    kinds: dict[str, str],
    attrs: dict[str, Any],
    code: str,
    tree: CodeTree,
) -> Coding:
    return Coding(
        case=case_id,
        excerpt=excerpt.id,
        source=excerpt.source,
        source_kind=kinds.get(excerpt.source, "(unknown)"),
        valence=excerpt.valence or "unmarked",
        coder=excerpt.coder or "(case file)",
        code=code,
        component=tree.component(code),
        attributes=attrs,
    )


@dataclass(frozen=True, slots=True)
class TallyRow:
    code: str
    component: str
    depth: int
    label: str
    counts: dict[str, int]
    total: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "component": self.component,
            "depth": self.depth,
            "label": self.label,
            "counts": self.counts,
            "total": self.total,
        }


@dataclass(frozen=True, slots=True)
class TallyResult:
    """A code x column matrix with totals, and the valence split per component and column."""

    by: str
    level: Level
    columns: list[str]
    rows: list[TallyRow]
    column_totals: dict[str, int]
    total: int
    valence: dict[str, dict[str, dict[str, int]]]
    unit: Unit = "coding"

    @property
    def unit_plural(self) -> str:
        return "codings" if self.unit == "coding" else "excerpts"

    def share(self, row: TallyRow, column: str) -> float | None:
        """The row's share of a column's codings (None when the column is empty)."""
        denominator = self.column_totals[column]
        return row.counts[column] / denominator if denominator else None

    def total_share(self, row: TallyRow) -> float | None:
        """The row's share of all codings (None when there are none)."""
        return row.total / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "level": self.level,
            "unit": self.unit,
            "columns": self.columns,
            "rows": [self._row_dict(r) for r in self.rows],
            "column_totals": self.column_totals,
            "total": self.total,
            "valence": self.valence,
        }

    def _row_dict(self, row: TallyRow) -> dict[str, Any]:
        shares = {col: self.share(row, col) for col in self.columns}
        return {**row.to_dict(), "shares": shares, "share": self.total_share(row)}

    def tables(self) -> list[Table]:
        """The matrix with totals and shares, then (unless grouped by valence) the valence split."""
        out = [self._matrix_table()]
        if self.by != "valence":
            out.append(self._valence_table())
        return out

    def _matrix_table(self) -> Table:
        rows: list[list[Any]] = [
            [r.code, r.label, *r.counts.values(), r.total]
            + [self.share(r, c) for c in self.columns]
            + [self.total_share(r)]
            for r in self.rows
        ]
        full = [1.0 if self.column_totals[c] else None for c in self.columns]
        everything = 1.0 if self.total else None
        rows.append(["total", "", *self.column_totals.values(), self.total, *full, everything])
        return Table(
            columns=["code", "label", *self.columns, "total"]
            + [f"share {c}" for c in self.columns]
            + ["share total"],
            rows=rows,
            title=f"{self.unit_plural.capitalize()} per code and {self.by}",
            notes=[_UNIT_NOTES[self.unit]],
        )

    def _valence_table(self) -> Table:
        rows = [
            [component, column, *counts.values(), sum(counts.values())]
            for component, per_column in self.valence.items()
            for column, counts in per_column.items()
        ]
        return Table(
            columns=["component", self.by, *VALENCES, "total"],
            rows=rows,
            title=f"Supporting and inhibiting {self.unit_plural} per component and {self.by}",
        )


_UNIT_NOTES = {
    "coding": "Unit: one coding (a code applied to an excerpt); sub-codes count toward their "
    "component. Share: the row's count divided by the column's total codings.",
    "excerpt": "Unit: one excerpt, counted once per row however many of the row's codes it "
    "carries. Share: the row's count divided by the column's coded excerpts.",
}


def check_by(project: Project, by: str) -> None:
    """Raise ``AnalysisError`` unless ``by`` names a dimension this project can be grouped by."""
    if by in BY_CHOICES:
        return
    if by.startswith("attr:") and by[5:]:
        check_attributes(project, [by[5:]])
        return
    names = ", ".join(f"attr:{n}" for n in attribute_names(project))
    raise AnalysisError(
        f"cannot group by {by!r}: choose one of {', '.join(BY_CHOICES)} or attr:NAME ({names})."
    )


def tally(
    project: Project,
    by: str = "case",
    level: Level = "component",
    lang: str = "en",
    unit: Unit = "coding",
) -> TallyResult:
    """Count codings (or excerpts) per code and column; see the module docstring for the rules."""
    if unit not in ("coding", "excerpt"):
        raise AnalysisError(f"cannot count {unit!r}: choose coding or excerpt.")
    tree = require_codebook(project)
    check_by(project, by)
    all_codings = list(codings(project, tree))
    columns = _columns(project, by, all_codings)
    # Per code, the (column, excerpt) pairs it was applied to: a Counter of codings per column
    # is the size of this set per column; distinct excerpts come from the union over a subtree.
    applied: dict[str, set[tuple[str, str]]] = {cid: set() for cid in tree.codes}
    for c in all_codings:
        if c.code in applied:
            applied[c.code].add((c.key(by), c.excerpt))

    def count(members: list[str]) -> Counter[str]:
        if unit == "coding":
            return Counter(col for cid in members for col, _ in applied[cid])
        return Counter(col for col, _ in set().union(*(applied[cid] for cid in members)))

    rows: list[TallyRow] = []
    for root in tree.roots():
        members = tree.descendants(root)
        rows.append(_row(tree, root, root, count(members), columns, lang))
        if level == "all":
            rows.extend(_row(tree, cid, root, count([cid]), columns, lang) for cid in members[1:])
    if unit == "coding":
        totals = {col: sum(r.counts[col] for r in rows if r.depth == 0) for col in columns}
    else:
        coded = Counter(col for col, _ in {(c.key(by), c.excerpt) for c in all_codings})
        totals = {col: coded.get(col, 0) for col in columns}
    return TallyResult(
        by=by,
        level=level,
        columns=columns,
        rows=rows,
        column_totals=totals,
        total=sum(totals.values()),
        valence=_valence(tree, all_codings, by, columns, unit),
        unit=unit,
    )


def _row(
    tree: CodeTree, code: str, component: str, counts: Counter[str], columns: list[str], lang: str
) -> TallyRow:
    values = {col: counts.get(col, 0) for col in columns}
    return TallyRow(
        code=code,
        component=component,
        depth=tree.depth(code),
        label=tree.label(code, lang),
        counts=values,
        total=sum(values.values()),
    )


def _columns(project: Project, by: str, all_codings: list[Coding]) -> list[str]:
    if by == "case":
        return [loaded.data.case.id for loaded in project.cases]
    if by == "valence":
        return list(VALENCES)
    if by == "source-kind":
        return list(SOURCE_KINDS)
    if by == "source":
        return [f"{lc.data.case.id}/{s.id}" for lc in project.cases for s in lc.data.sources]
    if by.startswith("attr:"):
        values = (case_attributes(lc.data.case).get(by[5:]) for lc in project.cases)
        return sorted({attr_text(v) for v in values}, key=attr_order)
    return sorted({c.key(by) for c in all_codings})


def _valence(
    tree: CodeTree, all_codings: list[Coding], by: str, columns: list[str], unit: Unit
) -> dict[str, dict[str, dict[str, int]]]:
    out = {root: {col: dict.fromkeys(VALENCES, 0) for col in columns} for root in tree.roots()}
    seen: set[tuple[str, str]] = set()
    for c in all_codings:
        column = c.key(by)
        if unit == "excerpt":
            if (c.component, c.excerpt) in seen:
                continue
            seen.add((c.component, c.excerpt))
        if c.component in out and column in out[c.component]:
            out[c.component][column][c.valence] += 1
    return out
