"""docs/workflow.md: every documented command, run in order in a temporary folder, gives exactly
the output the page shows (refresh with ``python -m tests.workflow_doc``)."""

from __future__ import annotations

from pathlib import Path

from tests.workflow_doc import PAGE, SAMPLES, render


def test_the_samples_are_what_the_page_says() -> None:
    txt = (SAMPLES / "wawancara-kabid.txt").read_bytes()
    assert txt.startswith(b"\xef\xbb\xbf") and b"\r\n" in txt  # UTF-8 with BOM, CRLF
    assert (SAMPLES / "fgd-warga.vtt").read_bytes().startswith(b"WEBVTT")
    assert (SAMPLES / "wawancara-kasi.docx").read_bytes().startswith(b"PK")  # a zip: Word


def test_every_command_gives_the_documented_output(tmp_path: Path) -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert page.count("\n$ egovcode ") >= 30
    assert render(page, tmp_path) == page, "run: python -m tests.workflow_doc"
    project = tmp_path / "s"
    # what the page promises: every excerpt is its file's slice, and the coder sheet is blind
    import yaml

    case = yaml.safe_load((project / "cases" / "kediri.yaml").read_text(encoding="utf-8"))
    files = {s["id"]: s["file"] for s in case["sources"]}
    for excerpt in case["excerpts"]:
        text = (project / files[excerpt["source"]]).read_text(encoding="utf-8")
        start, end = excerpt["span"]
        assert text[start:end] == excerpt["text"]
        assert "[00:" not in excerpt["text"] and not excerpt["text"].startswith(("P:", "I:"))
    sheet = (project / "codings" / "budi" / "kediri.yaml").read_text(encoding="utf-8")
    assert "CONN.PDN" not in sheet  # a code of the case file, not shown to the coder
