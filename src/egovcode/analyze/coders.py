"""Intercoder agreement on a project's coder files, or on a long CSV agreement table.

The unit is an excerpt. Each code is present or absent per excerpt and coder; an excerpt a coder
did not rate (absent from the coder's file, or ``null`` in it) is missing data, never "absent". With
``level="component"`` every code is rolled up into its component (its root ancestor) first, so
``APP.PORTAL`` and ``APP.STAFF`` both count as ``APP``. ``codes`` restricts the statistics and the
disagreements to those codes *as applied* at the chosen level: ``APP`` means the code ``APP``
itself at the code level, and ``APP`` with all its sub-codes at the component level.

With ``on="valence"`` the unit is again an excerpt, and each coder gives it one category, its
valence (supporting, inhibiting or neutral): single-category agreement. A coding without a
valence is missing for valence.

The statistics are those of :mod:`egovcode.analyze.agreement` (see docs/agreement.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from egovcode.analyze.agreement import (
    BAND_CONVENTIONS,
    AgreementResult,
    Disagreement,
    Mode,
    agreement_multi,
    agreement_single,
    disagreements,
    read_agreement_table,
)
from egovcode.analyze.agreement.ordering import sorted_ids
from egovcode.errors import DataError, EgovcodeError
from egovcode.load.project import Project
from egovcode.model.tree import CodeTree

Level = Literal["code", "component"]
LEVELS: tuple[Level, ...] = ("code", "component")
By = Literal["case"]
On = Literal["codes", "valence"]
ONS: tuple[On, ...] = ("codes", "valence")

#: unit -> coder -> the codes applied (an empty set: rated, no code applies)
CoderCodings = dict[str, dict[str, frozenset[str]]]


class SelectionError(EgovcodeError):
    """A coder or code asked for that the data does not have (a usage error, exit code 2)."""


@dataclass(frozen=True, slots=True)
class AgreementGroup:
    """The agreement of one group of units: all of them, or one case's (``--by case``)."""

    case: str | None
    result: AgreementResult
    disagreements: tuple[Disagreement, ...] | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case,
            "agreement": self.result.to_dict(),
            "disagreements": (
                None if self.disagreements is None else [d.to_dict() for d in self.disagreements]
            ),
        }


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """What ``egovcode agree`` reports; ``to_dict()`` is exactly its JSON output."""

    source: str
    mode: Mode
    level: Level | None
    by: By | None
    groups: tuple[AgreementGroup, ...]
    on: On = "codes"
    #: Coders whose files say ``synthetic: true`` (demonstration data; not part of to_dict).
    synthetic: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "on": self.on,
            "mode": self.mode,
            "level": self.level,
            "by": self.by,
            "conventions": dict(BAND_CONVENTIONS),
            "groups": [group.to_dict() for group in self.groups],
        }


def coder_codings(project: Project, level: Level = "code") -> dict[str, CoderCodings]:
    """Case id -> the coders' codings of its excerpts (unit = excerpt id), from the coder files.

    At the component level each code is replaced by its component.
    """
    tree = CodeTree(project.codebook) if project.codebook and level == "component" else None
    out: dict[str, CoderCodings] = {}
    for loaded in project.codings:
        data = loaded.data
        units = out.setdefault(data.case, {})
        for excerpt_id, coding in data.rated().items():
            codes = frozenset(tree.component(c) if tree else c for c in coding.codes)
            units.setdefault(excerpt_id, {})[data.coder] = codes
    return out


