"""The top-level ``egovcode --help`` page, drawn without importing typer or rich.

Importing typer (and rich, which its help uses) is most of the start-up time of ``egovcode
--help``; the page itself is a short table. This module holds the command table that page shows
(also the source of the app's own help text and root options) and lays it out the way typer's
rich help does: the same panels, the same column widths and word wrapping at the terminal's
width, colours only on a terminal (``NO_COLOR`` honoured). ``tests/test_help_page.py`` compares
it with the typer app's page, so a command added to the app without a line here fails a test.
Sub-command pages (``egovcode tally --help``) stay on typer.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence
from math import ceil
from typing import NamedTuple, TextIO

USAGE = "Usage: egovcode [OPTIONS] COMMAND [ARGS]..."

APP_HELP = (
    "Code qualitative case-study evidence on e-government in plain YAML files: validate, "
    "tally, measure agreement, export and render cross-case reports."
)


class RootOption(NamedTuple):
    long: str
    short: str
    help: str


#: The root options in the order typer lists them (the completion and help options are typer's).
ROOT_OPTIONS = (
    RootOption("--version", "", "Show the version."),
    RootOption("--debug", "", "Show a traceback (without local variables) on internal errors."),
    RootOption(
        "--no-cache",
        "",
        "Parse every file again and keep nothing in .egovcode/cache/ for this run.",
    ),
    RootOption("--install-completion", "", "Install completion for the current shell."),
    RootOption(
        "--show-completion",
        "",
        "Show completion for the current shell, to copy it or customize the installation.",
    ),
    RootOption("--help", "-h", "Show this message and exit."),
)


class Command(NamedTuple):
    name: str
    modules: tuple[str, ...]  # the modules whose ``register(app)`` add it, in order
    summary: str  # the first paragraph of its help, as typer shows it


#: The commands in the order typer lists them: single commands, then command groups.
#: The entry point builds an app with only the modules of the command being run.
COMMANDS = (
    Command(
        "validate",
        ("egovcode.cli.validate",),
        "Check every file of the project: YAML, schema, ids, codes and sources.",
    ),
    Command(
        "tally",
        ("egovcode.cli.tally",),
        "Count codings per code and case, with totals, shares and supporting vs inhibiting.",
    ),
    Command(
        "cooccur",
        ("egovcode.cli.cooccur",),
        "Count how often two codes are applied to the same excerpt.",
    ),
    Command(
        "query",
        ("egovcode.cli.query",),
        "Retrieve excerpts by code, case, valence, source kind, case attribute and text.",
    ),
    Command(
        "init",
        ("egovcode.cli.init",),
        "Start a project: egovcode.yaml, the Indrajit codebook and an example case file.",
    ),
    Command(
        "render",
        ("egovcode.cli.render",),
        "Render the cross-case report as Markdown, one self-contained HTML page or a Word file.",
    ),
    Command(
        "agree",
        ("egovcode.cli.agree",),
        "Measure intercoder agreement per code and overall, and list the disagreements.",
    ),
    Command(
        "merge",
        ("egovcode.cli.merge",),
        "Write the coders' consensus into the case files, losing no coder's codes.",
    ),
    Command(
        "schema",
        ("egovcode.cli.schema",),
        "Print the JSON Schema of a file format, generated from egovcode's own models.",
    ),
    Command(
        "code",
        ("egovcode.cli.code",),
        "Apply or remove codes on an excerpt, and set its valence or memo.",
    ),
    Command(
        "suggest",
        ("egovcode.cli.suggest",),
        "Suggest codes with a machine coder, written as a coder file that people review.",
    ),
    Command(
        "serve",
        ("egovcode.cli.serve",),
        "Open the coding workbench: read sources, select passages and code them in the browser.",
    ),
    Command("codebook", ("egovcode.cli.codebook",), "Look at and check the codebook."),
    Command(
        "export",
        ("egovcode.cli.export", "egovcode.cli.export_refi"),
        "Export the project's data: a tidy CSV, one JSON document or a SQLite database.",
    ),
    Command(
        "cache",
        ("egovcode.cli.cache",),
        "The cache of parsed files that makes repeated runs fast (.egovcode/cache/ in the "
        "project; turn it off for one run with `egovcode --no-cache COMMAND`).",
    ),
    Command("codings", ("egovcode.cli.codings",), "Coder sheets for blind double coding."),
    Command(
        "import",
        ("egovcode.cli.importing",),
        "Import transcripts and other material into the project.",
    ),
    Command("excerpt", ("egovcode.cli.excerpt",), "Add excerpts anchored to their source's text."),
)

#: Below this width typer's own layout (titles cut, columns squeezed) is used instead.
MIN_WIDTH = 40

_WORD = re.compile(r"\s*\S+\s*")
_RESET = "\x1b[0m"


class Style(NamedTuple):
    """An SGR style: attributes kept without colour (``NO_COLOR``), and a colour."""

    attrs: str  # "1" bold, "2" dim, "" none
    colour: str  # "33" yellow, "36" cyan, "32" green, "" none


BOLD = Style("1", "")
DIM = Style("2", "")
USAGE_STYLE = Style("1", "33")
OPTION_STYLE = Style("1", "36")
SWITCH_STYLE = Style("1", "32")
COMMAND_STYLE = Style("1", "36")
PLAIN = Style("", "")


class Painter:
    """Wraps text in SGR sequences, or leaves it as it is when styles are off."""

    def __init__(self, styles: bool, colours: bool) -> None:
        self.styles = styles
        self.colours = colours

    def __call__(self, text: str, style: Style) -> str:
        if not self.styles or not text:
            return text
        codes = ";".join(c for c in (style.attrs, style.colour if self.colours else "") if c)
        return f"\x1b[{codes}m{text}{_RESET}" if codes else text


def _cell_len(text: str) -> int:
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int) -> list[str]:
    """Word-wrap one paragraph like rich in a table cell: words keep their trailing space, a
    word longer than the width gets a line of its own and is cut with an ellipsis."""
    lines: list[str] = []
    line = ""
    offset = 0
    for match in _WORD.finditer(text):
        word = match.group(0)
        length = _cell_len(word.rstrip())
        if width - offset >= length:
            line += word
            offset += _cell_len(word)
        else:
            if line:
                lines.append(line)
            line = word
            offset = _cell_len(word)
    lines.append(line)
    return [_truncate(piece.rstrip(), width) for piece in lines]


def _truncate(text: str, width: int) -> str:
    if _cell_len(text) <= width:
        return text
    while _cell_len(text) > width - 1:
        text = text[:-1]
    return text + "…"


def _ratio_reduce(
    total: int, ratios: list[int], maximums: list[int], values: list[int]
) -> list[int]:
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result: list[int] = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            distributed = min(most, round(ratio * remaining / total_ratio))
            result.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _ratio_distribute(total: int, ratios: Sequence[int], minimums: Sequence[int] = ()) -> list[int]:
    if minimums:
        ratios = [ratio if least else 0 for ratio, least in zip(ratios, minimums, strict=True)]
    total_ratio = sum(ratios)
    remaining = total
    result: list[int] = []
    for ratio, least in zip(ratios, minimums or [0] * len(ratios), strict=True):
        share = max(least, ceil(ratio * remaining / total_ratio)) if total_ratio > 0 else remaining
        result.append(share)
        total_ratio -= ratio
        remaining -= share
    return result


def _measure(cells: Sequence[str] | None, pad: int, width: int) -> int:
    """The widest a column's cells want to be (padding included) within ``width``; ``None``
    for a column of typer's option help, which rich cannot measure and so takes all."""
    if cells is None:
        return width
    widest = 0
    for cell in cells:
        if width - pad < 1:
            widest = max(widest, width)
            continue
        most = min(_cell_len(cell), width - pad)
        widest = max(widest, min(most + pad, width))
    return min(widest, width)


