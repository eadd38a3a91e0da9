"""Safe, bounded YAML reading with positions that cost nothing until a diagnostic needs them.

Two paths give the same data. The event path (``_Events``) builds plain data straight from
libyaml's event stream for the common case, a third faster; whenever it meets anything else
(anchors, tags, keys that are not text, duplicate keys, deep nesting, any error) the file goes to
the node path, which is the reference and gives every diagnostic. On the node path libyaml
(PyYAML's C parser) composes the node tree; a small converter of our own turns nodes into
plain Python data. The converter accepts only the standard scalar, sequence and mapping tags (so no
code can run), rejects duplicate keys, and bounds nesting and alias expansion. The node tree is
dropped after conversion, keeping only the start of each item of the top-level lists (an
``Outline``: a few bytes per excerpt), which positions the common notes about whole items. A
diagnostic deeper in the file composes its text again (``SourceFile.locate``), once per file and
only for files that have such a diagnostic, so a clean project never pays for positions.
"""

from __future__ import annotations

import gc
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from egovcode.errors import EgovcodeError
from egovcode.load.limits import Limits

if TYPE_CHECKING:
    from egovcode.load.cache import Cache

try:  # pragma: no branch - libyaml ships in PyYAML's wheels
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - pure-Python fallback
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

NodePath = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_STR, _SEQ, _MAP, _MERGE = (_TAG + t for t in ("str", "seq", "map", "merge"))
_IMPLICIT = _BaseLoader.yaml_implicit_resolvers


class _Loader(_BaseLoader):
    """The safe loader with a leaner tag resolver: the same tags as PyYAML's safe resolver.

    libyaml calls ``resolve`` once per node from C; PyYAML's version builds lists and checks path
    resolvers on every call, which is a quarter of composing a large file. egovcode registers no
    path or wildcard resolvers, so only the first-character table matters.
    """

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


@dataclass(frozen=True, slots=True)
class Outline:
    """Where a document's top-level node and the items of its top-level lists start.

    ``lists`` maps a top-level key to a flat array of 1-based (line, column) pairs, one pair per
    item: about 16 bytes per excerpt instead of a node tree.
    """

    start: tuple[int, int]
    lists: dict[str, array[int]]
    #: whether every mapping key in the document is text (so JSON holds the data exactly)
    text_keys: bool = True

    def item(self, key: str | int, index: int) -> tuple[int, int] | None:
        starts = self.lists.get(str(key))
        if starts is None or index < 0 or 2 * index + 1 >= len(starts):
            return None
        return starts[2 * index], starts[2 * index + 1]


_CTOR = yaml.SafeLoader("")  # only its scalar helpers are used; it never reads a stream


class FileChangedError(EgovcodeError):
    """A file read again (for a position or an edit) no longer has the bytes first read."""

    exit_code = 1


