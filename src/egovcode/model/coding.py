"""Independent coders' files (``codings/<coder>/<case>.yaml``) and the records ``merge`` keeps."""

from __future__ import annotations

from pydantic import Field

from egovcode.model.case import Valence
from egovcode.model.types import Ident, Strict


class CoderCoding(Strict):
    """One coder's coding of one excerpt. ``codes: []`` means rated, and no code applies."""

    codes: list[Ident]
    valence: Valence | None = None
    memo: str | None = None


class CodingFile(Strict):
    """One coder's codings of the excerpts of one case.

    An excerpt absent from ``codings`` was not rated by this coder (missing data, not "absent").
    """

    coder: Ident
    case: Ident
    codings: dict[Ident, CoderCoding] = Field(default_factory=dict)


class CoderVote(Strict):
    """What one coder gave an excerpt, as recorded by a merge."""

    codes: list[Ident]
    valence: Valence | None = None


class Written(Strict):
    """What a merge left in the case file for an excerpt (to tell hand edits from merges)."""

    codes: list[Ident]
    valence: Valence | None = None


class MergeEntry(Strict):
    """The merge of one excerpt: the rule, every coder's vote, and what came of it."""

    rule: str
    coders: dict[Ident, CoderVote]
    consensus: list[Ident]
    disputed: list[Ident] = Field(default_factory=list)
    unresolved: list[Ident] = Field(default_factory=list)
    valence: Valence | None = None
    written: Written | None = None


class MergeRecord(Strict):
    """``codings/_merge/<case>.yaml``: written by ``egovcode merge``, read by the next merge."""

    case: Ident
    excerpts: dict[Ident, MergeEntry] = Field(default_factory=dict)
