"""The ``egovcode`` typer application: its root options, and an app with some or all commands.

``egovcode.cli.app`` builds the app with every command (for tests, the docs and completion); the
entry point builds one with only the command being run, so a run imports that command's module
and not the other eighteen (``egovcode.cli.helppage`` names each command's modules).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from egovcode import __version__
from egovcode.cli.errors import Exit
from egovcode.cli.helppage import APP_HELP, ROOT_OPTIONS
from egovcode.cli.pipes import ReaderGone, finish, is_broken_pipe, reader_gone, stdout_is_null


class _Group(TyperGroup):
    """The root command: a closed pipe while parsing (``--help | head``) or running a command
    becomes ``ReaderGone``, which ``main`` ends quietly, instead of click's exit 1."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except typer.BadParameter as exc:
            exc.message = _plain(exc.message)
            raise
        except OSError as exc:
            if is_broken_pipe(exc):
                raise ReaderGone from exc
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.BadParameter as exc:
            exc.message = _plain(exc.message)
            raise
        except OSError as exc:
            if is_broken_pipe(exc):
                raise ReaderGone from exc
            raise


_ROOT_HELP = {option.long: option.help for option in ROOT_OPTIONS}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"egovcode {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_ROOT_HELP["--version"]),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", help=_ROOT_HELP["--debug"]),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help=_ROOT_HELP["--no-cache"]),
    ] = False,
) -> None:
    """egovcode: qualitative coding for e-government case studies."""
    if debug:
        os.environ["EGOVCODE_DEBUG"] = "1"
    if no_cache:
        os.environ["EGOVCODE_NO_CACHE"] = "1"


def _flags_show_no_type() -> None:
    """A flag takes no value, so its help shows no type (typer would print ``<bool>``)."""
    from typer.core import TyperOption

    shown = TyperOption.display_type_rich

    def display_type_rich(self: TyperOption, ctx: typer.Context) -> str | None:
        return None if self.is_flag else shown(self, ctx)

    TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign,assignment]


_flags_show_no_type()


def build(modules: Iterable[str]) -> typer.Typer:
    """The app with the root options and the commands that ``modules`` register, in order."""
    app = typer.Typer(
        cls=_Group,
        name="egovcode",
        help=APP_HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)
    for name in modules:
        importlib.import_module(name).register(app)
    return app


def run(app: typer.Typer, argv: list[str] | None = None) -> None:
    """Run the CLI; turn every exception into a message and a documented exit code.

    Usage errors (unknown option, bad value) are reported by typer itself with exit code 2.
    """
    _tolerant_streams()
    null_at_start = stdout_is_null()
    try:
        app(args=argv, prog_name="egovcode")
    except SystemExit as exc:
        if stdout_is_null() and not null_at_start:
            reader_gone()  # rich met a closed pipe, pointed stdout at the null device and exited 1
        finish(_exit_code(exc.code))
    except ReaderGone:
        reader_gone()
    except Exception as exc:  # the one place that catches everything
        if os.environ.get("EGOVCODE_DEBUG") == "1":
            import traceback

            traceback.print_exception(exc)  # a plain traceback never shows local variables
        else:
            sys.stderr.write(
                f"egovcode: internal error: {type(exc).__name__}: {exc}\n"
                "Run again with --debug for a traceback, and report it as a bug.\n"
            )
        sys.exit(int(Exit.INTERNAL))


#: Prefixes pydantic puts before the message of a value typer could not convert ("Value error,
#: 'xml' is not one of …"); the user sees the message alone.
_VALIDATION_PREFIXES = ("Value error, ", "Assertion failed, ")


def _plain(message: str) -> str:
    for prefix in _VALIDATION_PREFIXES:
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def _exit_code(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")  # sys.exit("message"), as Python itself would print it
    return 1


def _tolerant_streams() -> None:
    """Keep printing when stdout or stderr cannot encode every character (``PYTHONIOENCODING=
    ascii``, a latin-1 terminal): such characters are written as ``\\u`` escapes instead of
    ending the run with an encoding error. UTF-8 streams are left as they are."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        reconfigure = getattr(stream, "reconfigure", None)
        if encoding not in ("utf8", "utf8sig") and reconfigure is not None:
            reconfigure(errors="backslashreplace")
