"""egovcode suggest: the keyword and model coders, their evaluation, and the coder files written."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from sklearn.metrics import cohen_kappa_score, f1_score, precision_score, recall_score

from egovcode.analyze.suggest import SuggestOptions, evaluate, suggest
from egovcode.check.validate import validate_project
from egovcode.errors import DataError
from tests.conftest import Result, write_tree

CODEBOOK = """
id: mini
version: "1"
title: {en: Mini, id: Mini}
codes:
  - id: APP
    label: {en: Applications, id: Aplikasi}
    definition: {en: Building applications., id: Membangun aplikasi.}
    keywords: {en: [application development], id: [pengembangan aplikasi]}
  - id: APP.PORTAL
    parent: APP
    label: {en: Portal, id: Portal}
    definition: {en: One portal for services., id: Satu portal layanan.}
    keywords: {en: [portal, one channel], id: [portal, satu kanal]}
  - id: COMP
    label: {en: Competency, id: Kompetensi}
    definition: {en: Staff skills., id: Keterampilan pegawai.}
    keywords: {en: [training], id: [pelatihan, bimtek]}
    exclusion_keywords: {en: [citizen training]}
  - id: REG
    label: {en: Regulation, id: Regulasi}
    definition: {en: Legal instruments., id: Instrumen hukum.}
  - id: REG.LOCAL
    parent: REG
    label: {en: Local regulation, id: Peraturan daerah}
    definition: {en: Local legal instruments., id: Instrumen hukum daerah.}
    keywords: {id: [peraturan wali kota]}
