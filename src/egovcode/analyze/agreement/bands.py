"""Conventional interpretation bands: conventions to read a value by, not properties of the data.

Landis & Koch (1977) for Cohen's and Fleiss' kappa; Krippendorff (2004, p. 241) for alpha.
Percent agreement has no band: it does not correct for chance agreement.
"""

from __future__ import annotations

from typing import Protocol

from egovcode.analyze.agreement.names import COHEN_KAPPA, FLEISS_KAPPA, KRIPPENDORFF_ALPHA

#: (upper bound, inclusive; label) in ascending order; a kappa below 0 is "poor".
KAPPA_BANDS: tuple[tuple[float, str], ...] = (
    (0.20, "slight"),
    (0.40, "fair"),
    (0.60, "moderate"),
    (0.80, "substantial"),
    (1.00, "almost perfect"),
)
#: (lower bound, inclusive; label) in descending order.
ALPHA_BANDS: tuple[tuple[float, str], ...] = (
    (0.800, "reliable"),
    (0.667, "tentative"),
)
ALPHA_BELOW = "unreliable"
KAPPA_BELOW = "poor"

#: One line per convention, for reports and the docs.
BAND_CONVENTIONS: dict[str, str] = {
    KRIPPENDORFF_ALPHA: "Krippendorff (2004): alpha >= .800 reliable; .667 <= alpha < .800 "
    "tentative conclusions only; alpha < .667 unreliable.",
    COHEN_KAPPA: "Landis & Koch (1977): < 0 poor; 0-.20 slight; .21-.40 fair; .41-.60 moderate; "
    ".61-.80 substantial; .81-1 almost perfect.",
    FLEISS_KAPPA: "Landis & Koch (1977), as for Cohen's kappa.",
}


class Measured(Protocol):
    """Anything with a statistic's name and value."""

    @property
    def name(self) -> str: ...

    @property
    def value(self) -> float | None: ...


def band(statistic: Measured) -> str | None:
    """The conventional band of a statistic's value; None when undefined or without convention."""
    value = statistic.value
    if value is None:
        return None
    if statistic.name == KRIPPENDORFF_ALPHA:
        for lower, label in ALPHA_BANDS:
            if value >= lower:
                return label
        return ALPHA_BELOW
    if statistic.name in (COHEN_KAPPA, FLEISS_KAPPA):
        if value < 0:
            return KAPPA_BELOW
        for upper, label in KAPPA_BANDS:
            if value <= upper:
                return label
        return KAPPA_BANDS[-1][1]
    return None
