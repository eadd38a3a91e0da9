"""Options shared by the analysis commands (tally, cooccur, query) and export, defined once."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from egovcode.load.project import Project


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    md = "md"


class LevelChoice(StrEnum):
    component = "component"
    all = "all"


FormatOpt = Annotated[
    TableFormat,
    typer.Option(
        "--format",
        "-f",
        help="Output format: table (for people), csv, json (stable shape) or md.",
        case_sensitive=False,
    ),
]
LevelOpt = Annotated[
    LevelChoice,
    typer.Option(
        "--level",
        help="component: sub-codes roll up into their component; all: every code on its own.",
        case_sensitive=False,
    ),
]
PseudonymiseOpt = Annotated[
    bool | None,
    typer.Option(
        "--pseudonymise/--no-pseudonymise",
        help="Replace informant roles and interview citations by 'Informant 1', 'Informant 2', "
        "... (default: the project's `pseudonymise` setting).",
        show_default=False,
    ),
]


def wants_pseudonyms(option: bool | None, project: Project) -> bool:
    """The option if given, else the project's ``pseudonymise`` setting."""
    return project.config.pseudonymise if option is None else option


def as_wanted(option: bool | None, project: Project) -> Project:
    """``project``, or its pseudonymised copy when :func:`wants_pseudonyms` says so."""
    if not wants_pseudonyms(option, project):
        return project
    from egovcode.interchange.pseudonym import pseudonymise

    return pseudonymise(project)
