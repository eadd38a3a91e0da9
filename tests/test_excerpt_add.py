"""`egovcode excerpt add`: a quote found in the source's text becomes an excerpt with its span."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from egovcode.edit import EditError, add_quoted_excerpt
from egovcode.edit.excerpts import next_excerpt_id
from egovcode.load.project import load_project
from tests.conftest import run_cli

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal"

TEXT = (
    "P: Bagaimana layanan sekarang?\n"
    "I: Sekarang semua layanan sudah masuk ke satu portal, namanya \u201cPecut\u201d.\n"
    "   Ya. Tapi jaringan di desa masih lemah.\n"
    "P: Ya.\n"
)

CASE = """\
# Case alpha: comments stay.
case:
  id: alpha
  name: Pemerintah Kota Alpha
  type: kota
sources:
  - id: int-1
    kind: interview
    citation: Interview 1.
    informant_role: Kepala Dinas
    file: texts/alpha/int-1.txt
  - id: doc-1
    kind: document
    citation: A report.
excerpts:
  - id: a-001   # by hand
    source: doc-1
    text: Sebuah laporan.
    codes: []
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "proj"
    shutil.copytree(MINIMAL, target)
    (target / "cases" / "alpha.yaml").write_text(CASE, encoding="utf-8")
    (target / "texts" / "alpha").mkdir(parents=True)
    (target / "texts" / "alpha" / "int-1.txt").write_text(TEXT, encoding="utf-8", newline="\n")
    return target


def excerpts(root: Path) -> list[dict[str, object]]:
    data = yaml.safe_load((root / "cases" / "alpha.yaml").read_text(encoding="utf-8"))
    return list(data["excerpts"])


def test_a_loose_quote_becomes_the_exact_passage_with_its_span(root: Path) -> None:
    result = run_cli(
        "excerpt", "add", "--case", "alpha", "--source", "int-1",
        "--quote", 'satu  portal, namanya "Pecut"', "--code", "APP.PORTAL",
        "--valence", "supporting", cwd=root,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "int-1-001: span [72, 100] at line 2, column 42 (ignoring whitespace and quote marks)\n"
    )
    assert result.stderr == "egovcode: wrote cases/alpha.yaml\n"
    new = excerpts(root)[-1]
    assert new == {
        "id": "int-1-001",
        "source": "int-1",
        "span": [72, 100],
        "locator": "line 2",
        "text": "satu portal, namanya \u201cPecut\u201d",
        "codes": ["APP.PORTAL"],
        "valence": "supporting",
    }
    assert TEXT[72:100] == new["text"]
    text = (root / "cases" / "alpha.yaml").read_text(encoding="utf-8")
    assert text.startswith(CASE)  # appended; nothing before it changed
    assert run_cli("validate", "--strict", cwd=root).exit_code == 0


def test_several_matches_are_listed_and_occurrence_picks_one(root: Path) -> None:
    result = run_cli(
        "excerpt", "add", "--case", "alpha", "--source", "int-1", "--quote", "Ya.", cwd=root
    )
    assert result.exit_code == 1
    assert "the quote occurs 2 times in texts/alpha/int-1.txt:" in result.stderr
    assert "    1. line 3, column 4: " in result.stderr and "[[Ya.]]" in result.stderr
    assert "    2. line 4, column 4: " in result.stderr
    assert "(EGC721)" in result.stderr
    assert len(excerpts(root)) == 1
    second = run_cli(
        "excerpt", "add", "--case", "alpha", "--source", "int-1", "--quote", "Ya.",
        "--occurrence", "2", "--format", "json", cwd=root,
    )  # fmt: skip
    assert second.exit_code == 0, second.stderr
    data = json.loads(second.stdout)
    assert data["span"] == [TEXT.rindex("Ya."), TEXT.rindex("Ya.") + 3]
    assert data["excerpt"] == "int-1-001" and data["text"] == "Ya."
    assert data["match"]["line"] == 4
    third = run_cli(
        "excerpt", "add", "--case", "alpha", "--source", "int-1", "--quote", "Ya.",
        "--occurrence", "3", cwd=root,
    )  # fmt: skip
    assert third.exit_code == 2 and "(EGC722)" in third.stderr


def test_no_match_shows_the_closest_passage(root: Path) -> None:
    result = run_cli(
        "excerpt", "add", "--case", "alpha", "--source", "int-1",
        "--quote", "jaringan di kota masih lemah", cwd=root,
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        "egovcode: error: texts/alpha/int-1.txt:3:13: the quote was not found in "
        "texts/alpha/int-1.txt (EGC720)\n"
        "  hint: The closest passage is at line 3, column 13 (88% alike): "
        "'jaringan di desa masih lemah.'\n"
    )


def test_the_same_passage_twice_is_refused(root: Path) -> None:
    args = ["excerpt", "add", "--case", "alpha", "--source", "int-1", "--quote", "satu portal"]
    assert run_cli(*args, cwd=root).exit_code == 0
    again = run_cli(*args, cwd=root)
    assert again.exit_code == 1
    assert "this passage is excerpt 'int-1-001' already (EGC724)" in again.stderr


