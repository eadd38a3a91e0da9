"""Reporters for tabular results: ``table`` (rich), ``csv``, ``md``; JSON comes from the library."""

from __future__ import annotations

import csv
import functools
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
    """A table for people: drawn by rich on a terminal; piped, the same lines written directly.

    Rich measures and renders every cell as styled text, which was most of the time of a large
    table (the agreement's disagreement list, a tally of many cases). Piped output has no styles
    and no width to fit, so :func:`plain_table` draws the same box directly; anything it does
    not draw exactly like rich (tabs, combining or wide characters, a table wider than
    ``COLUMNS``) still goes through rich.
    """
    from egovcode.cli.reporters import is_terminal
    from egovcode.output import printable

    if not is_terminal():
        columns = os.environ.get("COLUMNS", "")
        drawn = plain_table(table, int(columns) if columns.isdigit() else _PIPED_WIDTH)
        if drawn is not None:
            sys.stdout.write(drawn)
            sys.stdout.write("".join(printable(note) + "\n" for note in table.notes))
            sys.stdout.flush()
            return
    _print_rich_table(table)


def _print_rich_table(table: Table) -> None:
    from rich.markup import escape
    from rich.table import Table as RichTable
    from rich.text import Text

    from egovcode.cli.reporters import console
    from egovcode.output import printable

    # Text, not markup: a cell's "[b]" or ":name:" is data, never markup or an emoji code.
    rich_table = RichTable(
        title=Text(printable(table.title), style="table.title") if table.title else None
    )
    for i, name in enumerate(table.columns):
        rich_table.add_column(
            Text(printable(name)),
            justify="right" if _numeric(table, i) else "left",
            overflow="fold",  # a narrow terminal wraps a long id; it never cuts it to "…"
        )
    for row in table.rows:
        rich_table.add_row(*(Text(printable(cell(v))) for v in row))
    con = console()
    if not con.is_terminal and not os.environ.get("COLUMNS"):
        # Piped into a file or another program, the table is as wide as its content needs: no
        # terminal width applies, so nothing is wrapped or cut (COLUMNS still sets a width).
        con.width = _PIPED_WIDTH
    con.print(rich_table)
    for note in table.notes:
        con.print(f"[dim]{escape(printable(note))}[/]")


def _simple(text: str) -> bool:
    """Whether every character of ``text`` takes one cell and is not a tab (rich expands tabs)."""
    if "\t" in text or "\r" in text:
        return False
    return text.isascii() or all(_one_cell(ch) for ch in set(text) if not ch.isascii())


@functools.cache
def _one_cell(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch) not in ("Mn", "Me", "Cf", "Cc", "Zl", "Zp") and (
        unicodedata.east_asian_width(ch) not in ("W", "F")
    )


def plain_table(table: Table, width: int) -> str | None:
    """``table`` as rich draws it without styles (its heavy-head box, a space of padding each
    side, numeric columns right-justified, the title above), or None where it might differ."""
    from egovcode.output import printable

    if not table.rows or not table.columns:
        return None
    header = [printable(name) for name in table.columns]
    body = [[printable(cell(v)) for v in row] for row in table.rows]
    title = printable(table.title) if table.title else None
    texts = [*header, *(c for row in body for c in row)]
    if not all(_simple(t) for t in texts) or (title is not None and not _simple(title)):
        return None
    widths = [
        max(len(line) for text in column for line in text.split("\n"))
        for column in zip(header, *body, strict=True)
    ]
    if sum(widths) + 3 * len(widths) + 1 > width or 0 in widths:
        return None  # too wide for the width: rich wraps; an empty column: rich differs
    right = [_numeric(table, i) for i in range(len(header))]

    def lines(cells: list[str], edge: str, inner: str, header: bool = False) -> list[str]:
        split = [c.split("\n") for c in cells]
        height = max(len(parts) for parts in split)
        if header:  # rich aligns header cells at the bottom, body cells at the top
            split = [[""] * (height - len(parts)) + parts for parts in split]
        out = []
        for i in range(height):
            row = []
            for parts, w, r in zip(split, widths, right, strict=True):
                text = parts[i] if i < len(parts) else ""
                # rich right-justifies a line without its trailing spaces
                row.append(" " + (text.rstrip().rjust(w) if r else text.ljust(w)) + " ")
            out.append(edge + inner.join(row) + edge)
        return out

    out = [title] if title is not None else []
    if title is not None and "\n" in title:
        return None
    out.append("┏" + "┳".join("━" * (w + 2) for w in widths) + "┓")
    out += lines(header, "┃", "┃", header=True)
    out.append("┡" + "╇".join("━" * (w + 2) for w in widths) + "┩")
    for row in body:
        out += lines(row, "│", "│")
    out.append("└" + "┴".join("─" * (w + 2) for w in widths) + "┘")
    return "\n".join(out) + "\n"


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
