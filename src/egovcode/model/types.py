"""Constrained scalar types shared by the models."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt

#: A stable identifier: letters, digits, ``_``, ``-`` and ``.``, starting with a letter or digit.
IDENT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
IDENT_MAX = 128
Ident = Annotated[str, Field(pattern=IDENT_PATTERN, max_length=IDENT_MAX)]
_IDENT = re.compile(IDENT_PATTERN)


def is_ident(value: str) -> bool:
    """Whether ``value`` is a valid :data:`Ident` (without building a validator)."""
    return len(value) <= IDENT_MAX and _IDENT.match(value) is not None


#: A language tag such as ``en`` or ``id`` (BCP 47 primary subtag, optionally with a region).
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
Lang = Annotated[str, Field(pattern=LANG_PATTERN)]

#: Text in several languages, keyed by language tag.
LocalText = dict[Lang, str]

#: Lists in several languages (keywords, examples), keyed by language tag.
LocalList = dict[Lang, list[str]]

#: A memo: plain text in the analyst's language, or text in several languages like a label.
Memo = str | dict[Lang, str]

#: A number that is data: NaN and infinities are refused (they break exports and reports).
FiniteFloat = Annotated[float, Field(allow_inf_nan=False)]

#: A whole number every export can hold exactly (SQLite INTEGER, JSON read by JavaScript).
SafeInt = Annotated[int, Field(ge=-(2**53), le=2**53)]

#: A plain attribute value of a case.
AttrValue = str | SafeInt | FiniteFloat | bool

PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_PARTIAL_DATE = re.compile(PARTIAL_DATE_PATTERN)


def date_problem(value: str) -> tuple[str, str] | None:
    """Why ``value`` is not a (possibly partial) date that exists, as ``(code, message)``, or None.

    ``EGC104`` for another form than ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``EGC013`` for a
    date that does not exist (``2024-02-30``, ``2024-13``, ``0000``)."""
    if not _PARTIAL_DATE.match(value):
        return "EGC104", f"{value!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
    import calendar

    year, month, day = [*map(int, value.split("-")), 0, 0][:3]
    if year == 0:
        return "EGC013", f"{value!r} is not a date: there is no year 0"
    if "-" in value and not 1 <= month <= 12:
        return "EGC013", f"{value!r} is not a date: there is no month {month}"
    if value.count("-") == 2:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            name = calendar.month_name[month]
            return "EGC013", f"{value!r} is not a date: {name} {year} has {days} days"
    return None


def _real_date(value: str) -> str:
    problem = date_problem(value)
    if problem:
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError(problem[0], "{detail}", {"detail": problem[1]})
    return value


#: A date, possibly partial: ``2024``, ``2024-10`` or ``2024-10-23``, that exists.
PartialDate = Annotated[
    str,
    Field(json_schema_extra={"pattern": PARTIAL_DATE_PATTERN}),
    AfterValidator(_real_date),
]

#: A slice of a source's text: ``(start, end)`` in Unicode code points, zero-based, end exclusive.
#: Written ``[start, end]`` in YAML. Whether it fits the text is checked by ``validate``.
Span = tuple[StrictInt, StrictInt]


class Strict(BaseModel):
    """Base model: unknown keys are errors, so a typo never silently drops data."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


def pick(text: LocalText, lang: str, fallback: str = "en") -> str:
    """Return ``text`` in ``lang``, falling back to ``fallback`` then to any language."""
    if lang in text:
        return text[lang]
    if fallback in text:
        return text[fallback]
    return next(iter(text.values()), "")


def memo_text(memo: str | dict[str, str] | None, lang: str) -> tuple[str, str | None]:
    """A memo as shown in ``lang``: its text, and the language it is in when that is known.

    A plain-text memo is returned as it is with language None (it is in the analyst's language,
    which the file does not state); a bilingual memo gives its ``lang`` text, else English, else
    any, with the language picked.
    """
    if memo is None:
        return "", None
    if isinstance(memo, str):
        return memo, None
    base = lang.split("-")[0]
    for key in (lang, base, "en", *memo):
        if key in memo:
            return memo[key], key
    return "", None
