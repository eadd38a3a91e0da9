"""How often a machine coder agrees with people: precision, recall, F1 and Cohen's kappa per code.

Each code is a yes/no decision per coded excerpt, people's consensus codes being the reference.
Precision is undefined where the machine never applied the code, recall where people never did;
F1 is undefined where either is. Cohen's kappa is egovcode's own (:mod:`egovcode.analyze.agreement`,
checked against published examples), so the figures are those ``egovcode agree`` would give for
the two as coders. The overall row pools every (excerpt, code) decision: micro-averaged precision,
recall and F1, and one kappa over all decisions; ``mean kappa`` is the mean over the codes whose
kappa is defined.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from egovcode.analyze.agreement.stats import Statistic, cohen_kappa
from egovcode.analyze.suggest.corpus import Corpus
from egovcode.analyze.table import Table

if TYPE_CHECKING:
    from egovcode.analyze.suggest import SuggestOptions

HUMAN, MACHINE = "people", "machine"


@dataclass(frozen=True, slots=True)
class CodeScore:
    code: str
    label: str
    examples: int
    applied: int
    tp: int
    fp: int
    fn: int
    precision: float | None
    recall: float | None
    f1: float | None
    kappa: Statistic

    def row(self) -> list[Any]:
        return [
            self.code,
            self.label,
            self.examples,
            self.applied,
            self.tp,
            self.fp,
            self.fn,
            self.precision,
            self.recall,
            self.f1,
            self.kappa.value,
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "label": self.label,
            "examples": self.examples,
            "applied": self.applied,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "kappa": self.kappa.value,
            "kappa_reason": self.kappa.reason,
        }


@dataclass(frozen=True, slots=True)
class Evaluation:
    method: str
    level: str
    folds: int | None
    units: int
    codes: tuple[CodeScore, ...]
    overall: CodeScore
    mean_kappa: float | None
    untrained: dict[str, int]

    COLUMNS = (
        "code",
        "label",
        "examples",
        "applied",
        "tp",
        "fp",
        "fn",
        "precision",
        "recall",
        "f1",
        "kappa",
    )

    def tables(self) -> list[Table]:
        notes = [
            f"{self.units} coded excerpts; 'examples' are those people coded with the code"
            + (
                f"; the model scored each excerpt with a classifier trained on the other "
                f"{self.folds - 1} of {self.folds} folds."
                if self.folds
                else "."
            ),
            "Undefined figures are blank: precision where the machine never applied the code, "
            "recall where people never did.",
        ]
        if self.mean_kappa is not None:
            notes.append(f"Mean kappa over codes: {self.mean_kappa:.3f}.")
        if self.untrained:
            notes.append(
                "Too few examples to train on: "
                + ", ".join(f"{c} ({n})" for c, n in self.untrained.items())
                + "."
            )
        rows = [c.row()[:1] + c.row()[2:] for c in [*self.codes, self.overall]]
        return [
            Table(
                [c for c in self.COLUMNS if c != "label"],
                rows,
                title=f"Machine coder ({self.method}) against people's codes",
                notes=notes,
            )
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "level": self.level,
            "folds": self.folds,
            "units": self.units,
            "codes": [c.to_dict() for c in self.codes],
            "overall": self.overall.to_dict(),
            "mean_kappa": self.mean_kappa,
            "untrained": dict(self.untrained),
        }


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _score(
    code: str, label: str, pairs: Sequence[tuple[str, bool, bool]], examples: int
) -> CodeScore:
    tp = sum(1 for _, h, m in pairs if h and m)
    fp = sum(1 for _, h, m in pairs if m and not h)
    fn = sum(1 for _, h, m in pairs if h and not m)
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = None
    if precision is not None and recall is not None:
        f1 = 0.0 if tp == 0 else 2 * precision * recall / (precision + recall)
    ratings = {u: {HUMAN: "1" if h else "0", MACHINE: "1" if m else "0"} for u, h, m in pairs}
    kappa = cohen_kappa(ratings, HUMAN, MACHINE)
    return CodeScore(code, label, examples, tp + fp, tp, fp, fn, precision, recall, f1, kappa)


def evaluate_predictions(
    corpus: Corpus,
    predicted: Mapping[str, set[str]],
    options: SuggestOptions,
    untrained: Mapping[str, int],
    lang: str = "en",
) -> Evaluation:
    """Compare the machine's codes (``predicted``: excerpt id -> codes) with people's.

    ``untrained`` names the codes the model had too few examples of, with their counts.
    """
    coded = corpus.coded
    applied = {c for codes in predicted.values() for c in codes}
    used = {c for u in coded for c in u.human or ()}
    order = [c for c in corpus.codes() if c in used or c in applied]
    order += sorted((used | applied) - set(order))
    scores: list[CodeScore] = []
    pooled: list[tuple[str, bool, bool]] = []
    for code in order:
        pairs = [(u.id, code in (u.human or ()), code in predicted.get(u.id, ())) for u in coded]
        examples = sum(1 for _, h, _ in pairs if h)
        scores.append(_score(code, corpus.tree.label(code, lang), pairs, examples))
        pooled.extend((f"{u}\x00{code}", h, m) for u, h, m in pairs)
    overall = _score("overall", "all codes", pooled, sum(s.examples for s in scores))
    kappas = [s.kappa.value for s in scores if s.kappa.value is not None]
    return Evaluation(
        method=options.method,
        level=options.level,
        folds=options.folds if options.method == "model" else None,
        units=len(coded),
        codes=tuple(scores),
        overall=overall,
        mean_kappa=sum(kappas) / len(kappas) if kappas else None,
        untrained=dict(untrained),
    )
