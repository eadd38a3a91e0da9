"""`egovcode code`: codes applied and removed in the case file or a coder's file, in place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from egovcode.edit import EditError, code_excerpt
from egovcode.load.project import load_project
from tests.conftest import run_cli, write_tree

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal"

CASE = """\
# Case alpha: a comment that must survive.
case:
  id: alpha
  name: Pemerintah Kota Alpha
  type: kota
sources:
  - id: doc-1
    kind: document
    citation: A report.
excerpts:
  - id: a-001   # the portal
    source: doc-1
    text: Kota Alpha membangun portal terpadu.
    codes: []            # not coded yet
  - id: a-002
    source: doc-1
    text: >-
      Regulasi daerah
      tentang SPBE.
    memo: >-
      A memo written
      over two lines.

  - id: a-003
    source: doc-1
    text: Portal dan regulasi.
    codes:
      - REG
      - APP
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "proj"
    shutil.copytree(MINIMAL, target)
    (target / "cases" / "alpha.yaml").write_text(CASE, encoding="utf-8")
    return target


def case_data(root: Path) -> dict[str, dict[str, object]]:
    data = yaml.safe_load((root / "cases" / "alpha.yaml").read_text(encoding="utf-8"))
    return {e["id"]: e for e in data["excerpts"]}


def test_apply_codes_and_valence_keeps_comments(root: Path) -> None:
    result = run_cli("code", "a-001", "APP.PORTAL", "REG", "--valence", "supporting", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "a-001: APP.PORTAL, REG; valence: supporting\n"
    assert result.stderr == "egovcode: wrote cases/alpha.yaml\n"
    text = (root / "cases" / "alpha.yaml").read_text(encoding="utf-8")
    assert (
        "    codes: [APP.PORTAL, REG]            # not coded yet\n    valence: supporting\n" in text
    )
    assert text.startswith("# Case alpha: a comment that must survive.\n")
    assert "  - id: a-001   # the portal\n" in text
    assert case_data(root)["a-001"]["codes"] == ["APP.PORTAL", "REG"]
    assert run_cli("validate", cwd=root).exit_code == 0


def test_block_list_stays_a_block_list_and_codes_are_not_doubled(root: Path) -> None:
    assert run_cli("code", "a-003", "REG", "APP.PORTAL", cwd=root).exit_code == 0
    text = (root / "cases" / "alpha.yaml").read_text(encoding="utf-8")
    assert "    codes:\n      - REG\n      - APP\n      - APP.PORTAL\n" in text


def test_remove_codes(root: Path) -> None:
    assert run_cli("code", "a-003", "REG", "APP", "--remove", cwd=root).exit_code == 0
    assert case_data(root)["a-003"]["codes"] == []
    again = run_cli("code", "a-003", "REG", "--remove", cwd=root)
    assert again.exit_code == 2
    assert "does not have the code(s) REG; its codes are (none) (EGC727)" in again.stderr


def test_a_folded_memo_is_replaced_and_the_blank_line_after_it_stays(root: Path) -> None:
    memo = "Two lines,\nwith a 'quote' and a # sign"
    assert run_cli("code", "a-002", "--memo", memo, cwd=root).exit_code == 0
    text = (root / "cases" / "alpha.yaml").read_text(encoding="utf-8")
    assert "    memo: \"Two lines,\\nwith a 'quote' and a # sign\"\n\n  - id: a-003\n" in text
    assert case_data(root)["a-002"]["memo"] == memo


def test_nothing_to_change_writes_nothing(root: Path) -> None:
    before = (root / "cases" / "alpha.yaml").stat().st_mtime_ns
    result = run_cli("code", "a-003", "REG", cwd=root)
    assert result.exit_code == 0
    assert result.stderr == "egovcode: cases/alpha.yaml already says so\n"
    assert (root / "cases" / "alpha.yaml").stat().st_mtime_ns == before


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["a-001", "REGS"],
            "EGC726",
            "'REGS' is not a code of the codebook (EGC726)\n  hint: Did you mean 'REG'?",
        ),
        (
            ["a-0001", "REG"],
            "EGC725",
            "no excerpt has the id 'a-0001' (EGC725)\n  hint: Did you mean 'a-001'?",
        ),
        (["a-001", "REG", "--valence", "positive"], "EGC733", "'positive' is not a valence"),
        (["a-001"], "EGC734", "give a code to apply or remove"),
        (["a-001", "REG", "--coder", "Ana Putri"], "EGC732", "cannot be a coder's name"),
    ],
)
def test_refusals_write_nothing(root: Path, args: list[str], code: str, message: str) -> None:
    before = (root / "cases" / "alpha.yaml").read_bytes()
    result = run_cli("code", *args, cwd=root)
    assert result.exit_code == 2
    assert message in result.stderr and code in result.stderr
    assert (root / "cases" / "alpha.yaml").read_bytes() == before
    assert not (root / "codings").exists()


