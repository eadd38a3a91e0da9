"""The model coder: one logistic-regression classifier per code on TF-IDF features of word stems.

Features are the stems of an excerpt's text and translations (each language tagged, so the
same string in two languages is two features) and their bigrams, weighted by sublinear TF-IDF.
Each code with at least ``min_examples`` coded excerpts gets a liblinear logistic regression with
balanced class weights; its score for an excerpt is the predicted probability. The reason names
the terms that pushed the score up most (weight × feature value), each shown as the word form
seen most often in the training excerpts. scikit-learn comes with the ``suggest`` extra.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from egovcode.analyze.suggest.corpus import Unit
from egovcode.analyze.suggest.text import MissingExtraError, stemmer, words

#: Terms named in a reason.
REASON_TERMS = 5


@dataclass(frozen=True, slots=True)
class ModelParams:
    min_examples: int = 3
    c: float = 1.0


def _features(unit: Unit, surface: dict[str, Counter[str]] | None = None) -> list[str]:
    out: list[str] = []
    for text, lang in unit.texts:
        stem = stemmer(lang)
        prev: str | None = None
        for word in words(text):
            term = f"{lang}:{stem(word)}"
            out.append(term)
            if surface is not None:
                surface.setdefault(term, Counter())[word] += 1
            if prev is not None:
                out.append(f"{prev} {term}")
            prev = term
    return out


def _display(term: str, surface: dict[str, Counter[str]]) -> str:
    parts = []
    for piece in term.split(" "):
        seen = surface.get(piece)
        if seen:
            best = max(sorted(seen), key=lambda w: seen[w])
            parts.append(best)
        else:
            parts.append(piece.split(":", 1)[1])
    return " ".join(parts)


@dataclass
class TrainedModel:
    """Classifiers for the codes that had enough examples; ``skipped`` names the others."""

    vectorizer: Any
    classifiers: dict[str, Any]
    surface: dict[str, Counter[str]]
    skipped: dict[str, int] = field(default_factory=dict)

    def predict(
        self, units: Sequence[Unit], min_score: float
    ) -> list[dict[str, tuple[float, list[str]]]]:
        """Per unit: code -> (probability, the terms that raised it most), for every code whose
        probability reaches ``min_score``."""
        if not units:
            return []
        matrix = self.vectorizer.transform(units).tocsr()
        names = self.vectorizer.get_feature_names_out()
        out: list[dict[str, tuple[float, list[str]]]] = [{} for _ in units]
        for code, clf in self.classifiers.items():
            proba = clf.predict_proba(matrix)[:, 1]
            weights = clf.coef_[0]
            for i, p in enumerate(proba):
                score = round(float(p), 3)
                if score < min_score:
                    continue
                lo, hi = matrix.indptr[i], matrix.indptr[i + 1]
                contrib = sorted(
                    (-float(weights[j] * v), str(names[j]))
                    for j, v in zip(matrix.indices[lo:hi], matrix.data[lo:hi], strict=True)
                    if weights[j] * v > 0
                )[:REASON_TERMS]
                out[i][code] = (score, [_display(term, self.surface) for _, term in contrib])
        return out


def train(units: Sequence[Unit], codes: Sequence[str], params: ModelParams) -> TrainedModel:
    """Fit one classifier per code on the coded ``units``."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise MissingExtraError(
            "--method model needs the 'suggest' extra: pip install 'egovcode[suggest]'"
        ) from exc
    surface: dict[str, Counter[str]] = {}
    for unit in units:
        _features(unit, surface)
    vectorizer = TfidfVectorizer(analyzer=_features, sublinear_tf=True)
    matrix = vectorizer.fit_transform(units)
    classifiers: dict[str, Any] = {}
    skipped: dict[str, int] = {}
    for code in codes:
        labels = [1 if unit.human and code in unit.human else 0 for unit in units]
        positives = sum(labels)
        if positives < params.min_examples or positives == len(labels):
            if positives:
                skipped[code] = positives
            continue
        clf = LogisticRegression(
            solver="liblinear",
            dual=matrix.shape[1] > matrix.shape[0],
            C=params.c,
            class_weight="balanced",
            random_state=0,
        )
        clf.fit(matrix, labels)
        classifiers[code] = clf
    return TrainedModel(vectorizer, classifiers, surface, skipped)
