"""``egovcode code``: apply or remove codes on an excerpt without hand-editing YAML."""

from __future__ import annotations

from typing import Annotated

import typer

from egovcode.cli.edit_options import EditFormat, EditFormatOpt, MemoOpt, ValenceOpt
from egovcode.cli.options import ProjectOpt


def code(
    excerpt: Annotated[str, typer.Argument(metavar="EXCERPT", help="The excerpt's id.")],
    codes: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="CODE...", help="Codes to apply (or to remove).", show_default=False
        ),
    ] = None,
    remove: Annotated[
        bool, typer.Option("--remove", help="Take the codes off instead of applying them.")
    ] = False,
    valence: ValenceOpt = None,
    memo: MemoOpt = None,
    coder: Annotated[
        str | None,
        typer.Option(
            "--coder",
            metavar="NAME",
            help="Write to this coder's file, codings/NAME/<case>.yaml, not the case file.",
            show_default=False,
        ),
    ] = None,
    project: ProjectOpt = None,
    fmt: EditFormatOpt = EditFormat.text,
) -> None:
    """Apply or remove codes on an excerpt, and set its valence or memo.

    Without --coder the excerpt's case file is edited; with --coder NAME the coder's own file
    codings/NAME/<case>.yaml (created when missing; a `null` entry of a blind sheet is filled
    in). Codes not in the codebook are refused with a suggestion. The file is edited in place:
    its comments and layout stay, and it is checked before it is written.

    Exit code 0: done (or nothing to change); 1: the file to edit has errors; 2: an unknown
    excerpt, code or valence.

    Example:

        egovcode code kdr-021 APP.PORTAL CIT.APPS --valence supporting
        egovcode code kdr-021 CIT.APPS --remove
        egovcode code kdr-021 REG --coder ana
    """
    from egovcode.cli.edit_options import load_for_edit, print_json
    from egovcode.edit import code_excerpt

    outcome = code_excerpt(
        load_for_edit(project),
        excerpt,
        codes or [],
        remove=remove,
        valence=valence,
        memo=memo,
        coder=coder,
    )
    if fmt is EditFormat.json:
        print_json(outcome.to_dict())
    else:
        who = f" (coder {outcome.coder})" if outcome.coder else ""
        shown = ", ".join(outcome.codes) or "no codes"
        typer.echo(f"{outcome.excerpt}{who}: {shown}; valence: {outcome.valence or 'unmarked'}")
    for note in outcome.notes:
        typer.echo(f"egovcode: note: {note}", err=True)
    verb = "created" if outcome.created else "wrote"
    message = f"{verb} {outcome.file}" if outcome.written else f"{outcome.file} already says so"
    typer.echo(f"egovcode: {message}", err=True)


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    app.command("code")(guarded(code))
