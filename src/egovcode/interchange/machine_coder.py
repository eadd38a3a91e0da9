"""Writing a machine coder's suggestions as ordinary coder files (``codings/<coder>/<case>.yaml``).

The files are marked ``synthetic: true`` and carry their provenance, so reports never count the
machine as a person and a reader can tell how the suggestions were made. Case files are never
touched: a person accepts suggestions with ``egovcode merge`` or ``egovcode code``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from egovcode import __version__
from egovcode.analyze.suggest import Suggestions
from egovcode.analyze.table import Table
from egovcode.errors import OutputExistsError
from egovcode.load.dump import dump_yaml
from egovcode.load.project import Project
from egovcode.model.coding import CoderCoding, CodingFile, Provenance, Suggestion
from egovcode.output import PlannedWrite, commit_files

HEADER = (
    "# Machine suggestions written by `egovcode suggest --method {method}`: no person made these\n"
    "# codings. Review them; accept what holds with `egovcode merge` or `egovcode code`.\n"
)


@dataclass(frozen=True, slots=True)
class Planned:
    path: Path
    text: str
    existing: bytes | None
    excerpts: int
    coded: int

    @property
    def unchanged(self) -> bool:
        return self.existing == self.text.encode("utf-8")


def provenance(project: Project, suggestions: Suggestions) -> Provenance:
    codebook = project.codebook_source.text if project.codebook_source else ""
    options = suggestions.options
    return Provenance(
        method=options.method,
        egovcode=__version__,
        codebook_sha256=hashlib.sha256(codebook.encode("utf-8")).hexdigest(),
        training_sha256=(suggestions.corpus.training_hash() if options.method == "model" else None),
        parameters=options.parameters(),
    )


@dataclass(frozen=True, slots=True)
class Plan:
    """The machine coder's files, one per case, and what they hold."""

    coder: str
    method: str
    root: Path
    files: list[Planned]
    skipped: dict[str, int]

    def _rows(self) -> list[tuple[str, str, int, int, bool]]:
        return [
            (
                p.path.stem,
                p.path.relative_to(self.root).as_posix(),
                p.excerpts,
                p.coded,
                p.unchanged,
            )
            for p in self.files
        ]

    def table(self, dry_run: bool) -> Table:
        state = "would write" if dry_run else "written"
        rows: list[list[Any]] = [
            [case, path, n, coded, "unchanged" if same else state]
            for case, path, n, coded, same in self._rows()
        ]
        notes = [
            f"Coder {self.coder!r} ({self.method}), synthetic: review the suggestions, then accept "
            "them with `egovcode merge` or `egovcode code`."
        ]
        if self.skipped:
            notes.append(
                "Too few coded excerpts to train on: "
                + ", ".join(f"{c} ({n})" for c, n in self.skipped.items())
                + "."
            )
        return Table(
            ["case", "file", "excerpts", "with suggestions", "status"],
            rows,
            title="Machine coder files",
            notes=notes,
        )

    def to_dict(self, dry_run: bool) -> dict[str, Any]:
        return {
            "coder": self.coder,
            "method": self.method,
            "dry_run": dry_run,
            "files": [
                {"case": c, "file": f, "excerpts": n, "with_suggestions": k, "unchanged": same}
                for c, f, n, k, same in self._rows()
            ],
            "untrained": dict(self.skipped),
        }


def plan(project: Project, suggestions: Suggestions, coder: str) -> Plan:
    """The files to write, one per case, with their text (nothing is written)."""
    made = provenance(project, suggestions)
    cases = sorted({u.case for u in suggestions.corpus.units})
    out: list[Planned] = []
    for case in cases:
        codings: dict[str, CoderCoding] = {}
        for unit, scored in suggestions.for_case(case):
            codes = sorted(scored, key=lambda c: (-scored[c][0], c))
            codings[unit.id] = CoderCoding(
                codes=codes,
                suggested={c: Suggestion(score=scored[c][0], reason=scored[c][1]) for c in codes},
            )
        data = CodingFile(coder=coder, case=case, synthetic=True, provenance=made, codings=codings)
        text = HEADER.format(method=suggestions.options.method) + dump_yaml(data)
        path = project.root / "codings" / coder / f"{case}.yaml"
        existing = path.read_bytes() if path.is_file() else None
        coded = sum(1 for c in codings.values() if c.codes)
        out.append(Planned(path, text, existing, len(codings), coded))
    return Plan(coder, suggestions.options.method, project.root, out, dict(suggestions.skipped))


def write_planned(planned: list[Planned], *, force: bool) -> None:
    """Write every changed file all or nothing; none when one exists and ``force`` is false.

    The coder's folder (``codings/<coder>/``) is created when it is new.
    """
    blocked = [p.path for p in planned if p.existing is not None and not p.unchanged and not force]
    if blocked:
        names = ", ".join(str(p) for p in blocked)
        raise OutputExistsError(
            f"{names} already exist(s); add --force to replace the machine coder's files."
        )
    changed = [p for p in planned if not p.unchanged]
    for p in changed:
        p.path.parent.mkdir(parents=True, exist_ok=True)
    commit_files([PlannedWrite(p.path, p.text.encode("utf-8"), p.existing) for p in changed])
