"""A stdout that is not UTF-8 (``PYTHONIOENCODING=latin-1``, an ASCII locale): output for people
shows what it cannot encode as escapes and never crashes; documents and machine formats written
to stdout stay UTF-8, so a JSON result still parses and a report keeps every character."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.analysis_project import write_fixture

EAST = (
    'case: {id: east, name: "Kota Timur 🏙️", type: kota}\n'
    "sources:\n"
    '  - {id: d, kind: document, citation: "Laporan “Diskominfo” — 2024."}\n'
    "excerpts:\n"
    '  - {id: e-1, source: d, text: "Kami pakai “SRIKANDI” sejak 2021 🙂 ç", codes: [APP]}\n'
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_fixture(tmp_path_factory.mktemp("enc"), **{"cases/east.yaml": EAST})


def _run(project: Path, encoding: str, *args: str) -> tuple[int, bytes, str]:
    done = subprocess.run(
        [sys.executable, "-m", "egovcode", *args],
        cwd=project,
        capture_output=True,
        env=os.environ | {"PYTHONIOENCODING": encoding, "NO_COLOR": "1"},
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")


def test_data_formats_stay_utf8(project: Path) -> None:
    encoding = "latin-1"
    for args in (("query", "--case", "east", "--format", "json"), ("validate", "--format", "json")):
        code, out, err = _run(project, encoding, *args)
        assert code == 0 and "Traceback" not in err, err
        json.loads(out.decode("utf-8"))  # valid JSON, whatever the terminal's encoding
    code, out, _ = _run(project, encoding, "query", "--case", "east", "--format", "json")
    assert "Kami pakai “SRIKANDI” sejak 2021 🙂 ç" in out.decode("utf-8")
    for args in (("render", "--format", "html"), ("export", "csv", "-o", "-")):
        code, out, err = _run(project, encoding, *args)
        assert code == 0 and "Traceback" not in err, err
        assert "sejak 2021 🙂 ç" in out.decode("utf-8"), args


def test_output_for_people_uses_escapes(project: Path) -> None:
    code, out, err = _run(project, "ascii", "query", "--case", "east")
    assert code == 0 and err == ""
    text = out.decode("ascii")
    assert "\\u201cSRIKANDI\\u201d" in text and "\\U0001f642" in text
