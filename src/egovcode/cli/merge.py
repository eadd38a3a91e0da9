"""``egovcode merge``: write the coders' consensus into the case files."""

from __future__ import annotations

from typing import Annotated

import typer

from egovcode.cli.analysis_options import FormatOpt, TableFormat
from egovcode.cli.options import ProjectOpt


def merge(
    project: ProjectOpt = None,
    rule: Annotated[
        str,
        typer.Option(
            "--rule",
            "-r",
            metavar="unanimous|majority|prefer:CODER",
            help="How disputed codes are decided.",
        ),
    ] = "unanimous",
    force: Annotated[
        bool,
        typer.Option("--force", help="Overwrite codes and valences edited by hand in case files."),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="Show the plan; write nothing.")
    ] = False,
    fmt: FormatOpt = TableFormat.table,
) -> None:
    """Write the coders' consensus into the case files, losing no coder's codes.

    Per excerpt, among the coders who rated it: unanimous applies the codes every one of them
    applied; majority those more than half applied (a tie is left unresolved); prefer:CODER
    that coder's codes where they rated the excerpt, majority elsewhere. Valence likewise, else
    unchanged. Disputed codes are listed, and every coder's codes are kept in
    codings/_merge/<case>.yaml; the coder files are never changed. Only `codes` and `valence` of
    the case files are edited, in place: comments and layout stay. Codes edited by hand since
    the last merge (or never merged) are not overwritten without --force. Details:
    docs/coders.md.

    Exit code 0: merged, nothing left open; 1: conflicts with hand edits or unresolved disputes
    left (listed), or project errors; 2: usage error.

    Example:

        egovcode merge --rule majority --dry-run
        egovcode merge --rule prefer:ana
    """
    from egovcode.analyze.merge_tables import merge_tables
    from egovcode.cli.errors import Exit
    from egovcode.cli.options import load_valid_project
    from egovcode.cli.tables import emit
    from egovcode.interchange.merge_write import merge as run_merge

    outcome = run_merge(load_valid_project(project), rule, force=force, dry_run=dry_run)
    plan = outcome.plan
    emit(fmt.value, merge_tables(plan), plan.to_dict())
    for name in outcome.written:
        typer.echo(f"egovcode: wrote {name}", err=True)
    conflicts, unresolved = len(plan.conflicts), len(plan.unresolved)
    summary = f"{len(plan.excerpts)} excerpt(s) by {plan.rule}: " + (
        "dry run, nothing written" if dry_run else f"{len(outcome.written)} file(s) written"
    )
    if conflicts:
        summary += f"; {conflicts} conflict(s) with hand edits left (--force to overwrite)"
    if unresolved:
        summary += f"; {unresolved} excerpt(s) with unresolved disputes"
    typer.echo(f"egovcode: merge of {summary}.", err=True)
    raise typer.Exit(Exit.OK if plan.clean else Exit.PROBLEMS)


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    app.command()(guarded(merge))
