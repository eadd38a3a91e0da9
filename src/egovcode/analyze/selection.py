"""What an analysis request may name, checked against the project before anything is counted.

Commands take case ids, codes, valences, source kinds and case attributes from the user. A value
the project does not know is a usage error (``AnalysisError``, exit 2) with a suggestion, never an
empty result that looks like an answer.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from egovcode.errors import EgovcodeError
from egovcode.load.project import Project
from egovcode.model import CaseInfo
from egovcode.model.tree import CodeTree

VALENCES = ("supporting", "inhibiting", "neutral", "unmarked")
SOURCE_KINDS = ("interview", "document", "online", "observation")


class AnalysisError(EgovcodeError, ValueError):
    """A request names something the project does not have (a case, a code, an attribute)."""

    exit_code = 2


def case_attributes(case: CaseInfo) -> dict[str, Any]:
    """The attributes a case can be grouped or filtered by: ``type``, ``province`` and its own."""
    return {"type": case.type, "province": case.province, **case.attributes}


def attr_text(value: Any) -> str:
    """An attribute value as text, as the user writes it: ``true``, ``2``, ``Jawa Timur``."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def attr_order(text: str) -> tuple[int, float, str]:
    """A sort key for attribute values as ``attr_text`` writes them: numbers first, by value (410
    before 1150, ``2.5`` between them), then text, then ``(none)``."""
    if text == "(none)":
        return (2, 0.0, text)
    try:
        number = float(text)
    except ValueError:
        return (1, 0.0, text)
    if number != number or number in (float("inf"), float("-inf")):
        return (1, 0.0, text)
    return (0, number, text)


def case_ids(project: Project) -> list[str]:
    return [loaded.data.case.id for loaded in project.cases]


def attribute_names(project: Project) -> list[str]:
    names: dict[str, None] = {}
    for loaded in project.cases:
        names.update(dict.fromkeys(case_attributes(loaded.data.case)))
    return list(names)


def check_cases(project: Project, wanted: Iterable[str]) -> None:
    _check("case", wanted, case_ids(project))


def check_codes(tree: CodeTree, wanted: Iterable[str]) -> None:
    labels = {text.lower(): code.id for code in tree.codes.values() for text in code.label.values()}
    _check("code", wanted, list(tree.codes), labels)


def check_valences(wanted: Iterable[str]) -> None:
    _check("valence", wanted, VALENCES)


def check_source_kinds(wanted: Iterable[str]) -> None:
    _check("source kind", wanted, SOURCE_KINDS)


def check_attributes(project: Project, wanted: Iterable[str]) -> None:
    _check("case attribute", wanted, attribute_names(project))


def require_codebook(project: Project) -> CodeTree:
    if project.codebook is None:
        raise AnalysisError("the project has no codebook to analyse with.")
    return CodeTree(project.codebook)


def _check(
    what: str, wanted: Iterable[str], known: Iterable[str], aliases: dict[str, str] | None = None
) -> None:
    """Raise for the first value of ``wanted`` not in ``known``, suggesting the likeliest one
    (the same name in other case, the name behind an alias such as a label, or a close name)."""
    choices = list(known)
    for value in wanted:
        if value in choices:
            continue
        same_case = [c for c in choices if c.lower() == value.lower()]
        alias = (aliases or {}).get(value.lower())
        close = same_case or ([alias] if alias else [])
        close = close or difflib.get_close_matches(value, choices, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]!r}? " if close else ""
        listed = ", ".join(choices[:12]) + (
            f" and {len(choices) - 12} more" if choices[12:] else ""
        )
        raise AnalysisError(f"unknown {what} {value!r}: {hint}known: {listed or '(none)'}.")
