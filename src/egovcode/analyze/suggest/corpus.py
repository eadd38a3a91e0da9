"""The excerpts a machine coder reads, with the codes people gave them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from egovcode.errors import DataError
from egovcode.load.project import Project
from egovcode.model.tree import CodeTree

Level = Literal["code", "component"]


@dataclass(frozen=True, slots=True)
class Unit:
    """One excerpt: its texts (original first, then translations) and its people's codes.

    ``human`` is None for an excerpt nobody has coded yet (``codes: []`` in the case file).
    """

    id: str
    case: str
    texts: tuple[tuple[str, str], ...]
    human: frozenset[str] | None


@dataclass(frozen=True, slots=True)
class Corpus:
    units: tuple[Unit, ...]
    tree: CodeTree
    level: Level

    @property
    def coded(self) -> list[Unit]:
        return [u for u in self.units if u.human is not None]

    def training_hash(self) -> str:
        """SHA-256 of the coded excerpts' texts and codes, as canonical JSON."""
        payload = [[u.id, list(u.texts), sorted(u.human or ())] for u in self.coded]
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    def codes(self) -> list[str]:
        """The codes a machine coder may apply at this level, in codebook order."""
        if self.level == "component":
            return self.tree.roots()
        return list(self.tree.codes)


def build_corpus(project: Project, cases: Sequence[str] = (), level: Level = "code") -> Corpus:
    """Every excerpt of the chosen cases (all cases when none are named)."""
    if project.codebook is None:
        raise DataError("the project has no codebook to suggest codes from.")
    tree = CodeTree(project.codebook)
    known = [lc.data.case.id for lc in project.cases]
    unknown = [c for c in cases if c not in known]
    if unknown:
        raise DataError(
            f"--case {', '.join(unknown)}: no such case; the cases are {', '.join(known)}."
        )
    wanted = set(cases) or set(known)
    units: list[Unit] = []
    for lc in project.cases:
        data = lc.data
        if data.case.id not in wanted:
            continue
        for excerpt in data.excerpts:
            translations = sorted(excerpt.translations.items())
            texts = (
                (excerpt.text, data.excerpt_lang(excerpt)),
                *((text, lang) for lang, text in translations),
            )
            human = None
            if excerpt.codes:
                human = frozenset(
                    tree.component(c) if level == "component" else c for c in excerpt.codes
                )
            units.append(Unit(excerpt.id, data.case.id, texts, human))
    return Corpus(tuple(units), tree, level)


def fold_of(unit_id: str, folds: int) -> int:
    """The cross-validation fold of an excerpt: from a hash of its id, so it never depends on
    the order of the files or on which other excerpts exist."""
    digest = hashlib.sha256(unit_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % folds
