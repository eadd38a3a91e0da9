"""Dates and cue times that do not exist are refused where they enter: a usage error for
``--date``, an error naming the file and line for a transcript header or a caption's timing,
and a positioned diagnostic for a quoted date in a case file. Nothing is stored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from egovcode.interchange.transcript.captions import read_srt, read_vtt
from egovcode.interchange.transcript.errors import TranscriptError
from egovcode.model.types import date_problem
from tests.conftest import run_cli

SPEAKERS = ("--speakers", "P=interviewer,J=informant", "--informant-role", "Kepala Dinas")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "s"
    assert run_cli("init", str(root)).exit_code == 0
    return root


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2024-02-30", ("EGC013", "'2024-02-30' is not a date: February 2024 has 29 days")),
        ("2023-02-29", ("EGC013", "'2023-02-29' is not a date: February 2023 has 28 days")),
        ("2024-13", ("EGC013", "'2024-13' is not a date: there is no month 13")),
        ("2024-00-10", ("EGC013", "'2024-00-10' is not a date: there is no month 0")),
        ("0000", ("EGC013", "'0000' is not a date: there is no year 0")),
        ("2024-04-31", ("EGC013", "'2024-04-31' is not a date: April 2024 has 30 days")),
        ("Maret 2024", ("EGC104", "'Maret 2024' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")),
        ("2024-02-29", None),
        ("2024-12", None),
        ("1999", None),
    ],
)
def test_date_problem(value: str, problem: tuple[str, str] | None) -> None:
    assert date_problem(value) == problem


@pytest.mark.parametrize("date", ["2024-02-30", "2024-13-01", "30-02-2024", "kemarin"])
def test_an_impossible_date_option_is_a_usage_error(
    project: Path, tmp_path: Path, date: str
) -> None:
    text = tmp_path / "w.txt"
    text.write_text("P: Halo.\nJ: Ya.\n", encoding="utf-8")
    before = _files(project)
    result = run_cli(
        "import", "transcript", str(text), "--case", "example", "--date", date, *SPEAKERS,
        "-p", str(project),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "Invalid value for '--date'" in result.stderr and "is not a date" in result.stderr
    assert _files(project) == before


def test_an_impossible_header_date_names_the_file_and_line(project: Path, tmp_path: Path) -> None:
    text = tmp_path / "w.txt"
    text.write_text("Lokasi: Kantor\nTanggal: 31 April 2024\n\nP: Halo.\nJ: Ya.\n", "utf-8")
    before = _files(project)
    args = ("import", "transcript", str(text), "--case", "example", *SPEAKERS, "-p", str(project))
    result = run_cli(*args)
    assert result.exit_code == 1
    assert result.stderr == (
        "egovcode: error: w.txt, line 2: the header's date '31 April 2024' does not exist "
        "('2024-04-31' is not a date: April 2024 has 30 days). Correct it in the transcript, "
        "or give the date with --date.\n"
    )
    assert _files(project) == before
    # --date given, the header's date is not used
    assert run_cli(*args, "--date", "2024-04-30").exit_code == 0


def test_a_quoted_impossible_date_in_a_case_file_is_a_diagnostic(project: Path) -> None:
    case = project / "cases" / "example.yaml"
    text = case.read_text(encoding="utf-8")
    assert 'date: "2024-05"' in text
    case.write_text(text.replace('date: "2024-05"', "date: '2024-02-30'"), encoding="utf-8")
    result = run_cli("validate", "--format", "parsable", "-p", str(project))
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if "EGC013" in x)
    assert "'2024-02-30' is not a date: February 2024 has 29 days" in line
    assert line.startswith("cases/example.yaml:")
    assert "EGC203" not in result.stdout  # its excerpts get no follow-on "unknown source"


VTT = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v P>Halo\n\n{timing}\n<v J>Ya\n"
SRT = "1\n00:00:01,000 --> 00:00:02,000\nP: Halo\n\n2\n{timing}\nJ: Ya\n"


@pytest.mark.parametrize(
    ("timing", "why"),
    [
        ("99:99:99.000 --> 99:99:99.500", "does not exist"),
        ("00:01:60.000 --> 00:01:61.000", "does not exist"),
        ("00:60.000 --> 00:61.000", "does not exist"),
        ("00:00:05.000 --> 00:00:04.000", "ends (00:00:04.000) before it starts"),
        ("soon --> later", "is not a cue time"),
    ],
)
def test_a_caption_time_that_does_not_exist_names_the_file_and_line(timing: str, why: str) -> None:
    with pytest.raises(TranscriptError, match=rf"^x\.vtt, line 6: .*{re.escape(why)}"):
        read_vtt(VTT.format(timing=timing), "x.vtt")
    srt_why = re.escape(why.replace(".", ","))
    with pytest.raises(TranscriptError, match=rf"^x\.srt, line 6: .*{srt_why}"):
        read_srt(SRT.format(timing=timing.replace(".", ",")), "x.srt")


def test_caption_times_that_exist_are_read() -> None:
    doc = read_vtt(VTT.format(timing="01:00:59.5 --> 101:00:00.000"), "x.vtt")
    assert doc.text.endswith("[01:00:59.5] J: Ya\n")
    assert (
        "[00:00:03,000] J: Ya"
        in read_srt(SRT.format(timing="00:00:03,000 --> 00:00:04,000"), "x.srt").text
    )


def test_the_cli_reports_a_bad_cue_time(project: Path, tmp_path: Path) -> None:
    vtt = tmp_path / "fg.vtt"
    vtt.write_text(VTT.format(timing="00:59:99.000 --> 01:00:00.000"), encoding="utf-8")
    before = _files(project)
    result = run_cli(
        "import", "transcript", str(vtt), "--case", "example", *SPEAKERS, "-p", str(project)
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("egovcode: error: fg.vtt, line 6: the cue time '00:59:99.000'")
    assert _files(project) == before
