"""Moving an excerpt's span to where its text now is in the source's text file.

``validate`` reports an excerpt whose ``text`` differs from ``file[start:end]`` (EGC709), and,
when the text occurs exactly once in the file, where. :func:`respan_excerpt` writes that span
into the case file, in place (comments and layout stay); it changes nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from egovcode.edit.coding import find_excerpt
from egovcode.edit.errors import EditError
from egovcode.edit.files import edited_bytes, write_edited
from egovcode.load.limits import Limits
from egovcode.load.project import Project
from egovcode.load.texts import line_column, read_text_file
from egovcode.load.yamledit import FieldEdit
from egovcode.model import CaseFile


@dataclass(frozen=True, slots=True)
class Respan:
    """An excerpt's span before and after; ``changed`` is false when it already fitted."""

    excerpt: str
    file: str
    old: tuple[int, int] | None
    new: tuple[int, int]
    line: int
    changed: bool


def respan_excerpt(project: Project, excerpt_id: str, *, dry_run: bool = False) -> Respan:
    """Set the span of ``excerpt_id`` to the one place its text occurs in its source's text."""
    loaded, index, excerpt = find_excerpt(project, excerpt_id)
    display = loaded.source.display
    source = next((s for s in loaded.data.sources if s.id == excerpt.source), None)
    if source is None or not source.file:
        raise EditError(
            "EGC723",
            f"excerpt {excerpt_id!r}: source {excerpt.source!r} has no text file to find it in",
            usage=True,
        )
    found = read_text_file(project.root, source.file, Limits.from_env())
    if found.text is None:
        problem = found.problems[0].message if found.problems else source.file
        raise EditError("EGC723", f"the text of source {source.id!r} cannot be used: {problem}")
    text = found.text
    if excerpt.span is not None and text[excerpt.span[0] : excerpt.span[1]] == excerpt.text:
        line, _ = line_column(text, excerpt.span[0])
        return Respan(excerpt_id, display, excerpt.span, excerpt.span, line, False)
    first = text.find(excerpt.text) if excerpt.text else -1
    second = text.find(excerpt.text, first + 1) if first >= 0 else -1
    if first < 0 or second >= 0:
        where = "does not occur" if first < 0 else "occurs more than once"
        raise EditError(
            "EGC712",
            f"excerpt {excerpt_id!r}: its text {where} in {source.file}",
            hint="Write the span by hand (`span: [start, end]`), or correct the excerpt's text "
            "from the file.",
        )
    new = (first, first + len(excerpt.text))
    line, _ = line_column(text, first)
    if not dry_run:
        edit = FieldEdit(loaded.path_of("excerpts", index), "span", list(new), ("lang", "text"))
        data = edited_bytes(loaded.source.path, loaded.source.text, [edit], CaseFile, display)
        write_edited(loaded.source.path, data)
    return Respan(excerpt_id, display, excerpt.span, new, line, True)
