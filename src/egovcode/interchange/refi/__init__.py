"""REFI-QDA interchange: ``.qdc`` codebooks and ``.qdpx`` projects, both ways.

``safety`` reads XML and zip archives with bounds, ``reader`` turns XML into the intermediate
``model``, ``writer`` turns the model into XML, ``codebook_map``/``project_map`` map egovcode's
files to the model, and ``importer`` writes a model into a project folder.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(slots=True)
class ExportResult:
    """The bytes of an export, what REFI-QDA could not hold, and counts for the summary."""

    data: bytes
    loss: Counter[str] = field(default_factory=Counter)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def origin() -> str:
    """The ``origin`` attribute egovcode writes: ``egovcode X.Y``."""
    from egovcode import __version__

    return f"egovcode {__version__}"