def coder_valences(project: Project) -> dict[str, dict[str, dict[str, str]]]:
    """Case id -> excerpt id -> coder -> the valence the coder gave (codings without one left
    out: missing for valence)."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    for loaded in project.codings:
        data = loaded.data
        units = out.setdefault(data.case, {})
        for excerpt_id, coding in data.rated().items():
            if coding.valence is not None:
                units.setdefault(excerpt_id, {})[data.coder] = coding.valence
    return out


def project_agreement(
    project: Project,
    *,
    coders: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
    level: Level = "code",
    by: By | None = None,
    with_disagreements: bool = True,
    on: On = "codes",
) -> AgreementReport:
    """Agreement among the project's coders: over all cases, or per case with ``by="case"``;
    on the codes (multi-code, per code) or, with ``on="valence"``, on the valence (one category
    per excerpt). The disagreements carry each excerpt's text.

    Raises :class:`DataError` when the project has no coder files and :class:`SelectionError`
    for a coder without files, a code the codebook does not have (at ``level``), or ``codes``
    with ``on="valence"``.
    """
    if not project.codings:
        raise DataError(
            "the project has no coder files (codings/<coder>/<case>.yaml); "
            "see docs/coders.md for the format."
        )
    if on == "valence" and codes:
        raise SelectionError("--code selects codes; with --on valence every valence is reported.")
    known = sorted_ids(loaded.data.coder for loaded in project.codings)
    chosen = _chosen_coders(coders, known)
    order = [lc.data.case.id for lc in project.cases]
    texts = {e.id: e.text for lc in project.cases for e in lc.data.excerpts}
    if on == "valence":
        valences = coder_valences(project)
        ratings: list[tuple[str | None, dict[str, dict[str, str]]]]
        if by == "case":
            ratings = [(case, valences[case]) for case in order if case in valences]
        else:
            ratings = [(None, {u: v for units in valences.values() for u, v in units.items()})]
        found = tuple(
            _valence_group(case, units, chosen, with_disagreements, texts)
            for case, units in ratings
        )
        return AgreementReport("coder files", "single", None, by, found, on)
    wanted = _chosen_codes(codes, project, level)
    per_case = coder_codings(project, level)
    groups: list[tuple[str | None, CoderCodings]]
    if by == "case":
        groups = [(case, per_case[case]) for case in order if case in per_case]
    else:
        groups = [(None, {u: v for units in per_case.values() for u, v in units.items()})]
    return AgreementReport(
        source="coder files",
        mode="multi",
        level=level,
        by=by,
        groups=tuple(
            _with_texts(_group(case, units, chosen, wanted, with_disagreements), texts)
            for case, units in groups
        ),
        synthetic=tuple(sorted(project.synthetic_coders())),
    )


def _valence_group(
    case: str | None,
    units: Mapping[str, Mapping[str, str]],
    coders: Sequence[str] | None,
    with_disagreements: bool,
    texts: Mapping[str, str],
) -> AgreementGroup:
    result = agreement_single(units, coders)
    found = None
    if with_disagreements:
        as_sets = {u: {c: frozenset([v]) for c, v in values.items()} for u, values in units.items()}
        found = tuple(disagreements(as_sets, coders))
    return _with_texts(AgreementGroup(case, result, found), texts)


def _with_texts(group: AgreementGroup, texts: Mapping[str, str]) -> AgreementGroup:
    if not group.disagreements:
        return group
    found = tuple(replace(d, text=texts.get(d.unit)) for d in group.disagreements)
    return replace(group, disagreements=found)


def table_agreement(
    path: Path,
    mode: Mode,
    *,
    coders: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
    with_disagreements: bool = True,
) -> AgreementReport:
    """Agreement from a long CSV table (``unit,coder,code``); see ``read_agreement_table``.

    Raises ``AgreementTableError`` (listing every problem with its line) for a bad table.
    """
    if mode == "single" and codes:
        raise SelectionError(
            "--code selects codes in multi mode; in single mode every category is reported."
        )
    table = read_agreement_table(path, mode)
    chosen = _chosen_coders(coders, list(table.coders))
    if mode == "single":
        result = agreement_single(table.ratings or {}, chosen)
        found = disagreements(table.codings, chosen) if with_disagreements else None
        group = AgreementGroup(None, result, None if found is None else tuple(found))
    else:
        wanted = None
        if codes:
            unknown = [c for c in codes if c not in table.codes]
            if unknown:
                raise SelectionError(
                    f"--code {', '.join(unknown)}: no coder applied it in {path} "
                    f"(codes: {', '.join(table.codes) or 'none'})."
                )
            wanted = list(codes)
        group = _group(None, table.codings, chosen, wanted, with_disagreements)
    return AgreementReport(str(path), mode, None, None, (group,))


def _group(
    case: str | None,
    units: Mapping[str, Mapping[str, frozenset[str]]],
    coders: Sequence[str] | None,
    codes: Sequence[str] | None,
    with_disagreements: bool,
) -> AgreementGroup:
    if codes is not None:
        keep = frozenset(codes)
        units = {u: {c: s & keep for c, s in values.items()} for u, values in units.items()}
    result = agreement_multi(units, codes=codes, coders=coders)
    found = disagreements(units, coders) if with_disagreements else None
    return AgreementGroup(case, result, None if found is None else tuple(found))


def _chosen_coders(coders: Sequence[str] | None, known: Sequence[str]) -> list[str] | None:
    if not coders:
        return None
    unknown = [c for c in coders if c not in known]
    if unknown:
        raise SelectionError(
            f"--coders {', '.join(unknown)}: no such coder; the coders are {', '.join(known)}."
        )
    if len(set(coders)) < 2:
        raise SelectionError("--coders needs at least two coders to compare.")
    return sorted_ids(coders)


def _chosen_codes(codes: Iterable[str] | None, project: Project, level: Level) -> list[str] | None:
    chosen = list(dict.fromkeys(codes or []))
    if not chosen:
        return None
    tree = CodeTree(project.codebook) if project.codebook else None
    for code in chosen:
        if tree is None or code not in tree:
            raise SelectionError(f"--code {code}: not a code of the codebook.")
        if level == "component" and tree.component(code) != code:
            raise SelectionError(
                f"--code {code} is a sub-code; with --level component give its component "
                f"{tree.component(code)}, or use --level code."
            )
    return chosen
