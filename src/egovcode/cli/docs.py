"""Generate ``docs/cli.md`` from every command's ``--help``: ``python -m egovcode.cli.docs``."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HEADER = """# Command reference

Generated from the real `--help` of every command by `python -m egovcode.cli.docs`; a test fails
when this page is stale.
"""


def commands() -> Iterator[tuple[list[str], Any]]:
    """Every command and group as (path of names, click command), depth first, sorted."""
    import typer

    from egovcode.cli.app import app

    root = typer.main.get_command(app)

    def walk(path: list[str], cmd: Any) -> Iterator[tuple[list[str], Any]]:
        yield path, cmd
        for name in sorted(getattr(cmd, "commands", {}) or {}):
            yield from walk([*path, name], cmd.commands[name])

    yield from walk([], root)


def help_text(path: list[str]) -> str:
    from typer.testing import CliRunner

    from egovcode.cli.app import app

    os.environ["COLUMNS"] = "100"
    result = CliRunner().invoke(
        app, [*path, "--help"], env={"NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}
    )
    return "\n".join(line.rstrip() for line in result.stdout.splitlines()).strip() + "\n"


def render() -> str:
    parts = [HEADER]
    for path, _ in commands():
        title = " ".join(["egovcode", *path])
        parts.append(f"\n## `{title}`\n\n```text\n{help_text(path)}```\n")
    return "".join(parts)


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path("docs/cli.md")
    target.write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
