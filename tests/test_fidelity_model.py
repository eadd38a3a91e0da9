"""The fields that say what the data is: excerpt form, optional index year, bilingual memos,
factor codes and synthetic coders, with the checks they imply (EGC109-214, EGC412)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from egovcode.check.validate import validate_project
from egovcode.model import Excerpt
from egovcode.model.types import memo_text
from egovcode.report import build_context, render_report

CODEBOOK = """
id: mini
version: "1"
title: {en: Mini, id: Mini}
codes:
  - id: APP
    kind: component
    label: {en: Application development, id: Pengembangan aplikasi}
    definition: {en: Apps., id: Aplikasi.}
  - id: FAC
    kind: factor
    label: {en: Factors, id: Faktor}
    definition: {en: What the source names as a factor., id: Yang disebut sumber sebagai faktor.}
  - id: FAC.WILL
    parent: FAC
    label: {en: Political will, id: Political will}
    definition: {en: Leaders' commitment., id: Komitmen pimpinan.}
"""

CASE = """
case: {id: alpha, name: Pemerintah Kota Alpha, name_en: Alpha City Government, type: kota}
indices:
  - name: SPBE
    year: 2023
    value: 2.56
    predicate: cukup
    source: Kementerian PANRB
  - name: IKM
    value: 91
    grade: A
    predicate: Sangat Baik
    source: Kementerian PANRB
sources:
  - {id: doc, kind: document, citation: "Writer, W. (2024). A study. Journal 1(1)."}
excerpts:
  - id: a-1
    source: doc
    text: Aplikasi dibangun.
    codes: [APP]
    valence: supporting
    memo: {en: An English memo., id: Catatan berbahasa Indonesia.}
  - id: a-2
    source: doc
    form: quote
    text: Pimpinan berkomitmen.
    codes: [APP, FAC.WILL]
    valence: neutral
    memo: {en: Only English.}
"""


def _project(tree: Callable[[dict[str, object]], Path], case: str = CASE) -> Path:
    return tree({"codebooks/indrajit.yaml": CODEBOOK, "cases/alpha.yaml": case})


def _codes(root: Path) -> list[tuple[str, int | None]]:
    _, report = validate_project(root)
    return sorted((d.code, d.line) for d in report.diagnostics)


def test_form_defaults_to_paraphrase_and_a_span_makes_a_quote() -> None:
    base = {"id": "x", "source": "s", "text": "t"}
    assert Excerpt.model_validate(base).effective_form() == "paraphrase"
    assert Excerpt.model_validate({**base, "form": "quote"}).effective_form() == "quote"
    assert Excerpt.model_validate({**base, "form": "paraphrase"}).effective_form() == "paraphrase"
    spanned = Excerpt.model_validate({**base, "span": [0, 1]})
    assert spanned.effective_form() == "quote"


def test_memo_text_picks_the_language_and_says_which() -> None:
    memo = {"en": "English", "id": "Indonesia"}
    assert memo_text(memo, "id") == ("Indonesia", "id")
    assert memo_text(memo, "en-GB") == ("English", "en")
    assert memo_text({"id": "Indonesia"}, "en") == ("Indonesia", "id")
    assert memo_text("plain", "id") == ("plain", None)
    assert memo_text(None, "en") == ("", None)


def test_the_checks_name_what_the_fields_imply(tree: Callable[[dict[str, object]], Path]) -> None:
    root = _project(tree)
    found = {code for code, _ in _codes(root)}
    # a-2: a factor with neutral valence, a quote with no locator, a memo missing 'id'.
    assert {"EGC212", "EGC213", "EGC211"} <= found
    assert "EGC210" not in found and "EGC109" not in found


def test_a_memo_in_an_unlisted_language_is_a_warning(
    tree: Callable[[dict[str, object]], Path],
) -> None:
    root = _project(tree, CASE.replace("{en: Only English.}", "{eng: Typo.}"))
    _, report = validate_project(root)
    bad = [d for d in report.diagnostics if d.code == "EGC210"]
    assert len(bad) == 1 and "'eng'" in bad[0].message and bad[0].line is not None


def test_a_quote_with_a_locator_and_a_factor_with_valence_pass(
    tree: Callable[[dict[str, object]], Path],
) -> None:
    case = CASE.replace("    form: quote\n", "    form: quote\n    locator: p. 2\n").replace(
        "valence: neutral", "valence: supporting"
    )
    found = {code for code, _ in _codes(_project(tree, case))}
    assert not {"EGC212", "EGC213"} & found


def test_a_factor_under_a_component_is_flagged(tree: Callable[[dict[str, object]], Path]) -> None:
    bad = CODEBOOK + (
        "  - id: APP.WILL\n    parent: APP\n    kind: factor\n"
        "    label: {en: Will, id: Kemauan}\n    definition: {en: W., id: K.}\n"
    )
    root = tree({"codebooks/indrajit.yaml": bad, "cases/alpha.yaml": CASE})
    _, report = validate_project(root)
    assert [d.message for d in report.diagnostics if d.code == "EGC412"] == [
        "code 'APP.WILL' is of kind 'factor' but its parent 'APP' is of kind 'component'"
    ]


def test_synthetic_marked_on_some_files_of_a_coder_is_a_warning(
    tree: Callable[[dict[str, object]], Path],
) -> None:
    second = CASE.replace("id: alpha, name: Pemerintah Kota Alpha", "id: beta, name: Kota Beta")
    second = second.replace("a-1", "b-1").replace("a-2", "b-2")
    root = tree(
        {
            "codebooks/indrajit.yaml": CODEBOOK,
            "cases/alpha.yaml": CASE,
            "cases/beta.yaml": second,
            "codings/ana/alpha.yaml": "coder: ana\ncase: alpha\nsynthetic: true\n"
            "codings: {a-1: {codes: [APP]}}\n",
            "codings/ana/beta.yaml": "coder: ana\ncase: beta\ncodings: {b-1: {codes: [APP]}}\n",
        }
    )
    project, report = validate_project(root)
    mixed = [d for d in report.diagnostics if d.code == "EGC214"]
    assert [d.file for d in mixed] == ["codings/ana/beta.yaml"]
    assert project.synthetic_coders() == {"ana"}


def test_the_config_can_mark_every_coder_synthetic(
    tree: Callable[[dict[str, object]], Path],
) -> None:
    root = tree(
        {
            "egovcode.yaml": "synthetic: true\n",
            "codebooks/indrajit.yaml": CODEBOOK,
            "cases/alpha.yaml": CASE,
            "codings/ana/alpha.yaml": "coder: ana\ncase: alpha\ncodings: {a-1: {codes: [APP]}}\n",
        }
    )
    project, report = validate_project(root)
    assert project.synthetic_coders() == {"ana"}
    assert not [d for d in report.diagnostics if d.code == "EGC214"]


@pytest.mark.parametrize(
    ("lang", "stated", "not_stated", "predicate"),
    [
        ("en", "SPBE 2023", "IKM (year not stated)", "A, very good"),
        ("id", "SPBE 2023", "IKM (tahun tidak disebutkan)", "A, sangat baik"),
    ],
)
def test_an_index_without_a_year_says_so_and_predicates_are_translated(
    tree: Callable[[dict[str, object]], Path],
    lang: str,
    stated: str,
    not_stated: str,
    predicate: str,
) -> None:
    project, report = validate_project(_project(tree))
    assert report.errors == 0
    text = render_report(project, fmt="md", lang=lang)
    assert stated in text and not_stated in text
    assert predicate in text
    assert "IKM None" not in text and "| None |" not in text
    assert ("(fair)" in text) == (lang == "en")


def test_a_bilingual_memo_is_shown_in_the_report_language(
    tree: Callable[[dict[str, object]], Path],
) -> None:
    project, _ = validate_project(_project(tree))
    for lang, memo, note in [
        ("en", "An English memo.", ""),
        ("id", "Catatan berbahasa Indonesia.", ""),
    ]:
        context = build_context(project, lang)
        excerpt = context["components"][0]["cases"][0]["excerpts"][0]
        assert (excerpt["memo"], excerpt["memo_note"]) == (memo, note)
    text = render_report(project, fmt="md", lang="id")
    assert "Only English. (dalam bahasa Inggris)" in text
