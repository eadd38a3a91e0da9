"""The light ``egovcode --help`` page cannot drift from the typer app's own page."""

from __future__ import annotations

import io
import re

import pytest
import typer
from typer import rich_utils
from typer.testing import CliRunner

from egovcode.cli import entry, helppage
from egovcode.cli.app import app

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _typer_page(width: int) -> str:
    result = CliRunner().invoke(
        app, ["--help"], env={"COLUMNS": str(width), "NO_COLOR": "1", "FORCE_COLOR": None}
    )
    assert result.exit_code == 0
    return result.stdout


def test_commands_and_summaries_are_the_apps() -> None:
    group = typer.main.get_group(app)
    ctx = typer.Context(group, info_name="egovcode")
    listed = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if command.hidden:
            continue
        summary = rich_utils._make_command_help(
            help_text=command.short_help or command.help or "", markup_mode="rich"
        )
        listed.append((name, summary.plain))
    assert [(c.name, c.summary) for c in helppage.COMMANDS] == listed


def test_every_command_module_belongs_to_one_command() -> None:
    from egovcode.cli.app import COMMANDS as MODULES

    listed = [m for command in helppage.COMMANDS for m in command.modules]
    assert sorted(listed) == sorted(MODULES)


def _pages(app: typer.Typer, path: list[str]) -> dict[str, str]:
    """The help page of ``path`` and, for a group, of each of its sub-commands."""
    pages = {}
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"})
    pages[" ".join(path)] = result.stdout
    if len(path) == 1:
        group = typer.main.get_group(app)
        command = group.get_command(typer.Context(group), path[0])
        for name in getattr(command, "commands", {}):
            pages.update(_pages(app, [*path, name]))
    return pages


@pytest.mark.parametrize("command", helppage.COMMANDS, ids=lambda c: c.name)
def test_an_app_of_one_command_is_the_full_apps_command(command: helppage.Command) -> None:
    """The entry point runs each command in an app with only its modules registered."""
    from egovcode.cli.root import build

    alone = build(command.modules)
    group = typer.main.get_group(alone)
    assert group.list_commands(typer.Context(group)) == [command.name]
    assert _pages(alone, [command.name]) == _pages(app, [command.name])


def test_modules_for_finds_the_command_after_the_root_flags() -> None:
    assert helppage.modules_for(["--no-cache", "--debug", "tally", "--by", "case"]) == (
        "egovcode.cli.tally",
    )
    assert helppage.modules_for(["export", "csv"]) == (
        "egovcode.cli.export",
        "egovcode.cli.export_refi",
    )
    for args in (["--help"], ["--debug", "--version"], ["talyy"], [], ["--no-cache"]):
        assert helppage.modules_for(args) is None


def test_root_options_are_the_apps() -> None:
    group = typer.main.get_command(app)  # with the completion options typer adds
    ctx = typer.Context(group, info_name="egovcode", help_option_names=["-h", "--help"])
    shown = [
        (
            ",".join(o for o in p.opts if o.startswith("--")),
            ",".join(o for o in p.opts if not o.startswith("--")),
            p.help,
        )
        for p in group.get_params(ctx)
        if not getattr(p, "hidden", False)
    ]
    assert [tuple(o) for o in helppage.ROOT_OPTIONS] == shown
    assert group.help == helppage.APP_HELP


@pytest.mark.skipif(rich_utils.MAX_WIDTH is not None, reason="TERMINAL_WIDTH fixes typer's width")
@pytest.mark.parametrize("width", [40, 41, 57, 64, 80, 99, 100, 117, 133, 160, 240])
def test_page_is_typers_byte_for_byte(width: int) -> None:
    assert helppage.render(width) == _typer_page(width)


def test_entry_point_answers_help_without_typer(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "90")
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "GITHUB_ACTIONS", "PY_COLORS", "TERMINAL_WIDTH"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(SystemExit) as done:
        entry.main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out == helppage.render(90)
    with pytest.raises(SystemExit):
        entry.main(["-h"])
    assert capsys.readouterr().out == out


def test_colours_only_on_a_terminal_and_no_color_keeps_only_bold_and_dim(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "GITHUB_ACTIONS", "PY_COLORS", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    piped = io.StringIO()
    assert helppage.answer(piped)
    assert "\x1b[" not in piped.getvalue()

    coloured = Terminal()
    assert helppage.answer(coloured)
    assert "\x1b[1;36m--version\x1b[0m" in coloured.getvalue()
    assert ANSI.sub("", coloured.getvalue()) == piped.getvalue()

    monkeypatch.setenv("NO_COLOR", "1")
    plain = Terminal()
    assert helppage.answer(plain)
    codes = set(ANSI.findall(plain.getvalue()))
    assert codes == {"\x1b[1m", "\x1b[2m", "\x1b[0m"}
    assert ANSI.sub("", plain.getvalue()) == piped.getvalue()


def test_narrow_width_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(helppage.MIN_WIDTH - 1))
    monkeypatch.delenv("TERMINAL_WIDTH", raising=False)
    out = io.StringIO()
    assert not helppage.answer(out)
    assert out.getvalue() == ""


def test_wrap_keeps_words_and_cuts_only_what_cannot_fit() -> None:
    assert helppage.wrap("Show the version.", 8) == ["Show the", "version."]
    assert helppage.wrap("a .egovcode/cache/ b", 8) == ["a", ".egovco…", "b"]
    assert helppage.wrap("", 8) == [""]
