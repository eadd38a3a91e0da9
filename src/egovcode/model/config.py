"""The optional project config file, ``egovcode.yaml``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from egovcode.model.types import Lang, LocalText, Strict


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
