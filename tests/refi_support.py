"""Where the REFI-QDA schemas and sample files are: ``<repo>/../shared/refi`` (skip if absent)."""

from __future__ import annotations

import functools
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
#: ``EGOVCODE_SHARED_REFI`` points elsewhere (e.g. from a git worktree in another folder).
REFI = Path(os.environ.get("EGOVCODE_SHARED_REFI") or REPO.parent / "shared" / "refi")
SAMPLES = REFI / "samples"
NEEDS_REFI = pytest.mark.skipif(
    not (REFI / "Project.xsd").is_file(),
    reason=f"the REFI-QDA schemas and samples are not at {REFI}",
)


def sample_files() -> list[Path]:
    if not SAMPLES.is_dir():
        return []
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in (".qde", ".qdc", ".qdpx"))


def schema(name: str) -> Any:
    xmlschema = pytest.importorskip("xmlschema")
    return _load_schema(xmlschema, name)


@functools.cache
def _load_schema(xmlschema: Any, name: str) -> Any:
    return xmlschema.XMLSchema(str(REFI / name))


def xsd_errors(data: bytes, name: str) -> list[str]:
    """Every error of ``data`` against ``Project.xsd`` or ``Codebook.xsd``."""
    return [str(e.reason) + " at " + str(e.path) for e in schema(name).iter_errors(data.decode())]


def qde_of(archive: bytes | Path) -> bytes:
    import io

    source = io.BytesIO(archive) if isinstance(archive, bytes) else archive
    with zipfile.ZipFile(source) as z:
        names = [n for n in z.namelist() if n.endswith(".qde")]
        assert len(names) == 1, names
        return z.read(names[0])
