"""Agreement for a whole coding exercise: overall, per code, per coder pair, and disagreements.

Two modes. *Single*: each coder gives each unit one nominal category. *Multi*: each coder applies
a set of codes to each unit; every code becomes a binary variable, "present" when the coder
applied it and "absent" when the coder rated the unit without applying it. A coder who did not
rate a unit is missing data in both modes. The definitions are written into every result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import combinations
from math import fsum
from typing import Any, Generic, Literal, TypeVar

from egovcode.analyze.agreement.bands import band
from egovcode.analyze.agreement.names import (
    COHEN_KAPPA,
    FLEISS_KAPPA,
    KRIPPENDORFF_ALPHA,
    PERCENT_AGREEMENT,
)
from egovcode.analyze.agreement.ordering import id_key, sorted_ids
from egovcode.analyze.agreement.stats import (
    Category,
    Ratings,
    Statistic,
    UnitValues,
    Weighted,
    coders_of,
    cohen_kappa_weighted,
    fleiss_kappa_weighted,
    krippendorff_alpha_weighted,
    percent_agreement_weighted,
    rated_units,
)

#: unit id -> coder id -> the codes the coder applied. None, or a coder absent from the inner
#: mapping, means the coder did not rate the unit; an empty set means rated, no code applied.
Codings = Mapping[str, Mapping[str, AbstractSet[str] | None]]
Mode = Literal["single", "multi"]

#: A per-unit statistic, or its mean over codes.
S = TypeVar("S", "Statistic", "MeanStatistic")

PRESENT: Category = "present"
ABSENT: Category = "absent"

SINGLE_OVERALL = (
    "Nominal statistics over all units: each coder gives each unit one category; "
    "a coder who did not rate a unit is missing data."
)
SINGLE_PER_CODE = (
    "For each category, one versus the rest: a coder's rating of a unit is 'present' when it "
    "is that category and 'absent' when it is another."
)
MULTI_OVERALL = (
    "Pooled over every unit x code decision: each (unit, code) pair is one binary unit, "
    "'present' when the coder applied the code to the unit and 'absent' when the coder rated "
    "the unit without applying it; n_units counts unit x code pairs."
)
MULTI_PER_CODE = (
    "For each code, a binary rating per unit and coder: 'present' when the coder applied the "
    "code, 'absent' when the coder rated the unit without applying it, missing when the coder "
    "did not rate the unit."
)
MULTI_MEAN = (
    "Unweighted mean over codes of the per-code values, leaving out codes whose value is "
    "undefined; n_codes counts the codes that entered the mean."
)


@dataclass(frozen=True, slots=True)
class MeanStatistic:
    """The mean of one statistic over codes; None when no code has a defined value."""

    name: str
    value: float | None
    n_codes: int
    reason: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "n_codes": self.n_codes,
            "reason": self.reason,
            "note": self.note,
            "band": band(self),
        }


@dataclass(frozen=True, slots=True)
class CoderPair(Generic[S]):
    """A statistic for one pair of coders (Cohen's kappa, or its mean over codes)."""

    coders: tuple[str, str]
    statistic: S

    def to_dict(self) -> dict[str, Any]:
        return {"coders": list(self.coders), **self.statistic.to_dict()}


@dataclass(frozen=True, slots=True)
class StatisticSet(Generic[S]):
    """The four statistics for one variable, Cohen's kappa for every pair of coders: computed
    over units (``StatisticSet[Statistic]``) or averaged over codes (``[MeanStatistic]``)."""

    percent_agreement: S
    krippendorff_alpha: S
    fleiss_kappa: S
    cohen_kappa: tuple[CoderPair[S], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            PERCENT_AGREEMENT: self.percent_agreement.to_dict(),
            KRIPPENDORFF_ALPHA: self.krippendorff_alpha.to_dict(),
            FLEISS_KAPPA: self.fleiss_kappa.to_dict(),
            COHEN_KAPPA: [pair.to_dict() for pair in self.cohen_kappa],
        }


@dataclass(frozen=True, slots=True)
class CodeAgreement:
    """Agreement on one code (multi mode) or one category (single mode, one versus the rest).

    ``applied`` counts the (unit, coder) ratings in which the code was present.
    """

    code: str
    applied: int
    statistics: StatisticSet[Statistic]

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "applied": self.applied, **self.statistics.to_dict()}


@dataclass(frozen=True, slots=True)
class AgreementResult:
    """Everything ``egovcode agree`` reports; ``to_dict()`` is its stable JSON shape."""

    mode: Mode
    coders: tuple[str, ...]
    codes: tuple[str, ...]
    n_units: int
    overall: StatisticSet[Statistic]
    overall_definition: str
    per_code: tuple[CodeAgreement, ...]
    per_code_definition: str
    mean_per_code: StatisticSet[MeanStatistic] | None = None
    mean_definition: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode,
            "coders": list(self.coders),
            "codes": list(self.codes),
            "n_units": self.n_units,
            "definitions": {
                "overall": self.overall_definition,
                "per_code": self.per_code_definition,
                "mean_per_code": self.mean_definition,
            },
            "overall": self.overall.to_dict(),
            "mean_per_code": None if self.mean_per_code is None else self.mean_per_code.to_dict(),
            "per_code": [code.to_dict() for code in self.per_code],
        }


