"""``--onto-excerpts``: a foreign coder's selections mapped onto the project's own excerpts.

The round trip this serves: export the project (``export qdpx``), co-coders code it in ATLAS.ti,
NVivo, MAXQDA or QualCoder, and their export comes back. Each of their selections is laid over
the excerpts of the same source (matched by GUID, else by identical text): it goes to every
excerpt it covers at least half of (``THRESHOLD``). A selection that overlaps excerpts but
covers none of them that much, or overlaps nothing, is listed (EGC814) and left out. Each
foreign user's codes become ``codings/<coder>/<case>.yaml``, so ``egovcode agree`` compares
them with everyone else's.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from egovcode.check.diagnostic import Diagnostic, Severity
from egovcode.check.registry import CODES
from egovcode.errors import DataError
from egovcode.interchange.refi import model as m
from egovcode.interchange.refi.api import ImportResult
from egovcode.interchange.refi.codebook_map import NAME_SEP
from egovcode.interchange.refi.importer import ATLAS_SYSTEM_USER, _decode, slug
from egovcode.interchange.refi.offsets import canonicalise, fit_selection, source_counting
from egovcode.interchange.refi.project_map import (
    SPEAKERS_GROUP,
    VALENCES,
    Built,
    project_model,
    valence_guid,
)
from egovcode.load.dump import dump_yaml

if TYPE_CHECKING:
    from egovcode.interchange.refi.document import Document
    from egovcode.load.project import Project

THRESHOLD = 0.5


def _diag(code: str, message: str, where: str) -> Diagnostic:
    entry = CODES[code]
    return Diagnostic(code, Severity(entry.severity), message, where, None, None, entry.hint)


def import_onto_excerpts(
    path: Path, into: Path, *, force: bool = False, dry_run: bool = False
) -> ImportResult:
    """Write one coder file per foreign user and case from ``path``'s selections."""
    from egovcode.interchange.refi.document import open_document
    from egovcode.interchange.refi.project_write import is_project, write_files
    from egovcode.load.project import load_project

    if not is_project(into):
        raise DataError(f"--onto-excerpts needs an existing project; {into} is not one.")
    project = load_project(into)
    if project.report.errors:
        raise DataError(
            f"the project in {into} has {project.report.errors} error(s); fix them first "
            "(see `egovcode validate`)."
        )
    ours = project_model(project, project.config.lang)
    doc = open_document(path)
    display = str(path)
    result = ImportResult(into, doc.kind, doc.project.origin or "REFI-QDA")
    try:
        files = _plan(doc, ours, project, result, display)
    finally:
        doc.close()
    clashes = [p for p in files if p.exists()]
    if clashes and not force:
        raise DataError(
            f"{clashes[0]} already exists; a coder file is never overwritten without --force."
        )
    result.files = sorted(p.relative_to(into).as_posix() for p in files)
    if not dry_run and files:
        write_files(files, into)
    return result


