"""The codebook: a framework's codes with labels and definitions in several languages."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from egovcode.model.types import Ident, Lang, LocalList, LocalText, Memo, Strict

CodeKind = Literal["component", "outcome", "factor", "theme"]


class Code(Strict):
    """One code. Sub-codes name their ``parent``; a code's component is its root ancestor."""

    id: Ident
    parent: Ident | None = None
    kind: CodeKind | None = None
    label: LocalText = Field(min_length=1)
    definition: LocalText = Field(default_factory=dict)
    inclusion: LocalText = Field(default_factory=dict)
    exclusion: LocalText = Field(default_factory=dict)
    examples: LocalList = Field(default_factory=dict)
    keywords: LocalList = Field(default_factory=dict)
    exclusion_keywords: LocalList = Field(default_factory=dict)
    deprecated: bool = False
    replaced_by: Ident | None = None
    memo: Memo | None = None
    #: A display colour, as REFI-QDA and the QDA tools keep it: ``#RGB`` or ``#RRGGBB``.
    color: str | None = Field(default=None, pattern=r"^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})$")
    #: ``false`` for a folder that groups codes but is not applied itself (REFI ``isCodable``).
    codable: bool = True


class Codebook(Strict):
    """A versioned codebook."""

    id: Ident
    version: str
    title: LocalText = Field(min_length=1)
    citation: str | None = None
    #: The tool a codebook was imported from (e.g. ``NVivo for Mac 15.0.0``). An imported
    #: codebook may repeat a label under different parents and may lack definitions.
    origin: str | None = None
    description: LocalText = Field(default_factory=dict)
    languages: list[Lang] = Field(default_factory=lambda: ["en", "id"], min_length=1)
    codes: list[Code] = Field(default_factory=list)

    def by_id(self) -> dict[str, Code]:
        """Codes keyed by id (the first one wins when an id is duplicated)."""
        out: dict[str, Code] = {}
        for code in self.codes:
            out.setdefault(code.id, code)
        return out
