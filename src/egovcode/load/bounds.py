"""Limits on a whole codebook and project, checked right after loading, before any walk.

A codebook with more codes than ``Limits.max_codes`` or a hierarchy deeper than
``Limits.max_code_depth`` is refused (EGC130, EGC131): the project keeps no codebook, so no later
check or command walks it. Depths are found without recursion, once per code, so even a chain of
a million parents costs one pass. Too many coders (EGC330) is checked
where the coder files are found (``load.project``).
"""

from __future__ import annotations

from egovcode.check.diagnostic import Diagnostic
from egovcode.check.schema import make
from egovcode.load.limits import Limits
from egovcode.load.yamlfile import SourceFile
from egovcode.model.codebook import Codebook


def code_levels(parents: dict[str, str | None]) -> tuple[dict[str, int], set[str]]:
    """The level of each code in the hierarchy (a top-level code is 1), and the codes on a cycle
    of parents; found without recursion, each code once.

    A parent that is not a code ends the chain (the code below it counts as top level). The
    codes on a cycle each get the cycle's length as their level, and the codes below them count
    on from there, so every code gets a finite level.
    """
    levels: dict[str, int] = {}
    cyclic: set[str] = set()
    for start in parents:
        if start in levels:
            continue
        chain: list[str] = []
        position: dict[str, int] = {}
        current: str | None = start
        while current is not None and current in parents and current not in levels:
            if current in position:  # a cycle: the lint names it (EGC404)
                loop = chain[position[current] :]
                cyclic.update(loop)
                for cid in loop:
                    levels[cid] = len(loop)
                del chain[position[current] :]
                break
            position[current] = len(chain)
            chain.append(current)
            current = parents[current]
        base = levels.get(current, 0) if current is not None else 0
        for offset, cid in enumerate(reversed(chain), 1):
            levels[cid] = base + offset
    return levels, cyclic


def codebook_problems(codebook: Codebook, source: SourceFile, limits: Limits) -> list[Diagnostic]:
    """EGC130 when the codebook has too many codes, EGC131 at the first code too deep."""
    codes = codebook.codes
    if len(codes) > limits.max_codes:
        return [
            make(
                "EGC130",
                f"the codebook has {len(codes):,} codes; the limit is {limits.max_codes:,}",
                source,
                ("codes", limits.max_codes),
            )
        ]
    parents: dict[str, str | None] = {}
    for code in codes:
        parents.setdefault(code.id, code.parent if code.parent != code.id else None)
    levels, cyclic = code_levels(parents)
    for i, code in enumerate(codes):
        level = levels.get(code.id, 1)
        if level > limits.max_code_depth:
            where = (
                f"is on a cycle of {level:,} parents"
                if code.id in cyclic
                else f"is at level {level:,} of the hierarchy"
            )
            return [
                make(
                    "EGC131",
                    f"code {code.id!r} {where}; the limit is {limits.max_code_depth} levels",
                    source,
                    ("codes", i, "parent"),
                )
            ]
    return []
