"""A plain table: how analysis results reach the table, CSV and Markdown reporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Table:
    """Column names and rows of plain values (str, int, float, None)."""

    columns: list[str]
    rows: list[list[Any]]
    title: str | None = None
    notes: list[str] = field(default_factory=list)
