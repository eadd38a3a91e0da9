"""``render --format docx``: structure, deterministic bytes and, with LibreOffice, real pages."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli
from tests.render_fixture import PROJECT
from tests.test_report_handin import SYNTHESIS

docx = pytest.importorskip("docx", reason="python-docx is not installed (the docx extra)")

IN_CI = os.environ.get("CI", "").lower() == "true"


def _tool(name: str) -> str:
    """The path of a command-line tool; skipped locally when it is absent, a failure in CI."""
    path = shutil.which(name)
    if path is None:
        if IN_CI:
            pytest.fail(f"{name} is not installed; .ci/run installs it")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture
def project(tree: Callable[[dict[str, object]], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return tree({**PROJECT, "synthesis.yaml": SYNTHESIS})


def _render(project: Path, target: Path, *args: str) -> bytes:
    result = run_cli("render", "-p", str(project), "-o", str(target), *args)
    assert (result.exit_code, result.stdout) == (0, ""), result.stderr
    return target.read_bytes()


def test_word_document_structure(project: Path, tmp_path: Path) -> None:
    data = _render(project, tmp_path / "laporan.docx", "--lang", "id")
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.different_first_page_header_footer
    assert section.header.paragraphs[0].text == "Dua kota daring"
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "fldChar" in footer
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert styles[0] == ("Title", "Dua kota daring")
    assert ("Subtitle", "Sebuah perbandingan") in styles
    headings = [text for style, text in styles if style.startswith("Heading")]
    assert headings[:4] == ["Abstrak", "Ringkasan eksekutif", "Metode", "Profil kasus"]
    assert ("Heading 2", "Regulasi (REG)") in styles
    assert ("Heading 3", "Simpulan analis") in styles
    quotes = [text for style, text in styles if style == "Quote"]
    assert "Perda belum disahkan." in quotes
    assert any(text.startswith("— Interview with the head of Diskominfo") for text in quotes)
    captions = [text for style, text in styles if style == "Caption"]
    assert captions[0].startswith("Tabel 1.") and captions[1].startswith("Tabel 2.")
    profile = document.tables[0]
    assert [c.text for c in profile.rows[1].cells][:4] == [
        "Pemerintah Kota North",
        "kota",
        "Jawa Timur",
        "2,91 (C)",
    ]
    coverage = document.tables[1]
    shaded = coverage.rows[1].cells[1]._tc.xml
    assert 'w:fill="' in shaded
    assert coverage.rows[1].cells[2].text == "1 (hanya netral)"
    assert document.core_properties.title == "Dua kota daring"
    assert document.core_properties.author == "Siti Rahma"


def test_word_bytes_are_deterministic(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _render(project, tmp_path / "a.docx")
    second = _render(project, tmp_path / "b.docx")
    assert first == second
    members = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert members[0].filename == "[Content_Types].xml"
    assert {m.date_time for m in members} == {(2000, 1, 1, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741000000")  # 2025-03-03 UTC
    dated = _render(project, tmp_path / "c.docx", "--date", "2025-03-03")
    members = zipfile.ZipFile(io.BytesIO(dated)).infolist()
    assert {m.date_time[:3] for m in members} == {(2025, 3, 3)}
    core = zipfile.ZipFile(io.BytesIO(dated)).read("docProps/core.xml").decode()
    assert "2025-03-03T" in core


def test_a_template_does_not_apply_to_word(project: Path, tmp_path: Path) -> None:
    result = run_cli("render", "-p", str(project), "-o", str(tmp_path / "r.docx"), "-t", "brief")
    assert result.exit_code == 2 and "--template applies to Markdown and HTML" in result.stderr


def test_libreoffice_prints_the_bundled_report_on_numbered_a4_pages(tmp_path: Path) -> None:
    soffice = _tool("soffice")
    pdfinfo, pdftotext = _tool("pdfinfo"), _tool("pdftotext")
    project = tmp_path / "study"
    for name in ("egovcode.yaml", "cases", "codebooks"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        elif source.is_file():
            project.mkdir(exist_ok=True)
            shutil.copy(source, project / name)
    shutil.copy(REPO / "docs" / "examples" / "synthesis.yaml", project / "synthesis.yaml")
    target = tmp_path / "laporan.docx"
    _render(project, target, "--lang", "id")
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(target),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "laporan.pdf"
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages > 1
    assert "pts (A4)" in info
    first = subprocess.run(
        [pdftotext, "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    title = " ".join(first.split())
    assert "Digitalisasi pelayanan publik di Kota Kediri dan Kabupaten Jember" in title
    assert "Penulis: Example Analyst" in title and "Halaman" not in title  # the title page
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "2,91" in text and "Tabel 1." in text
    assert "Halaman 2" in text  # page numbers in the footer
