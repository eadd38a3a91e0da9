"""Options and helpers shared by the commands that write project files."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from egovcode.load.project import Project


class EditFormat(StrEnum):
    text = "text"
    json = "json"


EditFormatOpt = Annotated[
    EditFormat,
    typer.Option(
        "--format",
        "-f",
        help="What to print: text (for people) or json (the library's result).",
        case_sensitive=False,
    ),
]
ValenceOpt = Annotated[
    str | None,
    typer.Option(
        "--valence",
        metavar="VALENCE",
        help="supporting, inhibiting or neutral.",
        show_default=False,
    ),
]
MemoOpt = Annotated[
    str | None,
    typer.Option("--memo", metavar="TEXT", help="A note on the excerpt.", show_default=False),
]


def load_for_edit(project: Path | None) -> Project:
    """Load the project without requiring it to be free of errors: an edit checks the file it
    changes (and refuses one with errors of its own), so a typo elsewhere does not block coding."""
    from egovcode.cli.options import project_root
    from egovcode.load.project import load_project

    return load_project(project_root(project))


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
