"""Exports: the codebook as ``.qdc`` and the project as ``.qdpx``, deterministic bytes."""

from __future__ import annotations

from egovcode.interchange.refi import ExportResult, origin
from egovcode.interchange.refi.codebook_map import codebook_project
from egovcode.interchange.refi.guids import load_sidecar
from egovcode.interchange.refi.writer import codebook_xml
from egovcode.load.project import Project


def export_qdc(project: Project, lang: str) -> ExportResult:
    """The project's codebook as a ``.qdc`` document."""
    from egovcode.errors import DataError

    codebook = project.codebook
    if codebook is None or not codebook.codes:
        raise DataError("the codebook has no codes; a REFI-QDA codebook needs at least one.")
    model, loss = codebook_project(codebook, lang, load_sidecar(project.root), origin())
    data = codebook_xml(model)
    return ExportResult(data, loss, {"codes": len(model.all_codes())})


def export_qdpx(project: Project, lang: str, *, crlf: bool = False) -> ExportResult:
    """The project as a ``.qdpx`` archive."""
    from egovcode.interchange.refi.project_map import project_model
    from egovcode.interchange.refi.qdpx import build_qdpx

    built = project_model(project, lang, crlf=crlf)
    data = build_qdpx(built.model, built.texts)
    return ExportResult(data, built.loss, built.counts, built.warnings)
