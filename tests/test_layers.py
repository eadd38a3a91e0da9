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
