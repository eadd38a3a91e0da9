"""The analyst's synthesis, ``synthesis.yaml``: the report's title page and the analyst's own text.

Every text may be one string (a study in one language) or a mapping of language to text, like
the codebook's labels. A passage may cite excerpt ids; ``validate`` checks that they exist and the
report links to them.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from pydantic import Field, field_validator

from egovcode.model.types import Ident, LocalText, PartialDate, Strict

#: Text in one language (a string) or in several (``{en: ..., id: ...}``).
Text = str | LocalText


class Passage(Strict):
    """A piece of the analyst's text with the excerpts it rests on."""

    text: Text
    cites: list[Ident] = Field(default_factory=list)


class Author(Strict):
    """An author as printed on the title page."""

    name: str = Field(min_length=1)
    affiliation: Text | None = None


class Synthesis(Strict):
    """The contents of ``synthesis.yaml``; every key is optional."""

    title: Text | None = None
    subtitle: Text | None = None
    authors: list[Author] = Field(default_factory=list)
    institution: Text | None = None
    date: PartialDate | None = None
    abstract: Text | None = None
    summary: Passage | None = None
    components: dict[Ident, Passage] = Field(default_factory=dict)
    cases: dict[Ident, Passage] = Field(default_factory=dict)
    recommendations: list[Passage] = Field(default_factory=list)

    @field_validator("date", mode="before")
    @classmethod
    def _date_to_text(cls, value: Any) -> Any:
        if isinstance(value, _dt.date):
            return value.isoformat()
        return value


def text_in(text: Text | None, lang: str, fallback: str = "en") -> str:
    """``text`` in ``lang``: a plain string as it is, a mapping by language with a fallback."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if lang in text:
        return text[lang]
    if lang.split("-")[0] in text:
        return text[lang.split("-")[0]]
    if fallback in text:
        return text[fallback]
    return next(iter(text.values()), "")
