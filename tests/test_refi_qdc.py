"""`egovcode export qdc`: valid against Codebook.xsd, the same bytes twice, a loss report; every
sample file reads into the intermediate model and writes back valid."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from egovcode.interchange.refi.reader import read_document
from egovcode.interchange.refi.safety import parse_xml
from egovcode.interchange.refi.writer import codebook_xml, project_xml
from tests.conftest import REPO, run_cli
from tests.refi_support import NEEDS_REFI, qde_of, sample_files, xsd_errors


@NEEDS_REFI
def test_bundled_codebook_exports_valid_and_identical(tmp_path: Path) -> None:
    first = run_cli("export", "qdc", "-o", str(tmp_path / "a.qdc"), cwd=REPO)
    second = run_cli("export", "qdc", "-o", str(tmp_path / "b.qdc"), cwd=REPO)
    assert first.exit_code == second.exit_code == 0, first.stderr
    data = (tmp_path / "a.qdc").read_bytes()
    assert data == (tmp_path / "b.qdc").read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns=')
    assert xsd_errors(data, "Codebook.xsd") == []
    assert f"wrote {tmp_path / 'a.qdc'} (33 codes)" in first.stderr
    assert "Loss report (what REFI-QDA cannot hold):" in first.stderr
    assert "code labels and definitions in other languages than 'en'" in first.stderr


def test_qdc_keeps_hierarchy_and_folds_criteria(tmp_path: Path) -> None:
    run_cli("export", "qdc", "-o", str(tmp_path / "a.qdc"), "--lang", "id", cwd=REPO)
    parsed = read_document(parse_xml((tmp_path / "a.qdc").read_bytes(), "a.qdc"), "a.qdc")
    top = [c.name for c in parsed.codes]
    assert top[0] == "APP · Pengembangan aplikasi" and len(top) == 9  # with GOAL, MATURITY, FAC
    app = parsed.codes[0]
    assert app.children[0].name == "APP.PORTAL · Portal layanan terpadu"
    assert app.description is not None and "\n\nInklusi" not in app.description
    assert "\n\nInclusion: " in app.description and "\n\nExamples: " in app.description


def test_qdc_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "a.qdc").write_text("keep")
    result = run_cli("export", "qdc", "-o", str(tmp_path / "a.qdc"), cwd=REPO)
    assert result.exit_code == 2 and "already exists; add --force" in result.stderr
    assert (tmp_path / "a.qdc").read_text() == "keep"


def _document(path: Path) -> bytes:
    if path.suffix == ".qdpx":
        return qde_of(path)
    return path.read_bytes()


@NEEDS_REFI
@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_every_sample_reads_and_writes_back_valid(path: Path) -> None:
    parsed = read_document(parse_xml(_document(path), path.name), path.name)
    if path.suffix == ".qdc":
        assert parsed.codes
        assert xsd_errors(codebook_xml(parsed), "Codebook.xsd") == []
    else:
        assert xsd_errors(project_xml(parsed), "Project.xsd") == []


@NEEDS_REFI
def test_sample_quirks_are_read() -> None:
    def read(name: str):  # type: ignore[no-untyped-def]
        path = next(p for p in sample_files() if p.name.startswith(name))
        return read_document(parse_xml(_document(path), path.name), path.name)

    transana = read("refi-spec-1.5_annexA3")
    assert transana.notices and "0:10" in transana.notices[0]
    assert sum(len(s.selections) for s in transana.sources) == 15
    assert any(s.sources for s in transana.sets)  # MemberSource@guid
    assert transana.skipped["VideoSource"] == 5
    atlas = read("refi-spec-1.5_annexA2")
    assert {"AudioSource", "VideoSource", "PictureSource", "Graphs"} <= set(atlas.skipped)
    assert len(atlas.sources) == 8  # 6 texts and 2 PDF text representations
    spec = read("refi-spec-1.5_annexA1")
    assert all(c.guid == c.guid.upper() and "{" not in c.guid for c in spec.all_codes())
    assert [c.codable for c in spec.all_codes()].count(False) == 2
    taguette = read("taguette_codebook")
    assert any("empty <Sets/>" in n for n in taguette.notices)
    qc = read("qc-1.3.2_demo")
    assert len(qc.all_codes()) == 262 and qc.sources[0].plain_path == "board_2017.txt"


@NEEDS_REFI
def test_qdpx_samples_are_zip_archives_with_one_qde() -> None:
    for path in sample_files():
        if path.suffix == ".qdpx":
            with zipfile.ZipFile(path) as z:
                assert sum(n.endswith(".qde") for n in z.namelist()) == 1
