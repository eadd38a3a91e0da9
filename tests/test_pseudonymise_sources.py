"""--pseudonymise hides everything that could point to an informant, not only the role."""

from __future__ import annotations

import json
import shutil
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
    assert "Informant 1" in result.stdout


def test_excerpts_follow_the_pseudonymous_source_id(project: Path) -> None:
    data = json.loads(run_cli("export", "json", "-o", "-", "--pseudonymise", cwd=project).stdout)
    text = json.dumps(data)
    assert '"informant-1"' in text
    plain = run_cli("export", "json", "-o", "-", cwd=project).stdout
    assert "wawancara-pak-joko" in plain  # without the option nothing changes
