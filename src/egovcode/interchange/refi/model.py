"""An intermediate model of a REFI-QDA project or codebook, between XML and egovcode's files.

GUIDs are kept normalised (upper case, no braces); positions are whatever the file said.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

VariableType = str  # Text | Boolean | Integer | Float | Date | DateTime
Scalar = str | int | float | bool


@dataclass(slots=True)
class User:
    guid: str
    name: str | None = None
    initials: str | None = None


@dataclass(slots=True)
class Code:
    guid: str
    name: str
    codable: bool = True
    color: str | None = None
    description: str | None = None
    children: list[Code] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)

    def walk(self) -> list[Code]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass(slots=True)
class Variable:
    guid: str
    name: str
    type: VariableType = "Text"
    description: str | None = None


@dataclass(slots=True)
class VariableValue:
    variable: str
    type: VariableType
    value: Scalar | None


@dataclass(slots=True)
class Coding:
    guid: str
    code: str
    user: str | None = None
    created: str | None = None


@dataclass(slots=True)
class Selection:
    guid: str
    start: int
    end: int
    name: str | None = None
    description: str | None = None
    user: str | None = None
    created: str | None = None
    codings: list[Coding] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Source:
    guid: str
    kind: str = "Text"
    name: str | None = None
    plain_path: str | None = None
    rich_path: str | None = None
    path: str | None = None
    description: str | None = None
    content: str | None = None
    user: str | None = None
    created: str | None = None
    selections: list[Selection] = field(default_factory=list)
    codings: list[Coding] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    values: list[VariableValue] = field(default_factory=list)


@dataclass(slots=True)
class Case:
    guid: str
    name: str | None = None
    description: str | None = None
    code_refs: list[str] = field(default_factory=list)
    values: list[VariableValue] = field(default_factory=list)
    source_refs: list[str] = field(default_factory=list)
    selection_refs: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Note:
    guid: str
    name: str | None = None
    text: str | None = None
    plain_path: str | None = None
    user: str | None = None
    created: str | None = None


@dataclass(slots=True)
class Set:
    guid: str
    name: str
    description: str | None = None
    codes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Link:
    guid: str
    name: str | None = None
    direction: str | None = None
    origin: str | None = None
    target: str | None = None


@dataclass(slots=True)
class Project:
    """A REFI-QDA project (``.qde``) or, with only codes and sets, a codebook (``.qdc``)."""

    name: str = ""
    #: The root element: ``Project`` (a .qde) or ``CodeBook`` (a .qdc).
    root: str = "Project"
    origin: str | None = None
    creating_user: str | None = None
    created: str | None = None
    base_path: str | None = None
    description: str | None = None
    users: list[User] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    sets: list[Set] = field(default_factory=list)
    note_refs: list[str] = field(default_factory=list)
    #: What the reader met and could not keep, by kind (e.g. ``AudioSource``), with counts.
    skipped: Counter[str] = field(default_factory=Counter)
    #: Things the reader tolerated, in words (namespace variants, empty containers, ...).
    notices: list[str] = field(default_factory=list)

    def all_codes(self) -> list[Code]:
        out: list[Code] = []
        for code in self.codes:
            out.extend(code.walk())
        return out
