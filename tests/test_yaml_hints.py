"""YAML syntax errors in plain words: the cause, what to type, and the line with a caret."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from egovcode.load.limits import Limits
from egovcode.load.yamlfile import YamlProblem, parse
from tests.conftest import run_cli

HEAD = "case: {id: beta, name: Beta, type: kota}\nexcerpts:\n  - id: b-1\n    source: s\n"


def problem(text: str) -> YamlProblem:
    with pytest.raises(YamlProblem) as info:
        parse(text, Limits())
    assert info.value.code == "EGC005"
    return info.value


@pytest.mark.parametrize(
    ("line", "cause", "to_type"),
    [
        (
            "    memo: Catatan rapat: Bappeda hadir",
            "holds a colon followed by a space",
            "memo: 'Catatan rapat: Bappeda hadir'",
        ),
        (
            "    text: Pukul 09.00 kata beliau: 'sudah online'",
            "holds a colon followed by a space",
            "text: 'Pukul 09.00 kata beliau: ''sudah online'''",
        ),
        (
            "    text: 'Sekda menyebut 'e-office' sebagai kunci'",
            "single quote inside single quotes",
            "text: \"Sekda menyebut 'e-office' sebagai kunci\"",
        ),
        (
            '    text: "Dinas memakai "SRIKANDI" sejak 2022"',
            "double quote inside double quotes",
            "text: 'Dinas memakai \"SRIKANDI\" sejak 2022'",
        ),
    ],
)
def test_text_traps_name_the_cause_and_the_quoted_form(line: str, cause: str, to_type: str) -> None:
    found = problem(HEAD + line + "\n    codes: [APP]\n")
    assert cause in found.message and found.line == 5
    assert to_type in (found.hint or "")
    assert (found.hint or "").splitlines()[1].startswith("  5 | ")


@pytest.mark.parametrize("lead", ["\t", "  \t", "\t  "])
def test_a_tab_is_named(lead: str) -> None:
    found = problem(HEAD + lead + "text: x\n")
    assert "indented with a tab" in found.message and found.line == 5
    assert "→" in (found.hint or "")


@pytest.mark.parametrize(("spaces", "expected"), [(3, 4), (5, 4), (6, 4)])
def test_an_indentation_slip_says_how_far_to_indent(spaces: int, expected: int) -> None:
    found = problem(HEAD + "    text: x\n" + " " * spaces + "codes: [APP]\n")
    assert found.message.startswith(f"line 6 is indented by {spaces} space(s)")
    assert f"({expected} spaces)" in (found.hint or "")


def test_validate_shows_the_line_and_a_caret(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(Path(__file__).parent / "cases" / "valid" / "minimal", root)
    case = root / "cases" / "alpha.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text(
        text.replace("text: Regulasi daerah tentang SPBE.", "text: Perwali no. 5: tentang SPBE."),
        encoding="utf-8",
    )
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 1
    assert "Put the whole text in quotes: text: 'Perwali no. 5: tentang SPBE.'" in result.stdout
    lines = result.stdout.splitlines()
    at = next(i for i, s in enumerate(lines) if "| " in s and "Perwali" in s)
    caret = lines[at + 1]
    assert caret.rstrip().endswith("^")
    assert lines[at][caret.index("^")] == ":"


@pytest.mark.parametrize(
    ("line", "start", "to_type"),
    [
        ("    text: [Catatan] rapat dimulai", "'['", "text: '[Catatan] rapat dimulai'"),
        ("    text: - kami mulai tahun lalu", "'-'", "text: '- kami mulai tahun lalu'"),
        ("    text: *penting* kata beliau", "'*'", "text: '*penting* kata beliau'"),
        ("    text: @diskominfo menjawab", "'@'", "text: '@diskominfo menjawab'"),
        ("    text: `SRIKANDI` dipakai", "'`'", "text: '`SRIKANDI` dipakai'"),
        ("    text: | kata beliau", "'|'", "text: '| kata beliau'"),
        ("    text: > kata beliau", "'>'", "text: '> kata beliau'"),
        ("    text: ? apa itu SPBE", "'?'", "text: '? apa itu SPBE'"),
    ],
)
def test_a_text_starting_with_yaml_syntax_gets_the_quoted_form(
    line: str, start: str, to_type: str
) -> None:
    found = problem(HEAD + line + "\n    codes: [APP]\n")
    assert f"the text of `text` starts with {start}" in found.message, found.message
    assert found.line == 5 and to_type in (found.hint or "")


@pytest.mark.parametrize("line", ["    valence:\u00a0supporting", "  -\u00a0id: b-2"])
def test_a_no_break_space_where_yaml_needs_a_space_is_named(line: str) -> None:
    found = problem(HEAD + "    text: x\n" + line + "\n")
    assert "no-break space (U+00A0)" in found.message and found.line == 6


def test_a_text_of_the_wrong_type_says_what_yaml_read(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(Path(__file__).parent / "cases" / "valid" / "minimal", root)
    case = root / "cases" / "alpha.yaml"
    text = case.read_text(encoding="utf-8")
    assert "text: Regulasi daerah tentang SPBE." in text
    for written, message, hint in [
        ("{Regulasi}", "must be text, but YAML read a mapping", "text: '{Regulasi}'"),
        ("[a, b]", "must be text, but YAML read a list", "text: '[a, b]'"),
        ("2021", "must be text, but YAML read the number 2021", "text: '2021'"),
        ("~", "has no value (YAML reads nothing, `~` and `null` as no value)", "Write the text"),
    ]:
        case.write_text(text.replace("text: Regulasi daerah tentang SPBE.", f"text: {written}"))
        result = run_cli("validate", cwd=root)
        assert result.exit_code == 1
        assert message in result.stdout and hint in result.stdout, result.stdout
        assert "Input should be" not in result.stdout


@pytest.mark.parametrize(("written", "hint"), [("ID", "Did you mean 'id'?"), ("Indonesian", "")])
def test_a_language_that_is_no_tag_says_so(tmp_path: Path, written: str, hint: str) -> None:
    root = tmp_path / "proj"
    shutil.copytree(Path(__file__).parent / "cases" / "valid" / "minimal", root)
    (root / "egovcode.yaml").write_text(f"languages: [en, id]\nlang: {written}\n")
    result = run_cli("validate", "--format", "json", cwd=root)
    found = [d for d in json.loads(result.stdout)["diagnostics"] if d["code"] == "EGC105"]
    assert found and found[0]["message"].startswith(f"lang: {written!r} is not a language tag")
    assert hint in found[0]["hint"]


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x00", "\x7f"])
def test_a_raw_control_character_is_placed_where_it_stands(char: str) -> None:
    with pytest.raises(YamlProblem) as info:
        parse(HEAD + f"    text: Kami{char} pakai\n", Limits())
    found = info.value
    assert (found.code, found.line, found.column) == ("EGC005", 5, 15)
    assert f"control character U+{ord(char):04X}" in found.message
    assert "  5 |     text: Kami" in (found.hint or "")


def test_text_starting_with_an_exclamation_mark_is_named_a_tag(tmp_path: Path) -> None:
    root = tmp_path / "proj"
    shutil.copytree(Path(__file__).parent / "cases" / "valid" / "minimal", root)
    case = root / "cases" / "alpha.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("text: Regulasi daerah tentang SPBE.", "text: !penting kami"))
    result = run_cli("validate", cwd=root)
    assert result.exit_code == 1
    assert "`!penting` at the start of the value is read by YAML as a tag" in result.stdout
    assert "put the whole value in quotes: '!penting kami'" in result.stdout
