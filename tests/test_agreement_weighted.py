"""Counting each present/absent pattern once gives exactly what visiting every unit gives.

``agreement_multi`` computes each code's statistics on the distinct patterns of the units with
their counts; here the same results are rebuilt unit by unit (one binary unit per excerpt per
code, the plain ``statistic_set``) and must be equal to the last bit.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from egovcode.analyze.agreement import ABSENT, PRESENT, agreement_multi
from egovcode.analyze.agreement.result import statistic_set

CODERS = ["ana", "budi", "citra", "dewi"]
CODES = ["A", "B", "C.X", "D"]

codings = st.dictionaries(
    st.sampled_from([f"u{i}" for i in range(40)]),
    st.dictionaries(
        st.sampled_from(CODERS),
        st.one_of(st.none(), st.frozensets(st.sampled_from(CODES), max_size=3)),
        max_size=4,
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(codings)
def test_weighted_per_code_and_pooled_statistics_equal_unit_by_unit(data: dict) -> None:  # type: ignore[type-arg]
    result = agreement_multi(data)
    coders = list(result.coders)
    units = [
        {c: applied for c, applied in data[u].items() if applied is not None and c in coders}
        for u in sorted(data, key=lambda u: int(u[1:]))
    ]
    units = [u for u in units if u]
    pooled = []
    for entry in result.per_code:
        binary = [
            {c: PRESENT if entry.code in applied else ABSENT for c, applied in u.items()}
            for u in units
        ]
        pooled.extend(binary)
        assert entry.statistics == statistic_set(binary, coders)
        assert entry.applied == sum(1 for u in binary for v in u.values() if v == PRESENT)
    if result.per_code:
        assert result.overall == statistic_set(pooled, coders)
