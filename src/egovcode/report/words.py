"""Whole numbers written in words, for the start of a sentence ("Three coders: ...").

Both English and Indonesian style (PUEBI) write a number that opens a sentence in words. Numbers
from 0 to 999,999 are spelled out; larger ones are rare at a sentence start and are left as digits.
"""

from __future__ import annotations

_EN_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = [
    "_",
    "_",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
]
_ID_ONES = [
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
]

LIMIT = 1_000_000


def _en(n: int) -> str:
    if n < 20:
        return _EN_ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _EN_TENS[tens] + (f"-{_EN_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_EN_ONES[hundreds]} hundred" + (f" and {_en(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    tail = "" if not rest else (" and " if rest < 100 else " ") + _en(rest)
    return f"{_en(thousands)} thousand{tail}"


def _id(n: int) -> str:
    if n < 12:
        return _ID_ONES[n]
    if n < 20:
        return f"{_ID_ONES[n - 10]} belas"
    if n < 100:
        tens, ones = divmod(n, 10)
        return f"{_ID_ONES[tens]} puluh" + (f" {_ID_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "seratus" if hundreds == 1 else f"{_ID_ONES[hundreds]} ratus"
        return head + (f" {_id(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "seribu" if thousands == 1 else f"{_id(thousands)} ribu"
    return head + (f" {_id(rest)}" if rest else "")


def number_words(n: int, lang: str) -> str | None:
    """``n`` in words in ``lang`` (English or Indonesian), or None when it is out of range or
    the language has no words here."""
    if n < 0 or n >= LIMIT:
        return None
    base = lang.split("-")[0].lower()
    if base == "id":
        return _id(n)
    if base == "en":
        return _en(n)
    return None
