"""A citation that ends with a full stop is not followed by a second mark inline ("2023., p. 4",
"2023.:"), in the report (Markdown, HTML) and in query; abbreviations keep their stop."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from egovcode.model.citation import inline_citation
from tests.analysis_project import write_fixture
from tests.conftest import run_cli

DOUBLED = re.compile(r"\.[,:;]")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fixture(tmp_path_factory.mktemp("cite"))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_citations_are_not_doubled(project: Path, fmt: str) -> None:
    out = run_cli("render", "--format", fmt, "--lang", "en", cwd=project).stdout
    assert "North annual report 2023, p. 4" in out  # n-01: document citation + locator
    cites = [line for line in out.splitlines() if "annual report" in line or "Head of IT" in line]
    assert cites and not [line for line in cites if re.search(r"2023\.[,:]|01\.[,:]", line)]


def test_query_citations_are_not_doubled(project: Path) -> None:
    out = run_cli("query", "--case", "north", cwd=project).stdout
    assert "— North annual report 2023, p. 4" in out
    assert not DOUBLED.search(out.replace("p. 4", ""))


@pytest.mark.parametrize(
    ("citation", "inline"),
    [
        (
            "Wawancara dengan Kepala Diskominfo Kota Tirtanagara.",
            "Wawancara dengan Kepala Diskominfo Kota Tirtanagara",
        ),
        ("Interview with the Head of IT, 2024-03-01.", "Interview with the Head of IT, 2024-03-01"),
        ("Pemkot Kediri (2024).", "Pemkot Kediri (2024)"),
        ("Smith, J., et al.", "Smith, J., et al."),
        ("Budi dkk.", "Budi dkk."),
        ("Hakim, A.", "Hakim, A."),
        ("Laporan ...", "Laporan ..."),
        ("No stop", "No stop"),
    ],
)
def test_inline_citation(citation: str, inline: str) -> None:
    assert inline_citation(citation) == inline
