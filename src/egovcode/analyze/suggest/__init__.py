"""Machine coders: suggestions a person reviews, measured against people with the same statistics.

``suggest`` writes what a machine coder would apply to each excerpt (with a score and a reason)
and ``evaluate`` compares it with the people's codes. Two methods:

- ``keywords`` (:mod:`.keywords`): the codebook's keywords, matched on word stems;
- ``model`` (:mod:`.model`): a classifier per code trained on the project's coded excerpts. An
  excerpt people have coded is always scored by a model trained without it (k-fold, folds drawn
  from a hash of the excerpt id), so neither the suggestions nor their agreement with people are
  inflated by the machine having seen the answer.

Nothing here writes files; :mod:`egovcode.interchange.machine_coder` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from egovcode.analyze.suggest.corpus import Corpus, Level, Unit, build_corpus, fold_of
from egovcode.analyze.suggest.evaluate import Evaluation, evaluate_predictions
from egovcode.analyze.suggest.keywords import keyword_rules, keyword_suggestions
from egovcode.errors import DataError
from egovcode.load.project import Project

Method = Literal["keywords", "model"]
METHODS: tuple[Method, ...] = ("keywords", "model")

#: Code -> (score, reason) for one excerpt.
Scored = dict[str, tuple[float, list[str]]]


@dataclass(frozen=True, slots=True)
class SuggestOptions:
    method: Method = "keywords"
    cases: tuple[str, ...] = ()
    min_score: float = 0.5
    level: Level = "code"
    folds: int = 5
    min_examples: int = 3

    def parameters(self) -> dict[str, str | int | float | bool | None]:
        """The options that change the result, as recorded in a machine coder's provenance."""
        out: dict[str, str | int | float | bool | None] = {
            "level": self.level,
            "min_score": self.min_score,
        }
        if self.method == "model":
            out |= {"folds": self.folds, "min_examples": self.min_examples, "C": 1.0}
        return out


@dataclass(frozen=True, slots=True)
class Suggestions:
    """A machine coder's suggestions for every excerpt of the chosen cases."""

    corpus: Corpus
    options: SuggestOptions
    scored: dict[str, Scored]
    #: codes that had too few coded excerpts to train on (model), with how many they had
    skipped: dict[str, int] = field(default_factory=dict)

    def for_case(self, case: str) -> list[tuple[Unit, Scored]]:
        return [(u, self.scored[u.id]) for u in self.corpus.units if u.case == case]


def suggest(project: Project, options: SuggestOptions) -> Suggestions:
    """Score every excerpt of the chosen cases; raises DataError when the data cannot support it."""
    if not 0 <= options.min_score <= 1:
        raise DataError(f"--min-score {options.min_score}: give a number from 0 to 1.")
    corpus = build_corpus(project, options.cases, options.level)
    if options.method == "keywords":
        rules = keyword_rules(corpus)
        if not rules.include:
            raise DataError(
                "the codebook has no keywords to match; add `keywords:` to its codes, "
                "or use --method model."
            )
        scored = {
            u.id: _above(keyword_suggestions(rules, u), options.min_score) for u in corpus.units
        }
        return Suggestions(corpus, options, scored)
    return _model_suggestions(corpus, options, corpus.units)


def _above(scored: Scored, min_score: float) -> Scored:
    return {code: v for code, v in scored.items() if v[0] >= min_score}


def _model_suggestions(
    corpus: Corpus, options: SuggestOptions, units: Sequence[Unit]
) -> Suggestions:
    from egovcode.analyze.suggest.model import ModelParams, train

    coded = corpus.coded
    if len(coded) < 2 * options.folds:
        raise DataError(
            f"--method model needs at least {2 * options.folds} coded excerpts to train and "
            f"cross-validate on ({options.folds} folds); the chosen cases have {len(coded)}."
        )
    params = ModelParams(min_examples=options.min_examples)
    codes = corpus.codes()
    scored: dict[str, Scored] = {}
    wanted = {u.id for u in units}
    for k in range(options.folds):
        held = [u for u in coded if fold_of(u.id, options.folds) == k and u.id in wanted]
        if not held:
            continue
        rest = [u for u in coded if fold_of(u.id, options.folds) != k]
        model = train(rest, codes, params)
        for unit, result in zip(held, model.predict(held, options.min_score), strict=True):
            scored[unit.id] = result
    full = train(coded, codes, params)
    fresh = [u for u in units if u.human is None]
    for unit, result in zip(fresh, full.predict(fresh, options.min_score), strict=True):
        scored[unit.id] = result
    return Suggestions(corpus, options, scored, dict(full.skipped))


def evaluate(project: Project, options: SuggestOptions, lang: str = "en") -> Evaluation:
    """Per code and overall: precision, recall, F1 and Cohen's kappa of the machine against the
    people's codes, on the coded excerpts of the chosen cases (held out, for the model)."""
    corpus = build_corpus(project, options.cases, options.level)
    coded = corpus.coded
    if not coded:
        raise DataError("the chosen cases have no coded excerpts to evaluate against.")
    if options.method == "keywords":
        result = suggest(project, options)
    else:
        result = _model_suggestions(corpus, options, coded)
    predicted = {u.id: set(result.scored[u.id]) for u in coded}
    return evaluate_predictions(corpus, predicted, options, result.skipped, lang)


__all__ = [
    "METHODS",
    "Evaluation",
    "Method",
    "SuggestOptions",
    "Suggestions",
    "evaluate",
    "suggest",
]
