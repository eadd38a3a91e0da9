"""A merge plan as plain tables: the changes to the case files and the disputes."""

from __future__ import annotations

from egovcode.analyze.merge import ExcerptMerge, MergePlan
from egovcode.analyze.table import Table


def _codes(codes: tuple[str, ...]) -> str:
    return ", ".join(codes) or "(none)"


def _vote(codes: tuple[str, ...], valence: str | None) -> str:
    return _codes(codes) + (f" ({valence})" if valence else "")


def merge_tables(plan: MergePlan) -> list[Table]:
    """The excerpts the merge changes or cannot change, then every dispute among the coders."""
    coders = sorted({c for e in plan.excerpts for c in e.votes})
    changes = [e for e in plan.excerpts if e.action != "unchanged"]
    disputes = [e for e in plan.excerpts if e.disputed or len({*_valences(e)}) > 1]
    return [
        Table(
            columns=["case", "excerpt", "case file now", "merge gives", "action", "note"],
            rows=[
                [
                    e.case,
                    e.excerpt,
                    _vote(e.current_codes, e.current_valence),
                    _vote(e.proposed_codes, e.proposed_valence),
                    e.action,
                    e.reason or "",
                ]
                for e in changes
            ],
            title=f"Merge by rule {plan.rule}: {len(plan.excerpts)} rated excerpts, "
            f"{sum(e.writes for e in changes)} to update, {len(plan.conflicts)} in conflict",
            notes=[
                "update: written; forced: a hand edit overwritten with --force; conflict: a "
                "hand edit left as it is (--force to overwrite). Excerpts not listed already "
                "hold the consensus."
            ],
        ),
        Table(
            columns=["excerpt", *coders, "disputed", "unresolved"],
            rows=[_dispute_row(e, coders) for e in disputes],
            title=f"Disputes: {len(disputes)} excerpts whose coders differ",
            notes=[
                "disputed: codes some of the coders who rated the excerpt applied, not all; "
                "unresolved: left for discussion by the rule (not applied, kept in the merge "
                "record)."
            ],
        ),
    ]


def _dispute_row(e: ExcerptMerge, coders: list[str]) -> list[str]:
    votes = [
        _vote(e.votes[c].codes, e.votes[c].valence) if c in e.votes else "not rated" for c in coders
    ]
    return [e.excerpt, *votes, ", ".join(e.disputed), _unresolved(e)]


def _valences(e: ExcerptMerge) -> list[str | None]:
    return [v.valence for v in e.votes.values()]


def _unresolved(e: ExcerptMerge) -> str:
    parts = list(e.unresolved)
    if e.valence_unresolved:
        parts.append("valence")
    return ", ".join(parts)
