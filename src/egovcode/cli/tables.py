"""Reporters for tabular results: ``table`` (rich), ``csv``, ``md``; JSON comes from the library."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from typing import Any

from egovcode.analyze.table import Table

TABLE_FORMATS = ("table", "csv", "json", "md")


def cell(value: Any) -> str:
    """A value as text: floats with 3 decimals, None as empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def to_csv(table: Table) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(table.columns)
    writer.writerows([[cell(v) for v in row] for row in table.rows])
    return buf.getvalue()


def md_escape(text: str) -> str:
    """Escape what would break a Markdown table cell or be read as markup."""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", " ").replace("\n", " ")
    for ch in ("*", "_", "`", "[", "]", "<", ">"):
        out = out.replace(ch, "\\" + ch)
    return out


def to_markdown(table: Table) -> str:
    lines = []
    if table.title:
        lines += [f"**{md_escape(table.title)}**", ""]
    lines.append("| " + " | ".join(md_escape(c) for c in table.columns) + " |")
    lines.append(
        "|"
        + "|".join(" ---: " if _numeric(table, i) else " --- " for i in range(len(table.columns)))
        + "|"
    )
    for row in table.rows:
        lines.append("| " + " | ".join(md_escape(cell(v)) for v in row) + " |")
    lines.extend(f"\n{md_escape(n)}" for n in table.notes)
    return "\n".join(lines) + "\n"


def _numeric(table: Table, i: int) -> bool:
    values = [row[i] for row in table.rows if row[i] is not None]
    return bool(values) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in values
    )


#: Width for tables written to a pipe or file: wide enough for any table to keep its shape.
_PIPED_WIDTH = 4096


def print_table(table: Table) -> None:
    from rich.markup import escape
    from rich.table import Table as RichTable

    from egovcode.cli.reporters import console
    from egovcode.output import printable

    rich_table = RichTable(title=escape(printable(table.title)) if table.title else None)
    for i, name in enumerate(table.columns):
        rich_table.add_column(
            escape(printable(name)),
            justify="right" if _numeric(table, i) else "left",
            overflow="fold",  # a narrow terminal wraps a long id; it never cuts it to "…"
        )
    for row in table.rows:
        rich_table.add_row(*(escape(printable(cell(v))) for v in row))
    con = console()
    if not con.is_terminal and not os.environ.get("COLUMNS"):
        # Piped into a file or another program, the table is as wide as its content needs: no
        # terminal width applies, so nothing is wrapped or cut (COLUMNS still sets a width).
        con.width = _PIPED_WIDTH
    con.print(rich_table)
    for note in table.notes:
        con.print(f"[dim]{escape(printable(note))}[/]")


def emit(fmt: str, tables: list[Table], data: Any) -> None:
    """Write a result: ``json`` dumps ``data`` (the library's plain result); others the tables."""
    from egovcode.cli.pipes import write_data

    if fmt == "json":
        write_data(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")
        return
    if fmt in ("csv", "md"):
        write = to_csv if fmt == "csv" else to_markdown
        write_data("\n".join(write(table) for table in tables))
        return
    for table in tables:
        if table is not tables[0]:
            sys.stdout.write("\n")
        print_table(table)
