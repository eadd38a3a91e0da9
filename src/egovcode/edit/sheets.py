"""Blind coder sheets: ``codings/<coder>/<case>.yaml`` listing every excerpt as not yet rated.

``init_sheets`` is what ``egovcode codings init`` runs. Each excerpt appears as ``kdr-001: null``
with its text as a YAML comment above it, and without the consensus codes of the case file, so a
second coder works blind. A sheet that exists is only extended with the excerpts it lacks; no
line of it is changed. ``agree`` and ``merge`` treat ``null`` as not rated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from egovcode.check.schema import suggest
from egovcode.edit.coding import CODER_PATTERN, check_coder_name, coder_file
from egovcode.edit.errors import EditError
from egovcode.edit.files import edited_bytes, require_readable, write_edited, write_new
from egovcode.load.project import LoadedCase, Project, display_name
from egovcode.load.yamledit import AddEntries, Entry, comment_lines, flow
from egovcode.model import Excerpt
from egovcode.model.coding import CodingFile

HEADER = """\
# Coder sheet of {coder} for case {case}, written by `egovcode codings init`.
# Rate each excerpt without looking at the case file: replace `null` with the codes that
# apply and the valence, e.g. {{codes: [APP.PORTAL], valence: supporting}}, or run
# `egovcode code EXCERPT CODE... --coder {coder}`. `codes: []` means no code applies;
# `null` means not rated yet (agree and merge leave it out).
"""


@dataclass(frozen=True, slots=True)
class Sheet:
    """One coder sheet: created, extended with ``added`` excerpts, or already complete."""

    case: str
    file: str
    action: str  # "created", "extended" or "unchanged"
    added: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case,
            "file": self.file,
            "action": self.action,
            "added": list(self.added),
        }


@dataclass(frozen=True, slots=True)
class SheetsOutcome:
    coder: str
    sheets: tuple[Sheet, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"coder": self.coder, "sheets": [s.to_dict() for s in self.sheets]}


def excerpt_comment(excerpt: Excerpt, source_label: str | None = None) -> str:
    """The comment above an excerpt in a sheet: where it comes from, then its text."""
    where = ", ".join(p for p in (source_label or excerpt.source, excerpt.locator) if p)
    return f"{excerpt.id} ({where}):\n" + excerpt.text


def _entries(loaded: LoadedCase, skip: set[str]) -> tuple[Entry, ...]:
    return tuple(
        Entry(e.id, None, excerpt_comment(e)) for e in loaded.data.excerpts if e.id not in skip
    )


def sheet_text(coder: str, loaded: LoadedCase) -> str:
    """A new sheet for ``coder`` and the case of ``loaded``: every excerpt not yet rated."""
    case = loaded.data.case.id
    lines = [HEADER.format(coder=coder, case=case).rstrip("\n")]
    lines += [f"coder: {flow(coder)}", f"case: {flow(case)}"]
    entries = _entries(loaded, set())
    if not entries:
        lines.append("codings: {}")
    else:
        lines.append("codings:")
        for entry in entries:
            lines.extend(f"  # {line}".rstrip() for line in comment_lines(entry.comment or ""))
            lines.append(f"  {flow(entry.key)}: null")
    return "\n".join(lines) + "\n"


def init_sheets(project: Project, coder: str, cases: Sequence[str] = ()) -> SheetsOutcome:
    """Write or extend ``codings/<coder>/<case>.yaml`` for each case (default: every case).

    Raises :class:`EditError` for an unknown case (EGC735), a bad coder name (EGC732) or a sheet
    that cannot be read (EGC728); every sheet is prepared before any is written.
    """
    check_coder_name(project, coder)
    by_id = {lc.data.case.id: lc for lc in project.cases}
    for case in cases:
        if case not in by_id:
            raise EditError(
                "EGC735",
                f"{case!r} is not a case of the project",
                hint=suggest(case, by_id) or f"The cases are {', '.join(by_id) or '(none)'}.",
                usage=True,
            )
    chosen = [by_id[c] for c in dict.fromkeys(cases)] if cases else list(by_id.values())
    pending: list[tuple[Sheet, Any]] = []
    for loaded in chosen:
        case = loaded.data.case.id
        require_readable(project, loaded.source.display)
        if "excerpts" in loaded.kept:
            raise EditError(
                "EGC728",
                f"some excerpts of {loaded.source.display} could not be read; fix them first",
            )
        existing = coder_file(project, coder, case)
        if existing is None:
            path = project.root / CODER_PATTERN.format(coder=coder, case=case)
            display = display_name(path, project.root)
            if path.exists():
                raise EditError(
                    "EGC728",
                    f"{display} exists but was not read as a coder file "
                    "(see `egovcode validate`, and `codings:` in egovcode.yaml)",
                )
            ids = tuple(e.id for e in loaded.data.excerpts)
            pending.append(
                (Sheet(case, display, "created", ids), (path, sheet_text(coder, loaded)))
            )
            continue
        display = existing.source.display
        require_readable(project, display)
        entries = _entries(loaded, set(existing.data.codings))
        if not entries:
            pending.append((Sheet(case, display, "unchanged", ()), None))
            continue
        data = edited_bytes(
            existing.source.path,
            existing.source.text,
            [AddEntries(("codings",), entries)],
            CodingFile,
            display,
        )
        added = tuple(e.key for e in entries)
        pending.append((Sheet(case, display, "extended", added), (existing.source.path, data)))
    for sheet, write in pending:  # everything was prepared first; now write
        if write is None:
            continue
        path, payload = write
        if sheet.action == "created":
            write_new(path, payload, CodingFile, sheet.file)
        else:
            write_edited(path, payload)
    return SheetsOutcome(coder, tuple(sheet for sheet, _ in pending))