def statistic_set(units: Sequence[UnitValues], coders: Sequence[str]) -> StatisticSet[Statistic]:
    """All four statistics over ``units`` for ``coders`` (in the order given)."""
    return _statistic_set([(values, 1) for values in units], coders)


def _statistic_set(units: Weighted, coders: Sequence[str]) -> StatisticSet[Statistic]:
    return StatisticSet(
        percent_agreement=percent_agreement_weighted(units),
        krippendorff_alpha=krippendorff_alpha_weighted(units),
        fleiss_kappa=fleiss_kappa_weighted(units, coders),
        cohen_kappa=tuple(
            CoderPair((a, b), cohen_kappa_weighted(units, a, b)) for a, b in combinations(coders, 2)
        ),
    )


def _undefined_set(coders: Sequence[str], reason: str) -> StatisticSet[Statistic]:
    return StatisticSet(
        percent_agreement=Statistic(PERCENT_AGREEMENT, None, 0, reason),
        krippendorff_alpha=Statistic(KRIPPENDORFF_ALPHA, None, 0, reason),
        fleiss_kappa=Statistic(FLEISS_KAPPA, None, 0, reason),
        cohen_kappa=tuple(
            CoderPair(pair, Statistic(COHEN_KAPPA, None, 0, reason))
            for pair in combinations(coders, 2)
        ),
    )


def _binary(
    units: Sequence[Mapping[str, AbstractSet[str]]], codes: Sequence[str]
) -> dict[str, list[tuple[UnitValues, int]]]:
    """Per code, the distinct present/absent patterns of the units with how many units have each.

    A unit to which no coder applied a code is all "absent" for it; such units are counted per
    set of coders who rated them rather than visited once per code.
    """
    wanted = set(codes)
    raters: dict[tuple[str, ...], int] = {}
    touched: dict[str, dict[tuple[tuple[str, str], ...], int]] = {code: {} for code in codes}
    for values in units:
        who = tuple(values)
        raters[who] = raters.get(who, 0) + 1
        for code in wanted.intersection(set().union(*values.values())):
            pattern = tuple(
                (coder, PRESENT if code in applied else ABSENT) for coder, applied in values.items()
            )
            seen = touched[code]
            seen[pattern] = seen.get(pattern, 0) + 1
    out: dict[str, list[tuple[UnitValues, int]]] = {}
    for code in codes:
        weighted: list[tuple[UnitValues, int]] = []
        some: dict[tuple[str, ...], int] = {}
        for pattern, weight in touched[code].items():
            weighted.append((dict(pattern), weight))
            who = tuple(coder for coder, _ in pattern)
            some[who] = some.get(who, 0) + weight
        for who, count in raters.items():
            if count > some.get(who, 0):
                weighted.append(({coder: ABSENT for coder in who}, count - some.get(who, 0)))
        out[code] = weighted
    return out


def _code_agreement(code: str, binary: Weighted, coders: Sequence[str]) -> CodeAgreement:
    applied = sum(
        weight * sum(1 for v in values.values() if v == PRESENT) for values, weight in binary
    )
    return CodeAgreement(code, applied, _statistic_set(binary, coders))


def agreement_single(ratings: Ratings, coders: Sequence[str] | None = None) -> AgreementResult:
    """Nominal agreement, one category per unit per coder; per category one versus the rest."""
    chosen = coders_of(ratings) if coders is None else sorted_ids(coders)
    units = rated_units(ratings, chosen)
    categories = sorted_ids(c for values in units for c in values.values())
    as_sets = [{coder: frozenset([c]) for coder, c in values.items()} for values in units]
    binary = _binary(as_sets, categories)
    return AgreementResult(
        mode="single",
        coders=tuple(chosen),
        codes=tuple(categories),
        n_units=len(units),
        overall=statistic_set(units, chosen),
        overall_definition=SINGLE_OVERALL,
        per_code=tuple(_code_agreement(c, binary[c], chosen) for c in categories),
        per_code_definition=SINGLE_PER_CODE,
    )


def _coded_units(codings: Codings, coders: Sequence[str]) -> list[dict[str, frozenset[str]]]:
    wanted = set(coders)
    units: list[dict[str, frozenset[str]]] = []
    for unit in sorted(codings, key=id_key):
        values = {
            coder: frozenset(applied)
            for coder, applied in codings[unit].items()
            if applied is not None and coder in wanted
        }
        if values:
            units.append(values)
    return units


