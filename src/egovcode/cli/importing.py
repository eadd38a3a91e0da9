"""``egovcode import``: bring outside material into the project, one subcommand per kind."""

from __future__ import annotations

import importlib

import typer

import_app = typer.Typer(
    help="Import transcripts and other material into the project.", no_args_is_help=True
)

#: Subcommand modules; each has ``register(import_app)``. One line per kind of material.
IMPORT_COMMANDS = ("egovcode.cli.import_transcript", "egovcode.cli.import_refi")


def register(app: typer.Typer) -> None:
    for name in IMPORT_COMMANDS:
        importlib.import_module(name).register(import_app)
    app.add_typer(import_app, name="import")