class YamlProblem(Exception):
    """A file that cannot be read as data at all; carries a registry code and a 1-based place."""

    def __init__(
        self,
        code: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint


class SourceFile:
    """A project file read: where it is, its text while needed, and the outline of positions.

    After loading, the text is let go (``release``): a large project would otherwise hold its
    whole corpus in memory a second time. Asking for ``text`` later reads the file again and
    checks that its bytes still hash to ``sha``; a file changed meanwhile is an error
    (:class:`FileChangedError`), never silently mixed with what was loaded.
    """

    __slots__ = ("_root", "_text", "display", "outline", "path", "sha")

    def __init__(
        self,
        path: Path,
        display: str,
        text: str | None = None,
        outline: Outline | None = None,
        sha: str | None = None,
    ) -> None:
        self.path = path
        self.display = display
        self._text = text
        self.outline = outline
        self.sha = sha
        self._root: Node | None = None

    def __repr__(self) -> str:
        return f"SourceFile(path={self.path!r}, display={self.display!r})"

    @property
    def text(self) -> str:
        if self._text is None:
            raw = self.path.read_bytes()
            if self.sha is not None:
                from egovcode.load.cache import digest

                if digest(raw) != self.sha:
                    raise FileChangedError(
                        f"{self.display} changed while egovcode was working; run the command again."
                    )
            text = raw.decode("utf-8")
            self._text = text[1:] if text.startswith("\ufeff") else text
        return self._text

    @text.setter
    def text(self, value: str) -> None:
        self._text = value

    def release(self) -> None:
        """Let go of the text and of any node tree (both come back on demand)."""
        if self.sha is not None:
            self._text = None
        self._root = None

    def root(self) -> Node | None:
        if self._root is None:
            enabled = gc.isenabled()
            gc.disable()  # as in parse(): composing allocates much and makes no cycles
            try:
                self._root = _compose(self.text)
            except (YamlProblem, OSError, UnicodeDecodeError, FileChangedError):
                return None
            finally:
                if enabled:
                    gc.enable()
        return self._root

    def locate(self, path: NodePath, *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the node at ``path``, or of its key when ``key`` is true.

        Segments that do not lead anywhere (a missing key, a union branch name from the
        validator) stop the walk, so the position is that of the nearest existing ancestor.
        An item of a top-level list (and the top level itself) is found in the outline that
        parsing kept, without composing the file again.
        """
        outline = self.outline
        if outline is not None and not key:
            if not path:
                return outline.start
            if len(path) == 2 and isinstance(path[1], int):
                found = outline.item(path[0], path[1])
                if found is not None:
                    return found
        node = self.root()
        if node is None:
            return (1, 1)
        target: Node = node
        for i, seg in enumerate(path):
            last = i == len(path) - 1
            nxt: Node | None = None
            if isinstance(target, MappingNode):
                for knode, vnode in target.value:
                    if isinstance(knode, ScalarNode) and knode.value == str(seg):
                        nxt = knode if (last and key) else vnode
                        break
            elif (
                isinstance(target, SequenceNode)
                and isinstance(seg, int)
                and 0 <= seg < len(target.value)
            ):
                nxt = target.value[seg]
            if nxt is None:
                continue
            target = nxt
        return (target.start_mark.line + 1, target.start_mark.column + 1)

    def node_at(self, path: NodePath) -> Node | None:
        """The node exactly at ``path``, or None when the path leads nowhere."""
        target = self.root()
        for seg in path:
            if isinstance(target, MappingNode):
                target = next(
                    (
                        v
                        for k, v in target.value
                        if isinstance(k, ScalarNode) and k.value == str(seg)
                    ),
                    None,
                )
            elif isinstance(target, SequenceNode) and isinstance(seg, int):
                target = target.value[seg] if 0 <= seg < len(target.value) else None
            else:
                return None
        return target


def decode(raw: bytes, limits: Limits) -> str:
    """Bytes to text: UTF-8 with or without BOM; binary and other encodings are problems."""
    if len(raw) > limits.max_bytes:
        raise YamlProblem(
            "EGC001", f"file is {len(raw):,} bytes; the limit is {limits.max_bytes:,}"
        )
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _byte_position(raw, nul)
        raise YamlProblem("EGC003", "file contains a NUL byte and looks binary", line, col)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        raise YamlProblem(
            "EGC002", f"byte 0x{raw[exc.start]:02X} is not valid UTF-8", line, col
        ) from None
    return text


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


def _compose(text: str) -> Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        problem = exc.problem or str(exc)
        if "expected a single document" in str(exc.context or ""):
            raise YamlProblem(
                "EGC011", "the file holds more than one YAML document", line, column
            ) from None
        context = f" {exc.context}" if exc.context else ""
        start = exc.context_mark
        if start is not None and mark is not None and start.line != mark.line:
            context += f" (which started at line {start.line + 1}, column {start.column + 1})"
        raise _syntax_problem(text, f"{problem}{context}", line, column) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_problem(text, exc) from None
    except yaml.YAMLError as exc:
        raise YamlProblem("EGC005", str(exc).splitlines()[0], 1, 1) from None
    finally:
        loader.dispose()


def _reader_problem(text: str, exc: yaml.reader.ReaderError) -> YamlProblem:
    """A character YAML does not allow in a file (a raw ESC or BEL, often pasted from a terminal
    or another program), at its line and column."""
    from egovcode.load.yamlhints import snippet

    at = exc.position if isinstance(exc.position, int) and 0 <= exc.position <= len(text) else 0
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    char = exc.character
    code = char if isinstance(char, int) else ord(char) if char else 0
    return YamlProblem(
        "EGC005",
        f"the file holds the control character U+{code:04X}, which YAML does not allow",
        line,
        column,
        hint="Delete it (it often comes with text pasted from a terminal or another program); "
        "write line breaks and tabs as they are.\n" + snippet(text, line, column),
    )


def _syntax_problem(text: str, parser: str, line: int | None, column: int | None) -> YamlProblem:
    """EGC005 in plain words: the likely cause, what to type, and the line with a caret."""
    from egovcode.load.yamlhints import explain, snippet

    found = explain(text, line, column, parser)
    if found is None:
        hint = "Check indentation, colons and quotes around the position given."
        message = parser
    else:
        line, column, hint = found.line, found.column, found.hint
        message = f"{found.message} (YAML: {parser.split(' (which')[0]})"
    shown = snippet(text, line, column or 1) if line is not None else ""
    return YamlProblem("EGC005", message, line, column, hint=f"{hint}\n{shown}" if shown else hint)


def parse(text: str, limits: Limits) -> Any:
    """Parse one YAML document of ``text`` into plain data, or raise ``YamlProblem``."""
    return parse_outlined(text, limits)[0]


def parse_outlined(text: str, limits: Limits) -> tuple[Any, Outline]:
    """Parse one YAML document of ``text`` into plain data and its outline of positions.

    The cyclic garbage collector is paused meanwhile: composing creates millions of node objects
    and no garbage cycles, and collections triggered by the allocations alone made parsing a large
    file three times slower.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        if FAST:
            fast = _Events(text, limits).document()
            if fast is not None:
                return fast
        _check_sizes(text, limits)
        root = _compose(text)
        if root is None:
            raise YamlProblem("EGC004", "the file holds no YAML document", 1, 1)
        track = "&" in text  # no anchor, no alias: skip alias bookkeeping entirely
        converter = _Converter(limits, track)
        data = converter.convert(root, 0)
        return data, _outline(root, converter.text_keys)
    finally:
        if enabled:
            gc.enable()


#: Whether ``parse_outlined`` tries the event path first (tests turn it off to compare).
FAST = True


class _Unusual(Exception):
    """The event path met something only the node path handles (or reports) exactly."""


class _Events:
    """Plain data straight from libyaml's event stream, without composing a node tree.

    It handles the common case only: one document of untagged mappings, sequences and scalars
    with text keys, no anchors or aliases, no duplicate keys, within the nesting limit. Anything
    else (including every error) returns None, and the node path (composer and ``_Converter``)
    parses the file again and gives its data or its exact diagnostic. Scalars are resolved by the
    same resolver and built by the same constructors as on the node path, so both paths give the
    same data; ``tests/test_cache.py`` checks that on every YAML file of the test suite.
    """

    def __init__(self, text: str, limits: Limits) -> None:
        self.loader = _Loader(text)
        self.get: Callable[[], Any] = self.loader.get_event
        self.max_depth = limits.max_depth
        self.max_items = limits.max_items
        self.resolve = self.loader.resolve
        self.max_value = limits.max_value_chars
        if len(text) > self.max_value:  # only a file longer than the limit can hold such a value
            self._scalar = self._bounded_scalar  # type: ignore[method-assign]

    def document(self) -> tuple[Any, Outline] | None:
        try:
            get = self.get
            get()  # the stream's start
            if get().__class__ is not DocumentStartEvent:
                return None  # no document: the node path reports it
            event = get()
            lists: dict[str, array[int]] = {}
            if event.__class__ is MappingStartEvent:
                data: Any = self._mapping(event, 0, lists)
            else:
                data = self._value(event, 0)
            if get().__class__ is not DocumentEndEvent or get().__class__ is not StreamEndEvent:
                return None  # a second document
            mark = event.start_mark
            return data, Outline((mark.line + 1, mark.column + 1), lists)
        except YamlProblem as problem:
            if problem.code in ("EGC017", "EGC018"):
                raise  # a limit: refused before the rest of the file is read
            return None
        except Exception:  # _Unusual, a YAML error, a value that cannot be read
            return None  # the node path composes the whole file first, then reports exactly
        finally:
            self.loader.dispose()

    def _value(self, event: Any, depth: int) -> Any:
        cls = event.__class__
        if cls is ScalarEvent:
            return self._scalar(event)
        if cls is MappingStartEvent:
            return self._mapping(event, depth, None)
        if cls is SequenceStartEvent:
            return self._sequence(event, depth, None)
        raise _Unusual  # an alias

    def _scalar(self, event: Any) -> Any:
        value = event.value
        if event.tag is None and event.anchor is None:
            if not event.implicit[0] or value[:1] not in _IMPLICIT:
                return value  # quoted, or plain text no implicit resolver could take
        elif event.anchor is not None or event.tag != "!":
            raise _Unusual
        tag = self.resolve(ScalarNode, value, event.implicit)
        if tag == _STR:
            return value
        return _scalar(ScalarNode(tag, value, event.start_mark, event.end_mark, event.style))

    def _bounded_scalar(self, event: Any) -> Any:
        if len(event.value) > self.max_value:
            raise _value_too_long(len(event.value), self.max_value, event.start_mark)
        return _Events._scalar(self, event)

    def _open(self, event: Any, depth: int) -> None:
        if depth >= self.max_depth or event.anchor is not None:
            raise _Unusual
        if event.tag is not None and event.tag != "!":
            raise _Unusual

    def _mapping(self, event: Any, depth: int, lists: dict[str, array[int]] | None) -> Any:
        self._open(event, depth)
        get = self.get
        out: dict[str, Any] = {}
        while True:
            key = get()
            if key.__class__ is not ScalarEvent:
                if key.__class__ is MappingEndEvent:
                    return out
                raise _Unusual  # a collection or an alias as a key
            name = self._scalar(key)
            if name.__class__ is not str or name in out:
                raise _Unusual  # a key that is not text, or a duplicate key
            if len(out) >= self.max_items:
                raise _too_many_items(self.max_items, "keys in one mapping", key.start_mark)
            value = get()
            cls = value.__class__
            if cls is ScalarEvent:
                out[name] = self._scalar(value)
            elif lists is not None and cls is SequenceStartEvent:
                starts: array[int] = array("q")
                out[name] = self._sequence(value, depth + 1, starts)
                lists[name] = starts
            else:
                out[name] = self._value(value, depth + 1)

    def _sequence(self, event: Any, depth: int, starts: array[int] | None) -> list[Any]:
        self._open(event, depth)
        get = self.get
        out: list[Any] = []
        while True:
            item = get()
            cls = item.__class__
            if starts is not None and cls is not SequenceEndEvent:
                mark = item.start_mark
                starts.append(mark.line + 1)
                starts.append(mark.column + 1)
            if cls is SequenceEndEvent:
                return out
            if len(out) >= self.max_items:
                raise _too_many_items(self.max_items, "items in one list", item.start_mark)
            if cls is ScalarEvent:
                out.append(self._scalar(item))
            else:
                out.append(self._value(item, depth + 1))


def _too_many_items(limit: int, what: str, mark: Any) -> YamlProblem:
    return YamlProblem(
        "EGC017",
        f"more than {limit:,} {what}",
        mark.line + 1,
        mark.column + 1,
    )


def _value_too_long(length: int, limit: int, mark: Any) -> YamlProblem:
    return YamlProblem(
        "EGC018",
        f"a value of {length:,} characters; the limit is {limit:,}",
        mark.line + 1,
        mark.column + 1,
    )


def _check_sizes(text: str, limits: Limits) -> None:
    """Refuse a list or mapping of too many items, or a too long value, before composing the
    file (a node tree of millions of items would exhaust memory). Streams libyaml's events, so
    it holds one counter per open collection; a YAML error is left to the composer to report."""
    if len(text) <= min(2 * limits.max_items, limits.max_value_chars):
        return  # too short to hold either (an item takes at least two characters)
    loader = _Loader(text)
    # per open collection: [events seen in it, 1 for a mapping (key and value) or 0 for a list]
    open_: list[list[int]] = []
    try:
        while True:
            event: Any = loader.get_event()
            cls = event.__class__
            if cls is StreamEndEvent:
                return
            if cls is SequenceEndEvent or cls is MappingEndEvent:
                open_.pop()
                continue
            if open_:
                top = open_[-1]
                if top[0] % (top[1] + 1) == 0 and top[0] >> top[1] >= limits.max_items:
                    what = "keys in one mapping" if top[1] else "items in one list"
                    raise _too_many_items(limits.max_items, what, event.start_mark)
                top[0] += 1
            if cls is ScalarEvent and len(event.value) > limits.max_value_chars:
                raise _value_too_long(len(event.value), limits.max_value_chars, event.start_mark)
            if cls is SequenceStartEvent:
                open_.append([0, 0])
            elif cls is MappingStartEvent:
                open_.append([0, 1])
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


def _outline(root: Node, text_keys: bool) -> Outline:
    lists: dict[str, array[int]] = {}
    if isinstance(root, MappingNode):
        for knode, vnode in root.value:
            if isinstance(knode, ScalarNode) and isinstance(vnode, SequenceNode):
                starts = array("q")
                for item in vnode.value:
                    mark = item.start_mark
                    starts.append(mark.line + 1)
                    starts.append(mark.column + 1)
                lists.setdefault(knode.value, starts)
    return Outline(_pos(root), lists, text_keys)


def read_yaml(
    path: Path,
    display: str,
    limits: Limits | None = None,
    cache: Cache | None = None,
    raw: bytes | None = None,
) -> tuple[SourceFile, Any]:
    """Read and parse a YAML file. Raises ``YamlProblem`` for files that are not data.

    With a ``cache``, a file whose bytes were parsed before (in the same context) is not parsed
    again; the size, encoding and every other check still run first on the bytes read. ``raw``
    is the file's bytes when the caller has read them already.
    """
    limits = limits or Limits.from_env()
    if raw is None:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise YamlProblem(
                "EGC001", f"file is {size:,} bytes; the limit is {limits.max_bytes:,}"
            )
        raw = path.read_bytes()
    text = decode(raw, limits)
    from egovcode.load.cache import digest

    sha = digest(raw)
    del raw
    hit = cache.get(display, sha) if cache is not None else None
    if hit is None:
        hit = parse_outlined(text, limits)
        if cache is not None:
            cache.put(display, sha, *hit)
    return SourceFile(path=path, display=display, text=text, outline=hit[1], sha=sha), hit[0]


#: Problems of one value (a date that does not exist, a tag whose value does not parse, a number
#: too long to read, an unknown tag on a scalar): the rest of the file can still be read, with
#: the value as the text written (:func:`parse_lenient`).
VALUE_PROBLEMS = frozenset({"EGC009", "EGC013", "EGC014", "EGC015"})


def parse_lenient(text: str, limits: Limits) -> tuple[Any, Outline, list[YamlProblem]]:
    """Parse ``text`` as :func:`parse_outlined` does, but keep each value that does not fit its
    type (``VALUE_PROBLEMS``) as the text written and return those problems, every one of
    them, so one bad value does not hide the other checks of the file."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        _check_sizes(text, limits)
        root = _compose(text)
        if root is None:
            raise YamlProblem("EGC004", "the file holds no YAML document", 1, 1)
        converter = _Converter(limits, "&" in text, lenient=True)
        data = converter.convert(root, 0)
        return data, _outline(root, converter.text_keys), converter.problems
    finally:
        if enabled:
            gc.enable()


class _Converter:
    def __init__(self, limits: Limits, track: bool, lenient: bool = False) -> None:
        self.limits = limits
        self.lenient = lenient
        self.problems: list[YamlProblem] = []
        self.track = track
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.expansions = 0
        self.copied = 0
        self.text_keys = True  # whether every mapping key is text (JSON can then hold the data)

    def convert(self, node: Node, depth: int) -> Any:
        if node.__class__ is ScalarNode:
            if node.tag == _STR:
                return node.value  # text is the common case
            if not self.lenient:
                return _scalar(node)
            try:
                return _scalar(node)
            except YamlProblem as problem:
                if problem.code not in VALUE_PROBLEMS:
                    raise
                self.problems.append(problem)
                return node.value
        if depth >= self.limits.max_depth:
            raise YamlProblem(
                "EGC008", f"nesting deeper than {self.limits.max_depth} levels", *_pos(node)
            )
        if self.track:
            key = id(node)
            if key in self.active:
                raise YamlProblem("EGC012", "an alias refers to its own ancestor", *_pos(node))
            if key in self.seen:
                self.expansions += 1
                # an alias copies its collection: bound the copies' items as well as their number
                self.copied += len(node.value) if isinstance(node.value, list) else 0
                if self.copied > self.limits.max_items:
                    raise YamlProblem(
                        "EGC007",
                        f"aliases copy more than {self.limits.max_items:,} items",
                        *_pos(node),
                    )
                if self.expansions > self.limits.max_alias_expansions:
                    raise YamlProblem(
                        "EGC007",
                        f"more than {self.limits.max_alias_expansions:,} alias expansions",
                        *_pos(node),
                    )
            self.seen.add(key)
            self.active.add(key)
            try:
                return self._collection(node, depth)
            finally:
                self.active.discard(key)
        return self._collection(node, depth)

    def _collection(self, node: Node, depth: int) -> Any:
        convert = self.convert
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ:
                raise _bad_tag(node)
            return [convert(item, depth + 1) for item in node.value]
        if isinstance(node, MappingNode):
            if node.tag != _MAP:
                raise _bad_tag(node)
            out: dict[Any, Any] = {}
            for knode, vnode in node.value:
                if knode.__class__ is ScalarNode and knode.tag == _STR:
                    k = knode.value
                    if k in out:
                        raise YamlProblem("EGC006", f"duplicate key {k!r}", *_pos(knode))
                    out[k] = convert(vnode, depth + 1)
                    continue
                if not isinstance(knode, ScalarNode):
                    raise YamlProblem("EGC104", "a mapping key must be a plain value", *_pos(knode))
                if knode.tag == _MERGE:
                    raise YamlProblem(
                        "EGC009",
                        "merge keys (<<) are not supported",
                        *_pos(knode),
                        hint="Write the merged keys out in full.",
                    )
                k = _scalar(knode)
                self.text_keys = False
                if k in out:
                    raise YamlProblem("EGC006", f"duplicate key {knode.value!r}", *_pos(knode))
                out[k] = convert(vnode, depth + 1)
            return out
        raise _bad_tag(node)  # pragma: no cover - libyaml composes only these three kinds


def _pos(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _bad_tag(node: Node) -> YamlProblem:
    if isinstance(node, ScalarNode) and node.tag.startswith("!") and not node.tag.startswith("!!"):
        # a local tag: text that starts with "!" (``text: !penting kami``)
        written = f"{node.tag} {node.value}".strip().replace("'", "''")
        return YamlProblem(
            "EGC009",
            f"`{node.tag}` at the start of the value is read by YAML as a tag, not as text",
            *_pos(node),
            hint=f"If ! belongs to the text, put the whole value in quotes: '{written}'",
        )
    return YamlProblem("EGC009", f"unsupported tag {node.tag}", *_pos(node))


def _scalar(node: ScalarNode) -> Any:
    tag = node.tag
    try:
        if tag == _STR:
            return node.value
        if tag == _TAG + "int":
            return _CTOR.construct_yaml_int(node)
        if tag == _TAG + "float":
            return _CTOR.construct_yaml_float(node)
        if tag == _TAG + "bool":
            return _CTOR.construct_yaml_bool(node)
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "timestamp":
            return _CTOR.construct_yaml_timestamp(node)
    except (ValueError, KeyError, AttributeError, OverflowError, TypeError) as exc:
        raise bad_scalar(node, exc) from None
    raise _bad_tag(node)


def bad_scalar(node: ScalarNode, exc: Exception) -> YamlProblem:
    """The problem with a scalar whose value does not fit its type: a date that does not exist
    (``2024-02-30``), a number too long to read, or an explicit tag on a value it cannot take
    (``!!int x``). The message quotes what the user wrote."""
    raw = node.value
    kind = node.tag.removeprefix(_TAG)
    shown = raw if len(raw) <= 40 else f"{raw[:20]}…{raw[-8:]}"
    implicit = any(
        tag == node.tag and regexp.match(raw) for tag, regexp in _IMPLICIT.get(raw[:1], ())
    )
    quoted = raw.replace("'", "''") if len(raw) <= 40 else "…"
    if implicit and kind == "timestamp":
        return YamlProblem(
            "EGC013",
            f"`{shown}` looks like a date or time, but no such date or time exists",
            *_pos(node),
            hint=f"Correct it (YYYY-MM-DD, hours 0-23, minutes and seconds 0-59), or put it in "
            f"quotes to keep it as text: '{quoted}'.",
        )
    if implicit and kind in ("int", "float"):
        digits = sum(ch.isdigit() for ch in raw)
        return YamlProblem(
            "EGC015",
            f"a number of {digits:,} digits is too long to read",
            *_pos(node),
            hint="Shorten the number, or put it in quotes if it is an identifier or text.",
        )
    return YamlProblem(
        "EGC014",
        f"`!!{kind} {shown}`: the value cannot be read as {_KIND_WORDS.get(kind, kind)}",
        *_pos(node),
        hint=f"Remove the `!!{kind}` tag, or write a value of that type.",
    )


_KIND_WORDS = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "timestamp": "a date or time",
}
