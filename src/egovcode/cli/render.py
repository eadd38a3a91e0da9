"""``egovcode render``: the cross-case report, as Markdown or one self-contained HTML page."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from egovcode.cli.analysis_options import PseudonymiseOpt
from egovcode.cli.options import ForceOpt, LangOpt, ProjectOpt, output_path

if TYPE_CHECKING:
    from egovcode.load.project import Project


class ReportFormat(StrEnum):
    md = "md"
    html = "html"
    docx = "docx"


class Appendix(StrEnum):
    full = "full"
    compact = "compact"
    none = "none"


def render(
    project: ProjectOpt = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (default: stdout; refused if it exists, unless --force).",
            dir_okay=False,
            parser=output_path,
            metavar="<file>",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="md, html or docx (default: from the -o file's extension, else the "
            "project's `format`).",
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
    quotes: Annotated[
        str,
        typer.Option(
            "--quotes",
            metavar="N|all",
            help="Quote the key quotes and at most N other excerpts per component and case "
            "(taken in turn from each source), or all of them.",
        ),
    ] = "3",
    appendix: Annotated[
        Appendix,
        typer.Option(
            "--appendix",
            help="The codebook appendix: full (with inclusion and exclusion criteria), "
            "compact (labels and definitions) or none.",
            case_sensitive=False,
        ),
    ] = Appendix.compact,
    evidence: Annotated[
        bool,
        typer.Option(
            "--evidence",
            help="Add every coded excerpt as an appendix (collapsible in HTML).",
        ),
    ] = False,
    pseudonymise: PseudonymiseOpt = None,
    force: ForceOpt = False,
) -> None:
    """Render the cross-case report as Markdown, one self-contained HTML page or a Word file.

    The default report has the method, case profiles (index scores), coverage of the components,
    one section per component with quoted evidence, goal achievement, supporting and inhibiting
    factors, absences of evidence, the codebook and the provenance of every input file.

    With a synthesis.yaml in the project, the report opens with its title page and executive
    summary and puts the analyst's conclusion first in each component section.

    The format follows the -o file's extension (.md, .html, .docx) unless --format says it; a
    --format that contradicts the extension is a usage error. Markdown goes to stdout unless -o
    is given; HTML is one self-contained page (inline CSS and SVG charts, nothing fetched); Word
    needs the `docx` extra (pip install "egovcode[docx]"). The same inputs always give the same
    bytes. Templates are documented in docs/templates.md. Exit code 0: written; 1: project or
    template errors; 2: usage error (unknown case, template, date or format).

    Example:

        egovcode render --lang id -o laporan.docx
    """
    from egovcode.analyze.agreement_summary import agreement_summary
    from egovcode.cli.analysis_options import as_wanted
    from egovcode.cli.errors import CliError
    from egovcode.cli.options import load_valid_project, prepare_output, resolve_lang
    from egovcode.output import write_atomic
    from egovcode.report import render_report
    from egovcode.report.formats import output_format
    from egovcode.report.quotes import parse_quotes
    from egovcode.report.render import report_date

    limit = parse_quotes(quotes)
    if fmt is not None:  # a contradicting extension is a usage error before any work
        output_format(fmt.value, output)
    writing = prepare_output(output, project, force=force)
    loaded = load_valid_project(project)
    chosen = output_format(fmt.value if fmt else None, output, loaded.config.format)
    loaded = as_wanted(pseudonymise, loaded)
    cases = [c.strip() for value in case or [] for c in value.split(",") if c.strip()]
    report_lang = resolve_lang(lang, loaded)
    when = report_date(date) if date or not _dated(loaded) else None
    agreement = agreement_summary(loaded, report_lang)
    data: str | bytes
    if chosen == "docx":
        from egovcode.report.word import render_docx

        if template is not None:
            raise CliError("--template applies to Markdown and HTML; egovcode builds Word itself.")
        data = render_docx(
            loaded,
            lang=report_lang,
            cases=cases or None,
            date=when,
            agreement=agreement,
            quotes=limit,
            appendix=appendix.value,
            evidence=evidence,
        )
    else:
        data = render_report(
            loaded,
            fmt="html" if chosen == "html" else "md",
            lang=report_lang,
            template=template,
            cases=cases or None,
            date=when,
            agreement=agreement,
            quotes=limit,
            appendix=appendix.value,
            evidence=evidence,
        )
    if writing:
        assert output is not None
        write_atomic(output, data, force=force)
        typer.echo(f"egovcode: wrote {output}", err=True)
    else:
        from egovcode.cli.pipes import write_data

        assert isinstance(data, str)
        write_data(data)


def _dated(project: Project) -> bool:
    """Whether the synthesis file gives the report's date (it wins over SOURCE_DATE_EPOCH)."""
    return project.synthesis is not None and project.synthesis.date is not None


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    app.command()(guarded(render))
