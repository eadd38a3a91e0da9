"""Writing an edited project file: checked against the model, atomic, and only if unchanged."""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from egovcode.edit.errors import EditError
from egovcode.load.limits import Limits
from egovcode.load.project import Project
from egovcode.load.yamledit import Edit, YamlEditError, edit_fields
from egovcode.load.yamlfile import YamlProblem, decode, parse
from egovcode.output import has_control, write_atomic


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
        data = parse(new, limits)
        model.model_validate(data)
    except YamlEditError as exc:
        raise EditError("EGC730", f"{display}: {exc}", file=display) from None
    except (ValidationError, YamlProblem):
        raise EditError(
            "EGC730", f"the edit would make {display} invalid, so it was left unchanged"
        ) from None
    if _controls(data) > _controls(parse(text, limits)):
        raise _control_error(display)
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    return bom + new.encode("utf-8")


def write_new(path: Path, text: str, model: type[BaseModel], display: str) -> None:
    """Write a new file (never over an existing one) after checking it reads back as ``model``."""
    try:
        data = parse(text, Limits.from_env())
        model.model_validate(data)
    except (ValidationError, YamlProblem) as exc:  # pragma: no cover - a bug in the writer
        raise EditError("EGC730", f"{display} would not be valid: {exc}") from None
    if _controls(data):
        raise _control_error(display)
    path.parent.mkdir(parents=True, exist_ok=True)  # a coder's folder, codings/<coder>/
    write_atomic(path, text, force=False)


def _controls(data: Any) -> int:
    """How many text values and keys in ``data`` hold a control character (``validate``
    refuses each of them, EGC120)."""
    count = 0
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            count += has_control(value)
        elif isinstance(value, dict):
            count += sum(isinstance(k, str) and has_control(k) for k in value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return count


def _control_error(display: str) -> EditError:
    return EditError(
        "EGC730",
        f"the edit would put a control character (such as NUL, ESC, a bell or a vertical tab "
        f"pasted from a word processor) into {display}, which `egovcode validate` refuses "
        f"(EGC120); it was left unchanged",
        hint="Remove the control character from the value (line breaks and tabs are fine), "
        "then run the command again.",
    )


def write_edited(path: Path, data: bytes) -> None:
    """Replace an edited file atomically."""
    write_atomic(path, data, force=True)
