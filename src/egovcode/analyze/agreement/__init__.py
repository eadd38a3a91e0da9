"""Intercoder agreement: percent agreement, Krippendorff's alpha (nominal), Fleiss' and Cohen's
kappa, in single-category and multi-code modes, and the reading of long CSV agreement tables.

A pure library: standard library only, prints nothing, deterministic. See ``docs/agreement.md``.
"""

from __future__ import annotations

from egovcode.analyze.agreement.bands import BAND_CONVENTIONS, band
from egovcode.analyze.agreement.names import (
    COHEN_KAPPA,
    FLEISS_KAPPA,
    KRIPPENDORFF_ALPHA,
    PERCENT_AGREEMENT,
    STATISTICS,
)
from egovcode.analyze.agreement.result import (
    ABSENT,
    PRESENT,
    AgreementResult,
    CodeAgreement,
    CoderPair,
    Codings,
    Disagreement,
    MeanStatistic,
    Mode,
    StatisticSet,
    agreement_multi,
    agreement_single,
    disagreements,
)
from egovcode.analyze.agreement.stats import (
    Category,
    Ratings,
    Statistic,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha_nominal,
    percent_agreement,
)
from egovcode.analyze.agreement.table import (
    NO_CATEGORY,
    TABLE_PROBLEMS,
    AgreementTableError,
    TableData,
    TableProblem,
    parse_agreement_table,
    read_agreement_table,
)

__all__ = [
    "ABSENT",
    "BAND_CONVENTIONS",
    "COHEN_KAPPA",
    "FLEISS_KAPPA",
    "KRIPPENDORFF_ALPHA",
    "NO_CATEGORY",
    "PERCENT_AGREEMENT",
    "PRESENT",
    "STATISTICS",
    "TABLE_PROBLEMS",
    "AgreementResult",
    "AgreementTableError",
    "Category",
    "CodeAgreement",
    "CoderPair",
    "Codings",
    "Disagreement",
    "MeanStatistic",
    "Mode",
    "Ratings",
    "Statistic",
    "StatisticSet",
    "TableData",
    "TableProblem",
    "agreement_multi",
    "agreement_single",
    "band",
    "cohen_kappa",
    "disagreements",
    "fleiss_kappa",
    "krippendorff_alpha_nominal",
    "parse_agreement_table",
    "percent_agreement",
    "read_agreement_table",
]
