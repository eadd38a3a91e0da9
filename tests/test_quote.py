"""Finding a quote in a source's text: exact, then ignoring whitespace and quote marks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from egovcode.edit.quote import closest_passage, context, find_quote, normalise

TEXT = (
    "P: Sejak kapan?\n"
    "I: Kami pakai \u201caplikasi\u201d  baru\n"
    "   sejak 2019. Kami pakai aplikasi lama juga.\n"
)


def test_exact_matches_are_all_listed_with_lines_and_columns() -> None:
    found = find_quote(TEXT, "Kami pakai")
    assert [(m.start, m.end, m.line, m.column, m.exact) for m in found] == [
        (19, 29, 2, 4, True),
        (62, 72, 3, 16, True),
    ]
    assert all(TEXT[m.start : m.end] == "Kami pakai" for m in found)


def test_loose_match_maps_back_to_the_original_code_points() -> None:
    (match,) = find_quote(TEXT, '  pakai "aplikasi" baru sejak ')
    assert not match.exact
    assert TEXT[match.start : match.end] == "pakai \u201caplikasi\u201d  baru\n   sejak"
    assert (match.line, match.column) == (2, 9)


def test_exact_wins_over_loose() -> None:
    text = "a  b and a b"
    assert [(m.start, m.exact) for m in find_quote(text, "a b")] == [(9, True)]


def test_no_match_and_blank_quotes() -> None:
    assert find_quote(TEXT, "kami memakai aplikasi") == []
    assert find_quote(TEXT, "   ") == []
    assert find_quote("", "x") == []


def test_the_closest_passage_is_found_word_by_word() -> None:
    passage = closest_passage(TEXT, "kami memakai aplikasi baru sejak 2020")
    assert passage is not None
    assert (
        TEXT[passage.start : passage.end] == "Kami pakai \u201caplikasi\u201d  baru\n   sejak 2019."
    )
    assert (passage.line, passage.column) == (2, 4)
    assert 0.5 < passage.similarity < 1
    assert closest_passage(TEXT, "sama sekali lain") is None


def test_context_marks_the_match_on_one_line() -> None:
    (match,) = find_quote(TEXT, "sejak 2019")
    assert context(TEXT, match.start, match.end, 12) == "…i” baru [[sejak 2019]]. Kami pakai…"


def test_normalise_keeps_an_offset_for_every_character() -> None:
    flat, origin = normalise("a \t\n b\u2019c")
    assert flat == "a b'c"
    assert origin == [0, 1, 5, 6, 7]


_WORDS = st.lists(
    st.text("ab \n\t'\u2019\"\u201c", min_size=1, max_size=6), min_size=1, max_size=12
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_WORDS, start=st.integers(0, 80), length=st.integers(1, 20))
def test_every_slice_is_found_and_every_match_is_a_slice(
    text: str, start: int, length: int
) -> None:
    quote = text[start : start + length]
    found = find_quote(text, quote)
    if quote.strip():
        assert any(m.start <= start and start + len(quote) >= m.end for m in found) or any(
            m.exact for m in found
        )
    for m in found:
        piece = text[m.start : m.end]
        assert piece == quote if m.exact else normalise(piece)[0] == normalise(quote.strip())[0]
