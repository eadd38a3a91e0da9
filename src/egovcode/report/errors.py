"""Failures of report rendering, each reported at the CLI edge as one sentence."""

from __future__ import annotations

from egovcode.errors import EgovcodeError


class ReportError(EgovcodeError):
    """The report cannot be made from this project (e.g. it has no codebook)."""

    exit_code = 1


class ReportUsageError(EgovcodeError):
    """An option asks for something that does not exist: an unknown case, template or date."""

    exit_code = 2


class TemplateError(EgovcodeError):
    """A template failed to compile or to render; names the template and its 1-based line."""

    exit_code = 1

    def __init__(self, template: str, line: int | None, detail: str) -> None:
        place = f"template {template}, line {line}" if line else f"template {template}"
        super().__init__(f"{place}: {detail}")
        self.template = template
        self.line = line
        self.detail = detail
