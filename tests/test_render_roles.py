"""The informant role of an interview source appears with each of its quotes in the report."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.render_fixture import PROJECT


@pytest.fixture
def project(tree: Callable[[dict[str, object]], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return tree(PROJECT)


def _quote_block(text: str, excerpt: str) -> str:
    end = text.index(excerpt)
    return text[text.rfind("\n\n", 0, end) : end + len(excerpt) + 10]


def test_markdown_shows_the_role_with_the_interview_quote(project: Path) -> None:
    for lang, kind in (("en", "interview"), ("id", "wawancara")):
        out = run_cli("render", "-p", str(project), "--lang", lang).stdout
        block = _quote_block(out, "`n-02`")
        assert f"· {kind} (head of Diskominfo) ·" in block, block
        assert "(head of Diskominfo)" not in _quote_block(out, "`n-03`")  # a document


def test_html_shows_the_role_escaped(project: Path) -> None:
    (project / "cases" / "north.yaml").write_text(
        (project / "cases" / "north.yaml")
        .read_text(encoding="utf-8")
        .replace("informant_role: head of Diskominfo", "informant_role: head of <IT> & data"),
        encoding="utf-8",
    )
    out = run_cli("render", "-p", str(project), "-f", "html").stdout
    assert '<span class="role">(head of &lt;IT&gt; &amp; data)</span>' in out


def test_pseudonymised_report_shows_the_pseudonym(project: Path) -> None:
    out = run_cli("render", "-p", str(project), "--pseudonymise").stdout
    assert "head of Diskominfo" not in out
    assert "(Informant 1)" in _quote_block(out, "`n-02`")


def test_word_shows_the_role(project: Path, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx", reason="python-docx is not installed (the docx extra)")
    import io

    target = tmp_path / "report.docx"
    result = run_cli("render", "-p", str(project), "-o", str(target), "--lang", "id")
    assert result.exit_code == 0, result.stderr
    document = docx.Document(io.BytesIO(target.read_bytes()))
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert any("· wawancara (head of Diskominfo) ·" in q for q in quotes), quotes
