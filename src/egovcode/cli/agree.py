"""``egovcode agree``: intercoder agreement on the coder files, or on a long CSV table."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from egovcode.cli.analysis_options import FormatOpt, TableFormat
from egovcode.cli.options import ProjectOpt


class AgreeLevel(StrEnum):
    code = "code"
    component = "component"


class AgreeBy(StrEnum):
    case = "case"


class AgreeOn(StrEnum):
    codes = "codes"
    valence = "valence"


class TableMode(StrEnum):
    single = "single"
    multi = "multi"


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def agree(
    project: ProjectOpt = None,
    coders: Annotated[
        list[str] | None,
        typer.Option(
            "--coders",
            metavar="A,B,...",
            help="Compare only these coders (comma-separated or repeated; default: all).",
            show_default=False,
        ),
    ] = None,
    code: Annotated[
        list[str] | None,
        typer.Option(
            "--code",
            metavar="CODE",
            help="Report only this code, as applied at --level (repeat it or separate codes "
            "with commas; default: every code a coder applied).",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        AgreeBy | None,
        typer.Option("--by", help="case: one set of results per case.", show_default=False),
    ] = None,
    level: Annotated[
        AgreeLevel | None,
        typer.Option(
            "--level",
            help="code (default): each code as applied; component: sub-codes rolled up into "
            "their component.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        AgreeOn | None,
        typer.Option(
            "--on",
            help="codes (default): each code present or absent per excerpt; valence: the "
            "valence each coder gave, one category per excerpt.",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    fmt: FormatOpt = TableFormat.table,
    table: Annotated[
        Path | None,
        typer.Option(
            "--table",
            metavar="FILE.csv",
            help="Read a long CSV (header unit,coder,code) instead of the project's coder files.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    mode: Annotated[
        TableMode | None,
        typer.Option(
            "--mode",
            help="With --table: single (one category per unit and coder) or multi (each code "
            "present or absent).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    show_disagreements: Annotated[
        bool,
        typer.Option(
            "--disagreements/--no-disagreements", help="List the units whose coders differ."
        ),
    ] = True,
) -> None:
    """Measure intercoder agreement per code and overall, and list the disagreements.

    Percent agreement, Krippendorff's alpha (nominal), Fleiss' kappa and Cohen's kappa for every
    pair of coders, on the coder files (codings/<coder>/<case>.yaml) or on a long CSV table. Each
    code is present or absent per excerpt; an excerpt a coder did not rate is missing, not
    absent. With --on valence the valences are compared instead (one category per excerpt; a
    coding without a valence is missing). The disagreement list shows each excerpt's text.
    A statistic with nothing to measure is shown as undefined (—), never as 0 or as 1.
    The bands (Landis & Koch; Krippendorff's .667 and .800) are shown as conventions.
    Definitions: docs/agreement.md; coder files: docs/coders.md.

    Exit code 0: reported; 1: no coder files, project errors or table errors (each on stderr as
    file:line:col); 2: usage error.

    Example:

        egovcode agree --coders ana,budi --level component
        egovcode agree --on valence --by case
        egovcode agree --table codings.csv --mode single --format json
    """
    from egovcode.analyze.agreement import AgreementTableError
    from egovcode.analyze.agreement_tables import report_tables
    from egovcode.analyze.coders import project_agreement, table_agreement
    from egovcode.cli.errors import CliError, Exit
    from egovcode.cli.options import load_valid_project
    from egovcode.cli.tables import emit

    if table is not None:
        if mode is None:
            raise CliError("--table needs --mode single or --mode multi.")
        if by is not None or level is not None or on is not None:
            raise CliError("--by, --level and --on work on the project's coder files, not --table.")
        try:
            result = table_agreement(
                table,
                mode.value,
                coders=_split(coders) or None,
                codes=_split(code) or None,
                with_disagreements=show_disagreements,
            )
        except AgreementTableError as exc:
            for p in exc.problems:
                sys.stderr.write(f"{table}:{p.line}:{p.column}: [error] {p.message} ({p.code})\n")
            raise CliError(
                f"{table} has {len(exc.problems)} problem(s); the format is in docs/agreement.md.",
                Exit.PROBLEMS,
            ) from None
    else:
        if mode is not None:
            raise CliError("--mode goes with --table FILE.csv.")
        if on is AgreeOn.valence and level is not None:
            raise CliError("--level goes with --on codes; valences have no levels.")
        result = project_agreement(
            load_valid_project(project),
            coders=_split(coders) or None,
            codes=_split(code) or None,
            level=(level or AgreeLevel.code).value,
            by=by.value if by else None,
            with_disagreements=show_disagreements,
            on=(on or AgreeOn.codes).value,
        )
    display = fmt.value in ("table", "md")
    emit(fmt.value, report_tables(result, display), result.to_dict())


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    app.command()(guarded(agree))
