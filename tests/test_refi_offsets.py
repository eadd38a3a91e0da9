"""Positions survive canonicalisation (BOM, CRLF, NFD) and every counting tools use."""

from __future__ import annotations

import unicodedata

from hypothesis import assume, given
from hypothesis import strategies as st

from egovcode.interchange.refi.offsets import canonicalise, fit_selection, source_counting

PIECES = st.sampled_from(
    ["a", "é", "e\u0301", "\r\n", "\n", "\r", " ", "👋", "ß", "kata", "\t", "Ω"]
)


def _splits_crlf(pieces: list[str], k: int) -> bool:
    return 0 < k < len(pieces) and pieces[k - 1].endswith("\r") and pieces[k].startswith("\n")


@given(st.lists(PIECES, min_size=1, max_size=40), st.booleans(), st.data())
def test_canonical_positions_select_the_canonical_slice(
    pieces: list[str], bom: bool, data: st.DataObject
) -> None:
    original = ("\ufeff" if bom else "") + "".join(pieces)
    canon = canonicalise(original)
    assert "\r" not in canon.text and "\ufeff" not in canon.text
    assert unicodedata.is_normalized("NFC", canon.text)
    bounds = [0]
    for piece in pieces:
        bounds.append(bounds[-1] + len(piece))
    i = data.draw(st.integers(0, len(pieces) - 1))
    j = data.draw(st.integers(i + 1, len(pieces)))
    # a boundary between the CR and the LF of one CRLF has no place in the LF-only text
    assume(not any(_splits_crlf(pieces, k) for k in (i, j)))
    start, end = canon.position(bounds[i]), canon.position(bounds[j])
    expected = unicodedata.normalize("NFC", "".join(pieces[i:j]).replace("\r\n", "\n"))
    assert canon.text[start:end] == expected.replace("\r", "\n")


@given(st.lists(PIECES, min_size=2, max_size=30), st.data())
def test_each_counting_is_recognised_from_a_quoted_name(
    pieces: list[str], data: st.DataObject
) -> None:
    text = "Pembuka kalimat. " + "".join(pieces) + " Kami menyatukan layanan 👋 di portal."
    quote = "Kami menyatukan layanan 👋 di portal."
    start = text.index(quote)
    end = start + len(quote)
    counting = data.draw(st.sampled_from(["code points", "UTF-16 units", "UTF-8 bytes"]))
    if counting == "UTF-16 units":
        s, e = (len(text[:p].encode("utf-16-le")) // 2 for p in (start, end))
    elif counting == "UTF-8 bytes":
        s, e = (len(text[:p].encode("utf-8")) for p in (start, end))
    else:
        s, e = start, end
    fit = fit_selection(
        text,
        s,
        e,
        "Kami menyatukan layanan",
        source_counting(text, [(s, e, "Kami menyatukan layanan")]),
    )
    assert fit is not None and (fit.start, fit.end) == (start, end)


def test_crlf_as_one_is_found_by_the_names() -> None:
    text = "Baris satu.\r\nBaris dua yang panjang.\r\nBaris tiga yang lain."
    flat = text.replace("\r\n", "\n")
    quotes = ["Baris dua yang panjang.", "Baris tiga yang lain."]
    selections = [(flat.index(q), flat.index(q) + len(q), q) for q in quotes]
    assert source_counting(text, selections) == "CRLF as one"
    fit = fit_selection(text, *selections[1][:2], quotes[1], "CRLF as one")
    assert fit is not None and text[fit.start : fit.end] == quotes[1]


def test_no_counting_fits_positions_past_the_end() -> None:
    assert fit_selection("pendek", 2, 99, None) is None
