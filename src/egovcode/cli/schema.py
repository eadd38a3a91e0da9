"""``egovcode schema``: the JSON Schema of a file format, for editors and CI."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from egovcode.cli.options import ForceOpt, output_path


class SchemaName(StrEnum):
    codebook = "codebook"
    case = "case"
    coder = "coder"
    config = "config"


def schema(
    name: Annotated[
        SchemaName, typer.Argument(help="Which format: codebook, case, coder or config.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (refused if it exists, unless --force); default: stdout.",
            dir_okay=False,
            parser=output_path,
            metavar="<file>",
            show_default=False,
        ),
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Print the JSON Schema of a file format, generated from egovcode's own models.

    Point yaml-language-server at it (VS Code's YAML extension, Neovim's yamlls) for completion
    and live validation; `egovcode init` writes the schemas and the comment that names them.

    Example:

        egovcode schema case -o case.schema.json
    """
    from egovcode.cli.options import prepare_output
    from egovcode.output import write_atomic
    from egovcode.schemas import schema_text

    text = schema_text(name.value)
    if output is None or not prepare_output(output, None, force=force):
        from egovcode.cli.pipes import write_data

        write_data(text)
        return
    write_atomic(output, text, force=force)
    typer.echo(f"egovcode: wrote {output}", err=True)


def register(app: typer.Typer) -> None:
    from egovcode.cli.errors import guarded

    app.command()(guarded(schema))
