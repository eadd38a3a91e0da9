"""Reading and writing ``.qdpx`` archives: ``project.qde`` plus a flat ``sources/`` folder."""

from __future__ import annotations

import io
import zipfile

from egovcode.interchange.refi import model as m
from egovcode.interchange.refi.writer import project_xml

#: Every member's timestamp, so the same project gives the same bytes (the zip epoch).
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info


def build_qdpx(project: m.Project, texts: dict[str, bytes]) -> bytes:
    """The archive: ``project.qde`` first, then the sources in name order; fixed metadata."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr(_member("project.qde"), project_xml(project))
        for name in sorted(texts):
            z.writestr(_member(name), texts[name])
    return buffer.getvalue()
