"""Source texts and spans in `validate`: what the example folders cannot show."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from egovcode.check.validate import validate_project
from egovcode.load import texts
from egovcode.load.texts import read_text_file, resolve_in_project
from tests.conftest import run_cli

EXAMPLE = Path(__file__).parent / "cases" / "valid" / "source-texts"
TEXT = "texts/alpha/wawancara-01.txt"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(EXAMPLE, root)
    return root


def diagnostics(root: Path) -> list[dict[str, object]]:
    result = run_cli("validate", "--project", str(root), "--format", "json")
    out: list[dict[str, object]] = json.loads(result.stdout)["diagnostics"]
    return out


def test_example_is_valid_and_spans_count_code_points(project: Path) -> None:
    _, report = validate_project(project)
    assert report.diagnostics == []
    text = (project / TEXT).read_text(encoding="utf-8")
    # "—", "“" and "é" are one code point each but several UTF-8 bytes
    assert len(text) < len(text.encode("utf-8"))


def test_changing_one_byte_of_the_text_is_a_positioned_error(project: Path) -> None:
    path = project / TEXT
    path.write_bytes(path.read_bytes().replace(b"lima orang", b"lima 0rang"))
    [diag] = diagnostics(project)
    assert (diag["code"], diag["file"], diag["line"], diag["column"]) == (
        "EGC709",
        "cases/alpha.yaml",
        31,
        11,
    )
    assert diag["hint"] == (
        "The text does not occur in texts/alpha/wawancara-01.txt: copy the text from the file "
        "at the span, or remove `span:` if the excerpt paraphrases the source."
    )


def test_hint_gives_the_new_span_when_text_moved(project: Path) -> None:
    path = project / TEXT
    path.write_text("Catatan.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    found = diagnostics(project)
    assert [d["code"] for d in found] == ["EGC709", "EGC709"]
    assert found[1]["hint"] == (
        "The text occurs once in texts/alpha/wawancara-01.txt, at line 7: write "
        "`span: [173, 234]` in the excerpt, or run `egovcode excerpt respan a-003`."
    )
    case = project / "cases" / "alpha.yaml"
    case.write_text(
        case.read_text(encoding="utf-8").replace("[164, 225]", "[173, 234]"), encoding="utf-8"
    )
    assert [d["code"] for d in diagnostics(project)] == ["EGC709"]


def test_text_over_the_size_limit(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with (project / TEXT).open("a", encoding="utf-8") as handle:
        handle.write("I: ya.\n" * 1000)
    monkeypatch.setenv("EGOVCODE_MAX_BYTES", "5000")
    [diag] = diagnostics(project)
    assert (diag["code"], diag["line"], diag["column"]) == ("EGC707", 15, 11)
    assert diag["message"] == (
        "source 'wawancara-01': texts/alpha/wawancara-01.txt is 7,233 bytes; the limit is 5,000"
    )


def test_symlink_leading_out_of_the_project(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("I: rahasia\n", encoding="utf-8")
    link = project / "texts" / "alpha" / "link.txt"
    link.symlink_to(outside)
    assert resolve_in_project(project, "texts/alpha/link.txt") is None
    assert resolve_in_project(project, TEXT) == project / TEXT
    for bad in ("../x.txt", "/etc/passwd", "texts\\a.txt", "C:/x.txt", "texts/../../x.txt"):
        assert resolve_in_project(project, bad) is None, bad


def test_each_text_file_is_read_once(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = texts.read_text_file

    def counting(root: Path, relative: str, limits: texts.Limits) -> texts.TextFile:
        calls.append(relative)
        return real(root, relative, limits)

    monkeypatch.setattr(texts, "read_text_file", counting)
    case = project / "cases" / "alpha.yaml"
    extra = "\n".join(
        f"  - id: x-{n}\n    source: wawancara-01\n    span: [164, 225]\n"
        "    text: Tim kecil di Diskominfo, lima orang; kadang café jadi kantor.\n"
        "    codes: [APP]"
        for n in range(20)
    )
    case.write_text(case.read_text(encoding="utf-8") + extra + "\n", encoding="utf-8")
    _, report = validate_project(project)
    assert report.errors == 0
    assert calls == [TEXT]


def test_excerpts_without_span_stay_valid(project: Path) -> None:
    (project / TEXT).unlink()
    found = diagnostics(project)
    # the missing file is one error at the source; its spans are not reported again
    assert [(d["code"], d["line"]) for d in found] == [("EGC701", 15)]


def test_span_must_be_two_integers(project: Path) -> None:
    case = project / "cases" / "alpha.yaml"
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("[164, 225]", "[164.0, '225']"), encoding="utf-8")
    found = diagnostics(project)
    assert {(d["code"], d["line"]) for d in found} == {("EGC104", 31)}


def test_read_text_file_reports_problem_positions(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("baris satu\nbaris dua caf\u0065\u0301\n".encode())
    found = read_text_file(tmp_path, "a.txt", texts.Limits())
    assert found.text is not None
    [problem] = found.problems
    assert (problem.kind, problem.line, problem.column, problem.usable) == ("not-nfc", 2, 14, True)
    (tmp_path / "b.txt").write_bytes(b"ok\nsalah \xff\n")
    found = read_text_file(tmp_path, "b.txt", texts.Limits())
    assert found.text is None
    assert [(p.kind, p.line, p.column) for p in found.problems] == [("not-utf8", 2, 7)]


def test_excerpt_respan_writes_the_new_spans(project: Path) -> None:
    path = project / TEXT
    path.write_text("Catatan.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    case = project / "cases" / "alpha.yaml"
    before = case.read_text(encoding="utf-8")
    dry = run_cli("excerpt", "respan", "a-003", "--dry-run", "--project", str(project))
    assert (dry.exit_code, dry.stdout) == (0, "a-003: span [173, 234] at line 7 (was [164, 225])\n")
    assert case.read_text(encoding="utf-8") == before
    result = run_cli("excerpt", "respan", "a-002", "a-003", "--project", str(project))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "a-002: span [47, 143] at line 3 (was [38, 134])\n"
        "a-003: span [173, 234] at line 7 (was [164, 225])\n"
    )
    after = case.read_text(encoding="utf-8")
    assert after == before.replace("[38, 134]", "[47, 143]").replace("[164, 225]", "[173, 234]")
    assert "# the interview, imported from its WebVTT recording" in after
    assert diagnostics(project) == []
    again = run_cli("excerpt", "respan", "a-003", "--project", str(project))
    assert again.stdout == "a-003: span [173, 234] fits already\n"


def test_excerpt_respan_refuses_an_ambiguous_text(project: Path) -> None:
    path = project / TEXT
    text = path.read_text(encoding="utf-8")
    path.write_text(text + text, encoding="utf-8")
    (project / TEXT).write_text("X" + text + text, encoding="utf-8")
    result = run_cli("excerpt", "respan", "a-003", "--project", str(project))
    assert result.exit_code == 1
    assert "occurs more than once in texts/alpha/wawancara-01.txt" in result.stderr
