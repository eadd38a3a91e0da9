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

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TextIO

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


def long_rows(project: Project) -> Iterator[tuple[Any, ...]]:
    """The long table's rows, one per coding with the excerpt's text, as they are produced."""
    tree = require_codebook(project)
    texts = {e.id: e.text for lc in project.cases for e in lc.data.excerpts}
    for c in codings(project, tree):
        yield (
            c.case,
            c.excerpt,
            c.source,
            c.source_kind,
            c.valence,
            c.coder,
            c.code,
            c.component,
            texts[c.excerpt],
        )


def long_table(project: Project) -> Table:
    """One row per coding, with the excerpt's text."""
    return Table(columns=list(LONG_COLUMNS), rows=[list(row) for row in long_rows(project)])


def matrix_columns(project: Project, level: Level = "component") -> list[str]:
    """The matrix's columns: the excerpt's fields, then one per code (see the module docstring)."""
    return [*MATRIX_LEAD, *_matrix_codes(project, level)]


def _matrix_codes(project: Project, level: Level) -> list[str]:
    tree = require_codebook(project)
    codes = tree.roots()
    if level == "all":
        codes = [code for root in codes for code in tree.descendants(root)]
    return codes


def matrix_rows(project: Project, level: Level = "component") -> Iterator[list[Any]]:
    """The matrix's rows, one per excerpt, as they are produced."""
    tree = require_codebook(project)
    codes = _matrix_codes(project, level)
    for loaded in project.cases:
        case = loaded.data
        kinds = {s.id: s.kind for s in case.sources}
        for excerpt in case.excerpts:
            present = code_set(excerpt.codes, tree, level)
            lead = [case.case.id, excerpt.id, excerpt.source, kinds.get(excerpt.source, "")]
            lead += [excerpt.valence or "unmarked", excerpt.coder or "(case file)"]
            yield [*lead, *(int(code in present) for code in codes)]


def matrix_table(project: Project, level: Level = "component") -> Table:
    """One row per excerpt, one 0/1 column per code (see the module docstring)."""
    return Table(columns=matrix_columns(project, level), rows=list(matrix_rows(project, level)))


def write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Write a header and ``rows`` to ``out`` as CSV (the module's dialect; None is empty) as
    they come, keeping no table in memory; the number of rows written.

    The bytes are those of ``csv.writer(out, lineterminator="\\n")`` (a test compares them),
    except that a field with a carriage return is quoted too, as RFC 4180 asks (``validate``
    refuses carriage returns in the data, so exports never hold one). A field is checked for the
    characters that need quotes with ``in``, several times faster on long texts than the csv
    module's loop over every character.
    """
    count = 0
    chunk: list[str] = [_csv_line(columns)]
    for row in rows:
        chunk.append(_csv_line(row))
        count += 1
        if len(chunk) >= 512:
            out.write("".join(chunk))
            chunk.clear()
    out.write("".join(chunk))
    return count


def _csv_line(row: Sequence[Any]) -> str:
    if len(row) == 1 and (row[0] is None or row[0] == ""):
        return '""\n'  # a lone empty field is quoted, or the line would read as no field at all
    return ",".join(map(_csv_field, row)) + "\n"


def _csv_field(value: Any) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    if "," in text or "\n" in text or "\r" in text:
        return '"' + text + '"'
    return text


def csv_text(table: Table) -> str:
    """A table as CSV text (see the module docstring for the dialect)."""
    buffer = io.StringIO()
    write_csv(buffer, table.columns, table.rows)
    return buffer.getvalue()


def export_csv(project: Project, *, matrix: bool = False, level: Level = "component") -> str:
    """The long table, or with ``matrix`` the 0/1 matrix, as CSV text."""
    buffer = io.StringIO()
    if matrix:
        write_csv(buffer, matrix_columns(project, level), matrix_rows(project, level))
    else:
        write_csv(buffer, LONG_COLUMNS, long_rows(project))
    return buffer.getvalue()
