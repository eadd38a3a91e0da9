"""``egovcode import qdpx|qde|qdc``: REFI-QDA projects and codebooks from ATLAS.ti, NVivo,
MAXQDA, QualCoder, Taguette and qc."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from egovcode.cli.options import ForceOpt, LangOpt

if TYPE_CHECKING:
    from egovcode.check.diagnostic import Diagnostic
    from egovcode.interchange.refi.api import ImportResult

FileArg = Annotated[
    Path, typer.Argument(help="The REFI-QDA file to import.", dir_okay=False, show_default=False)
]
IntoOpt = Annotated[
    Path,
    typer.Option(
        "--into",
        help="Project folder to create, or an existing project to merge into.",
        file_okay=False,
        show_default=False,
    ),
]
OntoOpt = Annotated[
    bool,
    typer.Option(
        "--onto-excerpts",
        help="Map each foreign coder's selections onto the project's excerpts they overlap and "
        "write them as coder files (for `egovcode agree`).",
    ),
]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Show what would be written; write nothing.")
]


def _run(path: Path, into: Path, lang: str | None, force: bool, dry_run: bool, onto: bool) -> None:
    from egovcode.cli.errors import CliError, Exit
    from egovcode.interchange.refi.project_write import ImportInvalid

    try:
        if onto:
            from egovcode.interchange.refi.onto import import_onto_excerpts

            result = import_onto_excerpts(path, into, force=force, dry_run=dry_run)
        else:
            from egovcode.interchange.refi.api import import_refi

            result = import_refi(path, into, lang=lang, force=force, dry_run=dry_run)
    except ImportInvalid as exc:
        for diag in exc.diagnostics:
            _diagnostic(diag)
        raise CliError(str(exc), Exit.PROBLEMS) from None
    _report(result, dry_run)
    if any(d.severity.value == "error" for d in result.diagnostics):
        raise CliError("the import found errors (listed above).", Exit.PROBLEMS)


def _diagnostic(diag: Diagnostic) -> None:
    from egovcode.output import printable

    where = printable(diag.file or "")
    if diag.line is not None:
        where += f":{diag.line}" + (f":{diag.column}" if diag.column is not None else "")
    typer.echo(
        f"{where}: [{diag.severity.value}] {printable(diag.message)} ({diag.code})", err=True
    )


def _report(result: ImportResult, dry_run: bool) -> None:
    from egovcode.output import printable

    for diag in result.diagnostics:
        _diagnostic(diag)
    for notice in result.notices:
        typer.echo(f"egovcode: note: {printable(notice)}", err=True)
    verb = "would write" if dry_run else "wrote"
    how = "merged into" if result.merged else "into"
    counts = ", ".join(f"{n} {what}" for what, n in sorted(result.counts.items()) if n)
    typer.echo(
        f"egovcode: {verb} {len(result.files)} file(s) {how} {result.into} from "
        f"{printable(result.origin)} ({counts or 'nothing to import'})",
        err=True,
    )
    if dry_run:
        for name in result.files:
            typer.echo(name)
    if result.skipped:
        total = sum(result.skipped.values())
        typer.echo(f"Skipped ({total}; REFI-QDA elements egovcode does not keep):", err=True)
        for what, n in sorted(result.skipped.items()):
            typer.echo(f"  {n:>5}  {printable(what)}", err=True)
    else:
        typer.echo("Skipped: nothing.", err=True)


def qdpx_command(
    file: FileArg,
    into: IntoOpt,
    lang: LangOpt = None,
    onto_excerpts: OntoOpt = False,
    dry_run: DryRunOpt = False,
    force: ForceOpt = False,
) -> None:
    """Import a REFI-QDA project archive (.qdpx) from ATLAS.ti, NVivo, MAXQDA, QualCoder or qc.

    --into a new folder creates a project: texts kept under texts/ with spans, users as coders,
    cases and variables as case files and attributes, notes as memos, GUIDs in refi/ids.yaml so a
    re-export keeps them. --into an existing project merges, refusing ids that clash. Every
    element left out is listed with counts at the end.

    Example:

        egovcode import qdpx atlas-export.qdpx --into my-study
    """
    _run(file, into, lang, force, dry_run, onto_excerpts)


def qde_command(
    file: FileArg,
    into: IntoOpt,
    lang: LangOpt = None,
    onto_excerpts: OntoOpt = False,
    dry_run: DryRunOpt = False,
    force: ForceOpt = False,
) -> None:
    """Import a bare REFI-QDA project file (.qde); source texts are read from the sources/
    folder beside it.

    Example:

        egovcode import qde export/project.qde --into my-study
    """
    _run(file, into, lang, force, dry_run, onto_excerpts)


def qdc_command(
    file: FileArg,
    into: IntoOpt,
    lang: LangOpt = None,
    dry_run: DryRunOpt = False,
    force: ForceOpt = False,
) -> None:
    """Import a REFI-QDA codebook (.qdc) as a new project's codebook, or merge its codes into
    an existing project's codebook.

    Example:

        egovcode import qdc taguette-codebook.qdc --into my-study
    """
    _run(file, into, lang, force, dry_run, False)


def register(import_app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    import_app.command("qdpx")(guarded(qdpx_command))
    import_app.command("qde")(guarded(qde_command))
    import_app.command("qdc")(guarded(qdc_command))
