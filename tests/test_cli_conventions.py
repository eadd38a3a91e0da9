"""CLI conventions: a short option means one thing everywhere, flags show no type, completion."""

from __future__ import annotations

import os
import subprocess
import sys

import typer

from egovcode.cli.app import app
from tests.conftest import REPO, run_cli


def _options() -> dict[str, dict[str, list[str]]]:
    """short option -> long option -> commands using it."""
    seen: dict[str, dict[str, list[str]]] = {}

    def walk(command: object, path: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])
        for param in getattr(command, "params", []):
            if getattr(param, "param_type_name", "") != "option":
                continue
            longs = [o for o in param.opts if o.startswith("--")]
            for short in (o for o in param.opts + param.secondary_opts if not o.startswith("--")):
                seen.setdefault(short, {}).setdefault(longs[0], []).append(" ".join(path))

    walk(typer.main.get_command(app), [])
    return seen


def test_a_short_option_means_the_same_in_every_command() -> None:
    seen = _options()
    assert {s: sorted(m) for s, m in seen.items() if len(m) > 1} == {}
    # the meanings chosen where commands disagreed
    assert list(seen["-c"]) == ["--case"]
    assert list(seen["-q"]) == ["--quiet"]
    assert list(seen["-t"]) == ["--template"]


def test_flags_show_no_bool_metavar() -> None:
    for command in (["validate"], ["render"], ["merge"], ["codebook", "show"], []):
        result = run_cli(*command, "--help")
        assert result.exit_code == 0
        assert "<bool>" not in result.stdout, command


def test_shell_completion_completes_commands_and_options() -> None:
    env = {**os.environ, "_EGOVCODE_COMPLETE": "complete_bash", "COMP_CWORD": "1"}
    env["COMP_WORDS"] = "egovcode val"
    code = "from egovcode.cli.app import main; main()"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=REPO
    )
    assert out.stdout.split() == ["validate"], out.stderr
    env.update(COMP_WORDS="egovcode render --te", COMP_CWORD="2")
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=REPO
    )
    assert "--template" in out.stdout.split()
    assert "--install-completion" in run_cli("--help").stdout
