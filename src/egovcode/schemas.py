"""JSON Schemas of egovcode's file formats, generated from the models, for editors and CI.

yaml-language-server (VS Code's YAML extension, Neovim's yamlls) reads a schema named in a
``# yaml-language-server: $schema=PATH`` comment at the top of a file and then completes keys
and flags mistakes as you type.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from egovcode.model import CaseFile, Codebook, ProjectConfig
from egovcode.model.coding import CodingFile

#: Format name -> (model, title, where the files live).
FORMATS: dict[str, tuple[type[BaseModel], str, str]] = {
    "codebook": (Codebook, "egovcode codebook", "codebooks/*.yaml"),
    "case": (CaseFile, "egovcode case file", "cases/*.yaml"),
    "coder": (CodingFile, "egovcode coder file", "codings/<coder>/<case>.yaml"),
    "config": (ProjectConfig, "egovcode project config", "egovcode.yaml"),
}
#: Where ``egovcode init`` puts the schemas, relative to the project folder.
SCHEMA_DIR = ".egovcode/schemas"


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of format ``name``."""
    model, title, where = FORMATS[name]
    schema = model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://egovcode.invalid/schema/{name}.json",
        "title": title,
        "description": f"{schema.get('description', '').strip()} Files: {where}.".strip(),
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def schema_text(name: str) -> str:
    """The schema as JSON text: two-space indent, keys in model order, a final newline."""
    return json.dumps(json_schema(name), indent=2, ensure_ascii=False) + "\n"


def modeline(path_to_schema: str) -> str:
    """The comment line that points yaml-language-server at a schema."""
    return f"# yaml-language-server: $schema={path_to_schema}\n"
