"""The CLI's single exit point: internal errors are one line, tracebacks only with --debug."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from egovcode.cli.app import main

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal"


def boom(*_args: object, **_kwargs: object) -> None:
    secret = "Informant statement that must never be printed"  # a local a traceback could show
    raise RuntimeError(f"boom {len(secret)}")


def test_internal_error_is_one_sentence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("egovcode.check.validate.validate_project", boom)
    monkeypatch.delenv("EGOVCODE_DEBUG", raising=False)
    with pytest.raises(SystemExit) as info:
        main(["validate", "--project", str(MINIMAL)])
    assert info.value.code == 70
    err = capsys.readouterr().err
    assert err == (
        "egovcode: internal error: RuntimeError: boom 46\n"
        "Run again with --debug for a traceback, and report it as a bug.\n"
    )


def test_debug_shows_a_traceback_without_locals(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("egovcode.check.validate.validate_project", boom)
    with pytest.raises(SystemExit) as info:
        main(["--debug", "validate", "--project", str(MINIMAL)])
    os.environ.pop("EGOVCODE_DEBUG", None)
    assert info.value.code == 70
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "RuntimeError: boom 46" in err
    assert "Informant statement" not in err  # no local variables, no source of other lines


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["validate", "--format", "nope"])
    assert info.value.code == 2
    assert "Invalid value for '--format'" in capsys.readouterr().err
