"""The layers stay visible: the core imports no CLI library, and start-up imports no heavy one."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "egovcode"
CLI_LIBRARIES = {"typer", "click", "rich"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_core_never_imports_cli_libraries() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] == "cli":
            continue
        bad = imported_modules(path) & CLI_LIBRARIES
        if bad:
            offenders.append(f"{relative}: {sorted(bad)}")
    assert offenders == []


def test_core_entry_points_load_without_cli_libraries() -> None:
    code = (
        "import sys\n"
        "import egovcode.check.validate, egovcode.analyze.tally, egovcode.load.project\n"
        f"print(sorted(m for m in {sorted(CLI_LIBRARIES)!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_start_up_imports_no_heavy_library() -> None:
    """`egovcode --version` and `--help` must not pay for pydantic, yaml, jinja2 or rich."""
    code = (
        "import sys\n"
        "import egovcode.cli.app\n"
        "heavy = ['pydantic', 'yaml', 'jinja2', 'rich', 'markdown_it', 'sqlite3']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _modules_after(argv: list[str], cwd: Path | None = None) -> tuple[str, list[str]]:
    """Run the real entry point with ``argv``; its stdout and the modules it had imported."""
    code = (
        "import atexit, sys\n"
        "def report():\n"
        "    sys.stderr.write('MODULES ' + ' '.join(sorted(sys.modules)) + '\\n')\n"
        "atexit.register(report)\n"
        f"sys.argv = ['egovcode', *{argv!r}]\n"
        "from egovcode.cli.entry import main\n"
        "main()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, check=False
    )
    line = next(x for x in out.stderr.splitlines() if x.startswith("MODULES "))
    return out.stdout, line.split()[1:]


def test_version_is_answered_without_loading_the_cli_framework() -> None:
    stdout, modules = _modules_after(["--version"])
    assert stdout.startswith("egovcode ")
    assert not {"typer", "click", "rich", "pydantic", "yaml", "egovcode.cli.app"} & set(modules)


def test_help_is_answered_without_loading_the_cli_framework() -> None:
    stdout, modules = _modules_after(["--help"])
    assert "Usage: egovcode [OPTIONS] COMMAND [ARGS]..." in stdout and "│ validate " in stdout
    assert not {"typer", "click", "rich", "pydantic", "yaml", "egovcode.cli.app"} & set(modules)


def test_validate_imports_nothing_only_analysis_or_rendering_needs(tmp_path: Path) -> None:
    """A small project's validate loads the checks and the loader, not analysis or reports."""
    bundled = PACKAGE.parents[1] / "tests" / "cases" / "valid" / "minimal"
    stdout, modules = _modules_after(["validate", "-q", "--project", str(bundled)], tmp_path)
    assert "0 error(s)" in stdout
    assert "egovcode.check.validate" in modules and "yaml" in modules
    heavy = {"jinja2", "markupsafe", "markdown_it", "sqlite3", "numpy"}
    assert sorted(heavy & set(modules)) == []
    assert [m for m in modules if m.startswith(("egovcode.analyze", "egovcode.report"))] == []
    commands = [m for m in modules if m.startswith("egovcode.cli.") and m.count(".") == 2]
    others = {"egovcode.cli.tally", "egovcode.cli.render", "egovcode.cli.agree", "egovcode.cli.app"}
    assert "egovcode.cli.validate" in commands and not others & set(commands)