def test_the_same_suggestion_as_validate(root: Path) -> None:
    """`code` and `validate` suggest the same code for the same typo."""
    from egovcode.check.schema import suggest

    project = load_project(root)
    with pytest.raises(EditError) as info:
        code_excerpt(project, "a-001", ["APP.PORTL"])
    known = project.codebook.by_id() if project.codebook else {}
    assert info.value.hint == suggest("APP.PORTL", known) == "Did you mean 'APP.PORTAL'?"


def test_a_file_with_errors_is_not_edited(root: Path) -> None:
    path = root / "cases" / "alpha.yaml"
    path.write_text(CASE.replace("kind: document", "kind: documnet"), encoding="utf-8")
    result = run_cli("code", "a-001", "REG", cwd=root)
    assert result.exit_code == 1
    assert "cases/alpha.yaml has 1 error(s)" in result.stderr and "EGC728" in result.stderr


def test_a_file_changed_meanwhile_is_not_overwritten(root: Path) -> None:
    project = load_project(root)
    path = root / "cases" / "alpha.yaml"
    path.write_text(CASE + "# edited meanwhile\n", encoding="utf-8")
    with pytest.raises(EditError) as info:
        code_excerpt(project, "a-001", ["REG"])
    assert info.value.code == "EGC729"
    assert path.read_text(encoding="utf-8").endswith("# edited meanwhile\n")


def test_crlf_and_bom_are_kept(root: Path) -> None:
    path = root / "cases" / "alpha.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + CASE.replace("\n", "\r\n").encode("utf-8"))
    assert run_cli("code", "a-001", "REG", cwd=root).exit_code == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\n" not in raw.replace(b"\r\n", b"")
    assert b"    codes: [REG]            # not coded yet\r\n" in raw


def test_coder_file_is_created_then_edited(root: Path) -> None:
    result = run_cli(
        "code", "a-001", "APP.PORTAL", "--coder", "ana", "--valence", "supporting", cwd=root
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "a-001 (coder ana): APP.PORTAL; valence: supporting\n"
    assert result.stderr == "egovcode: created codings/ana/alpha.yaml\n"
    path = root / "codings" / "ana" / "alpha.yaml"
    assert path.read_text(encoding="utf-8") == (
        "coder: ana\ncase: alpha\ncodings:\n  a-001: {codes: [APP.PORTAL], valence: supporting}\n"
    )
    assert run_cli("code", "a-003", "REG", "--coder", "ana", cwd=root).exit_code == 0
    assert (
        run_cli("code", "a-001", "REG", "--coder", "ana", "--memo", "both", cwd=root).exit_code == 0
    )
    assert (
        run_cli("code", "a-001", "APP.PORTAL", "--coder", "ana", "--remove", cwd=root).exit_code
        == 0
    )
    assert path.read_text(encoding="utf-8") == (
        "coder: ana\ncase: alpha\ncodings:\n"
        "  a-001: {codes: [REG], valence: supporting, memo: both}\n"
        "  a-003: {codes: [REG]}\n"
    )
    # the case file is not touched by a coder's coding
    assert case_data(root)["a-001"]["codes"] == []
    assert run_cli("validate", cwd=root).exit_code == 0


def test_removing_from_an_unrated_excerpt_is_refused(root: Path) -> None:
    write_tree(
        root, {"codings/ana/alpha.yaml": "coder: ana\ncase: alpha\ncodings:\n  a-001: null\n"}
    )
    result = run_cli("code", "a-001", "REG", "--coder", "ana", "--remove", cwd=root)
    assert result.exit_code == 2 and "EGC731" in result.stderr


def test_a_new_projects_bilingual_memo_can_be_replaced(tmp_path: Path) -> None:
    study = tmp_path / "study"
    assert run_cli("init", str(study)).exit_code == 0
    case = study / "cases" / "example.yaml"
    before = case.read_text(encoding="utf-8")
    result = run_cli("code", "ex-001", "--memo", "Perlu dicek: kutipan #2", cwd=study)
    assert result.exit_code == 0, result.stderr
    after = case.read_text(encoding="utf-8")
    assert "memo: 'Perlu dicek: kutipan #2'" in after
    # every comment of the file is still there
    comments = [line.split("#", 1)[1] for line in before.splitlines() if "#" in line]
    assert all(c in after for c in comments)
    assert run_cli("validate", cwd=study).exit_code == 0
