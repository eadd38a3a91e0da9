"""The ``egovcode`` typer application with every command, and its single exit point."""

from __future__ import annotations

from egovcode.cli.root import build, run

#: Command modules; each has ``register(app)``. One line per command group.
COMMANDS = (
    "egovcode.cli.validate",
    "egovcode.cli.codebook",
    "egovcode.cli.tally",
    "egovcode.cli.cooccur",
    "egovcode.cli.query",
    "egovcode.cli.export",
    "egovcode.cli.export_refi",
    "egovcode.cli.init",
    "egovcode.cli.render",
    "egovcode.cli.agree",
    "egovcode.cli.merge",
    "egovcode.cli.cache",
    "egovcode.cli.schema",
    "egovcode.cli.code",
    "egovcode.cli.codings",
    "egovcode.cli.suggest",
    "egovcode.cli.importing",
    "egovcode.cli.serve",
    "egovcode.cli.excerpt",
)

app = build(COMMANDS)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; turn every exception into a message and a documented exit code.

    Usage errors (unknown option, bad value) are reported by typer itself with exit code 2.
    """
    run(app, argv)
