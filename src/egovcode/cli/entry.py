"""The ``egovcode`` program's entry point: answers ``--version`` and ``--help`` before loading
the CLI.

Loading typer (and the commands' modules) is most of the start-up time; ``egovcode --version``
needs none of it, and the top-level ``--help`` page is drawn from a light command table
(``egovcode.cli.helppage``), so both are answered here first. Any other command runs in an
app with only that command registered.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run the CLI (see ``egovcode.cli.app.main``); ``--version`` or ``--help`` alone is
    answered at once."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--version"]:
        from egovcode import __version__
        from egovcode.cli.pipes import finish, is_broken_pipe, reader_gone

        try:
            sys.stdout.write(f"egovcode {__version__}\n")
        except OSError as exc:
            if not is_broken_pipe(exc):
                raise
            reader_gone()
        finish(0)
    if args in (["--help"], ["-h"]):
        from egovcode.cli import helppage
        from egovcode.cli.pipes import finish, is_broken_pipe, reader_gone

        try:
            answered = helppage.answer()
        except OSError as exc:  # the reader closed the pipe (egovcode --help | head -3)
            if not is_broken_pipe(exc):
                raise
            reader_gone()
        if answered:
            finish(0)
    from egovcode.cli.helppage import modules_for

    modules = modules_for(args)
    if modules is not None and "_EGOVCODE_COMPLETE" not in os.environ:
        # Only the command being run is registered: the others' modules are never imported.
        # Shell completion (_EGOVCODE_COMPLETE) completes command names: it needs them all.
        from egovcode.cli.root import build, run

        run(build(modules), argv)
        return
    from egovcode.cli.app import main as run_all

    run_all(argv)
