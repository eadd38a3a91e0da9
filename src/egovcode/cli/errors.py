"""Exit codes, and the one place where exceptions become a clean message."""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from enum import IntEnum
from typing import NoReturn, ParamSpec, TypeVar

import typer

from egovcode.errors import EgovcodeError

P = ParamSpec("P")
R = TypeVar("R")


class Exit(IntEnum):
    """Process exit codes; documented in the README."""

    OK = 0
    PROBLEMS = 1
    USAGE = 2
    INTERNAL = 70


class CliError(Exception):
    """A failure to report to the user as one sentence, with an exit code."""

    def __init__(self, message: str, code: Exit = Exit.USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Wrap a command so expected failures print one sentence to stderr and exit cleanly."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except CliError as exc:
            _fail(exc.message, int(exc.code))
        except EgovcodeError as exc:
            _fail(str(exc), exc.exit_code)

    if func.__doc__:
        wrapper.__doc__ = reflow(func.__doc__)
    return wrapper


def reflow(doc: str) -> str:
    """A command's docstring as help text: each prose paragraph on one line, so the help page
    wraps it at the terminal's width instead of keeping the source's line breaks; list items
    likewise one per line; indented blocks (examples) exactly as written."""
    paragraphs = []
    for paragraph in inspect.cleandoc(doc).split("\n\n"):
        lines = paragraph.split("\n")
        if lines[0].startswith(("- ", "* ")):
            items: list[str] = []
            for line in lines:
                if line.startswith(("- ", "* ")) or not items:
                    items.append(line.rstrip())
                else:
                    items[-1] += " " + line.strip()
            paragraphs.append("\n".join(items))
        elif any(line[:1].isspace() for line in lines):
            paragraphs.append(paragraph)
        else:
            paragraphs.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(paragraphs)


def _fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"egovcode: error: {message}\n")
    raise typer.Exit(code)
