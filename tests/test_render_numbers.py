"""Numbers follow the report's language and keep the value's own precision."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from egovcode.report.i18n import Strings, inline_label
from egovcode.report.numbers import format_number


@pytest.mark.parametrize(
    ("value", "en", "id_"),
    [
        (2.91, "2.91", "2,91"),
        (3.65, "3.65", "3,65"),
        (4.51, "4.51", "4,51"),
        (2.56, "2.56", "2,56"),
        (92.67, "92.67", "92,67"),
        (91, "91", "91"),
        (91.0, "91.0", "91,0"),  # written 91.0 in the file: one decimal is kept
        (0.1, "0.1", "0,1"),
        (2023, "2023", "2023"),  # years and small counts are not grouped
        (9999, "9999", "9999"),
        (12345, "12,345", "12.345"),
        (1234567.25, "1,234,567.25", "1.234.567,25"),
        (-3.5, "-3.5", "-3,5"),
        (-12345, "-12,345", "-12.345"),
        (1e-7, "0.0000001", "0,0000001"),
        (Decimal("2.50"), "2.50", "2,50"),
    ],
)
def test_format_number(value: object, en: str, id_: str) -> None:
    assert format_number(value, "en") == en
    assert format_number(value, "id") == id_


@pytest.mark.parametrize("value", ["C", "sangat baik", None, True, float("nan")])
def test_non_numbers_pass_through(value: object) -> None:
    assert format_number(value, "id") == str(value)


def test_unknown_language_uses_english_and_region_subtags_count() -> None:
    assert format_number(2.91, "fr") == "2.91"
    assert format_number(2.91, "id-ID") == "2,91"


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_indonesian_is_english_with_separators_swapped(value: float) -> None:
    en, id_ = format_number(value, "en"), format_number(value, "id")
    swapped = en.replace(",", "\0").replace(".", ",").replace("\0", ".")
    assert id_ == swapped
    assert float(en.replace(",", "")) == value  # no precision lost or invented


def test_strings_count_join_and_date() -> None:
    import datetime as dt

    en, id_ = Strings("en"), Strings("id")
    assert en.count("case", 1) == "1 case"
    assert en.count("case", 2) == "2 cases"
    assert id_.count("case", 2) == "2 kasus"
    assert en.join(["A", "B", "C"]) == "A, B and C"
    assert id_.join(["A", "B", "C"]) == "A, B, dan C"
    assert id_.join(["A", "B"]) == "A dan B"
    assert en.date(dt.date(2025, 3, 3)) == "3 March 2025"
    assert id_.date(dt.date(2025, 3, 3)) == "3 Maret 2025"


def test_inline_label_lowers_words_not_acronyms() -> None:
    assert inline_label("Application development") == "application development"
    assert inline_label("SPBE maturity") == "SPBE maturity"
    assert inline_label("J-KOPI") == "J-KOPI"