def _collapse(widths: list[int], max_width: int) -> list[int]:
    total = sum(widths)
    excess = total - max_width
    while total and excess > 0:
        widest = max(widths)
        second = max((w for w in widths if w != widest), default=0)
        difference = widest - second
        ratios = [1 if w == widest else 0 for w in widths]
        if not difference:
            break
        widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
        total = sum(widths)
        excess = total - max_width
    return widths


def _table_widths(columns: list[list[str] | None], pads: list[int], max_width: int) -> list[int]:
    """Column widths (padding included) of an expanding table, as rich computes them."""
    widths = [
        _measure(cells, pad, max_width) or 1 for cells, pad in zip(columns, pads, strict=True)
    ]
    table_width = sum(widths)
    if table_width > max_width:
        widths = _collapse(widths, max_width)
        table_width = sum(widths)
        if table_width > max_width:
            widths = _ratio_reduce(table_width - max_width, [1] * len(widths), widths, widths)
            table_width = sum(widths)
        widths = [
            _measure(cells, pad, width)
            for cells, pad, width in zip(columns, pads, widths, strict=True)
        ]
    if table_width < max_width:
        extra = _ratio_distribute(max_width - table_width, widths)
        widths = [w + e for w, e in zip(widths, extra, strict=True)]
    return widths


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _cell_len(text))


def _panel(title: str, rows: list[str], width: int, paint: Painter) -> list[str]:
    inner = width - 4
    top = paint("╭─", DIM) + paint(f" {title} ", DIM) + paint("─" * (inner - len(title) - 2), DIM)
    lines = [top + paint("─╮", DIM)]
    lines += [paint("│", DIM) + " " + row + " " + paint("│", DIM) for row in rows]
    lines.append(paint("╰" + "─" * (width - 2) + "╯", DIM))
    return lines


