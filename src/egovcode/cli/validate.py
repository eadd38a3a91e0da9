"""``egovcode validate``: schema and cross-reference checks over the whole project."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from egovcode.cli.options import ProjectOpt


class DiagFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    parsable = "parsable"


FormatOpt = Annotated[
    DiagFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]


def validate(
    project: ProjectOpt = None,
    fmt: FormatOpt = DiagFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Hide info-level notes.")] = False,
) -> None:
    """Check every file of the project: YAML, schema, ids, codes and sources.

    Every problem in every file is reported in one run, each with file, line, column, a stable
    code and a hint. Exit code 0: clean (warnings allowed unless --strict); 1: problems found;
    2: usage error or no project.

    Example:

        egovcode validate --format parsable
    """
    from egovcode.check.validate import validate_project
    from egovcode.cli.errors import Exit
    from egovcode.cli.options import project_root
    from egovcode.cli.progress import file_progress
    from egovcode.cli.reporters import print_diagnostics

    with file_progress() as progress:
        _, report = validate_project(project_root(project), progress)
    print_diagnostics(report, fmt.value, strict=strict, show_info=not quiet)
    raise typer.Exit(Exit.PROBLEMS if report.failed(strict=strict) else Exit.OK)


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    app.command()(guarded(validate))
