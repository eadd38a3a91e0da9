"""Opening a REFI-QDA file of any kind (``.qdpx``, ``.qde``, ``.qdc``) and finding its texts.

Paths in ``plainTextPath``/``richTextPath`` are resolved the way real tools write them:
``internal://NAME`` (a member of ``sources/``), ``relative://NAME`` (under the project's
``basePath``), ``absolute://PATH`` (found by its name in ``sources/``) and bare names (qc writes
``board_2017.txt``). Inside an archive only members are read; beside a ``.qde`` only regular
files in the ``.qde``'s folder, within the size limit, so a hostile file cannot pull
``/etc/passwd`` or ``../secret.txt`` into a project.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from egovcode.interchange.refi import model as m
from egovcode.interchange.refi.reader import read_document
from egovcode.interchange.refi.safety import RefiError, RefiLimits, SafeZip, open_zip, parse_xml


@dataclass(slots=True)
class Document:
    """A parsed REFI-QDA file and a way to read the files it refers to."""

    path: Path
    project: m.Project
    kind: str  # "qdpx", "qde" or "qdc"
    archive: SafeZip | None
    limits: RefiLimits

    def read(self, reference: str | None) -> bytes | None:
        """The bytes a ``plainTextPath``-style reference points at, or None if absent."""
        if not reference:
            return None
        for name in self._candidates(reference):
            data = self._read_one(name)
            if data is not None:
                return data
        return None

    def _candidates(self, reference: str) -> list[str]:
        ref = reference.strip()
        lowered = ref.lower()
        base = (self.project.base_path or "").replace("\\", "/")
        if lowered.startswith("internal://"):
            name = ref[len("internal://") :]
            return [f"sources/{name}", name]
        if lowered.startswith("relative://"):
            name = ref[len("relative://") :].replace("\\", "/")
            out = [f"sources/{name}", name]
            if base:
                out.append(f"{base.rstrip('/')}/{name}")
            return out
        if lowered.startswith("absolute://"):
            name = ref[len("absolute://") :].replace("\\", "/")
            return [name, f"sources/{PurePosixPath(name).name}"]
        return [f"sources/{ref}", ref]

    def _read_one(self, name: str) -> bytes | None:
        if self.archive is not None:
            wanted = name.lstrip("/").lower()
            for member in self.archive.names:
                if member.lower() == wanted and not member.endswith("/"):
                    return self.archive.read(member)
            return None
        folder = self.path.parent.resolve()
        path = Path(name)
        if path.is_absolute() or ":" in name.split("/", 1)[0]:
            return None
        path = folder / name
        try:
            path.resolve().relative_to(folder)
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
            return None
        try:
            if not path.is_file():
                return None
            if path.stat().st_size > self.limits.max_member_bytes:
                raise RefiError(
                    "EGC804",
                    f"{path} is {path.stat().st_size:,} bytes; the limit is "
                    f"{self.limits.max_member_bytes:,}",
                )
            return path.read_bytes()
        except OSError:
            return None

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()


def open_document(path: Path, limits: RefiLimits | None = None) -> Document:
    """Open ``path`` as a REFI-QDA archive, project or codebook; raises RefiError."""
    limits = limits or RefiLimits.from_env()
    if not path.is_file():
        raise RefiError("EGC802", f"{path} does not exist or is not a file")
    if zipfile.is_zipfile(path):
        archive = open_zip(path, limits)
        try:
            qdes = [n for n in archive.names if n.lower().endswith(".qde")]
            if len(qdes) != 1:
                found = ", ".join(qdes) if qdes else "none"
                raise RefiError(
                    "EGC808", f"{path} must hold exactly one .qde project; it holds {found}"
                )
            data = archive.read(qdes[0])
            project = read_document(parse_xml(data, f"{path}:{qdes[0]}", limits), str(path))
        except BaseException:
            archive.close()
            raise
        if qdes[0] != "project.qde":
            project.notices.append(f"the project is named {qdes[0]!r}, not 'project.qde'")
        return Document(path, project, "qdpx", archive, limits)
    size = path.stat().st_size
    if size > limits.max_xml_bytes:
        raise RefiError(
            "EGC803", f"{path} is {size:,} bytes; the limit is {limits.max_xml_bytes:,}"
        )
    project = read_document(parse_xml(path.read_bytes(), str(path), limits), str(path))
    kind = "qdc" if project.root == "CodeBook" else "qde"
    return Document(path, project, kind, None, limits)
