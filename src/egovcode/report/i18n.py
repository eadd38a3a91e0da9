"""The fixed text of the report in English and Indonesian, read from package data.

``data/report/strings.yaml`` holds one block of strings per language. Templates see a language's
block as ``t``; Python code fills the generated sentences through :class:`Strings`.
"""

from __future__ import annotations

import datetime as _dt
from functools import cache
from importlib import resources
from typing import Any

import yaml

from egovcode.report.numbers import format_number
from egovcode.report.words import number_words

FALLBACK = "en"


@cache
def catalogue() -> dict[str, dict[str, Any]]:
    """Every language's strings, as stored in the package."""
    text = (
        resources.files("egovcode")
        .joinpath("data", "report", "strings.yaml")
        .read_text(encoding="utf-8")
    )
    data: dict[str, dict[str, Any]] = yaml.safe_load(text)
    return data


def languages() -> list[str]:
    """Languages the report's fixed text exists in."""
    return sorted(catalogue())


class Strings:
    """One language's fixed text, with helpers for the sentences the report generates."""

    def __init__(self, lang: str) -> None:
        table = catalogue()
        self.lang = lang
        self.data: dict[str, Any] = (
            table.get(lang) or table.get(lang.split("-")[0]) or table[FALLBACK]
        )

    def get(self, dotted: str, **fields: object) -> str:
        """The string at ``dotted`` (e.g. ``"sentence.lead_all"``), with ``fields`` filled in."""
        node: Any = self.data
        for part in dotted.split("."):
            node = node[part]
        return str(node).format(**fields) if fields else str(node)

    def num(self, value: object) -> str:
        return format_number(value, self.lang)

    def count(self, noun: str, n: int) -> str:
        """``n`` with its noun in the right number: "1 case", "2 cases", "2 kasus"."""
        one, other = self.data["plural"][noun]
        return f"{self.num(n)} {one if n == 1 else other}"

    def count_start(self, noun: str, n: int) -> str:
        """A count that opens a sentence, in words and capitalised: "Three coders", "Tiga
        pengode" (PUEBI writes a number at the start of a sentence in words)."""
        one, other = self.data["plural"][noun]
        words = number_words(n, self.lang)
        head = words if words is not None else self.num(n)
        return f"{head[:1].upper()}{head[1:]} {one if n == 1 else other}"

    def join(self, items: list[str]) -> str:
        """A list in running text: "A", "A and B", "A, B and C" ("A, B, dan C")."""
        if len(items) <= 1:
            return "".join(items)
        if len(items) == 2:
            return items[0] + self.get("sentence.and") + items[1]
        comma = self.get("sentence.list_comma")
        return comma.join(items[:-1]) + self.get("sentence.and_last") + items[-1]

    def date(self, day: _dt.date) -> str:
        """A date written out: "3 March 2025" / "3 Maret 2025"."""
        month = self.data["months"][day.month - 1]
        return self.get("date_format", day=day.day, month=month, year=day.year)


def inline_label(label: str) -> str:
    """A label as it reads inside a sentence: "Application development" becomes
    "application development"; acronyms and names such as "SPBE" or "J-KOPI" stay as they are."""
    if len(label) >= 2 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label
