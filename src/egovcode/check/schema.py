"""Validate parsed YAML against a model; every validation error becomes a positioned diagnostic."""

from __future__ import annotations

import datetime as _dt
import difflib
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from yaml.nodes import ScalarNode

from egovcode.check.diagnostic import Diagnostic, Severity
from egovcode.load.yamlfile import NodePath, SourceFile

M = TypeVar("M", bound=BaseModel)

_RANGE = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}
_EMPTY = {"too_short", "string_too_short"}
_TYPE_WORDS = {
    bool: "boolean",
    _dt.date: "date",
    _dt.datetime: "date and time",
    float: "number",
    int: "number",
}


def dotted(path: NodePath) -> str:
    """``('excerpts', 3, 'codes')`` -> ``excerpts[3].codes``."""
    out = ""
    for seg in path:
        out += f"[{seg}]" if isinstance(seg, int) else (f".{seg}" if out else str(seg))
    return out or "(top level)"


def make(
    code: str,
    message: str,
    source: SourceFile,
    path: NodePath,
    *,
    key: bool = False,
    hint: str | None = None,
    severity: Severity | None = None,
) -> Diagnostic:
    """A diagnostic at the node (or key) found at ``path`` in ``source``."""
    from egovcode.check.registry import CODES

    line, column = source.locate(path, key=key)
    entry = CODES[code]
    return Diagnostic(
        code=code,
        severity=severity or Severity(entry.severity),
        message=message,
        file=source.display,
        line=line,
        column=column,
        hint=hint or entry.hint,
    )


def suggest(value: str, known: Iterable[object]) -> str | None:
    """A "Did you mean ...?" hint naming the closest of ``known``, or None when none is close."""
    names = sorted(str(k) for k in known)
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.5)
    return f"Did you mean {close[0]!r}?" if close else None


def validate(
    model: type[M], data: Any, source: SourceFile, salvage: tuple[str, ...] = ()
) -> tuple[M | None, list[Diagnostic], dict[str, list[int]]]:
    """Validate ``data`` as ``model``; on failure return every problem with its position.

    When every error lies inside items of the list fields named in ``salvage``, the model is
    built again without those items, so later checks still see the rest of the file; the third
    value then maps each salvaged list to the original indices of the items kept.
    """
    if not isinstance(data, dict):
        return (
            None,
            [make("EGC010", "the top level must be a mapping of keys to values", source, ())],
            {},
        )
    try:
        return model.model_validate(data), [], {}
    except ValidationError as exc:
        diagnostics: dict[tuple[int | None, int | None, str], Diagnostic] = {}
        for err in exc.errors(include_url=False):
            diag = _from_error(err, data, source, model)
            diagnostics.setdefault((diag.line, diag.column, diag.code), diag)
        value, kept = _salvage(model, data, exc, salvage)
        return value, list(diagnostics.values()), kept


def _salvage(
    model: type[M], data: dict[str, Any], exc: ValidationError, fields: tuple[str, ...]
) -> tuple[M | None, dict[str, list[int]]]:
    bad: dict[str, set[int]] = {}
    for err in exc.errors(include_url=False):
        loc = err["loc"]
        if len(loc) < 2 or loc[0] not in fields or not isinstance(loc[1], int):
            return None, {}
        bad.setdefault(str(loc[0]), set()).add(loc[1])
    pruned = dict(data)
    kept: dict[str, list[int]] = {}
    for name, indices in bad.items():
        kept[name] = [i for i in range(len(data[name])) if i not in indices]
        pruned[name] = [data[name][i] for i in kept[name]]
    try:
        return model.model_validate(pruned), kept
    except ValidationError:
        return None, {}


def _real_path(loc: tuple[Any, ...], data: Any) -> NodePath:
    """Drop the validator's union-branch names from ``loc``, keeping only keys present in data."""
    path: list[str | int] = []
    node = data
    for seg in loc:
        in_list = isinstance(node, list) and isinstance(seg, int) and 0 <= seg < len(node)
        if (isinstance(node, dict) and seg in node) or in_list:
            path.append(seg)
            node = node[seg]
        elif isinstance(node, dict) and isinstance(seg, str) and path[-1:] != [seg]:
            path.append(seg)  # a missing or unknown key: keep it so the message can name it
            node = None
        else:
            break
    return tuple(path)


def _from_error(err: Any, data: Any, source: SourceFile, model: type[BaseModel]) -> Diagnostic:
    kind: str = err["type"]
    path = _real_path(tuple(err["loc"]), data)
    where = dotted(path)
    value = err.get("input")
    if kind == "missing":
        return make("EGC101", f"{where}: required field `{path[-1]}` is missing", source, path[:-1])
    if kind == "extra_forbidden":
        name = str(path[-1])
        hint = None
        fields = _fields_at(model, path[:-1])
        close = difflib.get_close_matches(name, fields, n=1)
        if close:
            hint = f"Did you mean `{close[0]}`?"
        return make("EGC102", f"{where}: unknown field `{name}`", source, path, key=True, hint=hint)
    coerced = _yaml11(source, path, value)
    if coerced is not None:
        return make(
            "EGC106",
            f"{where}: {coerced}",
            source,
            path,
            hint="Put the value in quotes, e.g. valence: 'no' or id: '2023-10-01'.",
        )
    message = f"{where}: {err['msg']}"
    if kind == "string_type" and isinstance(value, int | float):
        return make(
            "EGC104",
            message,
            source,
            path,
            hint=f"YAML read this as a number; put it in quotes to keep it as text: '{value}'.",
        )
    if kind == "literal_error" or kind == "enum":
        return make("EGC103", message, source, path)
    if kind == "string_pattern_mismatch":
        return make(
            "EGC105", f"{where}: {value!r} has characters that are not allowed", source, path
        )
    if kind in _RANGE:
        return make("EGC107", message, source, path)
    if kind in _EMPTY:
        return make("EGC108", f"{where}: must not be empty", source, path)
    return make("EGC104", message, source, path)


def _yaml11(source: SourceFile, path: NodePath, value: Any) -> str | None:
    """Explain a value YAML 1.1 coerced from a plain scalar, or None when nothing was coerced."""
    if not isinstance(value, bool | _dt.date | float | int):
        return None
    node = source.node_at(path)
    if not isinstance(node, ScalarNode) or node.style:  # plain style is None or ''
        return None
    raw = node.value
    if isinstance(value, bool | _dt.date):
        word = _TYPE_WORDS[type(value)]
        return f"`{raw}` is read by YAML as the {word} {str(value).lower()}, not as text"
    if isinstance(value, float) and raw != repr(value):
        return f"`{raw}` is read by YAML as the number {value!r}, not as the text {raw!r}"
    return None


def _fields_at(model: type[BaseModel], path: NodePath) -> list[str]:
    """Field names of the (sub)model found by following ``path`` from ``model``."""
    current: Any = model
    for seg in path:
        if isinstance(seg, int):
            continue
        fields = getattr(current, "model_fields", {})
        if seg not in fields:
            return []
        annotation = fields[seg].annotation
        current = _inner_model(annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None
