"""The consensus of independent coders, excerpt by excerpt: what ``egovcode merge`` would write.

For each excerpt rated by at least one coder, the *raters* are the coders whose file lists it.
A code is **agreed** when every rater applied it and **disputed** when some but not all did.

- ``unanimous``: the consensus is the agreed codes; every disputed code is left unresolved.
- ``majority``: a code applied by more than half of the raters is in, by fewer than half out;
  a tie (exactly half) is unresolved and left out.
- ``prefer:CODER``: where CODER rated the excerpt, CODER's codes (nothing unresolved); elsewhere
  as ``majority``.

Valence likewise, each rater giving one valence or none: ``unanimous`` sets it when every rater
gave the same one, ``majority`` when more than half gave the same one, ``prefer:CODER`` takes
CODER's when given; otherwise the case file's valence stays as it is. A valence is never removed.

The merge owns a field (codes, valence) of an excerpt when the case file still holds what the
last merge wrote there (its record), or when the field is empty. Anything else was written by
hand, and changing it is a **conflict**: left alone unless ``force``. Pure: reads nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from egovcode.analyze.agreement.ordering import sorted_ids
from egovcode.errors import EgovcodeError
from egovcode.load.project import Project
from egovcode.model.coding import MergeRecord, Written
from egovcode.model.tree import CodeTree

Action = Literal["unchanged", "update", "conflict", "forced"]
RULES = ("unanimous", "majority", "prefer:CODER")


class RuleError(EgovcodeError):
    """A rule that cannot be used (a usage error, exit code 2)."""


@dataclass(frozen=True, slots=True)
class Rule:
    kind: Literal["unanimous", "majority", "prefer"]
    coder: str | None = None

    def __str__(self) -> str:
        return f"prefer:{self.coder}" if self.kind == "prefer" else self.kind


def parse_rule(text: str, coders: Sequence[str]) -> Rule:
    """``unanimous``, ``majority`` or ``prefer:CODER`` (CODER must have coder files)."""
    if text in ("unanimous", "majority"):
        return Rule(text)  # type: ignore[arg-type]
    if text.startswith("prefer:"):
        coder = text.removeprefix("prefer:")
        if coder not in coders:
            known = ", ".join(coders) or "none"
            raise RuleError(f"--rule {text}: {coder!r} has no coder files (coders: {known}).")
        return Rule("prefer", coder)
    raise RuleError(f"--rule {text!r}: use unanimous, majority or prefer:CODER.")


@dataclass(frozen=True, slots=True)
class Vote:
    codes: tuple[str, ...]
    valence: str | None


@dataclass(frozen=True, slots=True)
class ExcerptMerge:
    """The merge of one excerpt: ``proposed_*`` is what the rule gives; ``codes`` and
    ``new_valence`` are what the case file will hold (the current values on a conflict)."""

    case: str
    excerpt: str
    index: int
    votes: dict[str, Vote]
    consensus: tuple[str, ...]
    disputed: tuple[str, ...]
    unresolved: tuple[str, ...]
    valence: str | None
    valence_unresolved: bool
    current_codes: tuple[str, ...]
    current_valence: str | None
    proposed_codes: tuple[str, ...]
    proposed_valence: str | None
    codes: tuple[str, ...]
    new_valence: str | None
    action: Action
    reason: str | None

    @property
    def writes(self) -> bool:
        return self.action in ("update", "forced")

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case,
            "excerpt": self.excerpt,
            "coders": {
                c: {"codes": list(v.codes), "valence": v.valence} for c, v in self.votes.items()
            },
            "consensus": list(self.consensus),
            "disputed": list(self.disputed),
            "unresolved": list(self.unresolved),
            "valence": self.valence,
            "valence_unresolved": self.valence_unresolved,
            "before": {"codes": list(self.current_codes), "valence": self.current_valence},
            "proposed": {"codes": list(self.proposed_codes), "valence": self.proposed_valence},
            "after": {"codes": list(self.codes), "valence": self.new_valence},
            "action": self.action,
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class MergePlan:
    rule: Rule
    excerpts: tuple[ExcerptMerge, ...]

    @property
    def conflicts(self) -> list[ExcerptMerge]:
        return [e for e in self.excerpts if e.action == "conflict"]

    @property
    def unresolved(self) -> list[ExcerptMerge]:
        return [e for e in self.excerpts if e.unresolved or e.valence_unresolved]

    @property
    def clean(self) -> bool:
        """No conflict left and no dispute left unresolved (exit code 0)."""
        return not self.conflicts and not self.unresolved

    def to_dict(self) -> dict[str, Any]:
        counts = Counter(e.action for e in self.excerpts)
        return {
            "rule": str(self.rule),
            "summary": {
                "excerpts": len(self.excerpts),
                **{a: counts.get(a, 0) for a in ("update", "forced", "unchanged", "conflict")},
                "unresolved": len(self.unresolved),
            },
            "excerpts": [e.to_dict() for e in self.excerpts],
        }


def plan_merge(
    project: Project, rule: Rule, records: Mapping[str, MergeRecord], *, force: bool = False
) -> MergePlan:
    """The merge of every excerpt some coder rated, in case and excerpt order."""
    order = CodeTree(project.codebook).order if project.codebook else {}
    votes: dict[tuple[str, str], dict[str, Vote]] = {}
    for coder_file in project.codings:
        data = coder_file.data
        for excerpt_id, coding in data.rated().items():
            key = (data.case, excerpt_id)
            votes.setdefault(key, {})[data.coder] = Vote(
                tuple(dict.fromkeys(coding.codes)), coding.valence
            )
    out: list[ExcerptMerge] = []
    for loaded in project.cases:
        case = loaded.data.case.id
        record = records.get(case)
        for i, excerpt in enumerate(loaded.data.excerpts):
            given = votes.get((case, excerpt.id))
            if not given:
                continue
            prior = record.excerpts.get(excerpt.id) if record else None
            out.append(
                _excerpt(
                    case,
                    excerpt.id,
                    loaded.path_of("excerpts", i)[1],
                    {c: given[c] for c in sorted_ids(given)},
                    (tuple(excerpt.codes), excerpt.valence),
                    None if prior is None or prior.written is None else prior.written,
                    rule,
                    order,
                    force,
                )
            )
    return MergePlan(rule, tuple(out))


def _codes(votes: Mapping[str, Vote], rule: Rule) -> tuple[set[str], set[str], set[str]]:
    """(consensus, disputed, unresolved)."""
    n = len(votes)
    count = Counter(code for vote in votes.values() for code in vote.codes)
    agreed = {c for c, k in count.items() if k == n}
    disputed = set(count) - agreed
    if rule.coder is not None and rule.coder in votes:
        return set(votes[rule.coder].codes), disputed, set()
    if rule.kind == "unanimous":
        return agreed, disputed, disputed
    majority = {c for c in disputed if 2 * count[c] > n}
    ties = {c for c in disputed if 2 * count[c] == n}
    return agreed | majority, disputed, ties


def _valence(votes: Mapping[str, Vote], rule: Rule) -> tuple[str | None, bool]:
    """(the valence the rule gives or None, whether the raters disagree unresolved)."""
    given = [vote.valence for vote in votes.values()]
    differ = len(set(given)) > 1
    preferred = votes.get(rule.coder) if rule.coder is not None else None
    if preferred is not None and preferred.valence is not None:
        return preferred.valence, False
    if rule.kind == "unanimous":
        value = given[0] if not differ else None
        return value, differ
    count = Counter(v for v in given if v is not None)
    top = [v for v, k in count.items() if 2 * k > len(given)]
    return (top[0], False) if top else (None, differ)


def _excerpt(
    case: str,
    excerpt: str,
    index: int,
    votes: dict[str, Vote],
    current: tuple[tuple[str, ...], str | None],
    prior: Written | None,
    rule: Rule,
    order: Mapping[str, int],
    force: bool,
) -> ExcerptMerge:
    consensus, disputed, unresolved = _codes(votes, rule)
    valence, valence_unresolved = _valence(votes, rule)
    now_codes, now_valence = current
    kept = [c for c in now_codes if c in consensus]
    added = sorted(consensus - set(kept), key=lambda c: (order.get(c, len(order)), c))
    new_codes = tuple(dict.fromkeys([*kept, *added]))
    new_valence = valence or now_valence
    codes_change = set(new_codes) != set(now_codes)
    valence_change = new_valence != now_valence
    hand: list[str] = []
    if codes_change and now_codes and (prior is None or set(prior.codes) != set(now_codes)):
        hand.append("codes")
    if valence_change and now_valence and (prior is None or prior.valence != now_valence):
        hand.append("valence")
    action: Action
    reason = None
    if not codes_change and not valence_change:
        action = "unchanged"
    elif hand:
        what = " and ".join(hand)
        verb = "were" if what == "codes" or len(hand) > 1 else "was"
        since = "edited by hand since the last merge" if prior else "not written by a merge"
        reason = f"the {what} in the case file {verb} {since}"
        action = "forced" if force else "conflict"
    else:
        action = "update"
    return ExcerptMerge(
        case=case,
        excerpt=excerpt,
        index=index,
        votes=votes,
        consensus=tuple(sorted(consensus, key=lambda c: (order.get(c, len(order)), c))),
        disputed=tuple(sorted_ids(disputed)),
        unresolved=tuple(sorted_ids(unresolved)),
        valence=valence,
        valence_unresolved=valence_unresolved,
        current_codes=now_codes,
        current_valence=now_valence,
        proposed_codes=new_codes,
        proposed_valence=new_valence,
        codes=new_codes if action != "conflict" else now_codes,
        new_valence=new_valence if action != "conflict" else now_valence,
        action=action,
        reason=reason,
    )
