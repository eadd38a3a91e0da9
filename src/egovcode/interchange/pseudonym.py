"""Stable pseudonyms for informants, so interview evidence can be shared without naming anyone.

An *informant* is a role within a case: two interview sources of one case with the same
``informant_role`` are the same person; the same role in two cases is two people. A source with no
role is an informant of its own. Informants are numbered ``Informant 1``, ``Informant 2``, ... in
order of first appearance (cases in file order, sources in file order), so the same files always
give the same pseudonyms.

``pseudonymise`` replaces every ``informant_role`` and the ``citation`` of every ``kind:
interview`` source with the pseudonym. It returns a copy; the project and its files are untouched.
"""

from __future__ import annotations

import dataclasses

from egovcode.load.project import LoadedCase, Project
from egovcode.model import Source

#: (case id, source id) -> pseudonym
Pseudonyms = dict[tuple[str, str], str]


def _needs_pseudonym(source: Source) -> bool:
    return source.kind == "interview" or source.informant_role is not None


def pseudonyms(project: Project) -> Pseudonyms:
    """The pseudonym of every source that names or is an informant, keyed by (case, source)."""
    by_person: dict[tuple[str, str], str] = {}
    out: Pseudonyms = {}
    for loaded in project.cases:
        case_id = loaded.data.case.id
        for source in loaded.data.sources:
            if not _needs_pseudonym(source):
                continue
            person = (
                (case_id, "role:" + source.informant_role)
                if source.informant_role is not None
                else (case_id, "source:" + source.id)
            )
            name = by_person.setdefault(person, f"Informant {len(by_person) + 1}")
            out.setdefault((case_id, source.id), name)
    return out


def pseudonymise_source(source: Source, name: str) -> Source:
    """``source`` with its role and, for an interview, its citation replaced by ``name``."""
    update: dict[str, str] = {}
    if source.informant_role is not None:
        update["informant_role"] = name
    if source.kind == "interview":
        update["citation"] = name
    return source.model_copy(update=update)


def pseudonymise(project: Project) -> Project:
    """A copy of ``project`` with informants replaced by their pseudonyms (files untouched)."""
    names = pseudonyms(project)
    cases = []
    for loaded in project.cases:
        case_id = loaded.data.case.id
        sources = [
            pseudonymise_source(s, names[(case_id, s.id)]) if (case_id, s.id) in names else s
            for s in loaded.data.sources
        ]
        data = loaded.data.model_copy(update={"sources": sources})
        cases.append(LoadedCase(source=loaded.source, data=data, kept=loaded.kept))
    return dataclasses.replace(project, cases=cases)
