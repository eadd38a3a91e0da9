"""``egovcode render``: output, determinism, dates, --case, self-contained HTML, layering."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from egovcode.check.validate import validate_project
from egovcode.report import build_context, render_report
from tests.conftest import run_cli
from tests.render_fixture import PROJECT


@pytest.fixture
def project(tree: Callable[[dict[str, object]], Path], monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return tree(PROJECT)


def test_markdown_to_stdout_equals_the_library_call(project: Path) -> None:
    result = run_cli("render", "--project", str(project), "--lang", "id")
    assert (result.exit_code, result.stderr) == (0, "")
    loaded, _ = validate_project(project)
    assert result.stdout == render_report(loaded, fmt="md", lang="id")
    assert result.stdout.startswith("# Laporan lintas kasus: Buku kode mini\n")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_two_renders_are_byte_identical(project: Path, fmt: str) -> None:
    first = run_cli("render", "-p", str(project), "-f", fmt)
    second = run_cli("render", "-p", str(project), "-f", fmt)
    assert first.exit_code == 0 and first.stdout == second.stdout


def test_no_date_unless_asked(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = run_cli("render", "-p", str(project)).stdout
    assert "**Date:**" not in plain and not re.search(r"\b20\d\d-\d\d-\d\d\b", plain)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741000000")  # 2025-03-03 UTC
    dated = run_cli("render", "-p", str(project)).stdout
    assert "**Date:** 3 March 2025\n" in dated
    assert dated.replace("**Date:** 3 March 2025\n\n", "") == plain
    html = run_cli("render", "-p", str(project), "-f", "html", "-l", "id").stdout
    assert '<time datetime="2025-03-03">3 Maret 2025</time>' in html


def test_date_option_wins_over_source_date_epoch(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741000000")
    out = run_cli("render", "-p", str(project), "--date", "2024-10-23", "-l", "id").stdout
    assert "**Tanggal:** 23 Oktober 2024\n" in out


def test_bad_source_date_epoch_is_a_usage_error(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run_cli("render", "-p", str(project))
    assert result.exit_code == 2
    assert "SOURCE_DATE_EPOCH='yesterday' is not a number" in result.stderr


@pytest.mark.parametrize("args", [["--case", "south"], ["-c", "south,south"]])
def test_case_limits_the_report(project: Path, args: list[str]) -> None:
    out = run_cli("render", "-p", str(project), *args).stdout
    assert "Kabupaten South" in out
    assert "North" not in out and "n-01" not in out and "cases/north.yaml" not in out
    assert "The report covers 1 case: Kabupaten South." in out
    lead = "Kabupaten South has excerpts coded to application development: 1 excerpt (1 neutral)."
    assert lead in out


def test_output_file_is_written_atomically_and_not_overwritten(
    project: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "report.html"
    missing = run_cli("render", "-p", str(project), "-f", "html", "-o", str(target))
    assert missing.exit_code == 2 and "does not exist; create it first" in missing.stderr
    assert not target.parent.exists()  # a mistyped folder is never created
    target.parent.mkdir()
    first = run_cli("render", "-p", str(project), "-f", "html", "-o", str(target))
    assert (first.exit_code, first.stdout) == (0, "")
    assert first.stderr == f"egovcode: wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    again = run_cli("render", "-p", str(project), "-o", str(target))
    assert again.exit_code == 2 and "add --force to overwrite it" in again.stderr
    forced = run_cli("render", "-p", str(project), "-o", str(target), "--force", "-l", "id")
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="id">')
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.html"]


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("r.html", b"<!DOCTYPE html>"),
        ("r.HTM", b"<!DOCTYPE html>"),
        ("r.md", b"# Cross-case report"),
        ("r.docx", b"PK\x03\x04"),
        ("r.txt", b"# Cross-case report"),  # an unknown extension: the project's format
    ],
)
def test_format_follows_the_output_extension(
    project: Path, tmp_path: Path, name: str, start: bytes
) -> None:
    if name.endswith(".docx"):
        pytest.importorskip("docx")
    target = tmp_path / name
    result = run_cli("render", "-p", str(project), "-o", str(target))
    assert (result.exit_code, result.stderr) == (0, f"egovcode: wrote {target}\n")
    assert target.read_bytes().startswith(start)


@pytest.mark.parametrize(
    ("fmt", "name", "names"),
    [("md", "r.html", "html"), ("html", "r.md", "md"), ("md", "r.docx", "docx")],
)
def test_a_format_that_contradicts_the_extension_is_a_usage_error(
    project: Path, tmp_path: Path, fmt: str, name: str, names: str
) -> None:
    target = tmp_path / name
    result = run_cli("render", "-p", str(project), "-f", fmt, "-o", str(target))
    assert result.exit_code == 2 and result.stdout == ""
    assert f"--format {fmt} contradicts the file name {target}, which names {names}" in (
        result.stderr
    )
    assert not target.exists()


def test_format_agrees_with_an_unknown_extension_and_word_needs_a_file(
    project: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.txt"
    assert run_cli("render", "-p", str(project), "-f", "html", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = run_cli("render", "-p", str(project), "-f", "docx")
    assert result.exit_code == 2
    assert "a Word document cannot go to stdout; give -o FILE.docx." in result.stderr


@pytest.mark.parametrize("name", ["report.pdf", "laporan.odt", "r.DOC"])
def test_a_foreign_document_extension_without_format_is_a_usage_error(
    project: Path, tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    result = run_cli("render", "-p", str(project), "-o", str(target))
    assert result.exit_code == 2 and result.stdout == ""
    assert "cannot tell the format from" in result.stderr
    assert not target.exists()
    # A file without an extension takes the project's format.
    plain = tmp_path / "report"
    assert run_cli("render", "-p", str(project), "-o", str(plain)).exit_code == 0
    assert plain.read_text(encoding="utf-8").startswith("# ")


def test_format_defaults_to_the_project_setting(project: Path) -> None:
    (project / "egovcode.yaml").write_text(
        "codebook: codebooks/mini.yaml\nformat: html\nlang: id\n", encoding="utf-8"
    )
    out = run_cli("render", "-p", str(project)).stdout
    assert out.startswith('<!DOCTYPE html>\n<html lang="id">')


def test_html_is_self_contained(project: Path) -> None:
    out = run_cli("render", "-p", str(project), "-f", "html").stdout
    assert out.count("<svg") == 2 and '<title id="heatmap-title">' in out
    assert "<style>" in out and "<script" not in out
    network = re.compile(
        r"""(?:src|href|xlink:href|action|poster)\s*=\s*["']?\s*(?:https?:)?//""", re.I
    )
    assert not network.search(out)
    assert "@import" not in out and not re.search(r"url\(\s*['\"]?\s*(https?:)?//", out)
    assert '<link rel="stylesheet"' not in out


