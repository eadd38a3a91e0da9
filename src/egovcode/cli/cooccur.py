"""``egovcode cooccur``: which codes are applied to the same excerpts."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from egovcode.cli.analysis_options import FormatOpt, LevelChoice, LevelOpt, TableFormat
from egovcode.cli.options import LangOpt, ProjectOpt


class MeasureChoice(StrEnum):
    COUNT = "count"
    JACCARD = "jaccard"
    CONDITIONAL = "conditional"


def cooccur_command(
    project: ProjectOpt = None,
    measure: Annotated[
        MeasureChoice,
        typer.Option(
            "--measure",
            "-m",
            help="count: excerpts with both codes; jaccard: both / either; conditional: "
            "P(column code | row code).",
            case_sensitive=False,
        ),
    ] = MeasureChoice.COUNT,
    case: Annotated[
        list[str] | None,
        typer.Option(
            "--case",
            metavar="ID",
            help="Only excerpts of this case (repeat for several).",
            show_default=False,
        ),
    ] = None,
    level: LevelOpt = LevelChoice.component,
    fmt: FormatOpt = TableFormat.table,
    lang: LangOpt = None,
) -> None:
    """Count how often two codes are applied to the same excerpt.

    The unit is the excerpt: the diagonal is the number of excerpts carrying a code, and at the
    component level an excerpt coded APP and APP.PORTAL counts once for APP. Also lists every
    pair of codes that share an excerpt, with all three measures.

    Example:

        egovcode cooccur --measure jaccard --case kediri
    """
    from egovcode.analyze.cooccur import cooccur
    from egovcode.cli.options import load_valid_project, resolve_lang
    from egovcode.cli.tables import emit

    loaded = load_valid_project(project)
    result = cooccur(
        loaded,
        measure=measure.value,
        level=level.value,
        cases=case or [],
        lang=resolve_lang(lang, loaded),
    )
    emit(fmt.value, result.tables(), result.to_dict())


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    app.command("cooccur")(guarded(cooccur_command))
