"""``egovcode export qdc|qdpx``: the codebook or project for ATLAS.ti, NVivo, MAXQDA, QualCoder."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from egovcode.cli.analysis_options import PseudonymiseOpt
from egovcode.cli.options import ForceOpt, LangOpt, ProjectOpt, output_path

if TYPE_CHECKING:
    from egovcode.interchange.refi import ExportResult

RefiOutputOpt = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        help="File to write (refused if it exists, unless --force).",
        dir_okay=False,
        parser=output_path,
        metavar="<file>",
        show_default=False,
    ),
]


class LineEndings(StrEnum):
    lf = "lf"
    crlf = "crlf"


def qdc_command(
    output: RefiOutputOpt,
    project: ProjectOpt = None,
    lang: LangOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write the codebook as a REFI-QDA codebook (.qdc) that ATLAS.ti, NVivo, MAXQDA and
    QualCoder import.

    Codes keep their hierarchy; each code's Description holds its definition with the inclusion,
    exclusion and examples appended. GUIDs are stable (derived from the code ids), so a second
    export gives the same bytes. A loss report on stderr lists what the format cannot hold.

    Example:

        egovcode export qdc -o indrajit.qdc
    """
    from egovcode.cli.options import load_valid_project, prepare_output, resolve_lang
    from egovcode.interchange.refi.export import export_qdc

    prepare_output(output, project, force=force)  # checked before any work
    loaded = load_valid_project(project)
    result = export_qdc(loaded, resolve_lang(lang, loaded))
    _write(output, result, force)


def qdpx_command(
    output: RefiOutputOpt,
    project: ProjectOpt = None,
    lang: LangOpt = None,
    line_endings: Annotated[
        LineEndings,
        typer.Option(
            "--line-endings",
            help="Line ends of the exported texts; crlf for MAXQDA (positions are recomputed).",
            case_sensitive=False,
        ),
    ] = LineEndings.lf,
    pseudonymise: PseudonymiseOpt = None,
    force: ForceOpt = False,
) -> None:
    """Write the project as a REFI-QDA project (.qdpx): project.qde plus sources/<GUID>.txt.

    Sources with a text file export it, with their excerpts as selections at their spans; other
    sources get a text assembled from their excerpts. Coders become users, coder files one Coding
    per coder, cases carry typed variables, valence travels as a non-codable code group. The same
    project gives the same bytes. A loss report on stderr lists what the format cannot hold.

    With --pseudonymise, interview sources travel under their pseudonyms (informant-N), without
    their citation, URL, note or attributes, and with a text assembled from their excerpts
    instead of the full transcript, which names its people.

    Example:

        egovcode export qdpx -o study.qdpx
    """
    from egovcode.cli.analysis_options import as_wanted
    from egovcode.cli.options import load_valid_project, prepare_output, resolve_lang
    from egovcode.interchange.refi.export import export_qdpx

    prepare_output(output, project, force=force)  # checked before any work
    loaded = load_valid_project(project)
    loaded = as_wanted(pseudonymise, loaded)
    result = export_qdpx(loaded, resolve_lang(lang, loaded), crlf=line_endings is LineEndings.crlf)
    _write(output, result, force)


def _write(output: Path, result: ExportResult, force: bool) -> None:
    from egovcode.output import write_atomic

    write_atomic(output, result.data, force=force)
    summary = ", ".join(f"{n} {what}" for what, n in result.counts.items())
    typer.echo(f"egovcode: wrote {output} ({summary})", err=True)
    for warning in result.warnings:
        typer.echo(f"egovcode: warning: {warning}", err=True)
    if result.loss:
        typer.echo("Loss report (what REFI-QDA cannot hold):", err=True)
        for what, n in sorted(result.loss.items()):
            typer.echo(f"  {n:>5}  {what}", err=True)
    else:
        typer.echo("Loss report: nothing lost.", err=True)


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded
    from egovcode.cli.export import export_app

    export_app.command("qdc")(guarded(qdc_command))
    export_app.command("qdpx")(guarded(qdpx_command))
