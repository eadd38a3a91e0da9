"""Shared fixtures: build file trees from dicts and run the CLI in-process."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from egovcode.cli.app import app
from tests.browser import browser, page  # noqa: F401 - the headless Chromium fixtures

# The warm-run cache would write .egovcode/cache/ into the example folders; tests of the cache
# turn it on for their own temporary projects (tests/test_cache.py).
os.environ.setdefault("EGOVCODE_NO_CACHE", "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path | None = None) -> Result:
    """Run ``egovcode ARGS`` in-process; an internal error (a bug) fails the test loudly."""
    import os

    runner = CliRunner()
    old = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = runner.invoke(app, list(args), catch_exceptions=True, env={"NO_COLOR": "1"})
    finally:
        os.chdir(old)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr)


def write_tree(root: Path, tree: dict[str, object]) -> Path:
    """Create files from ``{"path/name.yaml": "text" | bytes | {nested...}}``."""
    for name, content in tree.items():
        path = root / name
        if isinstance(content, dict):
            path.mkdir(parents=True, exist_ok=True)
            write_tree(path, content)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(str(content)).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def tree(tmp_path: Path) -> Callable[[dict[str, object]], Path]:
    return lambda spec: write_tree(tmp_path, spec)


@pytest.fixture
def cli() -> Callable[..., Result]:
    return run_cli


def shared_file(relative: str) -> Path:
    """A file under ../shared, or skip the test naming the missing file."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"needs ../shared/{relative}, which is absent in this checkout")
    return path
