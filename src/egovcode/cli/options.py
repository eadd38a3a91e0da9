"""Options shared by several commands, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from egovcode.load.project import Project

ProjectOpt = Annotated[
    Path | None,
    typer.Option(
        "--project",
        "-p",
        help="Project folder (default: found from the working directory upwards).",
        show_default=False,
        file_okay=False,
    ),
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        "-l",
        help="Language of labels and text: en or id (default: the project's `lang`).",
        show_default=False,
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")]


def output_path(value: str) -> Path:
    """``-o``'s value as a path; one that ends with a slash names a folder, which an output
    file is not: refused, rather than writing a file named like the folder."""
    if value != "-" and value.endswith(("/", "\\")):
        raise typer.BadParameter(
            f"{value!r} names a folder; give the file to write, with its name after the last '/'."
        )
    return Path(value)


def project_root(project: Path | None) -> Path:
    """The project folder; raises ProjectNotFoundError saying what was looked for."""
    from egovcode.load.project import find_project

    return find_project(explicit=project)


def prepare_output(output: Path | None, project: Path | None, *, force: bool) -> bool:
    """Check ``-o FILE`` before any work (see :func:`egovcode.output.check_output`).

    Returns whether the output goes to a file: False for no ``-o`` or ``-o -`` (stdout). Every
    command with an output file calls this first, so the rules are the same everywhere.
    """
    from egovcode.errors import ProjectNotFoundError
    from egovcode.output import check_output

    if output is None or str(output) == "-":
        return False
    try:
        root: Path | None = project_root(project)
    except ProjectNotFoundError:
        root = None
    check_output(output, force=force, project_root=root)
    return True


def load_valid_project(project: Path | None) -> Project:
    """Load and validate the project; report errors on stderr and stop with exit 1 if any.

    Used by every command that computes from the data: counting garbage helps nobody.
    """
    from egovcode.check.validate import validate_project
    from egovcode.cli.errors import CliError, Exit
    from egovcode.cli.progress import file_progress
    from egovcode.cli.reporters import print_diagnostics

    with file_progress() as progress:
        loaded, report = validate_project(project_root(project), progress)
    if report.errors:
        print_diagnostics(report, "text", stderr=True, errors_only=True)
        raise CliError(
            f"the project has {report.errors} error(s); fix them first (see `egovcode validate`).",
            Exit.PROBLEMS,
        )
    return loaded


def resolve_lang(lang: str | None, project: Project) -> str:
    """The language to use: the option, else the project's configured default."""
    from egovcode.cli.errors import CliError

    chosen = lang or project.config.lang
    allowed = project.config.languages
    if chosen not in allowed:
        raise CliError(
            f"--lang {chosen!r} is not one of the project's languages: {', '.join(allowed)}."
        )
    return chosen