def _coders_of_codings(codings: Codings) -> list[str]:
    return sorted_ids(
        coder
        for values in codings.values()
        for coder, applied in values.items()
        if applied is not None
    )


def agreement_multi(
    codings: Codings,
    codes: Sequence[str] | None = None,
    coders: Sequence[str] | None = None,
) -> AgreementResult:
    """Agreement when coders apply several codes per unit: per code (binary present/absent),
    pooled over all unit x code decisions, and the mean of the per-code values.

    ``codes`` defaults to every code that one of the coders applied; codes outside ``codes`` are
    ignored. ``coders`` defaults to every coder who rated a unit.
    """
    chosen = _coders_of_codings(codings) if coders is None else sorted_ids(coders)
    units = _coded_units(codings, chosen)
    if codes is None:
        chosen_codes = sorted_ids(code for values in units for s in values.values() for code in s)
    else:
        chosen_codes = sorted_ids(codes)
    per_code: list[CodeAgreement] = []
    pooled: list[tuple[UnitValues, int]] = []
    binary = _binary(units, chosen_codes)
    for code in chosen_codes:
        pooled.extend(binary[code])
        per_code.append(_code_agreement(code, binary[code], chosen))
    if not chosen_codes:
        overall = _undefined_set(chosen, "No code was applied, so there is no decision to compare.")
    else:
        overall = _statistic_set(pooled, chosen)
    return AgreementResult(
        mode="multi",
        coders=tuple(chosen),
        codes=tuple(chosen_codes),
        n_units=len(units),
        overall=overall,
        overall_definition=MULTI_OVERALL,
        per_code=tuple(per_code),
        per_code_definition=MULTI_PER_CODE,
        mean_per_code=mean_over_codes(per_code, chosen),
        mean_definition=MULTI_MEAN,
    )


def _mean(name: str, stats: Sequence[Statistic]) -> MeanStatistic:
    values = [s.value for s in stats if s.value is not None]
    skipped = len(stats) - len(values)
    note = f"{skipped} code(s) with an undefined value were left out." if skipped else None
    if not values:
        reason = "There is no code to average over." if not stats else "No code has a value."
        return MeanStatistic(name, None, 0, reason, note)
    return MeanStatistic(name, fsum(values) / len(values), len(values), None, note)


def mean_over_codes(
    per_code: Sequence[CodeAgreement], coders: Sequence[str]
) -> StatisticSet[MeanStatistic]:
    """The unweighted mean over codes of each statistic, codes with undefined values left out."""
    sets = [code.statistics for code in per_code]
    return StatisticSet(
        percent_agreement=_mean(PERCENT_AGREEMENT, [s.percent_agreement for s in sets]),
        krippendorff_alpha=_mean(KRIPPENDORFF_ALPHA, [s.krippendorff_alpha for s in sets]),
        fleiss_kappa=_mean(FLEISS_KAPPA, [s.fleiss_kappa for s in sets]),
        cohen_kappa=tuple(
            CoderPair(pair, _mean(COHEN_KAPPA, [s.cohen_kappa[i].statistic for s in sets]))
            for i, pair in enumerate(combinations(coders, 2))
        ),
    )


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A unit whose coders applied different code sets.

    ``codes`` maps each coder who rated the unit to the codes applied (sorted); ``disputed``
    lists the codes applied by some of those coders but not by all. ``text`` is the unit's text
    when the caller knows it (an excerpt's text), else None.
    """

    unit: str
    codes: dict[str, tuple[str, ...]]
    disputed: tuple[str, ...]
    text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "codes": {coder: list(applied) for coder, applied in self.codes.items()},
            "disputed": list(self.disputed),
            "text": self.text,
        }


def disagreements(codings: Codings, coders: Sequence[str] | None = None) -> list[Disagreement]:
    """Units rated by two or more of ``coders`` whose code sets differ, sorted by unit."""
    chosen = set(_coders_of_codings(codings) if coders is None else coders)
    differing: list[tuple[str, dict[str, frozenset[str]]]] = []
    for unit, ratings in codings.items():
        values = {
            coder: frozenset(applied)
            for coder, applied in ratings.items()
            if applied is not None and coder in chosen
        }
        if len(values) >= 2 and len(set(values.values())) >= 2:
            differing.append((unit, values))
    differing.sort(key=lambda item: id_key(item[0]))  # only the units that differ are sorted
    found: list[Disagreement] = []
    for unit, values in differing:
        every = frozenset.intersection(*values.values())
        some = frozenset.union(*values.values())
        found.append(
            Disagreement(
                unit=unit,
                codes={c: tuple(sorted_ids(values[c])) for c in sorted_ids(values)},
                disputed=tuple(sorted_ids(some - every)),
            )
        )
    return found
