"""`agree --on valence`: the published worked examples through coder files, the reference
packages on data with missing ratings, and the excerpt text in the disagreement list."""

from __future__ import annotations

import json
import random
import shutil
from collections import Counter
from pathlib import Path

import pytest

from egovcode.analyze.agreement import read_agreement_table
from egovcode.analyze.coders import project_agreement
from egovcode.load.project import load_project
from tests.conftest import run_cli, write_tree

MINIMAL = Path(__file__).parent / "cases" / "valid" / "minimal"
DATA = Path(__file__).parent / "data" / "agreement"


def _project(tmp_path: Path, ratings: dict[str, dict[str, str | None]]) -> Path:
    """A project with one excerpt per unit (u-<unit>) and one coder file per coder, where each
    rating is a valence (None: the coder rated the codes but gave no valence)."""
    root = tmp_path / "proj"
    shutil.copytree(MINIMAL, root)
    units = sorted(ratings, key=lambda u: int(u))
    lines = [
        "case: {id: alpha, name: Alpha, type: kota}",
        "sources: [{id: doc, kind: document, citation: A report.}]",
        "excerpts:",
    ]
    lines += [f"  - {{id: u-{u}, source: doc, text: 'Text of unit {u}.'}}" for u in units]
    (root / "cases" / "alpha.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    coders = sorted({c for values in ratings.values() for c in values})
    for coder in coders:
        body = [f"coder: {coder}", "case: alpha", "codings:"]
        for u in units:
            if coder not in ratings[u]:
                continue
            valence = ratings[u][coder]
            extra = f", valence: {valence}" if valence else ""
            body.append(f"  u-{u}: {{codes: []{extra}}}")
        write_tree(root, {f"codings/{coder}/alpha.yaml": "\n".join(body) + "\n"})
    return root


def _as_valences(name: str, mapping: dict[str, str]) -> dict[str, dict[str, str | None]]:
    table = read_agreement_table(DATA / name, "single")
    assert table.ratings is not None
    return {
        u: {c: mapping[v] for c, v in values.items() if v is not None}
        for u, values in table.ratings.items()
    }


def test_krippendorff_2011_binary_example_through_coder_files(tmp_path: Path) -> None:
    ratings = _as_valences("krippendorff2011_binary.csv", {"0": "inhibiting", "1": "supporting"})
    result = project_agreement(load_project(_project(tmp_path, ratings)), on="valence")
    alpha = result.groups[0].result.overall.krippendorff_alpha
    assert f"{alpha.value:.3f}" == "0.095"  # Krippendorff (2011): alpha = 0.095
    assert result.mode == "single" and result.on == "valence"


def test_wikipedia_cohen_example_through_coder_files(tmp_path: Path) -> None:
    ratings = _as_valences("wikipedia_cohen.csv", {"yes": "supporting", "no": "inhibiting"})
    result = project_agreement(load_project(_project(tmp_path, ratings)), on="valence")
    overall = result.groups[0].result.overall
    assert overall.cohen_kappa[0].statistic.value == pytest.approx(0.4)
    assert overall.percent_agreement.value == pytest.approx(0.7)


def test_three_coders_with_missing_valences_match_the_reference_packages(tmp_path: Path) -> None:
    np = pytest.importorskip("numpy")
    krippendorff = pytest.importorskip("krippendorff")
    inter_rater = pytest.importorskip("statsmodels.stats.inter_rater")
    sk_metrics = pytest.importorskip("sklearn.metrics")
    rng = random.Random(8)
    valences = ["supporting", "inhibiting", "neutral"]
    choices: list[str | None] = [*valences, None]
    ratings: dict[str, dict[str, str | None]] = {}
    for u in range(1, 41):
        truth = rng.choice(valences)
        ratings[str(u)] = {
            coder: (truth if rng.random() < 0.7 else rng.choice(choices))
            for coder in ("ana", "budi", "citra")
            if rng.random() < 0.9
        }
    result = project_agreement(load_project(_project(tmp_path, ratings)), on="valence")
    overall = result.groups[0].result.overall
    given = {u: {c: v for c, v in values.items() if v} for u, values in ratings.items()}
    coders = ["ana", "budi", "citra"]
    index = {v: float(i) for i, v in enumerate(valences)}
    matrix = [[index.get(given[u].get(c, ""), np.nan) for u in given] for c in coders]
    alpha = krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")
    assert overall.krippendorff_alpha.value == pytest.approx(float(alpha), abs=1e-12)
    complete = [v for v in given.values() if len(v) == 3]
    table = [[Counter(v.values())[c] for c in valences] for v in complete]
    fleiss = inter_rater.fleiss_kappa(np.array(table), method="fleiss")
    assert overall.fleiss_kappa.value == pytest.approx(float(fleiss), abs=1e-12)
    assert overall.fleiss_kappa.n_units == len(complete)
    for pair in overall.cohen_kappa:
        a, b = pair.coders
        both = [(v[a], v[b]) for v in given.values() if a in v and b in v]
        kappa = sk_metrics.cohen_kappa_score([x for x, _ in both], [y for _, y in both])
        assert pair.statistic.value == pytest.approx(float(kappa), abs=1e-12)
        assert pair.statistic.n_units == len(both)


def test_the_disagreement_list_shows_the_excerpt_text(tmp_path: Path) -> None:
    ratings: dict[str, dict[str, str | None]] = {
        "1": {"ana": "supporting", "budi": "supporting"},
        "2": {"ana": "supporting", "budi": "inhibiting"},
        "3": {"ana": "neutral", "budi": None},
    }
    root = _project(tmp_path, ratings)
    result = run_cli("agree", "--on", "valence", "--format", "md", cwd=root)
    assert result.exit_code == 0, result.stderr
    assert "**Disagreements: 1 excerpts whose coders' valences differ**" in result.stdout
    assert "| valence | units | applied |" in result.stdout
    assert (
        "| u-2 | supporting | inhibiting | inhibiting, supporting | Text of unit 2. |"
        in result.stdout
    )
    data = json.loads(run_cli("agree", "--on", "valence", "--format", "json", cwd=root).stdout)
    assert data["on"] == "valence" and data["mode"] == "single"
    (found,) = data["groups"][0]["disagreements"]
    assert found["text"] == "Text of unit 2." and found["codes"] == {
        "ana": ["supporting"],
        "budi": ["inhibiting"],
    }


def test_codes_disagreements_show_the_text_too() -> None:
    repo = Path(__file__).resolve().parents[1]
    data = json.loads(run_cli("agree", "--format", "json", cwd=repo).stdout)
    cases = load_project(repo).cases
    texts = {e.id: e.text for lc in cases for e in lc.data.excerpts}
    found = data["groups"][0]["disagreements"]
    assert found and all(d["text"] == texts[d["unit"]] for d in found)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--on", "valence", "--code", "APP"], "--code selects codes"),
        (["--on", "valence", "--level", "component"], "--level goes with --on codes"),
    ],
)
def test_options_that_do_not_fit_valence(tmp_path: Path, args: list[str], message: str) -> None:
    root = _project(tmp_path, {"1": {"ana": "supporting", "budi": "neutral"}})
    result = run_cli("agree", *args, cwd=root)
    assert result.exit_code == 2 and message in result.stderr
