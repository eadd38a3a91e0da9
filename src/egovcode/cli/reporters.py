"""Reporters for diagnostics: text (rich), json, github annotations and parsable lines."""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Callable
from typing import TextIO

from egovcode.check.diagnostic import Diagnostic, Report, Severity
from egovcode.output import one_line, printable

DIAGNOSTIC_FORMATS = ("text", "json", "github", "parsable")


def console(stderr: bool = False):  # type: ignore[no-untyped-def]
    """A rich console; colour follows the terminal and NO_COLOR."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def is_terminal(stderr: bool = False) -> bool:
    """Whether :func:`console` would style its output, decided without importing rich.

    The same rules as rich: ``TTY_COMPATIBLE=0|1``, then ``FORCE_COLOR`` (set and not empty),
    then whether the stream is a terminal.
    """
    env = os.environ
    if env.get("TTY_COMPATIBLE") in ("0", "1"):
        return env["TTY_COMPATIBLE"] == "1"
    if "FORCE_COLOR" in env:
        return env["FORCE_COLOR"] != ""
    stream = sys.stderr if stderr else sys.stdout
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except ValueError:
        return False


def safe(text: str) -> str:
    """Text from a user's files for rich markup: control characters escaped, markup escaped."""
    from rich.markup import escape

    return escape(printable(text))


def _place(d: Diagnostic) -> str:
    parts = [one_line(d.file or "<project>")]
    if d.line is not None:
        parts.append(str(d.line))
        if d.column is not None:
            parts.append(str(d.column))
    return ":".join(parts)


def _parsable(report: Report, diags: list[Diagnostic], out: TextIO) -> None:
    for d in diags:
        out.write(f"{_place(d)}: [{d.severity.value}] {one_line(d.message)} ({d.code})\n")


def _github(report: Report, diags: list[Diagnostic], out: TextIO) -> None:
    level = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    for d in diags:
        props = []
        if d.file:
            props.append(f"file={_escape_property(d.file)}")
        if d.line is not None:
            props.append(f"line={d.line}")
        if d.column is not None:
            props.append(f"col={d.column}")
        props.append(f"title={_escape_property(f'{d.code} {d.title}')}")
        message = d.message + (f" Hint: {d.hint}" if d.hint else "")
        out.write(f"::{level[d.severity]} {','.join(props)}::{_escape(message)}\n")


def _escape(text: str) -> str:
    """A workflow command's message: one line, so no value can start a command of its own.

    ``%``, CR and LF are encoded as GitHub documents; other control characters are shown as
    escapes, and ``::`` is broken up (``: :``) so no value reads as a command's delimiter.
    """
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return one_line(text).replace("::", ": :")


def _escape_property(text: str) -> str:
    """A workflow command's property value: additionally ``:`` and ``,`` are encoded."""
    return _escape(text).replace(": :", "::").replace(":", "%3A").replace(",", "%2C")


def _json(report: Report, diags: list[Diagnostic], out: TextIO, strict: bool = False) -> None:
    data = report.to_dict(strict=strict)
    data["diagnostics"] = [d.to_dict() for d in diags]
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _text(report: Report, diags: list[Diagnostic], stderr: bool) -> None:
    """Diagnostics grouped by file, for people: styled by rich on a terminal; piped, the same
    lines written directly (rich is not even imported, which is most of a small run's time)."""
    summary = (
        f"{report.errors} error(s), {report.warnings} warning(s) in {len(report.files)} file(s)"
    )
    if not is_terminal(stderr):
        lines: list[str] = []
        current_file: str | bool | None = False
        for d in diags:
            if d.file != current_file:
                current_file = d.file
                lines.append(d.file or "(project)")
            pos = f"{d.line or '-'}:{d.column or '-'}"
            lines.append(f"  {pos:>8}  {d.severity.value:<7} {d.message}  {d.code}")
            if d.hint:
                lines.append(f"            hint: {d.hint}")
        lines.append(f"{'✖' if report.errors else '✔'} {summary}\n")
        out = sys.stderr if stderr else sys.stdout
        out.write(printable("\n".join(lines)).expandtabs(8))  # tab stops as rich's
        out.flush()
        return
    from rich.markup import escape

    con = console(stderr)
    style = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    current: str | bool | None = False
    for d in diags:
        if d.file != current:
            current = d.file
            con.print(f"[bold]{escape(printable(d.file or '(project)'))}[/]", emoji=False)
        pos = f"{d.line or '-'}:{d.column or '-'}"
        con.print(
            f"  {pos:>8}  [{style[d.severity]}]{d.severity.value:<7}[/] "
            f"{escape(printable(d.message))}  [dim]{d.code}[/]",
            emoji=False,
        )
        if d.hint:
            con.print(f"            [dim]hint:[/] {escape(printable(d.hint))}", emoji=False)
    mark = "[bold red]✖[/]" if report.errors else "[green]✔[/]"
    con.print(f"{mark} {summary}")


def print_diagnostics(
    report: Report,
    fmt: str,
    *,
    stderr: bool = False,
    strict: bool = False,
    errors_only: bool = False,
    show_info: bool = True,
) -> None:
    """Write the report's diagnostics in format ``fmt``."""
    diags = report.sorted()
    if errors_only:
        diags = [d for d in diags if d.severity is Severity.ERROR]
    elif not show_info:
        diags = [d for d in diags if d.severity is not Severity.INFO]
    if fmt == "text":
        _text(report, diags, stderr)
        return
    writers: dict[str, Callable[[Report, list[Diagnostic], TextIO], None]] = {
        "parsable": _parsable,
        "github": _github,
        "json": lambda r, d, o: _json(r, d, o, strict),
    }
    if stderr:
        writers[fmt](report, diags, sys.stderr)
        return
    from egovcode.cli.pipes import write_data

    buffer = io.StringIO()
    writers[fmt](report, diags, buffer)
    write_data(buffer.getvalue())
