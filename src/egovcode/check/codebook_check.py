"""``egovcode codebook check`` as a library call: run the selected lint rules."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from egovcode.check.codebook_rules import RULES, LintContext, Rule
from egovcode.check.diagnostic import Diagnostic, Report
from egovcode.check.registry import CODES
from egovcode.load.project import Project, load_project


def _matches(rule: Rule, patterns: Iterable[str]) -> bool:
    slug = CODES[rule.code].slug
    return any(rule.code.startswith(p.upper()) or p == slug for p in patterns)


def selected_rules(
    select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> list[Rule]:
    """Rules picked by code prefix or slug: all by default, minus ``ignore``."""
    chosen = [r for r in RULES if select is None or _matches(r, select)]
    return [r for r in chosen if not (ignore and _matches(r, ignore))]


def unknown_patterns(patterns: Iterable[str]) -> list[str]:
    """Patterns that match no rule (a typo in --select/--ignore or the config)."""
    return [p for p in patterns if not any(_matches(r, [p]) for r in RULES)]


def check_codebook(
    root: Path, select: list[str] | None = None, ignore: list[str] | None = None
) -> tuple[Project, Report]:
    """Load the project and lint its codebook; the report keeps only codebook and config files."""
    project = load_project(root)
    keep = {s.display for s in (project.codebook_source, project.config_source) if s}
    report = Report(files=sorted(keep))
    report.diagnostics = [d for d in project.report.diagnostics if d.file in keep or not d.file]
    report.diagnostics = [d for d in report.diagnostics if d.code != "EGC302"]
    report.diagnostics.extend(lint_codebook(project, select, ignore))
    return project, report


def lint_codebook(
    project: Project, select: list[str] | None = None, ignore: list[str] | None = None
) -> list[Diagnostic]:
    """Lint the project's codebook; ``select``/``ignore`` default to the config's ``lint``."""
    if project.codebook is None or project.codebook_source is None:
        return []
    config = project.config.lint
    if select is None:
        select = config.get("select")
    ignore = [*config.get("ignore", []), *(ignore or [])]
    ctx = LintContext(project.codebook, project.codebook_source, project.config.languages, project)
    out: list[Diagnostic] = []
    for rule in selected_rules(select, ignore):
        out.extend(rule.check(ctx))
    return out
