"""`egovcode codings init`: blind coder sheets, extended and never overwritten."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egovcode.analyze.coders import coder_codings, project_agreement
from egovcode.edit.sheets import sheet_text
from egovcode.load.project import LoadedCase, load_project
from egovcode.load.yamlfile import SourceFile
from egovcode.model import CaseFile
from egovcode.model.coding import CodingFile
from tests.conftest import run_cli

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal"

CASE = """\
case:
  id: alpha
  name: Pemerintah Kota Alpha
  type: kota
sources:
  - id: int-1
    kind: interview
    citation: Interview with the head of the agency.
    informant_role: Kepala Dinas
excerpts:
  - id: a-001
    source: int-1
    locator: "line 4"
    text: "Kami # pakai portal.\\nBaris kedua: \\u2028 dan bel."
    codes: [APP.PORTAL]
    valence: supporting
  - id: a-002
    source: int-1
    text: Regulasi daerah tentang SPBE.
    codes: [REG]
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "proj"
    shutil.copytree(MINIMAL, target)
    (target / "cases" / "alpha.yaml").write_text(CASE, encoding="utf-8")
    return target


def test_a_new_sheet_is_blind_and_valid(root: Path) -> None:
    result = run_cli("codings", "init", "--coder", "ana", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "created codings/ana/alpha.yaml: 2 excerpt(s) to rate\n"
    text = (root / "codings" / "ana" / "alpha.yaml").read_text(encoding="utf-8")
    body = text[text.index("coder:") :]
    assert body == (
        "coder: ana\ncase: alpha\ncodings:\n"
        "  # a-001 (int-1, line 4):\n"
        "  # Kami # pakai portal.\n"
        "  # Baris kedua:\n"
        "  #  dan bel.\n"
        "  a-001: null\n"
        "  # a-002 (int-1):\n"
        "  # Regulasi daerah tentang SPBE.\n"
        "  a-002: null\n"
    )
    assert "APP.PORTAL" not in body and "REG" not in body and "supporting" not in body
    assert yaml.safe_load(text)["codings"] == {"a-001": None, "a-002": None}
    assert run_cli("validate", "--strict", cwd=root).exit_code == 0


def test_an_existing_sheet_is_extended_never_overwritten(root: Path) -> None:
    sheet = root / "codings" / "ana" / "alpha.yaml"
    sheet.parent.mkdir(parents=True)
    own = "# my notes\ncoder: ana\ncase: alpha\ncodings:\n  a-002: {codes: [REG]}  # sure\n"
    sheet.write_text(own, encoding="utf-8")
    result = run_cli("codings", "init", "--coder", "ana", "--case", "alpha", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "extended codings/ana/alpha.yaml: 1 new excerpt(s) to rate\n"
    text = sheet.read_text(encoding="utf-8")
    assert text.startswith(own)
    assert text.endswith("  a-001: null\n")
    again = run_cli("codings", "init", "--coder", "ana", cwd=root)
    assert again.stdout == "codings/ana/alpha.yaml lists every excerpt already\n"
    assert sheet.read_text(encoding="utf-8") == text


def test_nulls_are_missing_for_agree_and_merge(root: Path) -> None:
    assert run_cli("codings", "init", "--coder", "ana", cwd=root).exit_code == 0
    assert run_cli("codings", "init", "--coder", "budi", cwd=root).exit_code == 0
    assert run_cli("code", "a-001", "APP.PORTAL", "--coder", "ana", cwd=root).exit_code == 0
    assert run_cli("code", "a-001", "APP", "--coder", "budi", cwd=root).exit_code == 0
    assert run_cli("code", "a-002", "REG", "--coder", "budi", cwd=root).exit_code == 0
    project = load_project(root)
    assert coder_codings(project)["alpha"] == {
        "a-001": {"ana": frozenset({"APP.PORTAL"}), "budi": frozenset({"APP"})},
        "a-002": {"budi": frozenset({"REG"})},
    }
    result = project_agreement(project).groups[0].result
    # only a-001 was rated by both (ana's a-002 is null: missing, not "no code")
    assert result.overall.percent_agreement.n_units == 3  # a-001 x {APP, APP.PORTAL, REG}
    assert result.per_code[-1].code == "REG"
    assert result.per_code[-1].statistics.percent_agreement.value == 1.0
    plan = run_cli("merge", "--dry-run", "--format", "json", cwd=root)
    assert (
        '"excerpt": "a-002"' in plan.stdout
        and "ana" not in plan.stdout.split('"a-002"')[1].split("}")[0]
    )


def test_unknown_case_and_bad_coder(root: Path) -> None:
    result = run_cli("codings", "init", "--coder", "ana", "--case", "alpah", cwd=root)
    assert result.exit_code == 2
    assert (
        "'alpah' is not a case of the project (EGC735)\n  hint: Did you mean 'alpha'?"
        in result.stderr
    )
    bad = run_cli("codings", "init", "--coder", "_merge", cwd=root)
    assert bad.exit_code == 2 and "EGC732" in bad.stderr
    assert not (root / "codings").exists()


def test_a_case_without_excerpts_gets_an_empty_sheet_that_grows(root: Path) -> None:
    path = root / "cases" / "alpha.yaml"
    path.write_text(CASE[: CASE.index("excerpts:")] + "excerpts: []\n", encoding="utf-8")
    assert run_cli("codings", "init", "--coder", "ana", cwd=root).exit_code == 0
    sheet = root / "codings" / "ana" / "alpha.yaml"
    assert sheet.read_text(encoding="utf-8").endswith("codings: {}\n")
    path.write_text(CASE, encoding="utf-8")
    assert run_cli("codings", "init", "--coder", "ana", cwd=root).exit_code == 0
    assert yaml.safe_load(sheet.read_text(encoding="utf-8"))["codings"] == {
        "a-001": None,
        "a-002": None,
    }
    assert run_cli("validate", cwd=root).exit_code == 0


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300).filter(
    lambda t: t.strip() != ""
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(_TEXT, min_size=1, max_size=3))
def test_any_excerpt_text_makes_a_sheet_that_reads_back(texts: list[str]) -> None:
    """Multi-line text, '#', control characters, YAML line breaks and very long lines are all
    safe in the comments: the sheet parses to exactly the null entries."""
    data = CaseFile.model_validate(
        {
            "case": {"id": "c", "name": "C", "type": "kota"},
            "sources": [{"id": "s", "kind": "interview", "citation": "x"}],
            "excerpts": [{"id": f"c-{i}", "source": "s", "text": t} for i, t in enumerate(texts)],
        }
    )
    loaded = LoadedCase(SourceFile(Path("c.yaml"), "c.yaml", ""), data)
    text = sheet_text("ana", loaded)
    parsed = yaml.safe_load(text)
    assert parsed == {
        "coder": "ana",
        "case": "c",
        "codings": {f"c-{i}": None for i in range(len(texts))},
    }
    CodingFile.model_validate(parsed)
    assert all(len(line) <= 104 for line in text.splitlines())
