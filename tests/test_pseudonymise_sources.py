"""--pseudonymise hides everything that could point to an informant, not only the role."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_cli

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal"
SECRETS = ("wawancara-pak-joko", "https://drive.example/joko", "rumah Pak Joko", "rekaman 03")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(MINIMAL, root)
    case = root / "cases" / "alpha.yaml"
    text = case.read_text(encoding="utf-8")
    text = text.replace(
        "sources:\n",
        "sources:\n"
        "  - id: wawancara-pak-joko\n"
        "    kind: interview\n"
        "    citation: Wawancara dengan Kepala Bidang TIK.\n"
        "    informant_role: Kepala Bidang TIK\n"
        "    url: https://drive.example/joko\n"
        "    note: di rumah Pak Joko\n"
        "    locator: rekaman 03\n",
    ).replace("source: doc-1\n    text: Regulasi", "source: wawancara-pak-joko\n    text: Regulasi")
    case.write_text(text, encoding="utf-8")
    assert run_cli("validate", cwd=root).exit_code == 0
    return root


@pytest.mark.parametrize(
    "command",
    [
        ["export", "json", "-o", "-", "--pseudonymise"],
        ["export", "csv", "-o", "-", "--pseudonymise"],
        ["export", "csv", "--matrix", "-o", "-", "--pseudonymise"],
        ["render", "--pseudonymise"],
        ["render", "--pseudonymise", "--format", "html"],
    ],
)
def test_interview_ids_urls_notes_and_locators_are_hidden(
    project: Path, command: list[str]
) -> None:
    result = run_cli(*command, cwd=project)
    assert result.exit_code == 0, result.stderr
    for secret in SECRETS:
        assert secret not in result.stdout, secret
    assert "Informant 1" in result.stdout or ",informant-1," in result.stdout


def test_excerpts_follow_the_pseudonymous_source_id(project: Path) -> None:
    data = json.loads(run_cli("export", "json", "-o", "-", "--pseudonymise", cwd=project).stdout)
    text = json.dumps(data)
    assert '"informant-1"' in text
    plain = run_cli("export", "json", "-o", "-", cwd=project).stdout
    assert "wawancara-pak-joko" in plain  # without the option nothing changes


def test_csv_names_interview_sources_by_their_pseudonymous_id(project: Path) -> None:
    rows = run_cli("export", "csv", "-o", "-", "--pseudonymise", cwd=project).stdout
    assert ",informant-1,interview," in rows
    plain = run_cli("export", "csv", "-o", "-", cwd=project).stdout
    assert ",wawancara-pak-joko,interview," in plain


def test_sqlite_holds_nothing_that_names_the_informant(project: Path) -> None:
    out = project.parent / "out.db"
    result = run_cli("export", "sqlite", "-o", str(out), "--pseudonymise", cwd=project)
    assert result.exit_code == 0, result.stderr
    dump = "\n".join(sqlite3.connect(out).iterdump())
    for secret in SECRETS:
        assert secret not in dump, secret
    assert "Informant 1" in dump


def test_qdpx_carries_pseudonyms_and_no_transcript_that_names_people(project: Path) -> None:
    out = project.parent / "out.qdpx"
    result = run_cli("export", "qdpx", "-o", str(out), "--pseudonymise", cwd=project)
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        everything = "\n".join(
            archive.read(name).decode("utf-8") for name in sorted(archive.namelist())
        )
    for secret in (*SECRETS, "Kepala Bidang TIK"):
        assert secret not in everything, secret
    assert 'name="Informant 1"' in everything
    plain = project.parent / "plain.qdpx"
    assert run_cli("export", "qdpx", "-o", str(plain), cwd=project).exit_code == 0
    with zipfile.ZipFile(plain) as archive:
        assert b"wawancara-pak-joko" in archive.read("project.qde")
