"""Agreement statistics for nominal ratings: percent agreement, Krippendorff's alpha, Fleiss' and
Cohen's kappa.

Every statistic is computed exactly with :class:`fractions.Fraction` and turned into a float only
at the end, so published worked examples reproduce to the last digit. A statistic that cannot be
computed (no units, no variation, too few units) has ``value=None`` and a one-sentence ``reason``:
it is never reported as 0 or 1 in its place. Definitions and references: ``docs/agreement.md``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import comb
from typing import Any

from egovcode.analyze.agreement.bands import band
from egovcode.analyze.agreement.names import (
    COHEN_KAPPA,
    FLEISS_KAPPA,
    KRIPPENDORFF_ALPHA,
    PERCENT_AGREEMENT,
)
from egovcode.analyze.agreement.ordering import id_key, sorted_ids

#: A nominal category. Any string; categories are only ever compared for equality.
Category = str
#: unit id -> coder id -> category. A coder absent from the inner mapping, or mapped to None,
#: did not rate that unit (missing data).
Ratings = Mapping[str, Mapping[str, Category | None]]

#: A unit as the computations see it: the coders who rated it and their categories.
UnitValues = Mapping[str, Category]


@dataclass(frozen=True, slots=True)
class Statistic:
    """One agreement statistic. ``value`` is None when undefined, and ``reason`` then says why.

    ``n_units`` counts the units that entered the computation; ``note`` says, when it matters,
    which units were left out (Fleiss' kappa uses only units rated by every coder).
    """

    name: str
    value: float | None
    n_units: int
    reason: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "n_units": self.n_units,
            "reason": self.reason,
            "note": self.note,
            "band": band(self),
        }


def _undefined(name: str, n_units: int, reason: str, note: str | None = None) -> Statistic:
    return Statistic(name=name, value=None, n_units=n_units, reason=reason, note=note)


def rated_units(ratings: Ratings, coders: Sequence[str] | None = None) -> list[dict[str, Category]]:
    """Each unit rated by at least one of ``coders`` (all coders when None), in unit order,
    as coder -> category with the missing ratings left out."""
    wanted = None if coders is None else set(coders)
    units: list[dict[str, Category]] = []
    for unit in sorted(ratings, key=id_key):
        values = {
            coder: category
            for coder, category in ratings[unit].items()
            if category is not None and (wanted is None or coder in wanted)
        }
        if values:
            units.append(values)
    return units


def coders_of(ratings: Ratings) -> list[str]:
    """Every coder who rated at least one unit, in natural order."""
    return sorted_ids(
        coder
        for values in ratings.values()
        for coder, category in values.items()
        if category is not None
    )


# -- the computations, on lists of units ------------------------------------------------------
#
# Every statistic is a sum over units, so each is computed on *weighted* units: (values, how many
# units have exactly these values). A coding exercise has thousands of units but, per code, only
# a few dozen distinct present/absent patterns; counting each pattern once makes the statistics
# independent of the number of units, with the same exact fractions as unit by unit.

#: A unit's values with the number of units that have exactly these values.
Weighted = Sequence[tuple[UnitValues, int]]


def _each(units: Iterable[UnitValues]) -> list[tuple[UnitValues, int]]:
    return [(values, 1) for values in units]


def _counts(values: UnitValues) -> dict[Category, int]:
    counts: dict[Category, int] = {}
    for category in values.values():
        counts[category] = counts.get(category, 0) + 1
    return counts


def percent_agreement_of(units: Iterable[UnitValues]) -> Statistic:
    """Mean over pairable units (rated by two or more coders) of the share of coder pairs that
    chose the same category."""
    return percent_agreement_weighted(_each(units))


def percent_agreement_weighted(units: Weighted) -> Statistic:
    """``percent_agreement_of`` on weighted units."""
    total = Fraction(0)
    n_units = 0
    for values, weight in units:
        m = len(values)
        if m >= 2:
            agreeing = sum(comb(n, 2) for n in _counts(values).values())
            total += Fraction(agreeing * weight, comb(m, 2))
            n_units += weight
    if not n_units:
        return _undefined(PERCENT_AGREEMENT, 0, "No unit was rated by two or more coders.")
    return Statistic(PERCENT_AGREEMENT, float(total / n_units), n_units)


def krippendorff_alpha_of(units: Iterable[UnitValues]) -> Statistic:
    """Krippendorff's alpha for nominal data from the coincidence matrix (Krippendorff 2011)."""
    return krippendorff_alpha_weighted(_each(units))


def krippendorff_alpha_weighted(units: Weighted) -> Statistic:
    """``krippendorff_alpha_of`` on weighted units."""
    totals: dict[Category, int] = {}
    # sum over units of (m_u^2 - sum_c n_uc^2), grouped by m_u so the division is exact and cheap
    mismatches: dict[int, int] = {}
    n_units = 0
    for values, weight in units:
        m = len(values)
        if m < 2:
            continue  # a unit with a single value is not pairable
        n_units += weight
        counts = _counts(values)
        for category, n in counts.items():
            totals[category] = totals.get(category, 0) + n * weight
        mismatch = (m * m - sum(n * n for n in counts.values())) * weight
        mismatches[m] = mismatches.get(m, 0) + mismatch
    if n_units == 0:
        return _undefined(
            KRIPPENDORFF_ALPHA,
            0,
            "No unit was rated by two or more coders, so no value is pairable.",
        )
    if len(totals) < 2:
        return _undefined(
            KRIPPENDORFF_ALPHA,
            n_units,
            "All pairable values are the same category, so there is no variation to measure.",
        )
    if n_units < 2:
        return _undefined(
            KRIPPENDORFF_ALPHA,
            n_units,
            "Only one unit is pairable; with a single unit alpha is 0 whatever the data.",
        )
    n = sum(totals.values())
    observed = sum(Fraction(d, m - 1) for m, d in mismatches.items())  # sum of o_ck, c != k
    expected = n * n - sum(t * t for t in totals.values())  # sum of n_c * n_k, c != k
    return Statistic(KRIPPENDORFF_ALPHA, float(1 - (n - 1) * observed / expected), n_units)


def fleiss_kappa_of(units: Iterable[UnitValues], coders: Sequence[str]) -> Statistic:
    """Fleiss' kappa (Fleiss 1971) over the units rated by every one of ``coders``."""
    return fleiss_kappa_weighted(_each(units), coders)


def fleiss_kappa_weighted(units: Weighted, coders: Sequence[str]) -> Statistic:
    """``fleiss_kappa_of`` on weighted units."""
    m = len(coders)
    if m < 2:
        return _undefined(FLEISS_KAPPA, 0, "Fleiss' kappa needs two or more coders.")
    wanted = set(coders)
    totals: dict[Category, int] = {}
    squares = 0
    big_n = 0
    left_out = 0
    for values, weight in units:
        rated = [category for coder, category in values.items() if coder in wanted]
        if len(rated) == m:
            big_n += weight
            for category, n in Counter(rated).items():
                totals[category] = totals.get(category, 0) + n * weight
                squares += n * n * weight
        elif rated:
            left_out += weight
    every = _every_coder(m)
    note = f"{left_out} unit(s) not rated by {every} were left out." if left_out else None
    if big_n == 0:
        return _undefined(FLEISS_KAPPA, 0, f"No unit was rated by {every}.", note)
    if len(totals) < 2:
        return _undefined(
            FLEISS_KAPPA,
            big_n,
            "Every rating is the same category, so there is no variation to measure.",
            note,
        )
    if big_n < 2:
        return _undefined(
            FLEISS_KAPPA,
            big_n,
            f"Only one unit was rated by {every}; Fleiss' kappa needs at least two.",
            note,
        )
    p_bar = Fraction(squares - big_n * m, big_n * m * (m - 1))
    p_e = Fraction(sum(t * t for t in totals.values()), (big_n * m) ** 2)
    return Statistic(FLEISS_KAPPA, float((p_bar - p_e) / (1 - p_e)), big_n, note=note)


def cohen_kappa_of(units: Iterable[UnitValues], coder_a: str, coder_b: str) -> Statistic:
    """Cohen's kappa (Cohen 1960) over the units rated by both coders."""
    return cohen_kappa_weighted(_each(units), coder_a, coder_b)


def cohen_kappa_weighted(units: Weighted, coder_a: str, coder_b: str) -> Statistic:
    """``cohen_kappa_of`` on weighted units."""
    if coder_a == coder_b:
        raise ValueError(f"Cohen's kappa needs two different coders, got {coder_a!r} twice")
    n = agree = 0
    margins_a: dict[Category, int] = {}
    margins_b: dict[Category, int] = {}
    for values, weight in units:
        if coder_a in values and coder_b in values:
            a, b = values[coder_a], values[coder_b]
            n += weight
            agree += weight if a == b else 0
            margins_a[a] = margins_a.get(a, 0) + weight
            margins_b[b] = margins_b.get(b, 0) + weight
    if n == 0:
        return _undefined(COHEN_KAPPA, 0, f"No unit was rated by both {coder_a} and {coder_b}.")
    chance = sum(count * margins_b.get(category, 0) for category, count in margins_a.items())
    if chance == n * n:  # both coders used one and the same category throughout
        return _undefined(
            COHEN_KAPPA,
            n,
            f"{coder_a} and {coder_b} used one and the same category for every unit, "
            "so there is no variation to measure.",
        )
    if n < 2:
        return _undefined(
            COHEN_KAPPA, n, f"Only one unit was rated by both {coder_a} and {coder_b}."
        )
    return Statistic(COHEN_KAPPA, float(Fraction(n * agree - chance, n * n - chance)), n)


# -- the public functions, on ratings ---------------------------------------------------------


def percent_agreement(ratings: Ratings, coders: Sequence[str] | None = None) -> Statistic:
    """Mean pairwise percent agreement, as a proportion in [0, 1]: for every unit rated by two
    or more of ``coders``, the share of coder pairs that chose the same category; then the
    mean of those shares over the units (each pairable unit weighs the same)."""
    return percent_agreement_of(rated_units(ratings, coders))


def krippendorff_alpha_nominal(ratings: Ratings, coders: Sequence[str] | None = None) -> Statistic:
    """Krippendorff's alpha, nominal metric; any number of coders, missing data allowed.

    Units with fewer than two values are not pairable and are dropped. Undefined when no unit,
    or only one, is pairable, or when the pairable values are all one category.
    """
    return krippendorff_alpha_of(rated_units(ratings, coders))


def fleiss_kappa(ratings: Ratings, coders: Sequence[str] | None = None) -> Statistic:
    """Fleiss' kappa over the units rated by every one of ``coders`` (default: every coder who
    rated anything). Units rated by only some of them are left out, and ``note`` says how many."""
    chosen = coders_of(ratings) if coders is None else sorted_ids(coders)
    return fleiss_kappa_of(rated_units(ratings, chosen), chosen)


def cohen_kappa(ratings: Ratings, coder_a: str, coder_b: str) -> Statistic:
    """Cohen's kappa between two coders over the units both of them rated."""
    return cohen_kappa_of(rated_units(ratings, [coder_a, coder_b]), coder_a, coder_b)


def _every_coder(m: int) -> str:
    """ "both coders" for two, "all 3 coders" for more."""
    return "both coders" if m == 2 else f"all {m} coders"