def test_pseudonymise_replaces_interview_citations(project: Path) -> None:
    plain = run_cli("render", "-p", str(project)).stdout
    assert "Interview with the head of Diskominfo" in plain
    out = run_cli("render", "-p", str(project), "--pseudonymise").stdout
    assert "head of Diskominfo" not in out and "Informant 1" in out


def test_coders_are_listed_and_counted(project: Path) -> None:
    north = project / "cases" / "north.yaml"
    text = north.read_text(encoding="utf-8")
    text = text.replace("    valence: inhibiting\n", "    valence: inhibiting\n    coder: budi\n")
    text = text.replace("    codes: [GOAL]\n", "    codes: [GOAL]\n    coder: ana\n")
    north.write_text(text, encoding="utf-8")
    loaded, _ = validate_project(project)
    method = build_context(loaded, "id")["method"]
    assert method["coders"] == ["ana", "budi"]
    assert method["coders_sentence"] == (
        "Berkas kasus menyebutkan siapa yang menerapkan kodenya: ana dan budi."
    )


def test_context_is_plain_data(project: Path) -> None:
    import json

    loaded, _ = validate_project(project)
    context = build_context(loaded, "en", agreement={"tables": [], "notes": ["n"]})
    assert json.loads(json.dumps(context)) == context  # only JSON types, nothing callable
    assert context["agreement"] == {"tables": [], "notes": ["n"]}
    assert build_context(loaded, "en")["agreement"] is None


def test_agreement_appendix_renders_when_given(project: Path) -> None:
    loaded, _ = validate_project(project)
    agreement = {
        "summary": "Two coders | independent.",
        "tables": [
            {
                "title": "Per component",
                "columns": ["code", "alpha"],
                "rows": [["APP", 0.8125], ["REG", 1]],
            }
        ],
        "notes": ["Krippendorff's alpha, nominal."],
    }
    md = render_report(loaded, lang="id", agreement=agreement)
    assert "Two coders \\| independent." in md and "| APP | 0,8125 |" in md
    html = render_report(loaded, fmt="html", lang="en", agreement=agreement)
    assert "<caption>Per component</caption>" in html and ">0.8125</td>" in html


def test_report_core_imports_no_cli_libraries() -> None:
    code = (
        "import sys, egovcode.report, egovcode.report.render, egovcode.report.svg;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'typer', 'rich', 'click'});"
        "print(','.join(bad))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
