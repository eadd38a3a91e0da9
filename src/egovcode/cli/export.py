"""``egovcode export csv|json|sqlite``: the project's data for R, pandas, scripts and SQL."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from egovcode.cli.analysis_options import LevelChoice, LevelOpt, PseudonymiseOpt
from egovcode.cli.options import ForceOpt, LangOpt, ProjectOpt, output_path

export_app = typer.Typer(
    help="Export the project's data: a tidy CSV, one JSON document or a SQLite database.",
    no_args_is_help=True,
)

OutputOpt = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        help="File to write (refused if it exists, unless --force). '-' writes to stdout.",
        dir_okay=False,
        parser=output_path,
        metavar="<file>",
        show_default=False,
    ),
]


def csv_command(
    output: OutputOpt,
    project: ProjectOpt = None,
    matrix: Annotated[
        bool, typer.Option("--matrix", help="Write the excerpt x code 0/1 matrix instead.")
    ] = False,
    level: LevelOpt = LevelChoice.component,
    pseudonymise: PseudonymiseOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write a tidy CSV: one row per coding (case, excerpt, source, source_kind, valence, coder,
    code, component, text), ready for R and pandas.

    With --matrix: one row per excerpt and one 0/1 column per component (per code with --level
    all). With --pseudonymise, interview sources are named by their pseudonymous ids
    (informant-N) in the source column, as in every other output.

    Example:

        egovcode export csv -o codings.csv
    """
    from egovcode.cli.analysis_options import as_wanted
    from egovcode.cli.options import load_valid_project, prepare_output
    from egovcode.interchange import csv_export

    prepare_output(output, project, force=force)
    loaded = load_valid_project(project)
    loaded = as_wanted(pseudonymise, loaded)
    if matrix:
        columns = csv_export.matrix_columns(loaded, level.value)
        rows: Iterable[Sequence[Any]] = csv_export.matrix_rows(loaded, level.value)
    else:
        columns, rows = csv_export.LONG_COLUMNS, csv_export.long_rows(loaded)
    _write_stream(output, lambda out: csv_export.write_csv(out, columns, rows), force, "rows")


def json_command(
    output: OutputOpt,
    project: ProjectOpt = None,
    pseudonymise: PseudonymiseOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write the whole project (codebook, cases, sources, excerpts, codings) as one JSON document.

    The shape is documented in docs/analysis.md and stays stable within a format_version.

    Example:

        egovcode export json -o project.json --pseudonymise
    """
    from egovcode.cli.analysis_options import wants_pseudonyms
    from egovcode.cli.options import load_valid_project, prepare_output
    from egovcode.interchange.json_export import export_json

    prepare_output(output, project, force=force)
    loaded = load_valid_project(project)
    text = export_json(loaded, pseudonymise=wants_pseudonyms(pseudonymise, loaded))
    _write_text(output, text, force, "cases", len(loaded.cases))


def sqlite_command(
    output: OutputOpt,
    project: ProjectOpt = None,
    lang: LangOpt = None,
    pseudonymise: PseudonymiseOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write a normalised SQLite database (cases, indices, sources, excerpts, codes, codings).

    Opens directly in Datasette, DuckDB, R (RSQLite) and the sqlite3 shell; the view
    coding_facts has one row per coding. --lang sets the language of codes.label.

    Example:

        egovcode export sqlite -o egov.db --force
    """
    from egovcode.cli.analysis_options import wants_pseudonyms
    from egovcode.cli.errors import CliError
    from egovcode.cli.options import load_valid_project, prepare_output, resolve_lang
    from egovcode.interchange.sqlite_export import export_sqlite

    if str(output) == "-":
        raise CliError("a SQLite database cannot be written to stdout; give a file name.")
    prepare_output(output, project, force=force)
    loaded = load_valid_project(project)
    counts = export_sqlite(
        output,
        loaded,
        lang=resolve_lang(lang, loaded),
        pseudonymise=wants_pseudonyms(pseudonymise, loaded),
        force=force,
    )
    _report(output, "codings", counts["codings"])


def _write_text(output: Path, text: str, force: bool, what: str, count: int) -> None:

    from egovcode.output import write_atomic

    if str(output) == "-":
        from egovcode.cli.pipes import write_data

        write_data(text)
        return
    write_atomic(output, text, force=force)
    _report(output, what, count)


def _write_stream(output: Path, write: Callable[[TextIO], int], force: bool, what: str) -> None:
    """Let ``write`` write to the output as it produces (to stdout for '-'), never holding the
    whole text; ``write`` returns the count reported."""
    from egovcode.output import write_atomic_with

    if str(output) == "-":
        write(_DataOut())
        return
    counted: list[int] = []

    def fill(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            counted.append(write(out))

    write_atomic_with(output, fill, force=force)
    _report(output, what, counted[0])


class _DataOut(io.StringIO):
    """stdout for data: each write goes out as UTF-8 whatever the terminal's encoding."""

    def write(self, text: str) -> int:
        from egovcode.cli.pipes import write_data

        write_data(text)
        return len(text)


def _report(output: Path, what: str, count: int) -> None:
    typer.echo(f"egovcode: wrote {output} ({count} {what})", err=True)


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    export_app.command("csv")(guarded(csv_command))
    export_app.command("json")(guarded(json_command))
    export_app.command("sqlite")(guarded(sqlite_command))
    app.add_typer(export_app, name="export")
