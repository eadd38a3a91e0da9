"""Independent coders' files (``codings/<coder>/<case>.yaml``) and the records ``merge`` keeps."""

from __future__ import annotations

from pydantic import Field

from egovcode.model.case import Valence
from egovcode.model.types import FiniteFloat, Ident, SafeInt, Strict


class Suggestion(Strict):
    """Why a machine coder applied a code: its score and the evidence a person can check."""

    score: float = Field(ge=0, le=1, allow_inf_nan=False)
    reason: list[str] = Field(default_factory=list)


class CoderCoding(Strict):
    """One coder's coding of one excerpt. ``codes: []`` means rated, and no code applies.

    A machine coder (``egovcode suggest``) also gives, for each code it applied, the score and
    the reason under ``suggested``.
    """

    codes: list[Ident]
    valence: Valence | None = None
    memo: str | None = None
    suggested: dict[Ident, Suggestion] = Field(default_factory=dict)


class Provenance(Strict):
    """How a machine coder's file was made, so a reader can reproduce or distrust it."""

    method: str = Field(min_length=1)
    egovcode: str = Field(min_length=1)
    codebook_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    training_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    parameters: dict[str, str | SafeInt | FiniteFloat | bool | None] = Field(default_factory=dict)


class CodingFile(Strict):
    """One coder's codings of the excerpts of one case.

    An excerpt absent from ``codings``, or listed as ``null`` (a blind sheet from ``egovcode
    codings init`` before the coder got to it), was not rated by this coder: missing data, not
    "absent". ``synthetic: true`` marks codings that no person made (demonstration data, or a
    machine coder, which also carries its ``provenance``); reports never count such a coder as a
    person.
    """

    coder: Ident
    case: Ident
    synthetic: bool = False
    provenance: Provenance | None = None
    codings: dict[Ident, CoderCoding | None] = Field(default_factory=dict)

    def rated(self) -> dict[str, CoderCoding]:
        """The excerpts this coder rated, with their codings (``null`` entries left out)."""
        return {k: v for k, v in self.codings.items() if v is not None}


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
