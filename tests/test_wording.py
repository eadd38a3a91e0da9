"""Messages and labels read as plain English or Indonesian: no pydantic prefixes in usage errors,
no "all 2 coders", code kinds in the language asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from egovcode.analyze.agreement import fleiss_kappa
from egovcode.report.i18n import Strings, languages
from tests.conftest import REPO, run_cli


@pytest.mark.parametrize(
    "args",
    [
        ["tally", "--format", "xml"],
        ["agree", "--level", "everything"],
        ["validate", "--format", "yaml"],
        ["cooccur", "--measure", "dice"],
    ],
    ids=" ".join,
)
def test_a_bad_choice_is_a_usage_error_without_the_validation_prefix(args: list[str]) -> None:
    result = run_cli(*args, "-p", str(REPO))
    assert result.exit_code == 2
    assert "is not one of" in result.stderr
    assert "Value error" not in result.stderr and "Assertion failed" not in result.stderr


def test_two_coders_are_both_coders() -> None:
    ratings = {"1": {"a": "x", "b": "x"}, "2": {"a": "x", "b": "y"}, "3": {"a": "y"}}
    ratings |= {"4": {"a": "y", "b": "y"}}
    assert fleiss_kappa(ratings).note == "1 unit(s) not rated by both coders were left out."
    three = {k: {**v, "c": "x"} for k, v in ratings.items() if k != "3"} | {"3": {"a": "y"}}
    assert fleiss_kappa(three).note == "1 unit(s) not rated by all 3 coders were left out."
    assert (
        fleiss_kappa({"1": {"a": "x"}, "2": {"b": "y"}}).reason
        == "No unit was rated by both coders."
    )


@pytest.mark.parametrize("lang", languages())
def test_codebook_show_names_code_kinds_in_the_language_asked_for(lang: str) -> None:
    out = run_cli("codebook", "show", "--lang", lang, "-p", str(REPO)).stdout
    kinds = Strings(lang).data["code_kind"]
    assert f"({kinds['component']})" in out and f"({kinds['outcome']})" in out
    if lang != "en":
        assert "(component)" not in out and "(outcome)" not in out and "(factor)" not in out


def test_every_code_kind_has_a_label_in_every_language() -> None:
    from typing import get_args

    from egovcode.model.codebook import CodeKind

    for lang in languages():
        assert set(Strings(lang).data["code_kind"]) >= set(get_args(CodeKind))


@pytest.mark.parametrize(
    "args",
    [
        ["render", "-o", "out/"],
        ["export", "csv", "-o", "data.csv/"],
        ["export", "qdpx", "-o", "study/"],
        ["schema", "case", "-o", "schemas/"],
    ],
    ids=" ".join,
)
def test_an_output_that_names_a_folder_is_refused(args: list[str], tmp_path: Path) -> None:
    import os

    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        project = [] if args[0] == "schema" else ["-p", str(REPO)]
        result = run_cli(*args, *project)
    finally:
        os.chdir(old)
    assert result.exit_code == 2 and "names a folder" in result.stderr
    assert list(tmp_path.iterdir()) == []
