"""Targeted edits of a YAML file's text that keep its comments and layout.

PyYAML cannot write comments back, so a file the user wrote is never dumped again. Instead the
text of one value is replaced in place, found by the positions of the composed nodes: a flow
list stays a flow list (``codes: [A, B]``), a block list stays a block list, a plain value is
replaced; a missing key is added on a line of its own. Three kinds of edit:

- :class:`FieldEdit` sets one key of a mapping (replacing its value, or adding the key);
- :class:`AddEntries` adds new keys after the last key of a mapping, each with an optional
  comment above it (``codings init`` extending a coder sheet);
- :class:`AppendItems` appends mappings to a block sequence (``excerpt add``, transcript import);
- :class:`RemoveKey` takes one key, with its value, out of a mapping (clearing a valence);
- :class:`RemoveItem` takes one item out of a block sequence (deleting an excerpt).

Every edit is checked afterwards: the edited text must parse to the old data with exactly the
edited values changed, or nothing is returned (:class:`YamlEditError`).
"""

from __future__ import annotations

import copy
import functools
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeAlias

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from egovcode.errors import DataError

try:  # pragma: no branch - libyaml ships in PyYAML's wheels
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]
from egovcode.load.limits import Limits
from egovcode.load.yamlfile import NodePath, SourceFile, YamlProblem, parse


class YamlEditError(DataError):
    """An edit that cannot be made safely; the file is left as it was."""


#: A value an edit writes: written in flow style (``[A, B]``, ``{codes: [A]}``), text quoted
#: when YAML would read it as something else.
YamlValue: TypeAlias = "str | int | bool | Sequence[YamlValue] | Mapping[str, YamlValue] | None"


@dataclass(frozen=True, slots=True)
class FieldEdit:
    """Set ``key`` of the mapping at ``path`` to ``value``.

    ``before`` names keys the new key should precede when it has to be added.
    """

    path: NodePath
    key: str
    value: YamlValue
    before: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Entry:
    """A new key of a mapping, with an optional comment (any text) on the lines above it."""

    key: str
    value: YamlValue
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class AddEntries:
    """Add ``entries`` (keys the mapping does not have yet) after the last key of the mapping at
    ``path``. An empty flow mapping (``codings: {}``) becomes a block mapping."""

    path: NodePath
    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class AppendItems:
    """Append ``items`` (mappings, written in block style) to the block sequence at ``path``.

    An empty flow sequence (``excerpts: []``) becomes a block sequence; a missing key is not
    added (give it in the file first)."""

    path: NodePath
    items: tuple[Mapping[str, YamlValue], ...]


@dataclass(frozen=True, slots=True)
class RemoveKey:
    """Remove ``key`` and its value from the mapping at ``path``; a key that is not there is
    left alone. The lines of a block mapping's key go (comments on other lines stay); in a flow
    mapping (``{codes: [A], valence: x}``) the entry and its comma go."""

    path: NodePath
    key: str


@dataclass(frozen=True, slots=True)
class RemoveItem:
    """Remove item ``index`` of the block sequence at ``path``: its lines from the dash to its
    last line. Comments above the item and after it stay. Removing the only item leaves
    ``key: []``."""

    path: NodePath
    index: int


Edit: TypeAlias = FieldEdit | AddEntries | AppendItems | RemoveKey | RemoveItem


def edit_fields(text: str, edits: Sequence[Edit], limits: Limits | None = None) -> str:
    """``text`` with every edit made; raises :class:`YamlEditError` when one cannot be."""
    limits = limits or Limits.from_env()
    source = SourceFile(Path(), "", text)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    newline = "\r\n" if "\r\n" in text else "\n"
    splices: list[tuple[int, int, int, str]] = []
    for n, edit in enumerate(edits):
        node = source.node_at(edit.path)
        if isinstance(edit, AppendItems):
            if not isinstance(node, SequenceNode):
                raise YamlEditError(
                    f"cannot append to {_where(edit)}: it is not a list in the file"
                )
            start, end, new = _append(text, starts, node, edit, newline)
        elif isinstance(edit, RemoveItem):
            if not isinstance(node, SequenceNode):
                raise YamlEditError(
                    f"cannot remove from {_where(edit)}: it is not a list in the file"
                )
            parent = source.node_at(edit.path[:-1])
            start, end, new = _remove_item(text, starts, node, parent, edit)
        elif not isinstance(node, MappingNode):
            raise YamlEditError(f"cannot edit {_where(edit)}: it is not a mapping in the file")
        elif isinstance(edit, AddEntries):
            start, end, new = _add_entries(text, starts, node, edit, newline)
        elif isinstance(edit, RemoveKey):
            start, end, new = _remove_key(text, starts, node, edit)
        else:
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


