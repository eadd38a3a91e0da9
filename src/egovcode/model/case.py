"""A case file: one case with its attributes, indices, sources and coded excerpts."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Literal

from pydantic import Field, field_validator

from egovcode.model.types import (
    AttrValue,
    FiniteFloat,
    Ident,
    Lang,
    LocalText,
    Memo,
    PartialDate,
    SafeInt,
    Span,
    Strict,
)

CaseType = Literal["kota", "kabupaten", "provinsi", "kementerian", "lembaga", "desa", "other"]
SourceKind = Literal["interview", "document", "online", "observation"]
Valence = Literal["supporting", "inhibiting", "neutral"]
#: How an excerpt renders its source: the source's own words, or the analyst's rendering of them.
Form = Literal["quote", "paraphrase"]


class CaseInfo(Strict):
    """The case itself: a local government or agency."""

    id: Ident
    name: str = Field(min_length=1)
    name_en: str | None = None
    type: CaseType
    province: str | None = None
    country: str | None = None
    attributes: dict[Ident, AttrValue] = Field(default_factory=dict)


class Index(Strict):
    """A published index score of the case (e.g. IPP, SPBE, IKM).

    ``year`` is optional: leave it out when the source does not state it (reports then say
    "year not stated") rather than assume one.
    """

    name: str = Field(min_length=1)
    title: LocalText = Field(default_factory=dict)
    year: int | None = Field(default=None, ge=1900, le=2200)
    value: FiniteFloat | SafeInt
    scale: str | None = None
    grade: str | None = None
    predicate: str | None = None
    source: str = Field(min_length=1)
    locator: str | None = None


class Source(Strict):
    """Where evidence comes from. An informant is named by role only, never by name."""

    id: Ident
    kind: SourceKind
    citation: str = Field(min_length=1)
    informant_role: str | None = None
    date: PartialDate | None = None
    locator: str | None = None
    url: str | None = None
    note: str | None = None
    #: The source's plain text, project-relative (``texts/<case>/<source>.txt``): UTF-8, NFC,
    #: LF line ends, no BOM. Excerpt spans index into it. Written once, never rewritten.
    file: str | None = Field(default=None, min_length=1)
    #: The file the text came from (a .docx, .vtt, ...), copied beside the text.
    original: str | None = Field(default=None, min_length=1)
    #: Further facts about the source (interviewer, location, mode, ...), e.g. from a header.
    attributes: dict[Ident, AttrValue] = Field(default_factory=dict)

    @field_validator("date", mode="before")
    @classmethod
    def _date_to_text(cls, value: Any) -> Any:
        if isinstance(value, _dt.date):
            return value.isoformat()
        return value

    def speaker_roles(self) -> dict[str, str]:
        """The ``speakers`` attribute (``"I=informant, P=interviewer"``, written by ``import
        transcript``) as speaker label -> role; empty when the source has none."""
        return parse_speaker_roles(self.attributes.get("speakers"))


def parse_speaker_roles(value: object) -> dict[str, str]:
    """``"I=informant, P=interviewer"`` as ``{"I": "informant", "P": "interviewer"}``; a value
    that is not such text gives an empty mapping."""
    if not isinstance(value, str):
        return {}
    out: dict[str, str] = {}
    for part in value.split(","):
        label, sep, role = part.partition("=")
        if sep and label.strip() and role.strip():
            out[label.strip()] = role.strip()
    return out


class Excerpt(Strict):
    """A passage of evidence, in its original language, with the codes applied to it.

    ``form`` says whether ``text`` is the source's own words (``quote``) or the analyst's
    rendering of them (``paraphrase``); see :meth:`effective_form`.
    """

    id: Ident
    source: Ident
    locator: str | None = None
    #: Who says the passage: the speaker label as it stands in the source's text (``I``,
    #: ``Peserta 1``), one of the labels of the source's ``speakers`` attribute.
    speaker: str | None = Field(default=None, min_length=1)
    #: ``[start, end]``: Unicode code points of the source's ``file``, zero-based, end
    #: exclusive (the REFI-QDA convention); ``text`` must equal ``file[start:end]``.
    span: Span | None = None
    lang: Lang | None = None
    text: str
    translations: dict[Lang, str] = Field(default_factory=dict)
    codes: list[Ident] = Field(default_factory=list)
    valence: Valence | None = None
    coder: Ident | None = None
    memo: Memo | None = None
    form: Form | None = None
    key: bool = False

    def effective_form(self) -> Form:
        """``quote`` or ``paraphrase``: an excerpt with a ``span`` is a quote by definition; one
        without is a paraphrase unless it is marked ``form: quote``."""
        if self.span is not None:
            return "quote"
        return self.form or "paraphrase"


class CaseFile(Strict):
    """The contents of one ``cases/*.yaml`` file."""

    case: CaseInfo
    language: Lang = "id"
    indices: list[Index] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    excerpts: list[Excerpt] = Field(default_factory=list)

    def excerpt_lang(self, excerpt: Excerpt) -> str:
        """The language an excerpt's text is written in."""
        return excerpt.lang or self.language
