"""Which excerpts a report quotes: the key quotes and at most N others per component and case.

The rule, also in docs/templates.md:

1. Every excerpt marked ``key: true``, and every excerpt the analyst's synthesis cites, is quoted.
2. Then at most ``limit`` others, taken in turn from each source (in the order the sources are
   first cited in the case file) and, within a source, in file order; so three quotes come from
   three sources when there are three, rather than from the first interview only.
3. The chosen excerpts are printed in file order.

``limit=None`` quotes every excerpt. The same files always give the same choice.
"""

from __future__ import annotations

from collections.abc import Sequence

from egovcode.load.project import LoadedCase
from egovcode.model.case import Excerpt
from egovcode.report.errors import ReportUsageError

DEFAULT_QUOTES = 3


def parse_quotes(value: str) -> int | None:
    """``--quotes``: a number of 0 or more, or ``all`` (None)."""
    text = value.strip().lower()
    if text == "all":
        return None
    if text.isdigit():
        return int(text)
    raise ReportUsageError(f"--quotes {value!r}: give a number of 0 or more, or 'all'.")


def choose(
    items: Sequence[Excerpt], limit: int | None, pinned: frozenset[str] = frozenset()
) -> list[Excerpt]:
    """The excerpts to quote out of ``items`` (one component's excerpts in one case, file
    order); ``pinned`` are excerpt ids quoted like key quotes (those the synthesis cites)."""
    if limit is None:
        return list(items)
    chosen = {i for i, e in enumerate(items) if e.key or e.id in pinned}
    queues: dict[str, list[int]] = {}
    for i, e in enumerate(items):
        if i not in chosen:
            queues.setdefault(e.source, []).append(i)
    left = limit
    lanes = list(queues.values())
    depth = 0
    while left > 0 and lanes:
        lanes = [lane for lane in lanes if depth < len(lane)]
        for lane in lanes:
            if left == 0:
                break
            chosen.add(lane[depth])
            left -= 1
        depth += 1
    return [items[i] for i in sorted(chosen)]


def by_component(lc: LoadedCase, component: dict[str, str]) -> dict[str, list[Excerpt]]:
    """A case's excerpts grouped by component (file order), in one pass over the case.

    ``component`` maps every code id of the codebook to its component."""
    out: dict[str, list[Excerpt]] = {}
    get = component.get
    for excerpt in lc.data.excerpts:
        for root in {get(code) for code in excerpt.codes}:
            if root is not None:
                out.setdefault(root, []).append(excerpt)
    return out


def codes_in(excerpt: Excerpt, root: str, component: dict[str, str]) -> list[str]:
    """The codes ``excerpt`` carries in component ``root``, in the order written, each once."""
    return [c for c in dict.fromkeys(excerpt.codes) if component.get(c) == root]
