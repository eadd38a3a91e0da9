"""``egovcode tally``: count the coded evidence per code and case (or another dimension)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from egovcode.cli.analysis_options import FormatOpt, LevelChoice, LevelOpt, TableFormat
from egovcode.cli.options import LangOpt, ProjectOpt

ByOpt = Annotated[
    str,
    typer.Option(
        "--by",
        "-b",
        help="Columns: case, source, source-kind, valence, coder or attr:NAME (a case attribute).",
    ),
]


class UnitChoice(StrEnum):
    coding = "coding"
    excerpt = "excerpt"


UnitOpt = Annotated[
    UnitChoice,
    typer.Option(
        "--unit",
        "-u",
        help="What to count: coding (a code on an excerpt) or excerpt (once per row).",
    ),
]


def tally_command(
    project: ProjectOpt = None,
    by: ByOpt = "case",
    level: LevelOpt = LevelChoice.component,
    unit: UnitOpt = UnitChoice.coding,
    fmt: FormatOpt = TableFormat.table,
    lang: LangOpt = None,
) -> None:
    """Count codings per code and case, with totals, shares and supporting vs inhibiting.

    A coding is one code applied to one excerpt. Sub-codes count toward their component (and are
    listed under it with --level all); a component without evidence in a column shows 0. With
    --unit excerpt an excerpt counts once per row however many of the row's codes it carries.
    Share: the row's count divided by the column's total codings (or coded excerpts). A project
    with errors is not counted: the errors go to stderr and the exit code is 1.

    Example:

        egovcode tally --by valence --level all --format md
    """
    from egovcode.analyze.tally import tally
    from egovcode.cli.options import load_valid_project, resolve_lang
    from egovcode.cli.tables import emit

    loaded = load_valid_project(project)
    result = tally(
        loaded, by=by, level=level.value, lang=resolve_lang(lang, loaded), unit=unit.value
    )
    emit(fmt.value, result.tables(), result.to_dict())


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    app.command("tally")(guarded(tally_command))
