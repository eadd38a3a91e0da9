"""The library entry points of REFI-QDA import, for the CLI and the workbench alike."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from egovcode.check.diagnostic import Diagnostic


@dataclass(slots=True)
class ImportResult:
    """What an import wrote (or would write), what it skipped and what it warned about."""

    into: Path
    kind: str
    origin: str
    files: list[str] = field(default_factory=list)
    merged: bool = False
    counts: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    notices: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def import_refi(
    path: Path,
    into: Path,
    *,
    lang: str | None = None,
    force: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    """Import a ``.qdpx``, ``.qde`` or ``.qdc`` into ``into`` (a new or an existing project).

    ``lang`` is the language of the imported labels and texts: by default the existing
    project's ``lang``, else English."""
    from egovcode.interchange.refi.document import open_document
    from egovcode.interchange.refi.importer import plan_import
    from egovcode.interchange.refi.project_write import is_project, plan_files, write_files

    if lang is None:
        lang = "en"
        if is_project(into):
            from egovcode.load.project import load_project

            lang = load_project(into).config.lang

    doc = open_document(path)
    try:
        plan = plan_import(doc, lang)
    finally:
        doc.close()
    files, merged = plan_files(plan, into, force=force)
    result = ImportResult(into, doc.kind, plan.origin, merged=merged)
    result.counts = plan.counts
    result.counts["coders"] = len(plan.coders)
    result.counts["cases"] = len(plan.cases)
    result.counts["codes"] = len(plan.codebook.get("codes", []))
    result.skipped = plan.skipped
    result.notices = plan.notices
    result.diagnostics = plan.diagnostics
    if dry_run:
        result.files = sorted(p.relative_to(into).as_posix() for p in files)
        return result
    result.files = write_files(files, into).files
    return result