def _plan(
    doc: Document, ours: Built, project: Project, result: ImportResult, display: str
) -> dict[Path, bytes]:
    foreign: m.Project = doc.project
    our_sources = {s.guid: s for s in ours.model.sources}
    our_texts = {ours.texts[f"sources/{s.guid}.txt"].decode("utf-8"): s for s in ours.model.sources}
    source_case: dict[str, str] = ours.source_case
    excerpt_ids: dict[str, str] = ours.excerpt_of
    code_of = _code_map(foreign, ours)
    speaker_codes = {c.guid for c in _groups(ours, SPEAKERS_GROUP) for c in c.walk()}
    users = {u.guid: u for u in foreign.users}
    our_users = {u.guid: u.name for u in ours.model.users}
    files: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    counts: Counter[str] = Counter()
    for src in foreign.sources:
        target = our_sources.get(src.guid)
        raw = doc.read(src.plain_path) if src.plain_path else None
        text = _decode(raw) if raw is not None else src.content
        if target is None and text is not None:
            target = our_texts.get(canonicalise(text).text)
        if target is None:
            result.diagnostics.append(
                _diag("EGC814", f"source {src.name or src.guid!r} matches no source of the "
                      "project (by GUID or text); its selections were left out", display)
            )  # fmt: skip
            counts["selections left out"] += len(src.selections)
            continue
        our_text = ours.texts[f"sources/{target.guid}.txt"].decode("utf-8")
        body = text if text is not None else our_text
        body = body[1:] if body.startswith("\ufeff") else body
        canon = canonicalise(body)
        counting = source_counting(body, [(s.start, s.end, s.name) for s in src.selections])
        case_id = source_case[target.guid]
        for sel in src.selections:
            fit = fit_selection(body, sel.start, sel.end, sel.name, counting)
            if fit is None:
                result.diagnostics.append(
                    _diag("EGC810", f"selection {sel.name or sel.guid!r} fits no counting", display)
                )
                counts["selections left out"] += 1
                continue
            start, end = canon.position(fit.start), canon.position(fit.end)
            hits, overlaps = _overlaps(target, start, end)
            label = f"selection {sel.name or sel.guid!r} [{start}, {end})"
            if not hits:
                where = "overlaps no excerpt" if not overlaps else (
                    "covers less than half of " + ", ".join(excerpt_ids.get(g, g) for g in overlaps)
                )  # fmt: skip
                result.diagnostics.append(_diag("EGC814", f"{label} {where}; left out", display))
                counts["selections left out"] += 1
                continue
            counts["selections mapped"] += 1
            for coding in sel.codings:
                if coding.code in speaker_codes:
                    counts["speaker codings (who speaks is the project's, not a coder's)"] += 1
                    continue
                if not coding.user or coding.user == ATLAS_SYSTEM_USER:
                    counts["codings without a user (no coder file to hold them)"] += 1
                    continue
                user = users.get(coding.user)
                coder = our_users.get(coding.user) or slug(
                    user.name if user else None, f"user-{coding.user[:8].lower()}"
                )
                for guid in hits:
                    entry = files.setdefault((coder, case_id), {}).setdefault(
                        excerpt_ids[guid], {"codes": []}
                    )
                    if coding.code in _VALENCE:
                        entry["valence"] = _VALENCE[coding.code]
                    elif coding.code in code_of:
                        if code_of[coding.code] not in entry["codes"]:
                            entry["codes"].append(code_of[coding.code])
                    else:
                        counts["codings with a code the codebook does not have"] += 1
    result.counts = counts
    out: dict[Path, bytes] = {}
    for (coder, case_id), codings in sorted(files.items()):
        path = project.root / "codings" / coder / f"{case_id}.yaml"
        data: dict[str, Any] = {"coder": coder, "case": case_id}
        data.update(_kept_keys(path))
        data["codings"] = dict(sorted(codings.items()))
        header = f"# From {result.origin} via `egovcode import --onto-excerpts`.\n"
        out[path] = (header + dump_yaml(data)).encode("utf-8")
        result.counts["coder files"] += 1
    return out


#: The keys of a coder file that ``--onto-excerpts`` writes; any other is kept on --force.
_OWNED = ("coder", "case", "codings")


def _kept_keys(path: Path) -> dict[str, Any]:
    """The top-level keys of an existing coder file that the import does not own
    (``synthetic: true``, ``provenance``, ...), in their order, to keep on --force."""
    from egovcode.load.limits import Limits
    from egovcode.load.yamlfile import YamlProblem, read_yaml

    if not path.is_file():
        return {}
    try:
        _, data = read_yaml(path, path.name, Limits.from_env())
    except (YamlProblem, OSError) as exc:
        raise DataError(
            f"{path} cannot be read ({exc}); it is not replaced, even with --force."
        ) from None
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k not in _OWNED}


_VALENCE = {valence_guid(v): v for v in VALENCES}


def _overlaps(target: m.Source, start: int, end: int) -> tuple[list[str], list[str]]:
    """Selections of ``target`` that [start, end) covers by at least THRESHOLD, and any it
    overlaps at all."""
    hits: list[str] = []
    touched: list[str] = []
    for sel in target.selections:
        overlap = min(end, sel.end) - max(start, sel.start)
        if overlap <= 0:
            continue
        touched.append(sel.guid)
        if overlap >= THRESHOLD * (sel.end - sel.start):
            hits.append(sel.guid)
    return hits, touched


def _code_map(foreign: m.Project, ours: Built) -> dict[str, str]:
    """Foreign code GUID -> our code id: by GUID, else by the ``ID · label`` name, else by a
    label that only one of our codes has."""
    by_guid: dict[str, str] = {}
    by_label: dict[str, list[str]] = {}
    folders = {c.guid for group in (valence_guid("group"), SPEAKERS_GROUP)
               for top in _groups(ours, group) for c in top.walk()}  # fmt: skip
    for node in ours.model.all_codes():
        if node.guid in folders:
            continue  # valence and speakers are matched by GUID, never as codes
        head, _, label = node.name.partition(NAME_SEP)
        by_guid[node.guid] = head
        by_label.setdefault(label.strip().casefold(), []).append(head)
    ids = set(by_guid.values())
    out: dict[str, str] = {}
    for node in foreign.all_codes():
        if node.guid in by_guid:
            out[node.guid] = by_guid[node.guid]
            continue
        head, _, label = node.name.partition(NAME_SEP)
        if head in ids:
            out[node.guid] = head
            continue
        matches = by_label.get(node.name.strip().casefold(), [])
        if len(matches) == 1:
            out[node.guid] = matches[0]
    return out


def _groups(ours: Built, guid: str) -> list[m.Code]:
    """The top-level folder with ``guid`` in our export (none when it was not written)."""
    return [c for c in ours.model.codes if c.guid == guid]