def _option_rows(width: int, paint: Painter) -> list[str]:
    pads = [1, 2, 2, 2, 2, 1]  # no padding on the table's outer edges
    columns: list[list[str] | None] = [
        [o.long for o in ROOT_OPTIONS],
        [o.short for o in ROOT_OPTIONS],
        [""] * len(ROOT_OPTIONS),  # negative long and short forms, types: always empty here
        [""] * len(ROOT_OPTIONS),
        [""] * len(ROOT_OPTIONS),
        None,  # the help: typer's ``Columns`` of help, default and so on
    ]
    widths = _table_widths(columns, pads, width)
    rows: list[str] = []
    for option in ROOT_OPTIONS:
        long_lines = wrap(option.long, max(widths[0] - 1, 1))
        short_lines = wrap(option.short, max(widths[1] - 2, 1))
        help_lines = wrap(option.help, max(widths[5] - 1, 1))
        for i in range(max(len(long_lines), len(short_lines), len(help_lines))):
            long = long_lines[i] if i < len(long_lines) else ""
            short = short_lines[i] if i < len(short_lines) else ""
            text = help_lines[i] if i < len(help_lines) else ""
            rows.append(
                paint(long, OPTION_STYLE)
                + " " * (widths[0] - _cell_len(long))
                + " "
                + paint(short, SWITCH_STYLE)
                + " " * (widths[1] - 1 - _cell_len(short))
                + " " * sum(widths[2:5])
                + " "
                + _pad(text, widths[5] - 1)
            )
    return rows


def _command_rows(width: int, paint: Painter) -> list[str]:
    name_width = max(len(c.name) for c in COMMANDS)
    text_width = width - (name_width + 1) - 1
    rows: list[str] = []
    for command in COMMANDS:
        for i, text in enumerate(wrap(command.summary, text_width)):
            name = command.name if i == 0 else ""
            rows.append(
                paint(_pad(name, name_width), COMMAND_STYLE)
                + paint(" ", COMMAND_STYLE)
                + " "
                + _pad(text, text_width)
            )
    return rows


def render(width: int, styles: bool = False, colours: bool = False) -> str:
    """The page at ``width`` columns; ``styles`` adds bold and dim, ``colours`` their colours."""
    paint = Painter(styles, colours)
    blank = " " * width
    lines = [paint(blank, BOLD)]
    for i, text in enumerate(wrap(USAGE, width - 2)):
        if i == 0 and text.startswith("Usage: "):
            body = paint("Usage: ", USAGE_STYLE) + paint(_pad(text[7:], width - 9), BOLD)
        else:
            body = paint(_pad(text, width - 2), BOLD)
        lines.append(paint(" ", BOLD) + body + paint(" ", BOLD))
    lines.append(paint(blank, BOLD))
    lines += [f" {_pad(text, width - 2)} " for text in wrap(APP_HELP, width - 2)]
    lines.append(blank)
    lines += _panel("Options", _option_rows(width - 4, paint), width, paint)
    lines += _panel("Commands", _command_rows(width - 4, paint), width, paint)
    return "\n".join(lines) + "\n\n"


def _is_terminal(stream: TextIO) -> bool:
    """Whether typer's rich console would style its output (the same environment variables)."""
    env = os.environ
    if env.get("_TYPER_FORCE_DISABLE_TERMINAL"):
        return False
    if env.get("GITHUB_ACTIONS") or env.get("FORCE_COLOR") or env.get("PY_COLORS"):
        return True
    if env.get("TTY_COMPATIBLE") in ("0", "1"):
        return env["TTY_COMPATIBLE"] == "1"
    if "FORCE_COLOR" in env:
        return env["FORCE_COLOR"] != ""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:
        return False


def _width(terminal: bool) -> int:
    """The console width rich would use: ``TERMINAL_WIDTH``, ``COLUMNS``, the terminal, 80."""
    env = os.environ
    if env.get("TERMINAL_WIDTH"):
        return int(env["TERMINAL_WIDTH"])
    if terminal and env.get("TERM", "").lower() in ("dumb", "unknown"):
        return 80
    width = 0
    for fd in (0, 1, 2):
        try:
            width = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    columns = env.get("COLUMNS", "")
    if columns.isdigit():
        width = int(columns)
    return width or 80


def modules_for(args: Sequence[str]) -> tuple[str, ...] | None:
    """The modules that register the command ``args`` run (after the root flags ``--debug`` and
    ``--no-cache``), or None when that is not a known command (the full app answers then)."""
    for arg in args:
        if arg in ("--debug", "--no-cache"):
            continue
        for command in COMMANDS:
            if command.name == arg:
                return command.modules
        return None
    return None


def answer(stream: TextIO | None = None) -> bool:
    """Write the page to ``stream`` (stdout) and return True, or return False to leave it to typer.

    typer draws it where this layout is not known to match: narrow widths and Windows consoles.
    """
    out = sys.stdout if stream is None else stream
    if sys.platform == "win32":
        return False
    terminal = _is_terminal(out)
    try:
        width = _width(terminal)
    except ValueError:
        return False
    if width < MIN_WIDTH:
        return False
    dumb = os.environ.get("TERM", "").lower() in ("dumb", "unknown")
    styles = terminal and not dumb
    colours = styles and os.environ.get("NO_COLOR", "") == ""
    out.write(render(width, styles=styles, colours=colours))
    out.flush()
    return True
