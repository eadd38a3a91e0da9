"""Templates come only from the project's templates/ and the package; rendering is bounded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.render_fixture import PROJECT

SECRET = "SECRET-TOKEN-4242"


@pytest.fixture
def project(tree: Callable[[dict[str, object]], Path], tmp_path: Path) -> Path:
    root = tree(PROJECT)
    (root / "templates").mkdir()
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text(SECRET, encoding="utf-8")
    return root


@pytest.mark.parametrize("how", ["file-link", "include-link", "folder-link", "dotdot"])
def test_a_template_cannot_read_a_file_outside_templates(
    project: Path, tmp_path: Path, how: str
) -> None:
    templates = project / "templates"
    secret = tmp_path / "outside" / "secret.txt"
    if how == "file-link":
        (templates / "report.md.j2").symlink_to(secret)
    elif how == "include-link":
        (templates / "notes.md.j2").symlink_to(secret)
        (templates / "report.md.j2").write_text("{% include 'notes.md.j2' %}\n", encoding="utf-8")
    elif how == "folder-link":
        (templates / "parts").symlink_to(tmp_path / "outside")
        (templates / "report.md.j2").write_text(
            "{% include 'parts/secret.txt' %}\n", encoding="utf-8"
        )
    else:
        (templates / "report.md.j2").write_text(
            "{% include '../../outside/secret.txt' %}\n", encoding="utf-8"
        )
    for fmt in ("md", "html"):
        result = run_cli("render", "--project", str(project), "--format", fmt)
        assert SECRET not in result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        if fmt == "md":  # HTML uses the package's report.html.j2: nothing to refuse
            assert result.exit_code == 1, result.stderr


def test_a_symlink_that_stays_inside_templates_is_fine(project: Path) -> None:
    templates = project / "templates"
    (templates / "real.md.j2").write_text("# {{ title }}\n", encoding="utf-8")
    (templates / "report.md.j2").symlink_to(templates / "real.md.j2")
    result = run_cli("render", "--project", str(project))
    assert result.exit_code == 0, result.stderr


def test_a_runaway_template_is_stopped_with_a_message(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EGOVCODE_TEMPLATE_SECONDS", "2")
    (project / "templates" / "report.md.j2").write_text(
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}\n",
        encoding="utf-8",
    )
    result = run_cli("render", "--project", str(project))
    assert result.exit_code == 1
    assert "ran longer than 2 seconds; stopped" in result.stderr


def test_a_template_that_writes_too_much_is_stopped(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EGOVCODE_TEMPLATE_BYTES", "100000")
    (project / "templates" / "report.md.j2").write_text(
        "{% for a in range(100000) %}{{ title }}{% endfor %}\n", encoding="utf-8"
    )
    result = run_cli("render", "--project", str(project))
    assert result.exit_code == 1
    assert "larger than 100,000 characters" in result.stderr
