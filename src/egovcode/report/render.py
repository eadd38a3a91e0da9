"""``render_report``: the one library call behind ``egovcode render``."""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from jinja2 import Environment, TemplateNotFound, TemplateSyntaxError

from egovcode.load.project import Project
from egovcode.report.context import build_context
from egovcode.report.environment import (
    is_html,
    load_template,
    make_environment,
    render_template,
)
from egovcode.report.errors import ReportUsageError
from egovcode.report.html import markdown_page
from egovcode.report.quotes import DEFAULT_QUOTES

Format = Literal["md", "html"]
FORMATS: tuple[Format, ...] = ("md", "html")
_BLANK_RUNS = re.compile(r"\n(?:[ \t]*\n){2,}")


def render_report(
    project: Project,
    *,
    fmt: Format = "md",
    lang: str = "en",
    template: str | None = None,
    cases: list[str] | None = None,
    date: _dt.date | None = None,
    agreement: dict[str, Any] | None = None,
    quotes: int | None = DEFAULT_QUOTES,
    appendix: str = "compact",
    evidence: bool = False,
) -> str:
    """The report of ``project`` as text in ``fmt`` (Markdown or one self-contained HTML page).

    ``quotes``, ``appendix`` and ``evidence`` are ``render``'s ``--quotes`` (None for all),
    ``--appendix`` and ``--evidence`` (see :func:`egovcode.report.context.build_context`).

    ``template`` is a template name (looked up in the project's ``templates/``, then the
    defaults; ``NAME`` or ``NAME.<fmt>.j2``) or a path to a template file. A Markdown template
    rendered as HTML is converted to a page; an HTML template cannot make Markdown.
    """
    if fmt not in FORMATS:
        raise ReportUsageError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    file = _template_file(template)
    env = make_environment(project.root, file)
    name = file.name if file is not None else _template_name(env, template, fmt)
    if fmt == "md" and is_html(name):
        raise ReportUsageError(f"template {name} makes HTML; render it with --format html.")
    compiled = load_template(env, name)
    context = build_context(
        project,
        lang,
        cases=cases,
        date=date,
        agreement=agreement,
        quotes=quotes,
        appendix=appendix,
        evidence=evidence,
    )
    context["provenance"]["template"] = name
    context["format"] = fmt
    text = render_template(env, compiled, context)
    if not is_html(name):
        # Markdown treats any run of blank lines as one; keep one so templates can be airy.
        text = _BLANK_RUNS.sub("\n\n", text).strip("\n") + "\n"
        if fmt == "html":
            text = markdown_page(env, text, context)
    return text.rstrip("\n") + "\n"


def _template_file(template: str | None) -> Path | None:
    """``template`` as a file path when it names an existing file or contains a slash."""
    if template is None:
        return None
    path = Path(template)
    if path.is_file():
        return path
    if "/" in template or os.sep in template:
        raise ReportUsageError(f"--template {template}: no such file.")
    return None


def _template_name(env: Environment, template: str | None, fmt: Format) -> str:
    candidates = [f"report.{fmt}.j2"] if template is None else [template, f"{template}.{fmt}.j2"]
    if template is not None and fmt == "html":
        candidates.append(f"{template}.md.j2")
    for name in candidates:
        try:
            env.get_template(name)
        except TemplateNotFound:
            continue
        except (TemplateSyntaxError, UnicodeDecodeError):  # load_template reports it
            return name
        return name
    raise ReportUsageError(
        f"--template {template}: no template named {' or '.join(candidates)} in the project's "
        "templates/ folder or egovcode's defaults."
    )


def report_date(explicit: str | None, environ: Mapping[str, str] | None = None) -> _dt.date | None:
    """The date to print: ``--date YYYY-MM-DD``, else ``SOURCE_DATE_EPOCH`` (UTC), else None.

    Without either, a report carries no date, so the same inputs give the same bytes.
    """
    if explicit:
        try:
            return _dt.date.fromisoformat(explicit)
        except ValueError:
            from egovcode.model.types import date_problem

            problem = date_problem(explicit)
            if problem is not None and problem[0] == "EGC013":  # the form is right, the day is not
                raise ReportUsageError(f"--date {problem[1]}.") from None
            raise ReportUsageError(f"--date {explicit!r}: write the date as YYYY-MM-DD.") from None
    epoch = (environ if environ is not None else os.environ).get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise ReportUsageError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970-01-01."
        ) from None
