"""Bounds that keep loading safe on hostile or broken input."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Ceilings on one YAML file. The defaults fit a corpus of 100,000 excerpts in one file."""

    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 64
    max_alias_expansions: int = 10_000

    @classmethod
    def from_env(cls) -> Limits:
        """Defaults, with ``EGOVCODE_MAX_BYTES`` overriding the size ceiling."""
        raw = os.environ.get("EGOVCODE_MAX_BYTES", "")
        return cls(max_bytes=int(raw)) if raw.isdigit() else cls()
