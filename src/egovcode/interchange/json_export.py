"""The whole project as one JSON document, for scripts and archives.

Shape (version 1; keys always present, ``null`` where a file states nothing)::

    {
      "format": "egovcode-project",
      "format_version": 1,
      "pseudonymised": false,
      "title": {"en": "..."},                 # the config's title, by language
      "languages": ["en", "id"],
      "codebook": {...},                      # the codebook, every field of the model
      "codes": [{"id", "parent", "component", "depth", "kind"}],   # the hierarchy, resolved
      "cases": [{"file": "cases/kediri.yaml", "case": {...}, "language": "id",
                 "indices": [...], "sources": [...], "excerpts": [...]}],
      "codings": [{"case", "excerpt", "source", "source_kind", "valence", "coder",
                   "code", "component"}]      # one per code on an excerpt, as in the CSV
    }

Cases, sources and excerpts keep their order in the files; keys keep the models' order. The text
is UTF-8, indented by 2 spaces, with a final newline: the same project gives the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from egovcode.analyze.selection import require_codebook
from egovcode.analyze.tally import codings
from egovcode.interchange.pseudonym import pseudonymise as _pseudonymise
from egovcode.load.project import Project

FORMAT = "egovcode-project"
FORMAT_VERSION = 1


def project_document(project: Project, *, pseudonymise: bool = False) -> dict[str, Any]:
    """The project as plain data (see the module docstring for the shape); with ``pseudonymise``
    informants are replaced by their pseudonyms first."""
    if pseudonymise:
        project = _pseudonymise(project)
    tree = require_codebook(project)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "pseudonymised": pseudonymise,
        "title": dict(project.config.title),
        "languages": list(project.config.languages),
        "codebook": tree.codebook.model_dump(mode="json"),
        "codes": [
            {
                "id": code,
                "parent": tree.codes[code].parent,
                "component": tree.component(code),
                "depth": tree.depth(code),
                "kind": tree.kind(code),
            }
            for code in tree.codes
        ],
        "cases": [
            {"file": loaded.source.display, **loaded.data.model_dump(mode="json")}
            for loaded in project.cases
        ],
        "codings": [
            {
                "case": c.case,
                "excerpt": c.excerpt,
                "source": c.source,
                "source_kind": c.source_kind,
                "valence": c.valence,
                "coder": c.coder,
                "code": c.code,
                "component": c.component,
            }
            for c in codings(project, tree)
        ],
    }


def export_json(project: Project, *, pseudonymise: bool = False) -> str:
    """The project document as JSON text."""
    document = project_document(project, pseudonymise=pseudonymise)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