@pytest.mark.parametrize(
    ("args", "code", "exit_code"),
    [
        (["--case", "alpah", "--source", "int-1", "--quote", "Ya"], "EGC735", 2),
        (["--case", "alpha", "--source", "int-2", "--quote", "Ya"], "EGC736", 2),
        (["--case", "alpha", "--source", "doc-1", "--quote", "Ya"], "EGC723", 2),
        (
            ["--case", "alpha", "--source", "int-1", "--quote", "portal", "--code", "APPS"],
            "EGC726",
            2,
        ),
        (
            ["--case", "alpha", "--source", "int-1", "--quote", "portal", "--valence", "good"],
            "EGC733",
            2,
        ),
    ],
)
def test_refusals(root: Path, args: list[str], code: str, exit_code: int) -> None:
    before = (root / "cases" / "alpha.yaml").read_bytes()
    result = run_cli("excerpt", "add", *args, cwd=root)
    assert result.exit_code == exit_code and f"({code})" in result.stderr
    assert (root / "cases" / "alpha.yaml").read_bytes() == before


def test_a_changed_text_file_is_not_quoted(root: Path) -> None:
    (root / "texts" / "alpha" / "int-1.txt").write_bytes(TEXT.replace("\n", "\r\n").encode())
    result = run_cli(
        "excerpt", "add", "--case", "alpha", "--source", "int-1", "--quote", "portal", cwd=root
    )
    assert result.exit_code == 1 and "(EGC723)" in result.stderr and "CR line end" in result.stderr


def test_a_case_without_excerpts_gets_its_list(root: Path) -> None:
    path = root / "cases" / "alpha.yaml"
    path.write_text(CASE[: CASE.index("excerpts:")], encoding="utf-8")
    project = load_project(root)
    outcome = add_quoted_excerpt(project, "alpha", "int-1", "desa masih lemah")
    assert outcome.excerpt == "int-1-001"
    assert path.read_text(encoding="utf-8").endswith(
        "excerpts:\n  - id: int-1-001\n    source: int-1\n    span: [126, 142]\n"
        "    locator: line 3\n    text: desa masih lemah\n    codes: []\n"
    )


def test_new_ids_follow_the_source_numbering(root: Path) -> None:
    project = load_project(root)
    assert next_excerpt_id(project, "int-1") == "int-1-001"
    path = root / "cases" / "alpha.yaml"
    path.write_text(
        CASE
        + "  - {id: int-1-0009, source: int-1, text: x}\n"
        + "  - {id: int-1-0010, source: doc-1, text: y}\n",
        encoding="utf-8",
    )
    project = load_project(root)
    assert next_excerpt_id(project, "int-1") == "int-1-011"  # after int-1-0010, whatever source
    with pytest.raises(EditError):
        add_quoted_excerpt(project, "alpha", "int-1", "   ")


def test_a_passage_inside_one_turn_gets_its_speaker(root: Path) -> None:
    """A transcript-imported source (with its `speakers` attribute) gives the new excerpt the
    speaker of the turn it lies in; a passage across two turns gets none."""
    case = root / "cases" / "alpha.yaml"
    text = case.read_text("utf-8").replace(
        "    file: texts/alpha/int-1.txt\n",
        "    file: texts/alpha/int-1.txt\n"
        "    attributes: {speakers: 'I=informant, P=interviewer'}\n",
    )
    case.write_text(text, "utf-8")
    inside = run_cli("excerpt", "add", "--case", "alpha", "--source", "int-1",
                     "--quote", "jaringan di desa masih lemah", cwd=root)  # fmt: skip
    assert inside.exit_code == 0, inside.stderr
    asked = run_cli("excerpt", "add", "--case", "alpha", "--source", "int-1",
                    "--quote", "Bagaimana layanan sekarang", cwd=root)  # fmt: skip
    assert asked.exit_code == 0, asked.stderr
    across = run_cli("excerpt", "add", "--case", "alpha", "--source", "int-1",
                     "--quote", "sekarang?\nI: Sekarang", cwd=root)  # fmt: skip
    assert across.exit_code == 0, across.stderr
    added = excerpts(root)[1:]
    assert [(e["text"], e.get("speaker")) for e in added] == [
        ("jaringan di desa masih lemah", "I"),
        ("Bagaimana layanan sekarang", "P"),
        ("sekarang?\nI: Sekarang", None),
    ]
    assert list(added[0])[:5] == ["id", "source", "span", "locator", "speaker"]
    assert run_cli("validate", "--strict", cwd=root).exit_code == 0


def test_no_speaker_without_the_speakers_attribute(root: Path) -> None:
    result = run_cli("excerpt", "add", "--case", "alpha", "--source", "int-1",
                     "--quote", "jaringan di desa masih lemah", cwd=root)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "speaker" not in excerpts(root)[-1]
