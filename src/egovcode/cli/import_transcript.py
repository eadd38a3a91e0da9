"""``egovcode import transcript``: transcript files into a case, as texts and uncoded excerpts."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from egovcode.cli.analysis_options import FormatOpt, TableFormat
from egovcode.cli.options import ProjectOpt


class Unit(StrEnum):
    turn = "turn"
    paragraph = "paragraph"


class Kind(StrEnum):
    interview = "interview"
    document = "document"
    online = "online"
    observation = "observation"


def _real_date(value: str | None) -> str | None:
    """``--date`` must be a date that exists: ``2024-02-30`` is a usage error, not stored."""
    from egovcode.model.types import date_problem

    problem = date_problem(value) if value is not None else None
    if problem is not None:
        raise typer.BadParameter(problem[1])
    return value


def transcript(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Transcripts: .txt, .md, .docx, .odt, .vtt or .srt.",
            show_default=False,
            dir_okay=False,
        ),
    ],
    case: Annotated[str, typer.Option("--case", help="The case id to import into.")],
    speakers: Annotated[
        str | None,
        typer.Option(
            "--speakers",
            metavar="LABEL=ROLE,...",
            help="Map every speaker label to a role; the role `interviewer` marks the questions, "
            'e.g. "P=interviewer,I=informant".',
        ),
    ] = None,
    unit: Annotated[
        Unit,
        typer.Option("--unit", help="One excerpt per informant turn, or per paragraph of one."),
    ] = Unit.turn,
    include_interviewer: Annotated[
        bool,
        typer.Option("--include-interviewer", help="Make the interviewer's turns excerpts too."),
    ] = False,
    replace: Annotated[
        list[str] | None,
        typer.Option(
            "--replace",
            metavar="NAME=PSEUDONYM",
            help="Replace a name before the text is frozen (whole words; repeatable).",
        ),
    ] = None,
    informant_role: Annotated[
        str | None,
        typer.Option("--informant-role", help="The informant's role (else the header's Jabatan)."),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Date of the interview: 2024, 2024-03 or 2024-03-01.",
            callback=_real_date,
        ),
    ] = None,
    kind: Annotated[Kind, typer.Option("--kind", help="The kind of source.")] = Kind.interview,
    source: Annotated[
        str | None,
        typer.Option("--source", help="The source id (default: from the file name)."),
    ] = None,
    citation: Annotated[
        str | None, typer.Option("--citation", help="How the source is cited.")
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option("--encoding", help="Encoding of a .txt/.md/.vtt/.srt that is not UTF-8."),
    ] = None,
    case_name: Annotated[
        str | None,
        typer.Option("--case-name", help="Create the case file with this case name if needed."),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace a source text that differs from the file now."),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the turn table; write nothing.")
    ] = False,
    fmt: FormatOpt = TableFormat.table,
    project: ProjectOpt = None,
) -> None:
    """Import transcripts into a case: the text frozen under texts/<case>/, the source and one
    uncoded excerpt per informant turn written into cases/<case>.yaml (comments kept).

    A turn starts at a speaker label at the start of a line (`P:`, `**P:**`, `[P]`, a timestamp
    and a label, a WebVTT voice). Every label must be mapped to a role with --speakers; unmapped
    labels are listed and nothing is imported. Header lines before the first turn (Tanggal,
    Pewawancara, Lokasi, Media, Jabatan, ...) become the source's date, role and attributes.
    Importing the same file again changes nothing; a changed text needs --force. Afterwards the
    project is validated. Details: docs/transcripts.md.

    Exit code 0: imported (or nothing to do); 1: the file cannot be imported as asked, or the
    project has errors afterwards; 2: usage error.

    Example:

        egovcode import transcript wawancara-01.txt --case kediri \\
            --speakers "P=interviewer,I=informant" --replace "Budi Santoso=Informan 1" --dry-run
    """
    from egovcode.cli.errors import CliError, Exit
    from egovcode.cli.options import project_root
    from egovcode.cli.tables import emit
    from egovcode.interchange.transcript.canon import Replacement
    from egovcode.interchange.transcript.errors import UnmappedLabelsError
    from egovcode.interchange.transcript.importer import (
        ImportOptions,
        import_transcripts,
        parse_speakers,
    )
    from egovcode.interchange.transcript.tables import import_tables, label_table

    root = project_root(project)
    options = ImportOptions(
        case=case,
        speakers=parse_speakers(speakers),
        unit=unit.value,
        include_interviewer=include_interviewer,
        informant_role=informant_role,
        date=date,
        kind=kind.value,
        source=source,
        citation=citation,
        replace=tuple(Replacement.parse(r) for r in replace or []),
        encoding=encoding,
        case_name=case_name,
        force=force,
        dry_run=dry_run,
    )
    try:
        outcome = import_transcripts(root, list(files), options)
    except UnmappedLabelsError as exc:
        from egovcode.cli.tables import to_markdown
        from egovcode.output import printable

        typer.echo(f"egovcode: error: {printable(str(exc))}", err=True)
        typer.echo(to_markdown(label_table(exc.labels)), err=True, nl=False)
        raise typer.Exit(Exit.PROBLEMS) from None
    if dry_run or fmt is not TableFormat.table:
        emit(fmt.value, import_tables(outcome), outcome.to_dict())
    for name in outcome.written:
        typer.echo(f"egovcode: wrote {name}", err=True)
    for planned in outcome.sources:
        what = {
            "imported": "imported",
            "updated": "text replaced (--force)",
            "unchanged": "already imported, unchanged",
        }[planned.status]
        if dry_run:
            what = f"dry run, would be {what}" if planned.status != "unchanged" else what
        typer.echo(
            f"egovcode: {planned.file} -> {planned.source}: {what}; "
            f"{len(planned.turns)} turn(s), {len(planned.excerpts)} new excerpt(s).",
            err=True,
        )
    if dry_run or not outcome.written:
        return
    from egovcode.check.validate import validate_project
    from egovcode.cli.reporters import print_diagnostics

    _, report = validate_project(root)
    if report.errors:
        print_diagnostics(report, "text", stderr=True, errors_only=True)
        raise CliError(
            f"the project has {report.errors} error(s) after the import (see `egovcode validate`).",
            Exit.PROBLEMS,
        )
    typer.echo("egovcode: the project validates.", err=True)


def register(import_app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    import_app.command("transcript")(guarded(transcript))
