"""The turn table of an import (``--dry-run``) and the table of unmapped labels."""

from __future__ import annotations

from egovcode.analyze.table import Table
from egovcode.interchange.transcript.errors import LabelUse
from egovcode.interchange.transcript.importer import ImportOutcome, SourceImport
from egovcode.output import printable

PREVIEW = 60


def _preview(text: str) -> str:
    """One line of at most ``PREVIEW`` characters, safe for a terminal."""
    flat = " ".join(text.split())
    return printable(flat if len(flat) <= PREVIEW else flat[: PREVIEW - 1] + "…")


def turn_table(planned: SourceImport) -> Table:
    """One row per turn: where it starts, who speaks, and which excerpts it gives."""
    by_span = {tuple(e["span"]): e["id"] for e in planned.excerpts}
    text = planned.transcript.text
    rows = []
    for turn in planned.turns:
        ids = [by_span[u] for u in turn.units if u in by_span]
        rows.append(
            [
                turn.number,
                turn.line,
                printable(turn.label or ""),
                turn.role or "",
                turn.stamp or "",
                " ".join(ids),
                _preview(text[turn.start : turn.end]),
            ]
        )
    notes = [f"{planned.source}: {note}." for note in planned.notes]
    title = (
        f"{planned.file} -> {planned.source} ({planned.status}): {len(planned.turns)} turn(s), "
        f"{len(planned.excerpts)} new excerpt(s)"
    )
    columns = ["turn", "line", "label", "role", "time", "excerpts", "text"]
    return Table(columns, rows, title=title, notes=notes)


def import_tables(outcome: ImportOutcome) -> list[Table]:
    return [turn_table(s) for s in outcome.sources]


def label_table(labels: list[LabelUse]) -> Table:
    """The labels ``--speakers`` must map: how often each occurs and where it first speaks."""
    rows = [[printable(u.label), u.count, u.line, _preview(u.example)] for u in labels]
    return Table(["label", "count", "line", "first example"], rows, title="Unmapped speaker labels")
