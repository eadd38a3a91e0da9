"""``egovcode validate`` as a library call: load the project and run every check."""

from __future__ import annotations

from pathlib import Path

from egovcode.check.codebook_check import lint_codebook
from egovcode.check.codings import check_codings
from egovcode.check.diagnostic import Report
from egovcode.check.fidelity import check_fidelity
from egovcode.check.references import check_references
from egovcode.check.sources import check_sources
from egovcode.check.synthesis import check_synthesis
from egovcode.load.project import Progress, Project, load_project


def validate_project(root: Path, progress: Progress | None = None) -> tuple[Project, Report]:
    """Load the project at ``root`` and collect every problem in every file."""
    project = load_project(root, progress=progress)
    project.report.diagnostics.extend(check_references(project))
    project.report.diagnostics.extend(lint_codebook(project))
    project.report.diagnostics.extend(check_codings(project))
    project.report.diagnostics.extend(check_sources(project))
    project.report.diagnostics.extend(check_fidelity(project))
    project.report.diagnostics.extend(check_synthesis(project))
    return project, project.report
