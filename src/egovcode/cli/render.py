"""``egovcode render``: the cross-case report, as Markdown or one self-contained HTML page."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from egovcode.cli.analysis_options import PseudonymiseOpt
from egovcode.cli.options import ForceOpt, LangOpt, ProjectOpt


class ReportFormat(StrEnum):
    md = "md"
    html = "html"


def render(
    project: ProjectOpt = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (default: stdout; refused if it exists, unless --force).",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="md or html (default: the project's `format`).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    lang: LangOpt = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            "-t",
            metavar="NAME|PATH",
            help="A template NAME (looked up in the project's "
            "templates/, then the defaults) or the PATH of a template file.",
            show_default=False,
        ),
    ] = None,
    case: Annotated[
        list[str] | None,
        typer.Option(
            "--case",
            "-c",
            metavar="ID",
            help="Report only this case id; repeat it or separate ids "
            "with commas (default: every case).",
            show_default=False,
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="Print this date (YYYY-MM-DD) on the report. Without it, "
            "SOURCE_DATE_EPOCH is used if set; otherwise the report has no date.",
            show_default=False,
        ),
    ] = None,
    pseudonymise: PseudonymiseOpt = None,
    force: ForceOpt = False,
) -> None:
    """Render the cross-case report as Markdown or one self-contained HTML page.

    The default report has the method, case profiles (index scores), coverage of the components,
    one section per component with quoted evidence, goal achievement, supporting and inhibiting
    factors, absences of evidence, the codebook and the provenance of every input file.

    Markdown goes to stdout unless -o is given; HTML is one self-contained page (inline CSS and
    SVG charts, nothing fetched). The same inputs always give the same bytes. Templates are
    documented in docs/templates.md. Exit code 0: written; 1: project or template errors;
    2: usage error (unknown case, template or date).

    Example:

        egovcode render --lang id --format html -o laporan.html
    """
    from egovcode.analyze.agreement_summary import agreement_summary
    from egovcode.cli.analysis_options import wants_pseudonyms
    from egovcode.cli.options import load_valid_project, prepare_output, resolve_lang
    from egovcode.output import write_atomic
    from egovcode.report import render_report
    from egovcode.report.render import report_date

    writing = prepare_output(output, project, force=force)
    loaded = load_valid_project(project)
    if wants_pseudonyms(pseudonymise, loaded):
        from egovcode.interchange.pseudonym import pseudonymise as pseudonymise_project

        loaded = pseudonymise_project(loaded)
    cases = [c.strip() for value in case or [] for c in value.split(",") if c.strip()]
    text = render_report(
        loaded,
        fmt=(fmt.value if fmt else loaded.config.format),
        lang=resolve_lang(lang, loaded),
        template=template,
        cases=cases or None,
        date=report_date(date),
        agreement=agreement_summary(loaded, resolve_lang(lang, loaded)),
    )
    if writing:
        assert output is not None
        write_atomic(output, text, force=force)
        typer.echo(f"egovcode: wrote {output}", err=True)
    else:
        typer.echo(text, nl=False)


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    app.command()(guarded(render))
