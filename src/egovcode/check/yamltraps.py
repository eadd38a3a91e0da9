"""YAML that reads without an error but not as the person meant: text cut short by a comment,
or by an anchor. Both lose words silently, so both are warnings with the quoted form to type.

- ``text: Kami pakai # sistem lama``: a space and ``#`` start a comment, so the text is
  "Kami pakai" (EGC223). Only for prose (excerpt text, translations, memos, citations, notes),
  where a ``#`` is far more likely part of the text than a comment after it.
- ``text: &kami mulai``: ``&kami`` is an anchor, which YAML takes off the value; an anchor that no
  alias (``*kami``) uses is almost always such an accident (EGC222).

A file is looked at closely only when a quick scan of its text finds a candidate, so a clean
project pays one regular expression search per file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from egovcode.check.diagnostic import Diagnostic, Severity
from egovcode.check.registry import CODES
from egovcode.load.yamlfile import SourceFile

try:  # pragma: no branch - libyaml ships in PyYAML's wheels
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: Keys whose value is prose, and keys whose children (one per language) are.
PROSE = frozenset({"text", "memo", "citation", "note"})
PROSE_PARENTS = frozenset({"translations", "memo"})

#: A line whose plain value is followed by a comment: ``key: words # more``.
_COMMENTED = re.compile(r"^[ \t]*(?:- +)?[\w.-]+[ \t]*:[ \t]+[^'\"|>#&*!\s{\[].*?[ \t]#", re.M)
#: An anchor indicator where YAML reads one: after ``: ``, ``- ``, ``[``, ``{`` or ``,``.
_ANCHOR = re.compile(r"(?:^|[:\-\[{,][ \t]*|[ \t])&[^\s,\[\]{}]")


def file_traps(source: SourceFile) -> list[Diagnostic]:
    """Text cut by a comment or an anchor in one case or coder file (read while loading it)."""
    out: list[Diagnostic] = []
    if _ANCHOR.search(source.text):
        out.extend(_unused_anchors(source))
    if _COMMENTED.search(source.text):
        root = source.root()
        if root is not None:
            out.extend(_cut_by_comment(source, root, None))
    return out


def _unused_anchors(source: SourceFile) -> Iterator[Diagnostic]:
    anchors: list[tuple[str, yaml.Event]] = []
    used: set[str] = set()
    try:
        for event in yaml.parse(source.text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) and event.anchor is not None:
                used.add(event.anchor)
            elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                anchors.append((event.anchor, event))
    except yaml.YAMLError:  # the loader reported it already
        return
    for name, event in anchors:
        if name in used:
            continue
        mark, end = event.start_mark, event.end_mark
        if mark is None or end is None:
            continue
        written = source.text[mark.index : end.index].strip()
        if isinstance(event, yaml.ScalarEvent) and not event.style and "\n" not in written:
            value = f"the value reads {event.value!r}"
            hint = "If & belongs to the text, put the whole value in quotes: " + _quoted(written)
        else:
            value = "the anchor is not part of the value"
            hint = f"Remove `&{name}`, or put the value in quotes if & belongs to it."
        yield _diagnostic(
            "EGC222",
            f"`&{name}` is an anchor that nothing refers to: YAML takes it off the value, so "
            f"{value}",
            source,
            mark.line + 1,
            mark.column + 1,
            hint,
        )


def _cut_by_comment(source: SourceFile, node: Node, key: str | None) -> Iterator[Diagnostic]:
    if isinstance(node, SequenceNode):
        for item in node.value:
            yield from _cut_by_comment(source, item, None)
        return
    if not isinstance(node, MappingNode):
        return
    for knode, value in node.value:
        name = knode.value if isinstance(knode, ScalarNode) else None
        prose = name in PROSE or (key in PROSE_PARENTS and name is not None)
        if prose and isinstance(value, ScalarNode) and not value.style and value.value:  # plain
            found = _comment_after(source.text, value)
            if found is not None:
                line, column, comment = found
                yield _diagnostic(
                    "EGC223",
                    f"the text of `{name}` ends before {comment!r}: YAML reads a space and # as "
                    f"the start of a comment, so the text is {value.value!r}",
                    source,
                    line,
                    column,
                    "If # belongs to the text, put the whole text in quotes: "
                    + _quoted(f"{value.value} {comment}")
                    + "; if it is a comment, put it on a line of its own.",
                )
        yield from _cut_by_comment(source, value, name)


def _comment_after(text: str, node: ScalarNode) -> tuple[int, int, str] | None:
    """(line, column, comment) of a comment on the line where ``node`` ends, or None."""
    end = node.end_mark.index
    line_end = text.find("\n", end)
    rest = text[end : len(text) if line_end < 0 else line_end].rstrip("\r")
    stripped = rest.lstrip(" \t")
    if not stripped.startswith("#") or stripped == rest:
        return None
    column = node.end_mark.column + (len(rest) - len(stripped)) + 1
    return node.end_mark.line + 1, column, stripped


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _diagnostic(
    code: str, message: str, source: SourceFile, line: int, column: int, hint: str
) -> Diagnostic:
    return Diagnostic(
        code=code,
        severity=Severity(CODES[code].severity),
        message=message,
        file=source.display,
        line=line,
        column=column,
        hint=hint,
    )
