"""Writing an edited project file: checked against the model, atomic, and only if unchanged."""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ValidationError

from egovcode.edit.errors import EditError
from egovcode.load.limits import Limits
from egovcode.load.project import Project
from egovcode.load.yamledit import Edit, YamlEditError, edit_fields
from egovcode.load.yamlfile import YamlProblem, decode, parse
from egovcode.output import write_atomic


def require_readable(project: Project, display: str) -> None:
    """Refuse to edit a file that has errors of its own (they would hide what the edit does)."""
    errors = [
        d for d in project.report.diagnostics if d.file == display and d.severity.value == "error"
    ]
    if errors:
        first = errors[0]
        raise EditError(
            "EGC728",
            f"{display} has {len(errors)} error(s), the first at line {first.line}: "
            f"{first.message} ({first.code})",
        )


def edited_bytes(
    path: Path,
    loaded_text: str,
    edits: Sequence[Edit],
    model: type[BaseModel],
    display: str,
    limits: Limits | None = None,
) -> bytes:
    """The file's new bytes with ``edits`` made (its BOM and line ends kept), read back and
    validated as ``model``; refuses a file that changed since it was loaded."""
    limits = limits or Limits.from_env()
    raw = path.read_bytes()
    try:
        text = decode(raw, limits)
    except YamlProblem:
        text = None
    if text != loaded_text:
        raise EditError("EGC729", f"{display} changed while it was being edited", file=display)
    try:
        new = edit_fields(text, edits, limits)
        model.model_validate(parse(new, limits))
    except YamlEditError as exc:
        raise EditError("EGC730", f"{display}: {exc}", file=display) from None
    except (ValidationError, YamlProblem):
        raise EditError(
            "EGC730", f"the edit would make {display} invalid, so it was left unchanged"
        ) from None
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    return bom + new.encode("utf-8")


def write_new(path: Path, text: str, model: type[BaseModel], display: str) -> None:
    """Write a new file (never over an existing one) after checking it reads back as ``model``."""
    try:
        model.model_validate(parse(text, Limits.from_env()))
    except (ValidationError, YamlProblem) as exc:  # pragma: no cover - a bug in the writer
        raise EditError("EGC730", f"{display} would not be valid: {exc}") from None
    path.parent.mkdir(parents=True, exist_ok=True)  # a coder's folder, codings/<coder>/
    write_atomic(path, text, force=False)


def write_edited(path: Path, data: bytes) -> None:
    """Replace an edited file atomically."""
    write_atomic(path, data, force=True)
