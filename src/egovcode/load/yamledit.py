"""Targeted edits of a YAML file's text that keep its comments and layout.

PyYAML cannot write comments back, so a file the user wrote is never dumped again. Instead the
text of one value is replaced in place, found by the positions of the composed nodes: a flow
list stays a flow list (``codes: [A, B]``), a block list stays a block list, a plain value is
replaced; a missing key is added on a line of its own. Every edit is checked afterwards: the
edited text must parse to the old data with exactly the edited values changed, or nothing is
returned (:class:`YamlEditError`).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from egovcode.errors import DataError
from egovcode.load.limits import Limits
from egovcode.load.yamlfile import NodePath, SourceFile, YamlProblem, parse


class YamlEditError(DataError):
    """An edit that cannot be made safely; the file is left as it was."""


@dataclass(frozen=True, slots=True)
class FieldEdit:
    """Set ``key`` of the mapping at ``path`` to ``value`` (a list of strings, or a string).

    ``before`` names keys the new key should precede when it has to be added.
    """

    path: NodePath
    key: str
    value: list[str] | str
    before: tuple[str, ...] = ()


def edit_fields(text: str, edits: Sequence[FieldEdit], limits: Limits | None = None) -> str:
    """``text`` with every edit made; raises :class:`YamlEditError` when one cannot be."""
    limits = limits or Limits.from_env()
    source = SourceFile(Path(), "", text)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    newline = "\r\n" if "\r\n" in text else "\n"
    splices: list[tuple[int, int, int, str]] = []
    for n, edit in enumerate(edits):
        node = source.node_at(edit.path)
        if not isinstance(node, MappingNode):
            raise YamlEditError(f"cannot edit {_where(edit)}: it is not a mapping in the file")
        start, end, new = _splice(text, starts, node, edit, newline)
        splices.append((start, n, end, new))
    out = text
    last = len(text) + 1
    for start, _, end, new in sorted(splices, reverse=True):
        if end > last:
            raise YamlEditError("two edits overlap in one place of the file")
        out = out[:start] + new + out[end:]
        last = start
    _verify(text, out, edits, limits)
    return out


def _where(edit: FieldEdit) -> str:
    return ".".join(str(seg) for seg in (*edit.path, edit.key))


def _offset(starts: list[int], mark: Any) -> int:
    return int(starts[mark.line] + mark.column)


def _splice(
    text: str, starts: list[int], mapping: MappingNode, edit: FieldEdit, newline: str
) -> tuple[int, int, str]:
    found = [(k, v) for k, v in mapping.value if isinstance(k, ScalarNode) and k.value == edit.key]
    if not found:
        return _insert(text, starts, mapping, edit, newline)
    key, value = found[0]
    if isinstance(value, SequenceNode) and not value.flow_style and value.value:
        if isinstance(edit.value, list) and edit.value:
            dash = value.start_mark.column
            items = f"{newline}{' ' * dash}- ".join(_scalar(v) for v in edit.value)
            return (
                _offset(starts, value.start_mark),
                _offset(starts, value.value[-1].end_mark),
                "- " + items,
            )
        return (
            _offset(starts, key.end_mark),
            _offset(starts, value.value[-1].end_mark),
            ": " + _value(edit.value),
        )
    if isinstance(value, SequenceNode) or (
        isinstance(value, ScalarNode)
        and value.value
        and value.start_mark.line == value.end_mark.line
    ):
        return (
            _offset(starts, value.start_mark),
            _offset(starts, value.end_mark),
            _value(edit.value),
        )
    if isinstance(value, ScalarNode) and not value.value and value.style is None:
        # an empty value (`key:` and nothing): write after the colon
        colon = text.index(":", _offset(starts, key.end_mark))
        return colon + 1, colon + 1, " " + _value(edit.value)
    raise YamlEditError(f"cannot edit {_where(edit)} in place: write it as `{edit.key}: []` first")


def _insert(
    text: str, starts: list[int], mapping: MappingNode, edit: FieldEdit, newline: str
) -> tuple[int, int, str]:
    line = f"{edit.key}: {_value(edit.value)}"
    if mapping.flow_style:
        close = _offset(starts, mapping.end_mark) - 1
        if text[close] != "}":
            raise YamlEditError(f"cannot add {_where(edit)}: the mapping's end was not found")
        return close, close, (", " if mapping.value else "") + line
    if not mapping.value:
        raise YamlEditError(f"cannot add {_where(edit)} to an empty mapping")
    indent = " " * mapping.value[0][0].start_mark.column
    for knode, _ in mapping.value:
        if isinstance(knode, ScalarNode) and knode.value in edit.before:
            at = starts[knode.start_mark.line]
            if text[at : _offset(starts, knode.start_mark)].strip() == "":
                return at, at, indent + line + newline
    last = mapping.value[-1][1]
    at = _offset(starts, last.end_mark)
    if last.end_mark.column != 0:  # not after a block scalar: go past the rest of the line
        nl = text.find("\n", at)
        if nl < 0:
            return len(text), len(text), newline + indent + line + newline
        at = nl + 1
    elif isinstance(last, ScalarNode) and not _keeps_blank_lines(text, starts, last):
        while at > 0:  # a block scalar ends after its trailing blank lines: go before them
            previous = text.rfind("\n", 0, at - 1) + 1
            if text[previous:at].strip():
                break
            at = previous
    return at, at, indent + line + newline


def _keeps_blank_lines(text: str, starts: list[int], node: ScalarNode) -> bool:
    """Whether a block scalar's header asks to keep trailing blank lines (``|+``, ``>+``)."""
    start = _offset(starts, node.start_mark)
    header = text[start : text.find("\n", start)] if "\n" in text[start:] else text[start:]
    return node.style in ("|", ">") and "+" in header.split("#")[0]


def _scalar(value: str) -> str:
    """A plain scalar when YAML reads it back as the same text, else a single-quoted one."""
    try:
        plain_ok = yaml.safe_load(f"[{value}]") == [value]
    except yaml.YAMLError:
        plain_ok = False
    if plain_ok and value and value.strip() == value and "#" not in value:
        return value
    return "'" + value.replace("'", "''") + "'"


def _value(value: list[str] | str) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return _scalar(value)


def _verify(old: str, new: str, edits: Sequence[FieldEdit], limits: Limits) -> None:
    expected = copy.deepcopy(parse(old, limits))
    for edit in edits:
        target: Any = expected
        for seg in edit.path:
            target = target[seg]
        target[edit.key] = list(edit.value) if isinstance(edit.value, list) else edit.value
    try:
        got = parse(new, limits)
    except YamlProblem:
        got = None
    if got != expected:
        raise YamlEditError(
            "the edited file would not read back as intended, so it was left unchanged "
            f"({', '.join(_where(e) for e in edits[:3])}{', ...' if len(edits) > 3 else ''})"
        )
