"""Pydantic models of egovcode's files: the codebook, case files and the project config."""

from egovcode.model.case import CaseFile, CaseInfo, Excerpt, Index, Source
from egovcode.model.codebook import Code, Codebook
from egovcode.model.config import ProjectConfig

__all__ = [
    "CaseFile",
    "CaseInfo",
    "Code",
    "Codebook",
    "Excerpt",
    "Index",
    "ProjectConfig",
    "Source",
]
