"""CSV for R and pandas: a tidy long table of codings, or an excerpt x code 0/1 matrix.

The long table has one row per coding (one code on one excerpt), so excerpts without codes do not
appear; ``valence`` is ``unmarked`` and ``coder`` is ``(case file)`` where the file states none,
the same values ``tally --by valence`` and ``--by coder`` show. The matrix has one row per excerpt
(coded or not) and one 0/1 column per code: at ``level="component"`` a component's column is 1
when the excerpt carries the component or any of its sub-codes; at ``level="all"`` every code has
a column that is 1 when that exact code was applied.

Both are UTF-8 without a byte-order mark, comma-separated, ``\\n`` line ends, quoted only where
needed; rows in file order and columns in codebook order, so the same project gives the same bytes.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from egovcode.analyze.cooccur import code_set
from egovcode.analyze.selection import require_codebook
from egovcode.analyze.table import Table
from egovcode.analyze.tally import Level, codings
from egovcode.load.project import Project

#: The long table's columns: the ``Coding`` fields of the same names, then the excerpt's text.
LONG_COLUMNS = [
    "case",
    "excerpt",
    "source",
    "source_kind",
    "valence",
    "coder",
    "code",
    "component",
    "text",
]
MATRIX_LEAD = ["case", "excerpt", "source", "source_kind", "valence", "coder"]


def long_table(project: Project) -> Table:
    """One row per coding, with the excerpt's text."""
    tree = require_codebook(project)
    texts = {e.id: e.text for lc in project.cases for e in lc.data.excerpts}
    rows: list[list[Any]] = [
        [*(getattr(c, name) for name in LONG_COLUMNS[:-1]), texts[c.excerpt]]
        for c in codings(project, tree)
    ]
    return Table(columns=list(LONG_COLUMNS), rows=rows)


def matrix_table(project: Project, level: Level = "component") -> Table:
    """One row per excerpt, one 0/1 column per code (see the module docstring)."""
    tree = require_codebook(project)
    codes = tree.roots()
    if level == "all":
        codes = [code for root in codes for code in tree.descendants(root)]
    rows: list[list[Any]] = []
    for loaded in project.cases:
        case = loaded.data
        kinds = {s.id: s.kind for s in case.sources}
        for excerpt in case.excerpts:
            present = code_set(excerpt.codes, tree, level)
            lead = [case.case.id, excerpt.id, excerpt.source, kinds.get(excerpt.source, "")]
            lead += [excerpt.valence or "unmarked", excerpt.coder or "(case file)"]
            rows.append([*lead, *(int(code in present) for code in codes)])
    return Table(columns=[*MATRIX_LEAD, *codes], rows=rows)


def csv_text(table: Table) -> str:
    """A table as CSV text (see the module docstring for the dialect)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows([["" if v is None else v for v in row] for row in table.rows])
    return buffer.getvalue()


def export_csv(project: Project, *, matrix: bool = False, level: Level = "component") -> str:
    """The long table, or with ``matrix`` the 0/1 matrix, as CSV text."""
    return csv_text(matrix_table(project, level) if matrix else long_table(project))
