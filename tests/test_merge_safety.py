"""`egovcode merge` never changes a hand-set value silently and never half-applies."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest
import yaml

from egovcode import output
from tests.conftest import run_cli, write_tree

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal"

CASE = """\
case: {id: beta, name: Kabupaten Beta, type: kabupaten}
sources:
  - {id: obs-1, kind: observation, citation: Field notes.}
excerpts:
  - id: b-001
    source: obs-1
    text: Loket dan aplikasi berjalan berdampingan.
    codes: [APP]
    valence: inhibiting     # set by the analyst
  - id: b-002
    source: obs-1
    text: Perda baru tentang layanan digital.
    codes: []
"""


def _coders(b001: str, b002: str) -> dict[str, object]:
    return {
        f"codings/{c}/beta.yaml": f"coder: {c}\ncase: beta\ncodings:\n"
        f"  b-001: {{codes: [APP]{b001}}}\n  b-002: {{codes: [REG]{b002}}}\n"
        for c in ("dewi", "eko")
    }


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "proj"
    shutil.copytree(MINIMAL, target)
    (target / "cases" / "beta.yaml").write_text(CASE, encoding="utf-8")
    (target / "cases" / "beta.yaml").chmod(0o600)
    return write_tree(target, _coders("", ""))


def _valences(root: Path) -> dict[str, str | None]:
    data = yaml.safe_load((root / "cases" / "beta.yaml").read_text(encoding="utf-8"))
    return {e["id"]: e.get("valence") for e in data["excerpts"]}


def test_a_hand_set_valence_the_rule_left_open_is_never_claimed_by_the_merge(root: Path) -> None:
    first = run_cli("merge", "--rule", "unanimous", cwd=root)
    assert first.exit_code == 0, first.stderr
    record = yaml.safe_load((root / "codings/_merge/beta.yaml").read_text(encoding="utf-8"))
    # the coders gave no valence to b-001: the analyst's 'inhibiting' is not the merge's
    assert record["excerpts"]["b-001"]["written"].get("valence") is None
    # now both coders say 'supporting': the hand-set value is a conflict, not an update
    write_tree(root, _coders(", valence: supporting", ", valence: neutral"))
    second = run_cli("merge", "--rule", "unanimous", "--format", "json", cwd=root)
    assert second.exit_code == 1
    assert _valences(root) == {"b-001": "inhibiting", "b-002": "neutral"}
    forced = run_cli("merge", "--rule", "unanimous", "--force", cwd=root)
    assert forced.exit_code == 0
    assert _valences(root)["b-001"] == "supporting"


def test_merge_keeps_the_case_files_mode(root: Path) -> None:
    assert run_cli("merge", "--rule", "majority", cwd=root).exit_code == 0
    assert (root / "cases" / "beta.yaml").stat().st_mode & 0o777 == 0o600


def test_a_disk_error_midway_is_exit_1_and_nothing_is_half_applied(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    real_replace = os.replace
    calls: list[str] = []

    def full_after_first(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", dst)
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", full_after_first)
    result = run_cli("merge", "--rule", "majority", cwd=root)
    assert result.exit_code == 1
    assert "no space left on device; nothing was written" in result.stderr
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert after == before  # the record written first was put back; no temporary files


def test_an_edit_saved_during_the_merge_is_not_overwritten(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = root / "cases" / "beta.yaml"
    real_stage = output._finish

    def edit_meanwhile(tmp: Path, target: Path) -> None:
        real_stage(tmp, target)
        if target == case:
            case.write_text(CASE + "# saved by the analyst just now\n", encoding="utf-8")

    monkeypatch.setattr(output, "_finish", edit_meanwhile)
    result = run_cli("merge", "--rule", "majority", cwd=root)
    assert result.exit_code == 1 and "changed while egovcode was working" in result.stderr
    assert case.read_text(encoding="utf-8").endswith("# saved by the analyst just now\n")
    assert not (root / "codings" / "_merge" / "beta.yaml").exists()
