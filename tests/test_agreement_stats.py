"""Agreement statistics: published worked examples, cross-checks against reference packages,
undefined cases, and property tests on random data.

The published examples need nothing but egovcode; the cross-checks skip cleanly when
krippendorff, statsmodels or scikit-learn is not installed.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import warnings
from collections import Counter
from collections.abc import Mapping
from fractions import Fraction
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from egovcode.analyze.agreement import (
    ABSENT,
    PRESENT,
    AgreementResult,
    Statistic,
    agreement_multi,
    agreement_single,
    band,
    cohen_kappa,
    disagreements,
    fleiss_kappa,
    krippendorff_alpha_nominal,
    percent_agreement,
    read_agreement_table,
)

DATA = Path(__file__).parent / "data" / "agreement"


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


np = _optional("numpy")
krippendorff = _optional("krippendorff")
inter_rater = _optional("statsmodels.stats.inter_rater")
sk_metrics = _optional("sklearn.metrics")

needs_krippendorff = pytest.mark.skipif(
    np is None or krippendorff is None, reason="krippendorff not installed"
)
needs_statsmodels = pytest.mark.skipif(
    np is None or inter_rater is None, reason="statsmodels not installed"
)
needs_sklearn = pytest.mark.skipif(sk_metrics is None, reason="scikit-learn not installed")


def ratings_of(name: str) -> dict[str, dict[str, str]]:
    table = read_agreement_table(DATA / name, "single")
    assert table.ratings is not None
    return table.ratings


def three(statistic: Statistic) -> str:
    """The value as a paper prints it: three decimals."""
    assert statistic.value is not None, statistic.reason
    return f"{statistic.value:.3f}"


# -- references computed by the packages -----------------------------------------------------


def ref_alpha(ratings: Mapping[str, Mapping[str, str | None]]) -> float:
    coders = sorted({c for v in ratings.values() for c, x in v.items() if x is not None})
    categories = sorted({x for v in ratings.values() for x in v.values() if x is not None})
    index = {c: float(i) for i, c in enumerate(categories)}
    matrix = [[index.get(v.get(c) or "", np.nan) for v in ratings.values()] for c in coders]
    domain = list(range(max(len(categories), 2)))
    return float(
        krippendorff.alpha(
            reliability_data=matrix, level_of_measurement="nominal", value_domain=domain
        )
    )


def ref_fleiss(complete: list[dict[str, str]]) -> float:
    categories = sorted({x for v in complete for x in v.values()})
    table = [[Counter(v.values())[c] for c in categories] for v in complete]
    return float(inter_rater.fleiss_kappa(np.array(table), method="fleiss"))


def ref_cohen(pairs: list[tuple[str, str]]) -> float:
    return float(sk_metrics.cohen_kappa_score([a for a, _ in pairs], [b for _, b in pairs]))


# -- 1. Krippendorff (2011) ------------------------------------------------------------------


def test_krippendorff_2011_nominal_example_reproduces_0_743() -> None:
    ratings = ratings_of("krippendorff2011_nominal.csv")
    alpha = krippendorff_alpha_nominal(ratings)
    assert three(alpha) == "0.743"
    assert alpha.value == float(Fraction(113, 152))  # exact
    assert alpha.n_units == 11  # unit 12 has one value and is not pairable
    assert alpha.reason is None
    assert band(alpha) == "tentative"


@needs_krippendorff
def test_krippendorff_2011_nominal_example_matches_the_package() -> None:
    ratings = ratings_of("krippendorff2011_nominal.csv")
    value = krippendorff_alpha_nominal(ratings).value
    assert value == pytest.approx(ref_alpha(ratings), abs=1e-12)


def test_krippendorff_2011_binary_example_reproduces_0_095() -> None:
    ratings = ratings_of("krippendorff2011_binary.csv")
    alpha = krippendorff_alpha_nominal(ratings)
    assert three(alpha) == "0.095"
    assert alpha.value == float(Fraction(2, 21))
    assert alpha.n_units == 10
    assert band(alpha) == "unreliable"


@needs_krippendorff
def test_krippendorff_2011_binary_example_matches_the_package() -> None:
    ratings = ratings_of("krippendorff2011_binary.csv")
    value = krippendorff_alpha_nominal(ratings).value
    assert value == pytest.approx(ref_alpha(ratings), abs=1e-12)


# -- 2. Fleiss (1971) and the Wikipedia example ----------------------------------------------


def test_fleiss_1971_table_1_reproduces_0_430() -> None:
    kappa = fleiss_kappa(ratings_of("fleiss1971_diagnoses.csv"))
    assert three(kappa) == "0.430"
    assert f"{kappa.value:.4f}" == "0.4302"
    assert kappa.n_units == 30
    assert kappa.note is None
    assert band(kappa) == "moderate"


def test_wikipedia_fleiss_example_reproduces_0_210() -> None:
    kappa = fleiss_kappa(ratings_of("wikipedia_fleiss.csv"))
    assert three(kappa) == "0.210"
    assert kappa.n_units == 10
    assert band(kappa) == "fair"


@needs_statsmodels
@pytest.mark.parametrize("name", ["fleiss1971_diagnoses.csv", "wikipedia_fleiss.csv"])
def test_fleiss_examples_match_statsmodels(name: str) -> None:
    ratings = ratings_of(name)
    value = fleiss_kappa(ratings).value
    assert value == pytest.approx(ref_fleiss(list(ratings.values())), abs=1e-12)


# -- 3. Cohen's kappa --------------------------------------------------------------------------


def test_wikipedia_cohen_example_reproduces_0_4() -> None:
    ratings = ratings_of("wikipedia_cohen.csv")
    kappa = cohen_kappa(ratings, "A", "B")
    assert kappa.value == 0.4
    assert kappa.n_units == 50
    assert band(kappa) == "fair"
    assert percent_agreement(ratings).value == 0.7


@needs_sklearn
def test_wikipedia_cohen_example_matches_sklearn() -> None:
    ratings = ratings_of("wikipedia_cohen.csv")
    pairs = [(v["A"], v["B"]) for v in ratings.values()]
    assert cohen_kappa(ratings, "A", "B").value == pytest.approx(ref_cohen(pairs), abs=1e-12)


@needs_sklearn
def test_cohen_pairs_on_the_krippendorff_data_match_sklearn() -> None:
    ratings = ratings_of("krippendorff2011_nominal.csv")
    result = agreement_single(ratings)
    assert [pair.coders for pair in result.overall.cohen_kappa] == list(combinations("ABCD", 2))
    for pair in result.overall.cohen_kappa:
        a, b = pair.coders
        both = [(v[a], v[b]) for v in ratings.values() if a in v and b in v]
        assert pair.statistic.n_units == len(both)
        assert pair.statistic.value == pytest.approx(ref_cohen(both), abs=1e-12)


# -- undefined is None, with a reason -------------------------------------------------------


def assert_undefined(statistic: Statistic, *words: str) -> None:
    assert statistic.value is None
    assert statistic.reason is not None
    for word in words:
        assert word in statistic.reason
    assert band(statistic) is None


def test_identical_values_leave_the_chance_corrected_statistics_undefined() -> None:
    ratings = {u: {"a": "x", "b": "x", "c": "x"} for u in ("1", "2", "3")}
    assert_undefined(krippendorff_alpha_nominal(ratings), "variation")
    assert_undefined(fleiss_kappa(ratings), "variation")
    assert_undefined(cohen_kappa(ratings, "a", "b"), "variation")
    assert percent_agreement(ratings).value == 1.0  # agreement itself is well defined


def test_a_single_pairable_unit_is_not_enough() -> None:
    ratings: dict[str, dict[str, str | None]] = {"1": {"a": "x", "b": "y"}, "2": {"a": "x"}}
    alpha = krippendorff_alpha_nominal(ratings)
    assert_undefined(alpha, "one unit")
    assert alpha.n_units == 1
    assert_undefined(fleiss_kappa(ratings), "one unit")
    assert_undefined(cohen_kappa(ratings, "a", "b"), "one unit")
    assert percent_agreement(ratings).value == 0.0


def test_no_pairable_unit() -> None:
    ratings: dict[str, dict[str, str | None]] = {"1": {"a": "x", "b": None}, "2": {"b": "y"}}
    for statistic in (
        krippendorff_alpha_nominal(ratings),
        percent_agreement(ratings),
        fleiss_kappa(ratings),
        cohen_kappa(ratings, "a", "b"),
    ):
        assert_undefined(statistic)
        assert statistic.n_units == 0


def test_empty_ratings_are_undefined_not_zero() -> None:
    assert_undefined(krippendorff_alpha_nominal({}))
    assert_undefined(percent_agreement({}))
    assert_undefined(fleiss_kappa({}), "two or more coders")
    assert_undefined(cohen_kappa({}, "a", "b"), "both")


def test_cohen_kappa_needs_two_different_coders() -> None:
    with pytest.raises(ValueError, match="two different coders"):
        cohen_kappa({"1": {"a": "x"}}, "a", "a")


def test_fleiss_uses_only_units_rated_by_every_coder_and_says_so() -> None:
    ratings = ratings_of("krippendorff2011_nominal.csv")
    kappa = fleiss_kappa(ratings)
    complete = [v for v in ratings.values() if len(v) == 4]
    assert kappa.n_units == len(complete) == 8  # units 2 to 9
    assert kappa.note == "4 unit(s) not rated by all 4 coders were left out."
    assert fleiss_kappa(ratings, coders=["A", "B", "D"]).n_units == 9


def test_none_and_absent_coders_mean_the_same() -> None:
    with_none: dict[str, dict[str, str | None]] = {
        "1": {"a": "x", "b": "y", "c": None},
        "2": {"a": "x", "b": "x", "c": "x"},
        "3": {"a": "y", "b": "y", "c": "y"},
    }
    absent = {
        u: {c: v for c, v in values.items() if v is not None} for u, values in with_none.items()
    }
    assert agreement_single(with_none).to_dict() == agreement_single(absent).to_dict()


def test_coders_argument_restricts_the_data() -> None:
    ratings = ratings_of("krippendorff2011_nominal.csv")
    only_ab = {u: {c: v[c] for c in "AB" if c in v} for u, v in ratings.items()}
    assert krippendorff_alpha_nominal(ratings, ["B", "A"]) == krippendorff_alpha_nominal(only_ab)
    assert percent_agreement(ratings, ["A", "B"]) == percent_agreement(only_ab)


# -- bands --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("krippendorff_alpha", 0.8, "reliable"),
        ("krippendorff_alpha", 0.7999, "tentative"),
        ("krippendorff_alpha", 0.667, "tentative"),
        ("krippendorff_alpha", 0.6669, "unreliable"),
        ("krippendorff_alpha", -0.2, "unreliable"),
        ("cohen_kappa", -0.01, "poor"),
        ("cohen_kappa", 0.0, "slight"),
        ("cohen_kappa", 0.2, "slight"),
        ("fleiss_kappa", 0.21, "fair"),
        ("fleiss_kappa", 0.4, "fair"),
        ("fleiss_kappa", 0.41, "moderate"),
        ("cohen_kappa", 0.6, "moderate"),
        ("cohen_kappa", 0.61, "substantial"),
        ("cohen_kappa", 0.8, "substantial"),
        ("cohen_kappa", 0.81, "almost perfect"),
        ("cohen_kappa", 1.0, "almost perfect"),
        ("percent_agreement", 0.9, None),
        ("cohen_kappa", None, None),
    ],
)
def test_band(name: str, value: float | None, expected: str | None) -> None:
    assert band(Statistic(name, value, 10)) == expected


# -- 5. multi mode: hand-computed -------------------------------------------------------------


def multi_hand() -> dict[str, dict[str, frozenset[str]]]:
    table = read_agreement_table(DATA / "multi_hand.csv", "multi")
    return table.codings


def stat_values(result: AgreementResult, code: str) -> dict[str, float | None]:
    (entry,) = [c for c in result.per_code if c.code == code]
    values: dict[str, float | None] = {
        "percent": entry.statistics.percent_agreement.value,
        "alpha": entry.statistics.krippendorff_alpha.value,
        "fleiss": entry.statistics.fleiss_kappa.value,
    }
    for pair in entry.statistics.cohen_kappa:
        values["|".join(pair.coders)] = pair.statistic.value
    return values


def f(numerator: int, denominator: int = 1) -> float:
    return float(Fraction(numerator, denominator))


def test_multi_mode_hand_computed_example() -> None:
    result = agreement_multi(multi_hand())
    assert result.coders == ("ann", "ben", "cat")
    assert result.codes == ("ACC", "PRIV", "TRUST")
    assert result.n_units == 4
    # ACC: u1 PPP, u2 AAP, u3 AAA, u4 PP- (cat did not rate u4)
    assert stat_values(result, "ACC") == {
        "percent": f(5, 6),
        "alpha": f(2, 3),
        "fleiss": f(11, 20),
        "ann|ben": 1.0,
        "ann|cat": f(2, 5),
        "ben|cat": f(2, 5),
    }
    # PRIV: u1 AAA, u2 PPP, u3 AAA, u4 PP-
    assert stat_values(result, "PRIV") == {
        "percent": 1.0,
        "alpha": 1.0,
        "fleiss": 1.0,
        "ann|ben": 1.0,
        "ann|cat": 1.0,
        "ben|cat": 1.0,
    }
    # TRUST: u1 PAP, u2 AAA, u3 APA, u4 AA-
    assert stat_values(result, "TRUST") == {
        "percent": f(2, 3),
        "alpha": f(1, 6),
        "fleiss": 0.0,
        "ann|ben": f(-1, 3),
        "ann|cat": 1.0,
        "ben|cat": f(-1, 2),
    }
    acc = result.per_code[0]
    assert acc.applied == 6
    assert acc.statistics.fleiss_kappa.n_units == 3
    assert acc.statistics.fleiss_kappa.note == "1 unit(s) not rated by all 3 coders were left out."
    # overall: pooled over the 12 unit x code decisions, and the mean of the per-code values
    assert result.overall.krippendorff_alpha.value == f(85, 133)
    assert result.overall.krippendorff_alpha.n_units == 12
    assert result.overall.percent_agreement.value == f(5, 6)
    assert result.mean_per_code is not None
    assert result.mean_per_code.krippendorff_alpha.value == pytest.approx(f(11, 18), abs=1e-15)
    mean_pairs = {p.coders: p.statistic.value for p in result.mean_per_code.cohen_kappa}
    assert mean_pairs[("ben", "cat")] == pytest.approx((0.4 + 1 - 0.5) / 3, abs=1e-15)


def binary_matrix(codings: dict[str, dict[str, frozenset[str]]], codes: list[str]) -> list[Any]:
    """coders x (unit, code) matrix: 1 present, 0 absent, nan not rated."""
    coders = sorted({c for v in codings.values() for c in v})
    return [
        [
            (1.0 if code in codings[u][c] else 0.0) if c in codings[u] else np.nan
            for code in codes
            for u in sorted(codings)
        ]
        for c in coders
    ]


def alpha_of_matrix(matrix: list[Any]) -> float:
    return float(
        krippendorff.alpha(
            reliability_data=matrix, level_of_measurement="nominal", value_domain=[0.0, 1.0]
        )
    )


@needs_krippendorff
def test_multi_mode_matches_the_package_on_binary_data() -> None:
    codings = multi_hand()
    result = agreement_multi(codings)
    for entry in result.per_code:
        expected = alpha_of_matrix(binary_matrix(codings, [entry.code]))
        assert entry.statistics.krippendorff_alpha.value == pytest.approx(expected, abs=1e-12)
    pooled = alpha_of_matrix(binary_matrix(codings, list(result.codes)))
    assert result.overall.krippendorff_alpha.value == pytest.approx(pooled, abs=1e-12)


def test_multi_mode_codes_and_coders_arguments() -> None:
    codings = multi_hand()
    never_used = agreement_multi(codings, codes=["NEW", "ACC"])
    assert never_used.codes == ("ACC", "NEW")
    new = never_used.per_code[1].statistics
    assert new.krippendorff_alpha.value is None
    assert new.percent_agreement.value == 1.0
    assert never_used.mean_per_code is not None
    assert never_used.mean_per_code.krippendorff_alpha.n_codes == 1
    assert never_used.mean_per_code.krippendorff_alpha.note == (
        "1 code(s) with an undefined value were left out."
    )
    two = agreement_multi(codings, coders=["ben", "ann"])
    assert two.coders == ("ann", "ben")
    assert [p.coders for p in two.overall.cohen_kappa] == [("ann", "ben")]


def test_multi_mode_with_no_codes_is_undefined() -> None:
    result = agreement_multi({"u1": {"a": frozenset(), "b": frozenset()}})
    assert result.codes == ()
    assert result.overall.krippendorff_alpha.value is None
    assert result.overall.krippendorff_alpha.reason == (
        "No code was applied, so there is no decision to compare."
    )
    assert [p.coders for p in result.overall.cohen_kappa] == [("a", "b")]
    assert result.mean_per_code is not None
    assert result.mean_per_code.krippendorff_alpha.reason == "There is no code to average over."


def test_disagreements_of_the_hand_example() -> None:
    found = [d.to_dict() for d in disagreements(multi_hand())]
    assert found == [
        {
            "unit": "u1",
            "codes": {"ann": ["ACC", "TRUST"], "ben": ["ACC"], "cat": ["ACC", "TRUST"]},
            "disputed": ["TRUST"],
            "text": None,
        },
        {
            "unit": "u2",
            "codes": {"ann": ["PRIV"], "ben": ["PRIV"], "cat": ["ACC", "PRIV"]},
            "disputed": ["ACC"],
            "text": None,
        },
        {
            "unit": "u3",
            "codes": {"ann": [], "ben": ["TRUST"], "cat": []},
            "disputed": ["TRUST"],
            "text": None,
        },
    ]
    assert disagreements(multi_hand(), coders=["ann", "cat"])[0].unit == "u2"


def test_disagreements_sort_units_naturally() -> None:
    codings = {u: {"a": frozenset({"x"}), "b": frozenset()} for u in ("u10", "u2", "u1")}
    assert [d.unit for d in disagreements(codings)] == ["u1", "u2", "u10"]


# -- single mode results and JSON --------------------------------------------------------------


def test_single_mode_result_and_json_shape() -> None:
    ratings = ratings_of("krippendorff2011_nominal.csv")
    result = agreement_single(ratings)
    assert result.mode == "single"
    assert result.codes == ("1", "2", "3", "4", "5")
    assert result.n_units == 12
    assert result.overall.krippendorff_alpha == krippendorff_alpha_nominal(ratings)
    assert result.overall.fleiss_kappa == fleiss_kappa(ratings)
    assert result.mean_per_code is None
    data = result.to_dict()
    assert list(data["overall"]) == [
        "percent_agreement",
        "krippendorff_alpha",
        "fleiss_kappa",
        "cohen_kappa",
    ]
    alpha = data["overall"]["krippendorff_alpha"]
    assert alpha == {
        "value": float(Fraction(113, 152)),
        "n_units": 11,
        "reason": None,
        "note": None,
        "band": "tentative",
    }
    assert data["overall"]["cohen_kappa"][0]["coders"] == ["A", "B"]
    assert data["definitions"]["overall"].startswith("Nominal statistics")
    assert data["per_code"][0]["code"] == "1"
    text = json.dumps(data, sort_keys=True)
    assert json.loads(text) == data


def test_undefined_values_are_null_in_json() -> None:
    data = agreement_single({"1": {"a": "x", "b": "x"}, "2": {"a": "x", "b": "x"}}).to_dict()
    alpha = data["overall"]["krippendorff_alpha"]
    assert alpha["value"] is None
    assert alpha["band"] is None
    assert "variation" in alpha["reason"]
    assert '"value": null' in json.dumps(alpha)


def test_single_mode_per_category_is_one_versus_the_rest() -> None:
    ratings = ratings_of("wikipedia_cohen.csv")
    result = agreement_single(ratings)
    (yes,) = [c for c in result.per_code if c.code == "yes"]
    binary = {
        u: {c: PRESENT if v == "yes" else ABSENT for c, v in values.items()}
        for u, values in ratings.items()
    }
    assert yes.statistics.krippendorff_alpha == krippendorff_alpha_nominal(binary)
    assert yes.applied == 25 + 30


# -- 4. properties on random data --------------------------------------------------------------


@st.composite
def random_ratings(draw: st.DrawFn, complete: bool = False) -> dict[str, dict[str, str | None]]:
    n_coders = draw(st.integers(2, 5))
    n_categories = draw(st.integers(2, 6))
    n_units = draw(st.integers(1, 15))
    categories = [f"k{i}" for i in range(n_categories)]
    cell = st.sampled_from(categories) if complete else st.none() | st.sampled_from(categories)
    ratings: dict[str, dict[str, str | None]] = {}
    for unit in range(n_units):
        row: dict[str, str | None] = {}
        for coder in range(n_coders):
            value = draw(cell)
            if value is not None or draw(st.booleans()):  # missing: None, or no key at all
                row[f"c{coder}"] = value
        ratings[f"u{unit}"] = row
    return ratings


def present(ratings: dict[str, dict[str, str | None]]) -> list[dict[str, str]]:
    return [{c: v for c, v in row.items() if v is not None} for row in ratings.values()]


@needs_krippendorff
@settings(max_examples=300, deadline=None)
@given(random_ratings())
def test_alpha_matches_the_krippendorff_package(ratings: dict[str, dict[str, str | None]]) -> None:
    alpha = krippendorff_alpha_nominal(ratings)
    pairable = [row for row in present(ratings) if len(row) >= 2]
    categories = {v for row in pairable for v in row.values()}
    assert alpha.n_units == len(pairable)
    if len(pairable) < 2 or len(categories) < 2:
        assert alpha.value is None
        assert alpha.reason
    else:
        assert alpha.value == pytest.approx(ref_alpha(ratings), abs=1e-9)


@needs_statsmodels
@settings(max_examples=200, deadline=None)
@given(st.one_of(random_ratings(complete=True), random_ratings()))
def test_fleiss_matches_statsmodels(ratings: dict[str, dict[str, str | None]]) -> None:
    kappa = fleiss_kappa(ratings)
    rows = present(ratings)
    coders = {c for row in rows for c in row}
    complete = [row for row in rows if len(row) == len(coders)]
    categories = {v for row in complete for v in row.values()}
    if len(coders) < 2 or len(complete) < 2 or len(categories) < 2:
        assert kappa.value is None
        assert kappa.reason
    else:
        assert kappa.n_units == len(complete)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = ref_fleiss(complete)
        assert kappa.value == pytest.approx(expected, abs=1e-9)


@needs_sklearn
@settings(max_examples=200, deadline=None)
@given(random_ratings())
def test_cohen_matches_sklearn(ratings: dict[str, dict[str, str | None]]) -> None:
    rows = present(ratings)
    coders = sorted({c for row in rows for c in row})
    for a, b in combinations(coders, 2):
        kappa = cohen_kappa(ratings, a, b)
        pairs = [(row[a], row[b]) for row in rows if a in row and b in row]
        assert kappa.n_units == len(pairs)
        one_category = len({x for pair in pairs for x in pair}) < 2
        if len(pairs) < 2 or one_category:
            assert kappa.value is None
            assert kappa.reason
        else:
            assert kappa.value == pytest.approx(ref_cohen(pairs), abs=1e-9)


@settings(max_examples=200, deadline=None)
@given(random_ratings())
def test_percent_agreement_is_the_mean_pairwise_agreement(
    ratings: dict[str, dict[str, str | None]],
) -> None:
    shares = []
    for row in present(ratings):
        pairs = list(combinations(row.values(), 2))
        if pairs:
            shares.append(sum(a == b for a, b in pairs) / len(pairs))
    statistic = percent_agreement(ratings)
    assert statistic.n_units == len(shares)
    if shares:
        assert statistic.value == pytest.approx(sum(shares) / len(shares), abs=1e-12)
    else:
        assert statistic.value is None


@settings(max_examples=100, deadline=None)
@given(random_ratings(complete=True))
def test_complete_data_percent_agreement_equals_one_minus_observed_disagreement(
    ratings: dict[str, dict[str, str | None]],
) -> None:
    """With complete data every definition of percent agreement coincides (docs/agreement.md)."""
    rows = present(ratings)
    m = len(rows[0])
    agreeing = sum(sum(n * (n - 1) for n in Counter(row.values()).values()) for row in rows)
    assert percent_agreement(ratings).value == pytest.approx(
        agreeing / (len(rows) * m * (m - 1)), abs=1e-12
    )


@settings(max_examples=100, deadline=None)
@given(random_ratings(), st.randoms(use_true_random=False))
def test_results_do_not_depend_on_the_order_of_the_input(
    ratings: dict[str, dict[str, str | None]], rnd: Any
) -> None:
    units = list(ratings.items())
    rnd.shuffle(units)
    shuffled = {}
    for unit, row in units:
        items = list(row.items())
        rnd.shuffle(items)
        shuffled[unit] = dict(items)
    first = json.dumps(agreement_single(ratings).to_dict())
    assert json.dumps(agreement_single(shuffled).to_dict()) == first


@needs_krippendorff
@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([f"u{i}" for i in range(8)]),
        st.dictionaries(
            st.sampled_from(["a", "b", "c", "d"]),
            st.frozensets(st.sampled_from(["X", "Y", "Z"])),
            min_size=0,
            max_size=4,
        ),
        min_size=1,
    )
)
def test_multi_mode_alpha_matches_the_package(
    codings: dict[str, dict[str, frozenset[str]]],
) -> None:
    result = agreement_multi(codings)
    for entry in result.per_code:
        alpha = entry.statistics.krippendorff_alpha
        if alpha.value is not None:
            expected = alpha_of_matrix(binary_matrix(codings, [entry.code]))
            assert alpha.value == pytest.approx(expected, abs=1e-9)
    pooled = result.overall.krippendorff_alpha
    if pooled.value is not None:
        expected = alpha_of_matrix(binary_matrix(codings, list(result.codes)))
        assert pooled.value == pytest.approx(expected, abs=1e-9)


# -- the core is a pure library ----------------------------------------------------------------


def test_the_core_imports_no_cli_or_numeric_libraries() -> None:
    code = (
        "import sys, egovcode.analyze.agreement\n"
        "bad = {'typer', 'rich', 'numpy', 'click', 'jinja2'} & set(sys.modules)\n"
        "print(sorted(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
