"""Bounds that keep loading safe on hostile or broken input.

Every limit is a refusal with a positioned diagnostic, never a memory error or a recursion error.
The defaults are far above what a real study needs (a national study has some 100,000 excerpts in
about 100 files); ``docs/robustness.md`` lists them with their diagnostic codes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Ceilings on one YAML file and on a project. The defaults fit a corpus of 100,000 excerpts
    in one file."""

    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 64
    max_alias_expansions: int = 10_000
    #: items in one list or keys in one mapping (excerpts or sources of a case file, codes of a
    #: codebook, entries of a coder file): EGC017
    max_items: int = 200_000
    #: characters in one value (a quote, a memo, a definition): EGC018
    max_value_chars: int = 1_000_000
    #: codes in a codebook: EGC130
    max_codes: int = 50_000
    #: levels of the code hierarchy (a top-level code is level 1): EGC131
    max_code_depth: int = 32
    #: coders (folders of codings/, or coders of an agreement table): EGC330
    max_coders: int = 100

    @classmethod
    def from_env(cls) -> Limits:
        """Defaults, with ``EGOVCODE_MAX_BYTES`` overriding the size ceiling."""
        raw = os.environ.get("EGOVCODE_MAX_BYTES", "")
        return cls(max_bytes=int(raw)) if raw.isdigit() else cls()

    def key(self) -> str:
        """The limits that decide what parsing a file gives (part of the cache's key)."""
        return (
            f"{self.max_bytes}|{self.max_depth}|{self.max_alias_expansions}|"
            f"{self.max_items}|{self.max_value_chars}"
        )
