"""Numbers written the way a language writes them, keeping the value's own precision.

``2.91`` is "2.91" in English and "2,91" in Indonesian; ``91`` stays "91"; ``92.67`` is "92,67".
A value is never rounded or padded: a float prints the shortest digits that read back as the same
float (Python's ``repr``), so what the case file says is what the report says. Thousands are
grouped in integer parts of five digits or more ("12,345" / "12.345"); four-digit numbers such as
years and counts are left ungrouped, as both languages' style guides allow.
"""

from __future__ import annotations

from decimal import Decimal

#: (decimal mark, thousands separator) per language; unknown languages use English.
SEPARATORS: dict[str, tuple[str, str]] = {
    "en": (".", ","),
    "id": (",", "."),
}

GROUP_FROM = 10_000


def separators(lang: str) -> tuple[str, str]:
    """The decimal mark and thousands separator of ``lang`` (its primary subtag decides)."""
    return SEPARATORS.get(lang.split("-")[0].lower(), SEPARATORS["en"])


def format_number(value: object, lang: str) -> str:
    """``value`` written in ``lang``; strings and other non-numbers are returned as ``str``."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return str(value)
    digits = format(Decimal(repr(value)) if isinstance(value, float) else Decimal(value), "f")
    sign = ""
    if digits.startswith("-"):
        sign, digits = "-", digits[1:]
    whole, _, fraction = digits.partition(".")
    mark, thousands = separators(lang)
    if int(whole) >= GROUP_FROM:
        whole = _group(whole, thousands)
    return sign + whole + (mark + fraction if fraction else "")


def _group(whole: str, sep: str) -> str:
    head = len(whole) % 3 or 3
    parts = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
    return sep.join(parts)
