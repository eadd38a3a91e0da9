"""`query`: the informant role with each quote in every format, and `--in text|memo|all`."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from egovcode.analyze.query import Query, memo_texts, run_query
from egovcode.analyze.selection import AnalysisError
from egovcode.load.project import load_project
from tests.conftest import run_cli

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal"

CASE = """\
case: {id: alpha, name: Pemerintah Kota Alpha, type: kota}
sources:
  - id: int-1
    kind: interview
    citation: Interview 1, Dinas Kominfo.
    informant_role: Kepala Bidang Aplikasi
  - id: doc-1
    kind: document
    citation: A report.
excerpts:
  - id: a-001
    source: int-1
    text: Kami membangun portal terpadu.
    codes: [APP.PORTAL]
    valence: supporting
    memo: Budget came from the province.
  - id: a-002
    source: doc-1
    text: Anggaran daerah untuk portal.
    codes: [APP]
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "proj"
    shutil.copytree(MINIMAL, target)
    (target / "cases" / "alpha.yaml").write_text(CASE, encoding="utf-8")
    return target


def test_the_role_is_in_every_format(root: Path) -> None:
    text = run_cli("query", "--code", "APP.PORTAL", cwd=root)
    assert text.exit_code == 0, text.stderr
    assert "— Interview 1, Dinas Kominfo. (int-1, interview, Kepala Bidang Aplikasi)" in text.stdout
    data = json.loads(run_cli("query", "--format", "json", cwd=root).stdout)
    assert [e["informant_role"] for e in data["excerpts"]] == ["Kepala Bidang Aplikasi", None]
    rows = list(csv.DictReader(io.StringIO(run_cli("query", "--format", "csv", cwd=root).stdout)))
    assert [r["informant role"] for r in rows] == ["Kepala Bidang Aplikasi", ""]
    md = run_cli("query", "--format", "md", cwd=root).stdout
    assert "| a-001 | int-1 | Kepala Bidang Aplikasi | Interview 1, Dinas Kominfo. |" in md


def test_pseudonymised_roles(root: Path) -> None:
    config = root / "egovcode.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "pseudonymise: true\n", encoding="utf-8")
    out = run_cli("query", "--format", "json", cwd=root)
    assert out.exit_code == 0, out.stderr
    assert "Kepala Bidang" not in out.stdout
    assert json.loads(out.stdout)["excerpts"][0]["informant_role"] == "Informant 1"


@pytest.mark.parametrize(
    ("where", "expected"), [("text", ["a-002"]), ("memo", ["a-001"]), ("all", ["a-001", "a-002"])]
)
def test_text_in(root: Path, where: str, expected: list[str]) -> None:
    result = run_query(load_project(root), Query(text="anggaran|budget", text_in=where))
    assert [h.excerpt for h in result.hits] == expected
    cli = run_cli("query", "--text", "anggaran|budget", "--in", where, "--format", "json", cwd=root)
    data = json.loads(cli.stdout)
    assert [e["excerpt"] for e in data["excerpts"]] == expected
    assert data["query"]["in"] == where


def test_in_needs_text_and_a_known_place(root: Path) -> None:
    result = run_cli("query", "--in", "memo", cwd=root)
    assert result.exit_code == 2 and "give --text REGEX too" in result.stderr
    with pytest.raises(AnalysisError, match="search in one of text, memo, all"):
        run_query(load_project(root), Query(text="x", text_in="memos"))


def test_bilingual_memos_are_searched_in_every_language() -> None:
    assert memo_texts({"en": "budget", "id": "anggaran"}) == ["budget", "anggaran"]
    assert memo_texts("memo") == ["memo"]
    assert memo_texts(None) == []


def test_piped_blocks_are_the_terminals_without_styles(root: Path) -> None:
    """Piped, the blocks are written directly: the same text rich shows, less the styles."""
    import re

    from typer.testing import CliRunner

    from egovcode.cli.app import app

    piped = run_cli("query", "--lang", "en", cwd=root)
    assert piped.exit_code == 0, piped.stderr
    assert piped.stdout.startswith("alpha a-001  APP.PORTAL  supporting\n  Kami membangun")
    assert piped.stdout.endswith("\n\n2 excerpt(s).\n")
    styled = CliRunner().invoke(
        app, ["query", "--lang", "en", "-p", str(root)], env={"FORCE_COLOR": "1", "NO_COLOR": None}
    )
    assert "\x1b[" in styled.stdout
    assert re.sub(r"\x1b\[[0-9;]*m", "", styled.stdout) == piped.stdout


def test_piped_text_keeps_markup_and_emoji_codes(root: Path) -> None:
    import re

    from typer.testing import CliRunner

    from egovcode.cli.app import app

    """Markup and emoji codes in a quote reach a pipe as written (rich turned ``:thumbs_up:``
    into an emoji); tabs are expanded to stops of 8 columns, as on a terminal."""
    case = root / "cases" / "alpha.yaml"
    case.write_text(
        CASE.replace(
            "Kami membangun portal terpadu.", '"Kami [b]membangun[/b] :thumbs_up:\\tportal."'
        ),
        encoding="utf-8",
    )
    out = run_cli("query", "--code", "APP.PORTAL", cwd=root)
    assert out.exit_code == 0, out.stderr
    assert "  Kami [b]membangun[/b] :thumbs_up:\tportal.\n".expandtabs(8) in out.stdout
    styled = CliRunner().invoke(
        app, ["query", "--code", "APP.PORTAL", "-p", str(root)], env={"FORCE_COLOR": "1"}
    )
    assert re.sub(r"\x1b\[[0-9;]*m", "", styled.stdout) == out.stdout
