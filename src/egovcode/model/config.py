"""The optional project config file, ``egovcode.yaml``."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

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

    @field_validator("codebook", "output")
    @classmethod
    def _inside_project(cls, value: str | None) -> str | None:
        if value is not None:
            project_path(value, "a file")
        return value

    @field_validator("cases", "codings")
    @classmethod
    def _globs_inside_project(cls, value: list[str]) -> list[str]:
        for pattern in value:
            project_path(pattern, "a glob")
        return value

    @field_validator("lang")
    @classmethod
    def _lang_is_configured(cls, value: str, info: ValidationInfo) -> str:
        languages = info.data.get("languages")
        if languages and value not in languages:
            detail = (
                f"{value!r} is not one of the project's languages ({', '.join(languages)}); "
                "every command would refuse it"
            )
            raise PydanticCustomError("EGC321", "{detail}", {"detail": detail})
        return value


#: Longest path egovcode accepts in the config (most file systems allow 255 bytes per name).
MAX_PATH = 1024
MAX_NAME = 255


def project_path(value: str, what: str) -> None:
    """Refuse a config path or glob that is empty, absolute, leaves the project or is too long.

    Raises a ``PydanticCustomError`` of type ``EGC320`` that the schema check positions.
    """
    problem = None
    parts = PurePosixPath(value.replace("\\", "/")).parts
    if not value.strip():
        problem = "is empty"
    elif value.startswith(("/", "\\", "~")) or (len(value) > 1 and value[1] == ":"):
        problem = "is absolute; write it relative to the project folder"
    elif ".." in parts:
        problem = "leads out of the project folder ('..')"
    elif len(value.encode("utf-8")) > MAX_PATH or any(
        len(p.encode("utf-8")) > MAX_NAME for p in parts
    ):
        problem = f"is too long (at most {MAX_NAME} bytes per name, {MAX_PATH} in all)"
    elif "\x00" in value:
        problem = "holds a NUL character"
    if problem:
        shown = value if len(value) <= 60 else value[:40] + "…"
        detail = f"{what} {shown!r} {problem}"
        raise PydanticCustomError("EGC320", "{detail}", {"detail": detail})
