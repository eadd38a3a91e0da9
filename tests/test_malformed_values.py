"""Malformed values are positioned diagnostics, never crashes; one error never hides another.

The inputs differ from those in the reliability and newcomer reviews on purpose: each test covers
a class of defect (impossible dates, unreadable tags, long numbers, NaN, config paths, control
characters, follow-on errors), not one reproducer.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal"
CASE = (MINIMAL / "cases" / "alpha.yaml").read_text(encoding="utf-8")
COMMANDS = (
    ["tally"],
    ["query"],
    ["export", "json", "-o", "-"],
    ["export", "csv", "-o", "-"],
    ["render"],
    ["codebook", "show"],
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(MINIMAL, root)
    return root


def _case(root: Path, old: str, new: str) -> None:
    assert old in CASE
    (root / "cases" / "alpha.yaml").write_text(CASE.replace(old, new, 1), encoding="utf-8")


def _validate(root: Path) -> list[str]:
    result = run_cli("validate", "--format", "parsable", cwd=root)
    assert result.exit_code in (0, 1) and "Traceback" not in result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("2023-04-31", "EGC013"),  # April has 30 days
        ("1999-02-29", "EGC013"),  # not a leap year
        ("2025-00-10", "EGC013"),
        ("2024-06-01T24:61:00Z", "EGC013"),
        ("!!int dua", "EGC014"),
        ("!!float 'n/a'", "EGC014"),
        ("!!bool ya", "EGC014"),
        ("!!timestamp kemarin", "EGC014"),
        ("!!int 0x", "EGC014"),
        ("7" * 4400, "EGC015"),
        ("-" + "3" * 6000, "EGC015"),
        (".NaN", "EGC016"),
        ("+.inf", "EGC016"),
        ("-.Inf", "EGC016"),
        ("'1e999'", "EGC016"),
        ("9" * 30 + ".5e400", "EGC016"),
    ],
)
def test_a_malformed_value_is_a_positioned_error_for_every_command(
    project: Path, value: str, code: str
) -> None:
    _case(project, "value: 2.91", f"value: {value}")
    lines = _validate(project)
    assert any(line.startswith("cases/alpha.yaml:9:12: [error]") for line in lines), lines
    assert any(line.endswith(f"({code})") for line in lines), lines
    for command in COMMANDS:
        result = run_cli(*command, cwd=project)
        assert result.exit_code == 1, (command, result.stderr)
        assert "internal error" not in result.stderr


@pytest.mark.parametrize("where", ["key", "text"])
def test_the_same_classes_anywhere_in_the_file(project: Path, where: str) -> None:
    if where == "key":
        _case(project, "  province: Jawa Timur", "  2024-13-13: x")
    else:
        _case(project, "    citation: A report.", "    citation: !!bool tidak-tahu")
    lines = _validate(project)
    assert lines and all("Traceback" not in line for line in lines)
    assert lines[0].split(" ")[1] == "[error]"


def test_a_clock_time_hint_quotes_what_was_written(project: Path) -> None:
    _case(
        project,
        "    source: doc-1\n    text: Kota",
        "    source: doc-1\n    locator: 10:05:30\n    text: Kota",
    )
    result = run_cli("validate", cwd=project)
    assert "`10:05:30` is read by YAML as the number 36330" in result.stdout
    assert "locator: '10:05:30'" in result.stdout
    assert "'36330'" not in result.stdout


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('cases: ["/tmp/*.yaml"]', "is absolute"),
        ("cases: ['']", "is empty"),
        ("codings: ['codings/../../*/*.yaml']", "leads out of the project"),
        ("codebook: " + "k" * 400 + ".yaml", "is too long"),
        ("codebook: C:\\\\books\\\\cb.yaml", "is absolute"),
        ("output: ~/report.md", "is absolute"),
    ],
)
def test_config_paths_that_cannot_work_are_positioned_errors(
    project: Path, config: str, message: str
) -> None:
    (project / "egovcode.yaml").write_text(
        f"codebook: codebooks/mini.yaml\n{config}\n"
        if not config.startswith("codebook")
        else f"{config}\n",
        encoding="utf-8",
    )
    lines = _validate(project)
    assert any(message in line and line.endswith("(EGC320)") for line in lines), lines
    assert run_cli("tally", cwd=project).exit_code == 1


def test_lang_outside_languages_is_caught_by_validate(project: Path) -> None:
    (project / "egovcode.yaml").write_text(
        "codebook: codebooks/mini.yaml\nlanguages: [en, id]\nlang: jv\n", encoding="utf-8"
    )
    lines = _validate(project)
    assert lines == [
        "egovcode.yaml:3:7: [error] lang: 'jv' is not one of the project's languages (en, id); "
        "every command would refuse it (EGC321)"
    ]


def test_control_characters_in_text_are_errors_and_never_printed_raw(project: Path) -> None:
    _case(project, "text: Regulasi daerah tentang SPBE.", 'text: "Regulasi \\e]0;pwned\\a daerah"')
    result = run_cli("validate", cwd=project)
    assert result.exit_code == 1 and "EGC120" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b]0;pwned\\x07" in result.stdout
    parsable = run_cli("validate", "--format", "github", cwd=project).stdout
    assert "\x1b" not in parsable and parsable.count("\n") == 1


def test_a_skipped_yaml_file_in_cases_is_a_warning(project: Path) -> None:
    (project / "cases" / "beta.yml").write_text(CASE.replace("alpha", "beta"), encoding="utf-8")
    (project / "cases" / "old").mkdir()
    (project / "cases" / "old" / "gamma.yaml").write_text("x: 1\n", encoding="utf-8")
    assert _validate(project) == [
        "cases/beta.yml:1:1: [warning] cases/beta.yml is not read: no glob under `cases:` "
        "matches it (EGC322)",
        "cases/old/gamma.yaml:1:1: [warning] cases/old/gamma.yaml is not read: no glob under "
        "`cases:` matches it (EGC322)",
    ]
    strict = run_cli("validate", "--strict", "-q", cwd=project)
    assert strict.exit_code == 1


def test_an_error_in_the_case_block_hides_no_excerpt_check(project: Path) -> None:
    text = CASE.replace("  type: kota", "  type: kotamadya\n  kepala_daerah: x", 1)
    text = text.replace("codes: [REG]", "codes: [REGULASI]").replace("kind: document", "kind: buku")
    (project / "cases" / "alpha.yaml").write_text(text, encoding="utf-8")
    codes = [line.rsplit("(", 1)[1] for line in _validate(project)]
    assert codes == ["EGC103)", "EGC102)", "EGC103)", "EGC202)"]


def test_an_invalid_source_gives_no_follow_on_unknown_source(project: Path) -> None:
    _case(project, "    citation: A report.", "    citation: A report.\n    date: kemarin")
    lines = _validate(project)
    assert len(lines) == 1 and "sources[0].date" in lines[0]
    assert "EGC203" not in "".join(lines)
    # a real typo in a citing excerpt is still reported
    text = (project / "cases" / "alpha.yaml").read_text(encoding="utf-8")
    (project / "cases" / "alpha.yaml").write_text(
        text.replace("source: doc-1\n    text: Reg", "source: doc-2\n    text: Reg"),
        encoding="utf-8",
    )
    assert "unknown source 'doc-2'" in "".join(_validate(project))


def test_an_unreadable_value_in_a_coder_file_is_reported_not_a_crash(project: Path) -> None:
    """A coder file whose `coder:` is a number too long to read: its other problems are
    salvaged around it, and validate reports, never crashes."""
    codings = project / "codings" / "ana"
    codings.mkdir(parents=True, exist_ok=True)
    (codings / "alpha.yaml").write_text(
        "coder: " + "9" * 4400 + "\ncase: alpha\ncodings: {}\n", encoding="utf-8"
    )
    result = run_cli("validate", "--format", "parsable", cwd=project)
    assert result.exit_code == 1, result.stderr
    assert "too long to read" in result.stdout and "Traceback" not in result.stderr
