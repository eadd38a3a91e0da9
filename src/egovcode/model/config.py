"""The optional project config file, ``egovcode.yaml``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from egovcode.model.types import Ident, Lang, LocalText, Strict

VariableType = Literal["Text", "Boolean", "Integer", "Float", "Date", "DateTime"]


class CoderInfo(Strict):
    """A coder's display name and initials (REFI-QDA ``User``); the key is the coder id."""

    name: str | None = None
    initials: str | None = None


class VariableInfo(Strict):
    """A declared attribute (REFI-QDA ``Variable``): its display name, type and description.

    Date and DateTime values stay quoted ISO strings in the YAML (``'2024-03-01'``).
    """

    name: str | None = None
    type: VariableType = "Text"
    description: str | None = None


class ProjectConfig(Strict):
    """Settings of a project; every key is optional."""

    title: LocalText = Field(default_factory=dict)
    codebook: str = "codebooks/indrajit.yaml"
    cases: list[str] = Field(default_factory=lambda: ["cases/*.yaml"])
    codings: list[str] = Field(default_factory=lambda: ["codings/*/*.yaml"])
    languages: list[Lang] = Field(default_factory=lambda: ["en", "id"], min_length=1)
    lang: Lang = "en"
    format: Literal["md", "html"] = "md"
    output: str | None = None
    pseudonymise: bool = False
    #: Every coder file of the project is synthetic (demonstration codings), as if each said so.
    synthetic: bool = False
    lint: dict[str, list[str]] = Field(default_factory=dict)
    #: Coders by id, with the names other tools show (written by ``egovcode import``).
    coders: dict[Ident, CoderInfo] = Field(default_factory=dict)
    #: Attributes of cases and sources by key, with their REFI-QDA names and types.
    variables: dict[Ident, VariableInfo] = Field(default_factory=dict)