def _where(edit: Edit) -> str:
    key = (edit.key,) if isinstance(edit, (FieldEdit, RemoveKey)) else ()
    return ".".join(str(seg) for seg in (*edit.path, *key)) or "the document"


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
        if _scalar_list(edit.value):
            assert isinstance(edit.value, list)
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
    if (
        isinstance(value, SequenceNode)
        or (
            isinstance(value, ScalarNode)
            and value.value
            and value.start_mark.line == value.end_mark.line
        )
        or (isinstance(value, MappingNode) and value.flow_style)
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
    if isinstance(value, ScalarNode):
        # a block scalar (`>-`, `|`) or a scalar over several lines: replace up to its last
        # character, so the line break and blank lines after it stay
        start, end = _offset(starts, value.start_mark), _offset(starts, value.end_mark)
        while end > start and text[end - 1] in " \t\r\n":
            end -= 1
        return start, end, _value(edit.value)
    if isinstance(value, MappingNode) and value.value:
        return _replace_block_mapping(text, starts, key, value, edit)
    raise YamlEditError(f"cannot edit {_where(edit)} in place: its value has no form to replace")


def _replace_block_mapping(
    text: str, starts: list[int], key: Node, value: MappingNode, edit: FieldEdit
) -> tuple[int, int, str]:
    """A block mapping value (``memo:`` with ``en:`` and ``id:`` on the lines below) becomes the
    new value on the key's line; a comment on the key's line stays, the mapping's lines go (with
    the comments among them), and the lines after it stay as they are."""
    colon = text.index(":", _offset(starts, key.end_mark))
    rest_start = colon + 1
    rest_end = text.find("\n", rest_start)
    rest_end = len(text) if rest_end < 0 else rest_end
    rest = text[rest_start:rest_end].rstrip("\r")
    if value.start_mark.line == key.start_mark.line or rest.strip()[:1] not in ("", "#"):
        # an anchor or a tag before the mapping: not a plain block mapping to replace
        raise YamlEditError(
            f"cannot edit {_where(edit)} in place: its value carries a tag or anchor"
        )
    end = _content_end(text, starts, value)
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[end:line_end].strip(" \t\r")[:1] in ("", "#"):
        end = len(text[:line_end].rstrip("\r")) if line_end > end else end
    return rest_start, end, " " + _value(edit.value) + rest


def _content_end(text: str, starts: list[int], node: Node) -> int:
    """The offset just after the last character of ``node``'s own text (trailing blank lines,
    line breaks and comments after a block collection or a block scalar excluded)."""
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        return _content_end(text, starts, node.value[-1][1])
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return _content_end(text, starts, node.value[-1])
    start, end = _offset(starts, node.start_mark), _offset(starts, node.end_mark)
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _insert(
    text: str, starts: list[int], mapping: MappingNode, edit: FieldEdit, newline: str
) -> tuple[int, int, str]:
    line = f"{_key(edit.key)}: {_value(edit.value)}"
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
    at = _after_last(text, starts, mapping)
    if at == len(text) and not text.endswith("\n"):
        return at, at, newline + indent + line + newline
    return at, at, indent + line + newline


def _keeps_blank_lines(text: str, starts: list[int], node: ScalarNode) -> bool:
    """Whether a block scalar's header asks to keep trailing blank lines (``|+``, ``>+``)."""
    start = _offset(starts, node.start_mark)
    header = text[start : text.find("\n", start)] if "\n" in text[start:] else text[start:]
    return node.style in ("|", ">") and "+" in header.split("#")[0]


def _scalar_list(value: YamlValue) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _add_entries(
    text: str, starts: list[int], mapping: MappingNode, edit: AddEntries, newline: str
) -> tuple[int, int, str]:
    have = {k.value for k, _ in mapping.value if isinstance(k, ScalarNode)}
    for entry in edit.entries:
        if entry.key in have:
            raise YamlEditError(f"cannot add {_where(edit)}.{entry.key}: the key exists already")
    if not edit.entries:
        return 0, 0, ""
    if mapping.flow_style:
        if mapping.value:
            raise YamlEditError(f"cannot add entries to the flow mapping {_where(edit)}")
        start, end = _offset(starts, mapping.start_mark), _offset(starts, mapping.end_mark)
        line = text[starts[mapping.start_mark.line] : start]
        indent = " " * (len(line) - len(line.lstrip(" ")) + 2)
        body = _entries_text(edit.entries, indent, newline)
        return len(text[:start].rstrip(" ")), end, newline + body.removesuffix(newline)
    indent = " " * mapping.value[0][0].start_mark.column
    at = _after_last(text, starts, mapping)
    if at == len(text) and not text.endswith("\n"):
        return at, at, newline + _entries_text(edit.entries, indent, newline)
    return at, at, _entries_text(edit.entries, indent, newline)


def _entries_text(entries: Sequence[Entry], indent: str, newline: str) -> str:
    out: list[str] = []
    for entry in entries:
        if entry.comment is not None:
            out.extend(f"{indent}# {line}".rstrip() for line in comment_lines(entry.comment))
        out.append(f"{indent}{_key(entry.key)}: {_value(entry.value)}")
    return newline.join(out) + newline


def _key(key: str) -> str:
    return _scalar(key)


def _after_last(text: str, starts: list[int], node: MappingNode | SequenceNode) -> int:
    """The offset just after the last line of a block collection's last item.

    A block node's end is where the next token starts, so blank lines and the comments that
    follow the collection (indented no deeper than its keys or dashes) are left after it."""
    last = node.value[-1][1] if isinstance(node, MappingNode) else node.value[-1]
    at = _offset(starts, last.end_mark)
    if last.end_mark.column != 0:  # not after a block node: go past the rest of the line
        nl = text.find("\n", at)
        return len(text) if nl < 0 else nl + 1
    deepest: Node = last
    while isinstance(deepest, (MappingNode, SequenceNode)) and deepest.value:
        tail = deepest.value[-1]
        deepest = tail[1] if isinstance(deepest, MappingNode) else tail
    if isinstance(deepest, ScalarNode) and _keeps_blank_lines(text, starts, deepest):
        return at
    first = node.value[0][0] if isinstance(node, MappingNode) else node.value[0]
    column = first.start_mark.column - (0 if isinstance(node, MappingNode) else 2)
    floor = starts[last.start_mark.line + 1] if last.start_mark.line + 1 < len(starts) else at
    while at > floor:
        previous = text.rfind("\n", 0, at - 1) + 1
        line = text[previous:at]
        stripped = line.lstrip(" ")
        outside = stripped.startswith("#") and len(line) - len(stripped) <= column
        if stripped.strip() and not outside:
            break
        at = previous
    return at


def _append(
    text: str, starts: list[int], seq: SequenceNode, edit: AppendItems, newline: str
) -> tuple[int, int, str]:
    if seq.flow_style:
        if seq.value:
            raise YamlEditError(
                f"cannot append to {_where(edit)}: it is a flow list ([...]); write it as a "
                "block list (one `- ` item per line) first"
            )
        start, end = _offset(starts, seq.start_mark), _offset(starts, seq.end_mark)
        line = text[starts[seq.start_mark.line] : start]
        dash = " " * (len(line) - len(line.lstrip(" ")) + 2)
        body = _items_text(edit.items, dash, newline)
        return len(text[:start].rstrip(" ")), end, newline + body.removesuffix(newline)
    first = seq.value[0]
    dash_column = first.start_mark.column - 2
    if dash_column < 0 or text[_offset(starts, first.start_mark) - 2] != "-":
        raise YamlEditError(f"cannot append to {_where(edit)}: its layout is not `- key: value`")
    at = _after_last(text, starts, seq)
    body = _items_text(edit.items, " " * dash_column, newline)
    if at == len(text) and not text.endswith("\n"):
        return at, at, newline + body
    return at, at, body


def _line_end(text: str, at: int) -> int:
    """The offset just after the line break of the line holding ``at``."""
    nl = text.find("\n", at)
    return len(text) if nl < 0 else nl + 1


def _node_end(text: str, starts: list[int], node: Node) -> int:
    """The offset just after the last line of ``node`` (a block collection's trailing comments
    and blank lines excluded)."""
    if isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        return _after_last(text, starts, node)
    at = _offset(starts, node.end_mark)
    if node.end_mark.column != 0:
        return _line_end(text, at)
    # a block scalar ends at the start of a later line, after its trailing blank lines: keep
    # those blank lines in the file (unless the scalar keeps them, `|+`)
    if isinstance(node, ScalarNode) and _keeps_blank_lines(text, starts, node):
        return at
    floor = starts[node.start_mark.line + 1] if node.start_mark.line + 1 < len(starts) else at
    while at > floor:
        previous = text.rfind("\n", 0, at - 1) + 1
        if text[previous:at].strip():
            break
        at = previous
    return at


def _remove_key(
    text: str, starts: list[int], mapping: MappingNode, edit: RemoveKey
) -> tuple[int, int, str]:
    found = [
        (i, k, v)
        for i, (k, v) in enumerate(mapping.value)
        if isinstance(k, ScalarNode) and k.value == edit.key
    ]
    if not found:
        return 0, 0, ""
    i, key, value = found[0]
    if len(mapping.value) == 1:
        raise YamlEditError(f"cannot remove {_where(edit)}: it is the mapping's only key")
    if mapping.flow_style:
        if i + 1 < len(mapping.value):  # up to the next key: the comma and space go too
            return (
                _offset(starts, key.start_mark),
                _offset(starts, mapping.value[i + 1][0].start_mark),
                "",
            )
        previous = mapping.value[i - 1][1]  # the last entry: from the end of the one before
        return _offset(starts, previous.end_mark), _offset(starts, value.end_mark), ""
    line_start = starts[key.start_mark.line]
    if text[line_start : _offset(starts, key.start_mark)].strip(" ") not in ("", "-"):
        raise YamlEditError(f"cannot remove {_where(edit)}: other text shares its line")
    if text[line_start : _offset(starts, key.start_mark)].strip(" ") == "-":
        raise YamlEditError(f"cannot remove {_where(edit)}: it is the first key of a list item")
    return line_start, _node_end(text, starts, value), ""


def _remove_item(
    text: str, starts: list[int], seq: SequenceNode, parent: Node | None, edit: RemoveItem
) -> tuple[int, int, str]:
    if seq.flow_style:
        raise YamlEditError(f"cannot remove from {_where(edit)}: it is a flow list ([...])")
    if not 0 <= edit.index < len(seq.value):
        raise YamlEditError(f"cannot remove item {edit.index} of {_where(edit)}: no such item")
    item = seq.value[edit.index]
    line_start = starts[item.start_mark.line]
    lead = text[line_start : _offset(starts, item.start_mark)]
    if lead.strip(" ") != "-":
        raise YamlEditError(
            f"cannot remove item {edit.index} of {_where(edit)}: its layout is not `- key: value`"
        )
    if len(seq.value) == 1:  # the list becomes empty: `key: []`
        if not isinstance(parent, MappingNode) or not edit.path:
            raise YamlEditError(f"cannot remove the only item of {_where(edit)}")
        key = next(
            k for k, v in parent.value if isinstance(k, ScalarNode) and k.value == edit.path[-1]
        )
        return _offset(starts, key.end_mark), _node_end(text, starts, item), ": []\n"
    start, end = line_start, _node_end(text, starts, item)
    dash = len(lead) - len(lead.lstrip(" "))
    while start > 0:  # comment lines right above the dash describe the item: they go too
        previous = text.rfind("\n", 0, start - 1) + 1
        line = text[previous:start]
        body = line.lstrip(" ")
        if not body.startswith("#") or len(line) - len(body) < dash:
            break
        start = previous
    above = text[text.rfind("\n", 0, start - 1) + 1 : start] if start > 0 else ""
    first = edit.index == 0
    if (
        (first or not above.strip())
        and end < len(text)
        and not text[end : _line_end(text, end)].strip()
    ):
        end = _line_end(text, end)  # no double blank line where the item was
    return start, end, ""


def _items_text(items: Sequence[Mapping[str, YamlValue]], dash: str, newline: str) -> str:
    out: list[str] = []
    for item in items:
        if not item:
            raise YamlEditError("cannot append an empty mapping")
        for i, (key, value) in enumerate(item.items()):
            lead = f"{dash}- " if i == 0 else f"{dash}  "
            out.append(f"{lead}{_key(key)}: {_value(value)}")
    return newline.join(out) + newline


#: What a comment line cannot hold as it is: YAML line breaks, controls, BOM, noncharacters.
_UNSAFE_CATEGORIES = ("Cc", "Cs", "Co", "Cn", "Zl", "Zp")


def comment_lines(text: str, width: int = 100) -> list[str]:
    """``text`` as the lines of a YAML comment, safe for any text.

    Lines are split at every line break (including the ones YAML knows and Python splits on),
    characters a comment cannot hold (controls, U+2028, a BOM) are written as escapes such as
    ``\\x07`` and ``\\u2028``, and lines longer than ``width`` are wrapped at spaces (or cut)."""
    out: list[str] = []
    for raw in text.splitlines() or [""]:
        line = "".join(
            ch
            if ch == "\t" or (unicodedata.category(ch) not in _UNSAFE_CATEGORIES and ch != "\ufeff")
            else (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
            for ch in raw
        ).replace("\t", " ")
        while len(line) > width:
            cut = line.rfind(" ", 0, width + 1)
            cut = cut if cut > 0 else width
            out.append(line[:cut].rstrip())
            line = line[cut:].lstrip(" ")
        out.append(line)
    return out


#: Characters that make a plain scalar depend on context (or on the parser): a text that holds
#: one, or starts with one of ``_LEADING``, is checked with PyYAML's own (slower) parser.
_SPECIAL = frozenset('?:#[]{}&*!|>"%@`\\')
_LEADING = frozenset("-',")


@functools.lru_cache(maxsize=4096)
def _scalar(value: str) -> str:
    """A plain scalar when YAML reads it back as the same text, else a quoted one: single quotes
    for one line of printable text, double quotes with escapes for anything else."""
    if not value or value != value.strip() or "#" in value or not value.isprintable():
        return _quoted(value)
    # libyaml (twenty times faster) first; PyYAML's own parser confirms a plain text that holds
    # an indicator, where the two can differ
    loaders: list[Any] = [_SafeLoader]
    if value[0] in _LEADING or not _SPECIAL.isdisjoint(value):
        loaders.append(yaml.SafeLoader)
    return value if all(_reads_back(value, loader) for loader in loaders) else _quoted(value)


def _reads_back(value: str, loader: Any) -> bool:
    """Whether ``value`` written plain reads back as itself, in flow context (``[a, b]``) and in
    block context (``k: -`` is not ``k: '-'``). A text the constructor cannot even build
    (an impossible date such as ``2024-02-30``, ``!!int x``) does not read back either."""
    try:
        return bool(
            yaml.load(f"[{value}]", Loader=loader) == [value]
            and yaml.load(f"k: {value}", Loader=loader) == {"k": value}
        )
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        return False


def _quoted(value: str) -> str:
    if value.isprintable() and "\ufeff" not in value:
        return "'" + value.replace("'", "''") + "'"
    dumped = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=2**31 - 1)
    return dumped.strip("\n").removesuffix("\n...").rstrip("\n")


def flow(value: YamlValue) -> str:
    """``value`` as YAML text in flow style, as the edits write it (``{codes: [A], memo: 'x'}``)."""
    return _value(value)


def _value(value: YamlValue) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _scalar(value)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(k)}: {_value(v)}" for k, v in value.items()) + "}"
    return "[" + ", ".join(_value(v) for v in value) + "]"


def _plain(value: YamlValue) -> Any:
    """``value`` as the data YAML reads back (tuples become lists)."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _verify(old: str, new: str, edits: Sequence[Edit], limits: Limits) -> None:
    expected = copy.deepcopy(parse(old, limits))
    removals = sorted(
        (e for e in edits if isinstance(e, RemoveItem)), key=lambda e: e.index, reverse=True
    )
    for edit in [e for e in edits if not isinstance(e, RemoveItem)] + list(removals):
        target: Any = expected
        for seg in edit.path:
            target = target[seg]
        if isinstance(edit, RemoveItem):
            del target[edit.index]
        elif isinstance(edit, RemoveKey):
            target.pop(edit.key, None)
        elif isinstance(edit, FieldEdit):
            target[edit.key] = _plain(edit.value)
        elif isinstance(edit, AddEntries):
            target.update({e.key: _plain(e.value) for e in edit.entries})
        else:
            target.extend(_plain(item) for item in edit.items)
    try:
        got = parse(new, limits)
    except YamlProblem:
        got = None
    if got != expected:
        raise YamlEditError(
            "the edited file would not read back as intended, so it was left unchanged "
            f"({', '.join(_where(e) for e in edits[:3])}{', ...' if len(edits) > 3 else ''})"
        )
