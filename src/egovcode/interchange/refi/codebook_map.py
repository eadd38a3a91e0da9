"""egovcode's codebook as REFI-QDA codes (nested, with descriptions), and the loss it implies."""

from __future__ import annotations

from collections import Counter

from egovcode.interchange.refi import model as m
from egovcode.interchange.refi.guids import Sidecar
from egovcode.model import Codebook
from egovcode.model.codebook import Code
from egovcode.model.types import pick

#: Between a code's id and its label in a REFI code name (``APP.PORTAL · Integrated portal``),
#: so that the ids come back on import and tools list the codes in codebook order.
NAME_SEP = " · "
#: Headings that fold the codebook's criteria into one REFI ``Description``.
SECTIONS = (("inclusion", "Inclusion"), ("exclusion", "Exclusion"), ("examples", "Examples"))


def description(code: Code, lang: str) -> str | None:
    """The definition, with inclusion, exclusion and examples appended as labelled paragraphs."""
    parts: list[str] = []
    if code.definition:
        parts.append(pick(code.definition, lang))
    for field, heading in SECTIONS:
        value = getattr(code, field)
        if not value:
            continue
        chosen = value.get(lang) if lang in value else next(iter(value.values()))
        text = "; ".join(chosen) if isinstance(chosen, list) else chosen
        if text:
            parts.append(f"{heading}: {text}")
    return "\n\n".join(parts) if parts else None


def split_description(text: str | None) -> tuple[str | None, dict[str, str | list[str]]]:
    """The inverse of ``description`` for texts it wrote: definition and the labelled parts."""
    if not text:
        return (text or None), {}
    paragraphs = text.split("\n\n")
    rest: dict[str, str | list[str]] = {}
    while paragraphs:
        last = paragraphs[-1]
        matched = False
        for field, heading in SECTIONS:
            if last.startswith(f"{heading}: ") and field not in rest:
                body = last[len(heading) + 2 :]
                rest[field] = body.split("; ") if field == "examples" else body
                paragraphs.pop()
                matched = True
                break
        if not matched:
            break
    definition = "\n\n".join(paragraphs) or None
    return definition, rest


def codebook_codes(
    codebook: Codebook, lang: str, sidecar: Sidecar, loss: Counter[str]
) -> list[m.Code]:
    """The codes as a REFI tree, in codebook order; ``loss`` counts what does not travel."""
    nodes: dict[str, m.Code] = {}
    parents: dict[str, str | None] = {}
    for code in codebook.codes:
        if code.id in nodes:
            continue
        parents[code.id] = code.parent
        nodes[code.id] = m.Code(
            guid=sidecar.guid("codes", code.id, f"{codebook.id}/{code.id}"),
            name=f"{code.id}{NAME_SEP}{pick(code.label, lang)}" if code.label else code.id,
            codable=code.codable,
            color=code.color,
            description=description(code, lang),
        )
        _count_loss(code, lang, loss)
    roots: list[m.Code] = []
    for cid, node in nodes.items():
        parent_id = parents[cid]
        parent = nodes.get(parent_id) if parent_id else None
        (parent.children if parent is not None else roots).append(node)
    return roots


def _count_loss(code: Code, lang: str, loss: Counter[str]) -> None:
    fields = ("label", "definition", "inclusion", "exclusion")
    others = {k for f in fields for k in getattr(code, f)}
    others |= set(code.examples)
    others.discard(lang)
    if others:
        loss["code labels and definitions in other languages than " + repr(lang)] += 1
    if any(getattr(code, f) for f in ("inclusion", "exclusion", "examples")):
        loss["inclusion, exclusion and examples folded into the code's Description"] += 1
    if code.keywords:
        loss["code keywords"] += 1
    if code.kind or code.deprecated or code.replaced_by:
        loss["code kind, deprecated and replaced_by"] += 1
    if code.memo:
        loss["code memos"] += 1


def codebook_project(
    codebook: Codebook, lang: str, sidecar: Sidecar, origin: str
) -> tuple[m.Project, Counter[str]]:
    """The codebook alone, as the intermediate model of a ``.qdc``, and what it loses."""
    loss: Counter[str] = Counter()
    project = m.Project(name=pick(codebook.title, lang), origin=origin)
    project.codes = codebook_codes(codebook, lang, sidecar, loss)
    loss[CODEBOOK_LOSS] += 1
    return project, loss


#: REFI-QDA has no codebook id or version: an import names the codebook after the file.
CODEBOOK_LOSS = "codebook id and version (an import names the codebook after the file)"
