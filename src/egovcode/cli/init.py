"""``egovcode init``: start a new project."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from egovcode.cli.options import ForceOpt


def init(
    folder: Annotated[Path, typer.Argument(help="Folder of the new project.", file_okay=False)] = (
        Path(".")
    ),
    title: Annotated[str, typer.Option("--title", help="Title of the study.")] = "My case study",
    force: ForceOpt = False,
) -> None:
    """Start a project: egovcode.yaml, the Indrajit codebook and an example case file.

    Refuses to overwrite existing files unless --force is given. With --force only
    egovcode.yaml is rewritten: an existing codebook (perhaps edited) is kept, and the example
    case is added only to a project that has no case file yet.

    Example:

        egovcode init my-study --title "Digital public services in East Java"
    """
    from egovcode.init import init_project

    for path in init_project(folder, title=title, force=force):
        typer.echo(f"wrote {path}")


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    app.command()(guarded(init))
