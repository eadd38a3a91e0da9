"""A diagnostic is data: a stable code, a severity, a message, a place and a hint."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from egovcode.check.registry import CODES

#: A path into a YAML document: mapping keys and sequence indices.
NodePath = tuple[str | int, ...]


class Severity(StrEnum):
    """How serious a diagnostic is. Only errors fail a run (and warnings with ``--strict``)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem found in a user's files. Positions are 1-based."""

    code: str
    severity: Severity
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    @property
    def title(self) -> str:
        return CODES[self.code].title

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file or "", self.line or 0, self.column or 0, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "slug": CODES[self.code].slug,
            "severity": self.severity.value,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "hint": self.hint,
        }


@dataclass(slots=True)
class Report:
    """The outcome of a check: every diagnostic, across every file."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=Diagnostic.sort_key)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def errors(self) -> int:
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        return self.count(Severity.WARNING)

    def failed(self, *, strict: bool = False) -> bool:
        """Whether the run fails: any error, or any warning when ``strict``."""
        return self.errors > 0 or (strict and self.warnings > 0)

    def to_dict(self, *, strict: bool = False) -> dict[str, Any]:
        return {
            "valid": not self.failed(strict=strict),
            "stats": {
                "files": len(self.files),
                "errors": self.errors,
                "warnings": self.warnings,
                "infos": self.count(Severity.INFO),
            },
            "files": sorted(self.files),
            "diagnostics": [d.to_dict() for d in self.sorted()],
        }
