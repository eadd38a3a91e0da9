"""``egovcode excerpt``: add excerpts by quoting a source's text."""

from __future__ import annotations

from typing import Annotated

import typer

from egovcode.cli.edit_options import EditFormat, EditFormatOpt, MemoOpt, ValenceOpt
from egovcode.cli.options import ProjectOpt

excerpt_app = typer.Typer(
    help="Add excerpts anchored to their source's text.", no_args_is_help=True
)


def add(
    case: Annotated[
        str, typer.Option("--case", metavar="ID", help="The case to add the excerpt to.")
    ],
    source: Annotated[
        str,
        typer.Option("--source", metavar="ID", help="The source (with a text file) quoted."),
    ],
    quote: Annotated[
        str,
        typer.Option(
            "--quote",
            metavar="TEXT",
            help="The passage, as in the source's text; whitespace and quote marks may differ.",
        ),
    ],
    code: Annotated[
        list[str] | None,
        typer.Option(
            "--code",
            metavar="CODE",
            help="A code to apply (repeat for several).",
            show_default=False,
        ),
    ] = None,
    valence: ValenceOpt = None,
    memo: MemoOpt = None,
    occurrence: Annotated[
        int | None,
        typer.Option(
            "--occurrence",
            metavar="N",
            min=1,
            help="When the quote occurs several times: take the N-th (as listed).",
            show_default=False,
        ),
    ] = None,
    project: ProjectOpt = None,
    fmt: EditFormatOpt = EditFormat.text,
) -> None:
    """Add an excerpt by quoting its source's text: the span is found for you.

    The quote is looked up in the source's text file (`file:`, written by `egovcode import
    transcript`): exactly first, then ignoring differences in whitespace and quote marks. The
    excerpt gets the passage exactly as the file has it, its `span`, a `locator` with the line,
    its `speaker` when the source is a transcript with `speakers` and the passage lies inside
    one turn, and a new id <source>-NNN; it is appended to the case file, whose comments and
    layout stay.
    A quote found several times is listed with its places and needs --occurrence N; a quote not
    found is refused with the closest passage.

    Exit code 0: added; 1: not found, found several times, or a file with errors; 2: an unknown
    case, source, code or valence.

    Example:

        egovcode excerpt add --case kediri --source int-01 --quote "satu portal" --code APP.PORTAL
        egovcode excerpt add --case kediri --source int-01 --quote "Ya." --occurrence 2
    """
    from egovcode.cli.edit_options import load_for_edit, print_json
    from egovcode.edit import add_quoted_excerpt

    outcome = add_quoted_excerpt(
        load_for_edit(project),
        case,
        source,
        quote,
        codes=code or [],
        valence=valence,
        memo=memo,
        occurrence=occurrence,
    )
    if fmt is EditFormat.json:
        print_json(outcome.to_dict())
    else:
        m = outcome.match
        how = "exact" if m.exact else "ignoring whitespace and quote marks"
        typer.echo(
            f"{outcome.excerpt}: span [{m.start}, {m.end}] at line {m.line}, column {m.column} "
            f"({how})"
        )
    for note in outcome.notes:
        typer.echo(f"egovcode: note: {note}", err=True)
    typer.echo(f"egovcode: wrote {outcome.file}", err=True)


def respan(
    excerpts: Annotated[
        list[str], typer.Argument(metavar="EXCERPT...", help="Ids of the excerpts to re-anchor.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the new spans; write nothing.")
    ] = False,
    project: ProjectOpt = None,
) -> None:
    """Move each excerpt's span to where its text now occurs in its source's text file.

    For an excerpt that `validate` reports with EGC709 because the text file changed: the text
    must occur exactly once in the file (else EGC712, and nothing is written). An excerpt whose
    span already fits is left as it is. Only `span` changes, in place; comments stay.

    Example:

        egovcode excerpt respan wawancara-kabid-001 wawancara-kabid-002
    """
    from egovcode.cli.options import project_root
    from egovcode.edit.respan import respan_excerpt
    from egovcode.load.project import load_project

    root = project_root(project)
    for excerpt in excerpts:
        done = respan_excerpt(load_project(root), excerpt, dry_run=dry_run)
        if not done.changed:
            typer.echo(f"{done.excerpt}: span {list(done.new)} fits already")
            continue
        was = f"was {list(done.old)}" if done.old is not None else "had none"
        typer.echo(f"{done.excerpt}: span {list(done.new)} at line {done.line} ({was})")
        if not dry_run:
            typer.echo(f"egovcode: wrote {done.file}", err=True)


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    excerpt_app.command("add")(guarded(add))
    excerpt_app.command("respan")(guarded(respan))
    app.add_typer(excerpt_app, name="excerpt")