"""


def case_file(excerpts: list[tuple[str, str, list[str]]], language: str = "id") -> str:
    lines = [
        "case: {id: alpha, name: Alpha, type: kota}",
        f"language: {language}",
        "sources:",
        "  - {id: doc, kind: document, citation: A report}",
        "excerpts:",
    ]
    for eid, text, codes in excerpts:
        lines.append(f"  - id: {eid}")
        lines.append("    source: doc")
        lines.append(f"    text: {json.dumps(text, ensure_ascii=False)}")
        lines.append(f"    codes: [{', '.join(codes)}]")
    return "\n".join(lines) + "\n"


EXCERPTS = [
    ("a-1", "Portal layanan terpadu menjadi satu kanal bagi warga.", ["APP.PORTAL"]),
    ("a-2", "Pegawai mengikuti pelatihan dan bimtek setiap tahun.", ["COMP"]),
    ("a-3", "Pelatihannya diadakan oleh dinas.", ["COMP", "REG.LOCAL"]),
    ("a-4", "Peraturan Wali Kota mengatur pengembangan aplikasi di portal.", ["REG.LOCAL"]),
    ("a-5", "Anggaran tidak mencukupi.", []),
]


def make_project(
    root: Path, excerpts: list[tuple[str, str, list[str]]] = EXCERPTS, language: str = "id"
) -> Path:
    return write_tree(
        root,
        {
            "egovcode.yaml": "codebook: codebooks/mini.yaml\n",
            "codebooks/mini.yaml": CODEBOOK,
            "cases/alpha.yaml": case_file(excerpts, language),
        },
    )


def loaded(root: Path):  # type: ignore[no-untyped-def]
    project, report = validate_project(root)
    assert report.errors == 0, [d.message for d in report.diagnostics]
    return project


def test_keywords_match_on_stems_with_scores_and_reasons(tmp_path: Path) -> None:
    result = suggest(loaded(make_project(tmp_path)), SuggestOptions())
    scored = result.scored
    # Two distinct keywords of APP.PORTAL: score 1 - 0.5**2.
    assert scored["a-1"] == {"APP.PORTAL": (0.75, ["portal", "satu kanal"])}
    assert scored["a-2"] == {"COMP": (0.75, ["pelatihan", "bimtek"])}
    # "Pelatihannya" is stemmed to the stem of "pelatihan".
    assert scored["a-3"] == {"COMP": (0.5, ["pelatihan"])}
    # A sub-code suggested hides its parent (APP via "pengembangan aplikasi"); phrases match
    # across case differences.
    assert set(scored["a-4"]) == {"REG.LOCAL", "APP.PORTAL"}
    assert scored["a-5"] == {}


def test_exclusion_keywords_block_a_code(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        [
            ("a-1", "Staff training was held twice.", ["COMP"]),
            ("a-2", "The citizen training sessions on the app were popular.", []),
        ],
        language="en",
    )
    scored = suggest(loaded(root), SuggestOptions()).scored
    assert scored["a-1"] == {"COMP": (0.5, ["training"])}
    assert scored["a-2"] == {}


def test_component_level_rolls_keywords_up(tmp_path: Path) -> None:
    scored = suggest(loaded(make_project(tmp_path)), SuggestOptions(level="component")).scored
    # APP gets its own keyword and its portal sub-code's: two distinct keywords.
    assert scored["a-4"]["APP"] == (0.75, ["pengembangan aplikasi", "portal"])
    assert set(scored["a-4"]) == {"APP", "REG"}


def test_min_score_filters(tmp_path: Path) -> None:
    scored = suggest(loaded(make_project(tmp_path)), SuggestOptions(min_score=0.7)).scored
    assert scored["a-3"] == {}
    assert "COMP" in scored["a-2"]


def test_evaluation_counts_match_a_hand_count_and_scikit_learn(tmp_path: Path) -> None:
    project = loaded(make_project(tmp_path))
    result = evaluate(project, SuggestOptions())
    by_code = {c.code: c for c in result.codes}
    # Coded excerpts a-1..a-4 (a-5 is uncoded and not evaluated).
    assert result.units == 4
    portal = by_code["APP.PORTAL"]
    assert (portal.examples, portal.applied, portal.tp, portal.fp, portal.fn) == (1, 2, 1, 1, 0)
    assert portal.precision == 0.5 and portal.recall == 1.0
    for code in ("APP.PORTAL", "COMP", "REG.LOCAL"):
        c = by_code[code]
        human = [1] * c.tp + [1] * c.fn + [0] * c.fp + [0] * (4 - c.tp - c.fn - c.fp)
        machine = [1] * c.tp + [0] * c.fn + [1] * c.fp + [0] * (4 - c.tp - c.fn - c.fp)
        assert c.kappa.value == pytest.approx(cohen_kappa_score(human, machine), abs=1e-12)
        if c.precision is not None:
            assert c.precision == pytest.approx(precision_score(human, machine))
        assert c.recall == pytest.approx(recall_score(human, machine))
        assert c.f1 == pytest.approx(f1_score(human, machine))


def synthetic_project(root: Path, n: int, seed: int = 7) -> Path:
    """Excerpts whose words depend on their codes, so a classifier can learn them."""
    rng = random.Random(seed)
    vocab = {
        "APP.PORTAL": ["portal", "website", "kanal", "layanan", "daring"],
        "COMP": ["pegawai", "kompetensi", "kursus", "sertifikasi", "keterampilan"],
        "REG.LOCAL": ["perwali", "perda", "pasal", "ketentuan", "hukum"],
    }
    filler = ["dan", "yang", "di", "kota", "pada", "untuk", "dengan", "ini", "itu", "oleh"]
    excerpts = []
    for i in range(n):
        codes = rng.sample(sorted(vocab), rng.choice([1, 1, 2]))
        words = [rng.choice(filler) for _ in range(12)]
        for code in codes:
            words += rng.sample(vocab[code], 3)
        rng.shuffle(words)
        excerpts.append((f"s-{i:04d}", " ".join(words) + ".", sorted(codes)))
    return make_project(root, excerpts)


def test_model_learns_separable_codes_and_is_deterministic(tmp_path: Path) -> None:
    project = loaded(synthetic_project(tmp_path, 120))
    options = SuggestOptions(method="model", folds=4)
    result = evaluate(project, options)
    assert result.folds == 4 and result.units == 120
    for score in result.codes:
        assert score.kappa.value is not None and score.kappa.value > 0.8, score
    again = evaluate(project, options)
    assert again.to_dict() == result.to_dict()
    reasons = suggest(project, options).scored
    some = next(v for v in reasons.values() if "REG.LOCAL" in v)
    # The reason names the words that raised the score: all from the code's vocabulary.
    assert some["REG.LOCAL"][1]
    assert all(
        any(w in term for w in ("perwali", "perda", "pasal", "ketentuan", "hukum"))
        for term in some["REG.LOCAL"][1][:1]
    )


def test_model_needs_enough_coded_excerpts(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="at least 10 coded excerpts"):
        suggest(loaded(make_project(tmp_path)), SuggestOptions(method="model"))


def digest(root: Path, pattern: str) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.glob(pattern))
    }


def test_cli_writes_a_synthetic_coder_file_that_validates_and_agree_reads(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = make_project(tmp_path)
    before = digest(root, "cases/*.yaml")
    result = cli("suggest", "--format", "json", cwd=root)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["files"] == [
        {
            "case": "alpha",
            "file": "codings/machine-keywords/alpha.yaml",
            "excerpts": 5,
            "with_suggestions": 4,
            "unchanged": False,
        }
    ]
    written = (root / "codings/machine-keywords/alpha.yaml").read_text(encoding="utf-8")
    assert "synthetic: true" in written
    assert "method: keywords" in written
    assert digest(root, "cases/*.yaml") == before  # case files untouched
    _, report = validate_project(root)
    assert report.errors == 0
    # A second run gives the same bytes and reports the file unchanged.
    again = cli("suggest", "--format", "json", cwd=root)
    assert json.loads(again.stdout)["files"][0]["unchanged"] is True
    assert (root / "codings/machine-keywords/alpha.yaml").read_text(encoding="utf-8") == written
    # agree compares the machine with a person's file, unchanged.
    write_tree(
        root,
        {
            "codings/ana/alpha.yaml": """
            coder: ana
            case: alpha
            codings:
              a-1: {codes: [APP.PORTAL]}
              a-2: {codes: [COMP]}
              a-3: {codes: [COMP, REG.LOCAL]}
              a-4: {codes: [REG.LOCAL]}
            """
        },
    )
    agreed = cli("agree", "--coders", "ana,machine-keywords", "--format", "json", cwd=root)
    assert agreed.exit_code == 0, agreed.stderr


def test_cli_refuses_to_replace_a_changed_machine_file_without_force(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = make_project(tmp_path)
    assert cli("suggest", cwd=root).exit_code == 0
    path = root / "codings/machine-keywords/alpha.yaml"
    edited = path.read_text(encoding="utf-8") + "# a person's note\n"
    path.write_text(edited, encoding="utf-8")
    refused = cli("suggest", "--min-score", "0.7", cwd=root)
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert path.read_text(encoding="utf-8") == edited
    assert cli("suggest", "--min-score", "0.7", "--force", cwd=root).exit_code == 0
    assert "a person's note" not in path.read_text(encoding="utf-8")


def test_cli_dry_run_writes_nothing_and_evaluate_prints_json(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = make_project(tmp_path)
    dry = cli("suggest", "--dry-run", cwd=root)
    assert dry.exit_code == 0 and "would write" in dry.stdout
    assert not (root / "codings").exists()
    result = cli("suggest", "--evaluate", "--format", "json", cwd=root)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    project = loaded(root)
    assert data == evaluate(project, SuggestOptions()).to_dict()
    assert not (root / "codings").exists()


def test_cli_rejects_unknown_case_and_bad_coder_name(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = make_project(tmp_path)
    bad = cli("suggest", "--case", "beta", cwd=root)
    assert bad.exit_code == 1 and "no such case" in bad.stderr
    name = cli("suggest", "--coder", "../x", cwd=root)
    assert name.exit_code == 2 and "--coder" in name.stderr


def test_model_coder_files_are_byte_identical_across_runs(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    root = synthetic_project(tmp_path, 60)
    first = cli("suggest", "--method", "model", "--folds", "3", cwd=root)
    assert first.exit_code == 0, first.stderr
    path = root / "codings/machine-model/alpha.yaml"
    written = path.read_bytes()
    assert b"training_sha256: " in written and b"synthetic: true" in written
    path.unlink()
    again = cli("suggest", "--method", "model", "--folds", "3", cwd=root)
    assert again.exit_code == 0, again.stderr
    assert path.read_bytes() == written


def test_the_report_never_counts_a_machine_coder_as_a_person(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    import shutil

    from tests.conftest import REPO

    root = tmp_path / "study"
    root.mkdir()
    for part in ("cases", "codebooks", "codings"):
        shutil.copytree(REPO / part, root / part)
    before = {
        lang: cli("render", "--lang", lang, "--format", "md", cwd=root).stdout
        for lang in ("en", "id")
    }
    assert cli("suggest", cwd=root).exit_code == 0
    assert cli("suggest", "--method", "model", "--level", "component", cwd=root).exit_code == 0
    for lang, sentence in (
        (
            "en",
            "Machine suggestions (machine-keywords and machine-model) are not coding and are "
            "not counted among the coders",
        ),
        (
            "id",
            "Saran mesin (machine-keywords dan machine-model) bukan hasil pengodean dan tidak "
            "dihitung sebagai pengode",
        ),
    ):
        report = cli("render", "--lang", lang, "--format", "md", cwd=root)
        assert report.exit_code == 0, report.stderr
        assert sentence in report.stdout
        # Apart from that sentence and the inputs listed in the provenance, the report is the
        # same: the machines change no count, no coder list and no agreement figure.
        kept = report.stdout.replace(" " + sentence + ".", "")
        without = [line for line in kept.splitlines() if "codings/machine-" not in line]
        assert without == before[lang].splitlines()
