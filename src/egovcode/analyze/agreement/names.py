"""The stable names of the four statistics: JSON keys, ``Statistic.name`` and band lookup."""

from __future__ import annotations

PERCENT_AGREEMENT = "percent_agreement"
KRIPPENDORFF_ALPHA = "krippendorff_alpha"
FLEISS_KAPPA = "fleiss_kappa"
COHEN_KAPPA = "cohen_kappa"

#: In the order reports list them.
STATISTICS = (PERCENT_AGREEMENT, KRIPPENDORFF_ALPHA, FLEISS_KAPPA, COHEN_KAPPA)
