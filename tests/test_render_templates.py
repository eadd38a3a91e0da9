"""Templates: errors name template and line, overrides work, fixed text exists in en and id."""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from egovcode.report.i18n import catalogue
from tests.conftest import REPO, run_cli
from tests.render_fixture import PROJECT

TEMPLATES = Path(str(resources.files("egovcode").joinpath("data", "templates")))
BRIEF = REPO / "docs" / "examples" / "brief.md.j2"


@pytest.fixture
def project(tree: Callable[[dict[str, object]], Path]) -> Path:
    return tree(PROJECT)


def test_undefined_variable_names_template_and_line(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "report.md.j2").write_text(
        "# {{ title }}\n\nfine\n{{ foo }}\n", encoding="utf-8"
    )
    result = run_cli("render", "--project", str(project))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "egovcode: error: template report.md.j2, line 4: 'foo' is undefined\n"


def test_undefined_variable_in_an_imported_macro_names_that_file(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "_macros.md.j2").write_text(
        "{% macro heading(s, t, level) %}\n{{ s.nope }}\n{% endmacro %}\n", encoding="utf-8"
    )
    result = run_cli("render", "--project", str(project))
    assert result.exit_code == 1
    assert result.stderr.startswith("egovcode: error: template _macros.md.j2, line 2: ")
    assert "nope" in result.stderr and result.stderr.count("\n") == 1


def test_syntax_error_names_template_and_line(project: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.md.j2"
    bad.write_text("one\ntwo\n{% for x in %}\n", encoding="utf-8")
    result = run_cli("render", "--project", str(project), "--template", str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith("egovcode: error: template bad.md.j2, line 3: ")
    assert result.stderr.count("\n") == 1


def test_template_that_is_not_utf8_is_reported(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "latin.md.j2").write_bytes("Pembangunan caf\xe9\n".encode("latin-1"))
    result = run_cli("render", "--project", str(project), "--template", "latin")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "egovcode: error: template latin.md.j2: the file is not UTF-8 text\n"


def test_missing_values_write_nothing(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "report.md.j2").write_text(
        "[{{ none|md }}|{{ none|num }}|{{ none|mdquote }}]\n", encoding="utf-8"
    )
    result = run_cli("render", "--project", str(project))
    assert (result.exit_code, result.stdout) == (0, "[||]\n")


def test_project_template_overrides_default_by_name(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "report.md.j2").write_text(
        "Custom {{ cases|length }} {{ 2.91|num }}\n", encoding="utf-8"
    )
    result = run_cli("render", "--project", str(project), "--lang", "id")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "Custom 2 2,91\n", "")


def test_template_by_name_from_project_templates(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "brief.md.j2").write_text(BRIEF.read_text(encoding="utf-8"))
    result = run_cli("render", "--project", str(project), "--template", "brief")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Policy brief: Mini codebook\n")


def test_template_by_path_and_its_partials_fall_back_to_defaults(
    project: Path, tmp_path: Path
) -> None:
    mine = tmp_path / "elsewhere" / "mine.md.j2"
    mine.parent.mkdir()
    mine.write_text(
        '{% import "_macros.md.j2" as m with context %}{{ m.table(["a"], [[1234.5]]) }}',
        encoding="utf-8",
    )
    result = run_cli("render", "--project", str(project), "--template", str(mine), "-l", "id")
    assert (result.exit_code, result.stdout) == (0, "| a |\n|---|\n| 1234,5 |\n")


def test_documented_brief_example_renders_in_both_languages(project: Path) -> None:
    for lang, heading in (("en", "## Where each case stands"), ("id", "## Posisi setiap kasus")):
        result = run_cli("render", "-p", str(project), "-t", str(BRIEF), "-l", lang)
        assert result.exit_code == 0, result.stderr
        assert heading in result.stdout
        assert "IPP 2023" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--template", "nosuch"], "--template nosuch: no template named nosuch or nosuch.md.j2"),
        (["--template", "dir/nosuch.md.j2"], "--template dir/nosuch.md.j2: no such file."),
        (
            ["--template", "report.html.j2"],
            "template report.html.j2 makes HTML; render it with --format html.",
        ),
        (
            ["--case", "nowhere"],
            "--case nowhere: no such case; the project's cases are north, south.",
        ),
        (["--date", "03/03/2025"], "--date '03/03/2025': write the date as YYYY-MM-DD."),
        (
            ["--date", "2025-02-29"],
            "--date '2025-02-29' is not a date: February 2025 has 28 days.",
        ),
        (["--lang", "fr"], "--lang 'fr' is not one of the project's languages: en, id."),
    ],
)
def test_usage_errors_exit_2_with_one_sentence(
    project: Path, args: list[str], message: str
) -> None:
    result = run_cli("render", "--project", str(project), *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("egovcode: error: " + message)
    assert result.stderr.count("\n") == 1


def _keys(node: Any, prefix: str = "") -> set[str]:
    if isinstance(node, dict):
        return {k for key, value in node.items() for k in _keys(value, f"{prefix}{key}.")}
    if isinstance(node, list):
        return {f"{prefix}[{len(node)}]"}
    return {prefix.rstrip(".")}


def test_fixed_text_exists_in_english_and_indonesian() -> None:
    strings = catalogue()
    assert set(strings) == {"en", "id"}
    assert _keys(strings["en"]) == _keys(strings["id"])
    placeholders = {
        key: set(re.findall(r"{\w+}", str(_get(strings["en"], key))))
        for key in _keys(strings["en"])
        if "[" not in key
    }
    for key, names in placeholders.items():
        assert set(re.findall(r"{\w+}", str(_get(strings["id"], key)))) == names, key


def _get(node: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        node = node[part]
    return node


def test_every_fixed_text_a_default_template_uses_exists() -> None:
    keys = _keys(catalogue()["en"])
    prefixes = {k.rsplit(".", 1)[0] for k in keys if "." in k}
    used = set()
    for path in TEMPLATES.glob("*.j2"):
        used |= set(re.findall(r"\bt\.([a-z_]+(?:\.[a-z_0-9]+)*)", path.read_text("utf-8")))
    assert used, "the default templates use no t.* strings?"
    missing = sorted(u for u in used if u not in keys and u not in prefixes)
    assert missing == []
