"""A natural, total order for unit, coder and code ids: ``u2`` before ``u10``; ties by text."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

_DIGITS = re.compile(r"([0-9]+)")


@functools.lru_cache(maxsize=1 << 16)  # the same code and coder ids are sorted again and again
def id_key(value: str) -> tuple[tuple[int, str], ...]:
    """Sort key: text runs compare as text, ASCII digit runs as numbers (then as text, so
    ``"01"`` and ``"1"`` stay distinct and the order is total)."""
    parts = _DIGITS.split(value)
    return tuple((int(part), part) if i % 2 else (0, part) for i, part in enumerate(parts))


def sorted_ids(values: Iterable[str]) -> list[str]:
    """The distinct ``values`` in natural order."""
    return sorted(set(values), key=id_key)
