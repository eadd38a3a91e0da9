"""Header fields of a transcript as source fields: a date, the informant's role, attributes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from egovcode.model.types import AttrValue, date_problem

_MONTHS = {
    **{m: i for i, m in enumerate(
        ("januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus",
         "september", "oktober", "november", "desember"), start=1)},
    **{m: i for i, m in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"), start=1)},
    **{m: i for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"),
        start=1)},
    "aug": 8, "oct": 10, "dec": 12, "agt": 8, "nop": 11, "pebruari": 2, "nopember": 11,
}  # fmt: skip

#: A pseudonym such as ``Informan 2``, ``Narasumber A`` or ``P3``: safe to keep as an attribute.
PSEUDONYM = re.compile(
    r"^(informan|narasumber|responden|informant|participant|partisipan|peserta|"
    r"interviewee|peneliti|researcher|[a-z])[ _-]?[0-9a-z]{1,3}$",
    re.IGNORECASE,
)


def parse_date(value: str) -> str | None:
    """``2024-03-01``, ``1 Maret 2024``, ``Senin, 4 Maret 2024``, ``March 1, 2024``,
    ``01/03/2024`` (day first), ``Maret 2024`` or ``2024`` as ISO text; None if not a date, or a
    date that does not exist (``30 Februari 2024``)."""
    iso = date_shape(value)
    return iso if iso is not None and date_problem(iso) is None else None


def date_shape(value: str) -> str | None:
    """``value`` written as ISO text when it has the shape of a date, whether that date exists
    or not (``30 Februari 2024`` gives ``2024-02-30``); None when it is no date at all."""
    text = value.strip().casefold()
    text = re.sub(r"^[^\d,]+,\s*", "", text)  # a weekday: "senin, 4 maret 2024"
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text)
    if m:
        return _iso(int(m[1]), m[2] and int(m[2]), m[3] and int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if m:
        return _iso(int(m[3]), int(m[2]), int(m[1]))
    m = re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", text)
    if m and m[2] in _MONTHS:
        return _iso(int(m[3]), _MONTHS[m[2]], int(m[1]))
    m = re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})", text)
    if m and m[1] in _MONTHS:
        return _iso(int(m[3]), _MONTHS[m[1]], int(m[2]))
    m = re.fullmatch(r"([a-z]+)\s+(\d{4})", text)
    if m and m[1] in _MONTHS:
        return _iso(int(m[2]), _MONTHS[m[1]], None)
    return None


def _iso(year: int, month: int | str | None, day: int | str | None) -> str | None:
    if not 1900 <= year <= 2200:
        return None
    if not month:
        return f"{year:04d}"
    if not day:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


@dataclass(slots=True)
class HeaderFields:
    """What the header gives the source, and what it could not use."""

    date: str | None = None
    role: str | None = None
    attributes: dict[str, AttrValue] = field(default_factory=dict)
    named: list[tuple[str, int]] = field(default_factory=list)  # (value, line) maybe a name
    #: A header date that has a date's shape but does not exist: (value, line, why).
    bad_date: tuple[str, int, str] | None = None


def header_fields(header: dict[str, tuple[str, int]], pseudonyms: set[str]) -> HeaderFields:
    """Map header fields to source fields. The informant's name is kept only when it is a
    pseudonym (``Informan 2``, or what ``--replace`` wrote); otherwise it is reported."""
    out = HeaderFields()
    for key, (value, line) in sorted(header.items()):
        if key == "date":
            iso = date_shape(value)
            problem = date_problem(iso) if iso is not None else None
            if iso is not None and problem is None:
                out.date = iso
            elif problem is not None:
                out.bad_date = (value, line, problem[1])
            else:
                out.attributes["date_text"] = value
        elif key == "role":
            out.role = value
        elif key == "informant":
            if value in pseudonyms or PSEUDONYM.match(value):
                out.attributes["informant"] = value
            else:
                out.named.append((value, line))
        else:
            out.attributes[key] = value
    return out
