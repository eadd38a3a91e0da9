"""Stable pseudonyms for informants, so interview evidence can be shared without naming anyone.

An *informant* is a role within a case: two interview sources of one case with the same
``informant_role`` are the same person; the same role in two cases is two people. A source with no
role is an informant of its own. Informants are numbered ``Informant 1``, ``Informant 2``, ... in
order of first appearance (cases in file order, sources in file order), so the same files always
give the same pseudonyms.

``pseudonymise`` replaces every ``informant_role`` and the ``citation`` of every ``kind:
interview`` source with the pseudonym. An interview source also loses what could point to the
person: its id becomes ``informant-N`` (the excerpts citing it follow), and its ``url``, ``note``,
``locator``, ``file``, ``original`` and ``attributes`` are removed. Its excerpts' speaker labels
(``I``, ``Peserta 1``, or a name someone left in a transcript) are replaced too, in ``speaker``
and in the importer's locator (``turn 2, I (informant)``): the interviewer becomes
``Interviewer``, everyone else the source's pseudonym (``Informant 1``; ``Informant 1, speaker
2`` and so on when a source has several). It returns a copy; the project and its files are
untouched.
"""

from __future__ import annotations

import dataclasses

from egovcode.load.project import LoadedCase, Project
from egovcode.model import Excerpt, Source

#: The role ``import transcript`` gives the questions (``--speakers "P=interviewer"``).
INTERVIEWER = "interviewer"

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


def pseudonymise_source(source: Source, name: str, new_id: str | None = None) -> Source:
    """``source`` with its role and, for an interview, its citation replaced by ``name``; an
    interview also gets ``new_id`` (when given) and loses every detail that could identify."""
    update: dict[str, object] = {}
    if source.informant_role is not None:
        update["informant_role"] = name
    if source.kind == "interview":
        update.update(
            citation=name,
            url=None,
            note=None,
            locator=None,
            file=None,
            original=None,
            attributes={},
        )
        if new_id is not None:
            update["id"] = new_id
    return source.model_copy(update=update)


def _pseudonymous_ids(case_sources: list[Source], names: dict[str, str]) -> dict[str, str]:
    """New ids for the interview sources of one case: ``informant-N`` (unique in the case)."""
    taken = {s.id for s in case_sources if s.id not in names or s.kind != "interview"}
    out: dict[str, str] = {}
    for source in case_sources:
        if source.kind != "interview" or source.id not in names:
            continue
        base = names[source.id].lower().replace(" ", "-")
        new, n = base, 1
        while new in taken:
            n += 1
            new = f"{base}-{n}"
        taken.add(new)
        out[source.id] = new
    return out


def _pseudonymous_speakers(
    sources: list[Source], excerpts: list[Excerpt], names: dict[str, str]
) -> dict[str, dict[str, str]]:
    """For each interview source with a pseudonym: speaker label -> pseudonymous label."""
    out: dict[str, dict[str, str]] = {}
    for source in sources:
        if source.kind != "interview" or source.id not in names:
            continue
        roles = source.speaker_roles()
        labels = list(dict.fromkeys(e.speaker for e in excerpts if e.source == source.id))
        others = [label for label in labels if label and roles.get(label) != INTERVIEWER]
        table = {label: "Interviewer" for label in labels if label and label not in others}
        for k, label in enumerate(others, start=1):
            table[label] = (
                names[source.id] if len(others) == 1 else f"{names[source.id]}, speaker {k}"
            )
        out[source.id] = table
    return out


def _pseudonymise_excerpt(excerpt: Excerpt, source_id: str, speakers: dict[str, str]) -> Excerpt:
    """The excerpt citing its source's new id, with its speaker label replaced, also where
    the locator names it (``turn 2, I (informant)`` -> ``turn 2, Informant 1``)."""
    update: dict[str, object] = {"source": source_id}
    label = excerpt.speaker
    if label is not None:
        new = speakers.get(label, "Speaker")
        update["speaker"] = new
        if excerpt.locator is not None:
            parts = excerpt.locator.split(", ")
            update["locator"] = ", ".join(
                new if part == label or part.startswith(f"{label} (") else part for part in parts
            )
    return excerpt.model_copy(update=update)


def pseudonymise(project: Project) -> Project:
    """A copy of ``project`` with informants replaced by their pseudonyms (files untouched)."""
    names = pseudonyms(project)
    cases = []
    for loaded in project.cases:
        case_id = loaded.data.case.id
        mine = {sid: name for (cid, sid), name in names.items() if cid == case_id}
        ids = _pseudonymous_ids(loaded.data.sources, mine)
        sources = [
            pseudonymise_source(s, mine[s.id], ids.get(s.id)) if s.id in mine else s
            for s in loaded.data.sources
        ]
        speakers = _pseudonymous_speakers(loaded.data.sources, loaded.data.excerpts, mine)
        excerpts = [
            _pseudonymise_excerpt(e, ids[e.source], speakers[e.source]) if e.source in ids else e
            for e in loaded.data.excerpts
        ]
        data = loaded.data.model_copy(update={"sources": sources, "excerpts": excerpts})
        cases.append(LoadedCase(source=loaded.source, data=data, kept=loaded.kept))
    return dataclasses.replace(project, cases=cases)
