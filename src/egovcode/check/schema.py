"""Validate parsed YAML against a model; every validation error becomes a positioned diagnostic."""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from yaml.nodes import MappingNode, ScalarNode

from egovcode.check.diagnostic import Diagnostic, Severity
from egovcode.load.yamlfile import NodePath, SourceFile
from egovcode.model.types import LANG_PATTERN

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
    model: type[M],
    data: Any,
    source: SourceFile,
    salvage: tuple[str, ...] = (),
    placeholders: dict[str, dict[str, Any]] | None = None,
) -> tuple[M | None, list[Diagnostic], dict[str, list[int]]]:
    """Validate ``data`` as ``model``; on failure return every problem with its position.

    When every error lies inside items of the list fields named in ``salvage`` (or in a mapping
    named in ``placeholders``; see ``_salvage``), the model is built again without them, so
    later checks still see the rest of the file; the third value then maps each salvaged
    section to the original indices of the items kept.
    """
    if not isinstance(data, dict):
        return (
            None,
            [make("EGC010", "the top level must be a mapping of keys to values", source, ())],
            {},
        )
    controls = control_characters(data, source)
    try:
        return model.model_validate(data), controls, {}
    except ValidationError as exc:
        diagnostics: dict[tuple[int | None, int | None, str], Diagnostic] = {}
        for err in exc.errors(include_url=False):
            diag = _from_error(err, data, source, model)
            diagnostics.setdefault((diag.line, diag.column, diag.code), diag)
        for line, column, code in list(diagnostics):
            if code != "EGC016" and (line, column, "EGC016") in diagnostics:
                del diagnostics[(line, column, code)]  # the other branches of a number union
        salvaged, kept = _salvage(model, data, exc, salvage, placeholders or {})
        return salvaged, [*diagnostics.values(), *controls], kept


