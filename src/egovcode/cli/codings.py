"""``egovcode codings``: blind coder sheets for independent coders."""

from __future__ import annotations

from typing import Annotated

import typer

from egovcode.cli.edit_options import EditFormat, EditFormatOpt
from egovcode.cli.options import ProjectOpt

codings_app = typer.Typer(help="Coder sheets for blind double coding.", no_args_is_help=True)


def init(
    coder: Annotated[
        str,
        typer.Option(
            "--coder", metavar="NAME", help="The coder the sheets are for.", show_default=False
        ),
    ],
    case: Annotated[
        list[str] | None,
        typer.Option(
            "--case",
            metavar="ID",
            help="Only this case (repeat for several; default: every case).",
            show_default=False,
        ),
    ] = None,
    project: ProjectOpt = None,
    fmt: EditFormatOpt = EditFormat.text,
) -> None:
    """Write blind coder sheets: codings/NAME/<case>.yaml with every excerpt not yet rated.

    Each excerpt is listed as `kdr-001: null` with its text as a comment above it, and without
    the codes of the case file, so the coder works blind. The coder replaces `null` with
    `{codes: [...], valence: ...}` (or runs `egovcode code EXCERPT CODE... --coder NAME`);
    agree and merge treat `null` as not rated. A sheet that exists is extended with the excerpts
    it lacks and is otherwise left as it is.

    Exit code 0: written (or nothing to add); 1: a file has errors; 2: an unknown case or a bad
    coder name.

    Example:

        egovcode codings init --coder ana
        egovcode codings init --coder budi --case kediri
    """
    from egovcode.cli.edit_options import load_for_edit, print_json
    from egovcode.edit import init_sheets

    outcome = init_sheets(load_for_edit(project), coder, case or [])
    if fmt is EditFormat.json:
        print_json(outcome.to_dict())
        return
    for sheet in outcome.sheets:
        n = len(sheet.added)
        if sheet.action == "created":
            typer.echo(f"created {sheet.file}: {n} excerpt(s) to rate")
        elif sheet.action == "extended":
            typer.echo(f"extended {sheet.file}: {n} new excerpt(s) to rate")
        else:
            typer.echo(f"{sheet.file} lists every excerpt already")


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    codings_app.command("init")(guarded(init))
    app.add_typer(codings_app, name="codings")
