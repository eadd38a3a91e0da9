"""``egovcode validate`` as a library call: load the project and run every check."""

from __future__ import annotations

from pathlib import Path

from egovcode.check.codebook_check import lint_codebook
from egovcode.check.codings import check_codings
from egovcode.check.completeness import check_completeness
from egovcode.check.diagnostic import Diagnostic, Report
from egovcode.check.fidelity import check_fidelity
from egovcode.check.references import check_references
from egovcode.check.sources import check_sources
from egovcode.check.synthesis import check_synthesis
from egovcode.load.limits import Limits
from egovcode.load.project import Progress, Project, load_project
from egovcode.load.warm import WarmEntry


def validate_project(root: Path, progress: Progress | None = None) -> tuple[Project, Report]:
    """Load the project at ``root`` and collect every problem in every file.

    With the cache on, a run where nothing changed takes the validated files and the checks'
    diagnostics from the last run's entry (:mod:`egovcode.load.warm`) instead of redoing them.
    """
    limits = Limits.from_env()
    warm = WarmEntry.open(root, limits)
    try:
        project = load_project(root, limits, progress, warm, release=True)
        if warm is not None:
            stored = warm.checks(project.reads)
            if stored is not None:
                project.report.diagnostics.extend(stored)
                return project, project.report
        seen: dict[str, str] = {}
        found: list[Diagnostic] = []
        found.extend(check_references(project))
        found.extend(lint_codebook(project))
        found.extend(check_codings(project))
        found.extend(check_sources(project, limits, seen))
        found.extend(check_fidelity(project))
        found.extend(check_synthesis(project))
        found.extend(check_completeness(project))
        project.report.diagnostics.extend(found)
        if warm is not None:
            warm.commit(project.context, project.reads, seen, found)
        return project, project.report
    finally:
        if warm is not None:
            warm.close()