def control_characters(data: Any, source: SourceFile) -> list[Diagnostic]:
    """An error for every text value or key holding a control character (ESC, BEL, NUL, CR...).

    YAML lets double-quoted text carry any character as an escape (``"\\e[31m"``); such a value
    would reach a terminal or a report raw. Raw text cannot hold them (YAML refuses them), so a
    file without a backslash or NEL is skipped without looking at its values.
    """
    from egovcode.output import has_control, one_line

    text = source.text
    if "\\" not in text and "\x85" not in text:
        return []
    out: list[Diagnostic] = []
    stack: list[tuple[NodePath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if has_control(value):
                out.append(_control(path, value, source, one_line))
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and has_control(k):
                    out.append(_control((*path, k), k, source, one_line, key=True))
                stack.append(((*path, k), v))
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in enumerate(value))
    return sorted(out, key=Diagnostic.sort_key)


def _control(
    path: NodePath, value: str, source: SourceFile, show: Any, *, key: bool = False
) -> Diagnostic:
    shown = show(value if len(value) <= 60 else value[:57] + "...")
    return make(
        "EGC120",
        f"{dotted(path)}: the text holds a control character: {shown}",
        source,
        path,
        key=key,
    )


def _salvage(
    model: type[M],
    data: dict[str, Any],
    exc: ValidationError,
    fields: tuple[str, ...],
    placeholders: dict[str, dict[str, Any]],
) -> tuple[M | None, dict[str, list[int]]]:
    """The model built without what is invalid, so later checks still see the rest.

    Invalid items of the lists in ``fields`` are left out (``"*"`` in ``fields``: every invalid
    top-level key is dropped, so it takes its default); a list that is not a list, and an
    unknown top-level key, are dropped; invalid keys of a mapping named in ``placeholders`` are
    replaced by the placeholder values (e.g. a case block with a bad ``type``). Anything else
    gives None. The second value maps each changed section to the indices of the items kept.
    """
    bad: dict[str, set[int]] = {}
    dropped: set[str] = set()
    repaired: dict[str, set[str]] = {}
    for err in exc.errors(include_url=False):
        loc = err["loc"]
        head = loc[0] if loc else None
        if len(loc) >= 2 and head in fields and isinstance(loc[1], int):
            bad.setdefault(str(head), set()).add(loc[1])
        elif (loc and "*" in fields) or (  # "*": any invalid key falls back to its default
            len(loc) == 1 and (err["type"] == "extra_forbidden" or head in fields)
        ):
            dropped.add(str(head))
        elif head in placeholders:
            repaired.setdefault(str(head), set()).update([str(loc[1])] if len(loc) > 1 else [])
        else:
            return None, {}
    pruned = {k: v for k, v in data.items() if k not in dropped}
    kept: dict[str, list[int]] = {name: [] for name in dropped}
    for name, indices in bad.items():
        kept[name] = [i for i in range(len(data[name])) if i not in indices]
        pruned[name] = [data[name][i] for i in kept[name]]
    for name, keys in repaired.items():
        value = data.get(name)
        given: dict[Any, Any] = value if isinstance(value, dict) else {}
        good = {k: v for k, v in given.items() if str(k) not in keys}
        pruned[name] = {**placeholders[name], **good}
        kept[name] = []
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
    if tuple(err["loc"])[-1:] == ("[key]",):
        found = _converted_key(err, data, source)
        if found is not None:
            return found
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
    if kind.startswith("EGC") and kind[3:].isdigit():  # a model's own check names its code
        return make(kind, f"{where}: {err['msg']}", source, path)
    if kind == "finite_number":
        return make(
            "EGC016", f"{where}: NaN and infinity are not numbers egovcode can use", source, path
        )
    coerced = _yaml11(source, path, value)
    if coerced is not None:
        return make(
            "EGC106",
            f"{where}: {coerced}",
            source,
            path,
            hint=_quoted_hint(source, path, value),
        )
    message = f"{where}: {err['msg']}"
    if kind == "string_type" and value is None:
        return make(
            "EGC108",
            f"{where}: has no value (YAML reads nothing, `~` and `null` as no value)",
            source,
            path,
            hint="Write the text, in quotes if it is `null` or `~` itself, or remove the key.",
        )
    if kind == "string_type" and isinstance(value, int | float | dict | list):
        read = (
            f"the boolean {str(value).lower()}"
            if isinstance(value, bool)
            else f"the number {value!r}"
            if isinstance(value, int | float)
            else "a mapping ({...})"
            if isinstance(value, dict)
            else "a list ([...])"
        )
        return make(
            "EGC104",
            f"{where}: must be text, but YAML read {read}",
            source,
            path,
            hint=_quoted_hint(source, path, value),
        )
    if kind == "literal_error" or kind == "enum":
        expected = str((err.get("ctx") or {}).get("expected", ""))
        choices = re.findall(r"'([^']*)'", expected)
        if not choices or not isinstance(value, str):
            return make("EGC103", message, source, path)
        return make(
            "EGC103",
            f"{where}: {value!r} is not one of {', '.join(choices)}",
            source,
            path,
            hint=suggest(value.lower(), choices),
        )
    if kind == "string_pattern_mismatch" and (err.get("ctx") or {}).get("pattern") == LANG_PATTERN:
        tag = suggest(str(value).lower(), ("en", "id", "jv", "su", "ms", "nl", "fr", "de"))
        return make(
            "EGC105",
            f"{where}: {value!r} is not a language tag (two or three lower-case letters, such as "
            "en or id, optionally with a region: en-GB)",
            source,
            path,
            hint=tag or "Write the language's ISO 639 code in lower case.",
        )
    if kind == "string_pattern_mismatch":
        return make(
            "EGC105", f"{where}: {value!r} has characters that are not allowed", source, path
        )
    if kind in _RANGE:
        return make("EGC107", message, source, path)
    if kind in _EMPTY:
        return make("EGC108", f"{where}: must not be empty", source, path)
    return make("EGC104", message, source, path)


def _converted_key(err: Any, data: Any, source: SourceFile) -> Diagnostic | None:
    """A mapping key YAML read as something other than text (``yes:``, ``no:``, ``2020:``,
    ``null:``), where the model wants text keys: named as written, with the quoted form."""
    import yaml

    path = _real_path(tuple(err["loc"])[:-2], data)
    mapping = source.node_at(path)
    if not isinstance(mapping, MappingNode):
        return None
    wanted = err.get("input")
    for knode, _ in mapping.value:
        if not isinstance(knode, ScalarNode) or knode.tag.endswith(":str"):
            continue
        try:
            read = yaml.safe_load(knode.value) if not knode.style else knode.value
        except yaml.YAMLError:
            continue
        if read != wanted or type(read) is not type(wanted):
            continue
        raw = knode.value
        words = (
            f"the boolean {str(read).lower()}"
            if isinstance(read, bool)
            else "no value (null)"
            if read is None
            else f"the number {read!r}"
            if isinstance(read, int | float)
            else f"the date {read}"
        )
        line, column = knode.start_mark.line + 1, knode.start_mark.column + 1
        return Diagnostic(
            code="EGC106",
            severity=Severity.ERROR,
            message=f"{dotted(path)}: the key `{raw}` is read by YAML as {words}, not as text",
            file=source.display,
            line=line,
            column=column,
            hint=f"Put the key in quotes: '{raw}': …",
        )
    return None


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
    if isinstance(value, int) and raw != str(value):
        why = " (YAML 1.1 reads a clock time as minutes and seconds)" if ":" in raw else ""
        return f"`{raw}` is read by YAML as the number {value}{why}, not as the text {raw!r}"
    return None


def _quoted_hint(source: SourceFile, path: NodePath, value: Any) -> str:
    """Put it in quotes, showing what the user wrote (never the converted value)."""
    node = source.node_at(path)
    raw = node.value if isinstance(node, ScalarNode) else str(value)
    if node is not None and not isinstance(node, ScalarNode):
        written = source.text[node.start_mark.index : node.end_mark.index]
        raw = written if "\n" not in written else raw
    quoted = "'" + raw.replace("'", "''") + "'"
    name = path[-1] if path and isinstance(path[-1], str) else None
    typed = f"{name}: {quoted}" if name else quoted
    return f"Put the value in quotes to keep it as text: {typed}"


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
