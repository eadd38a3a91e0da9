"""Reading REFI-QDA files safely: XML without DTDs or entities, zip archives with bounds.

Nothing here extracts an archive to disk: members are read into memory one at a time, each
checked against its declared size while it is read, so a lying header cannot exhaust memory.
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from egovcode.errors import EgovcodeError

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element


class RefiError(EgovcodeError):
    """A REFI-QDA file that cannot be read (unsafe, malformed or too large); names the file."""

    exit_code = 1

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{message} ({code})")
        self.code = code


@dataclass(frozen=True, slots=True)
class RefiLimits:
    """Ceilings on one REFI-QDA file and the archive around it."""

    max_xml_bytes: int = 256 * 1024 * 1024
    max_members: int = 10_000
    max_member_bytes: int = 512 * 1024 * 1024
    max_total_bytes: int = 2 * 1024 * 1024 * 1024
    max_ratio: int = 200

    @classmethod
    def from_env(cls) -> RefiLimits:
        """Defaults; ``EGOVCODE_REFI_MAX_BYTES`` lowers or raises the per-member ceiling."""
        raw = os.environ.get("EGOVCODE_REFI_MAX_BYTES", "")
        if raw.isdigit():
            return cls(max_xml_bytes=int(raw), max_member_bytes=int(raw))
        return cls()


@dataclass(slots=True)
class ParsedXml:
    """A parsed document with the 1-based line and column where each element starts."""

    root: Element
    positions: dict[int, tuple[int, int]] = field(default_factory=dict)

    def where(self, element: Element) -> tuple[int, int]:
        return self.positions.get(id(element), (1, 1))


def parse_xml(data: bytes, display: str, limits: RefiLimits | None = None) -> ParsedXml:
    """Parse ``data`` refusing DTDs, entity declarations and external references."""
    import xml.etree.ElementTree as ET

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    limits = limits or RefiLimits.from_env()
    if len(data) > limits.max_xml_bytes:
        raise RefiError(
            "EGC803",
            f"{display} is {len(data):,} bytes; the limit is {limits.max_xml_bytes:,} "
            "(raise it with EGOVCODE_REFI_MAX_BYTES)",
        )
    positions: dict[int, tuple[int, int]] = {}

    class _Builder(ET.TreeBuilder):
        expat: Any = None

        def start(self, tag: str, attrs: dict[str, str]) -> Element:
            element = super().start(tag, attrs)
            if self.expat is not None:
                positions[id(element)] = (
                    self.expat.CurrentLineNumber,
                    self.expat.CurrentColumnNumber + 1,
                )
            return element

    builder = _Builder()
    parser = DefusedXMLParser(
        target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        raise RefiError(
            "EGC801",
            f"{display}: refused a DTD, entity declaration or external reference ({exc}); "
            "REFI-QDA files never need one",
        ) from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise RefiError(
            "EGC802", f"{display}:{line}:{column + 1}: not well-formed XML: {exc.msg}"
        ) from None
    return ParsedXml(root, positions)


@dataclass(slots=True)
class SafeZip:
    """A zip archive whose member list was checked; members are read with bounds."""

    path: Path
    archive: zipfile.ZipFile
    limits: RefiLimits
    names: list[str]
    read_total: int = 0

    def read(self, name: str) -> bytes:
        """The bytes of member ``name``, refusing more than its declared size or the limits."""
        info = self.archive.getinfo(name)
        if info.file_size > self.limits.max_member_bytes:
            raise RefiError(
                "EGC804",
                f"{self.path}: member {name!r} is {info.file_size:,} bytes; the limit is "
                f"{self.limits.max_member_bytes:,}",
            )
        if info.file_size > 1024 * 1024 and info.file_size > self.limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise RefiError(
                "EGC804",
                f"{self.path}: member {name!r} expands "
                f"{info.file_size // max(info.compress_size, 1)} times; refused as a zip bomb",
            )
        chunks: list[bytes] = []
        size = 0
        try:
            with self.archive.open(info) as stream:
                while chunk := stream.read(1024 * 1024):
                    size += len(chunk)
                    if size > info.file_size or size > self.limits.max_member_bytes:
                        raise RefiError(
                            "EGC804",
                            f"{self.path}: member {name!r} holds more than its declared "
                            f"{info.file_size:,} bytes; refused as a zip bomb",
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise RefiError("EGC802", f"{self.path}: cannot read member {name!r}: {exc}") from None
        self.read_total += size
        if self.read_total > self.limits.max_total_bytes:
            raise RefiError(
                "EGC804",
                f"{self.path}: the members read add up to more than "
                f"{self.limits.max_total_bytes:,} bytes",
            )
        return b"".join(chunks)

    def close(self) -> None:
        self.archive.close()


def open_zip(path: Path, limits: RefiLimits | None = None) -> SafeZip:
    """Open a .qdpx, refusing unsafe member names, links and too many members."""
    limits = limits or RefiLimits.from_env()
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise RefiError("EGC802", f"{path} is not a readable zip archive: {exc}") from None
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        archive.close()
        raise RefiError(
            "EGC805",
            f"{path} has {len(infos):,} members; the limit is {limits.max_members:,}",
        )
    names: list[str] = []
    for info in infos:
        problem = unsafe_member(info)
        if problem:
            archive.close()
            raise RefiError("EGC806", f"{path}: member {info.filename!r} {problem}; refused")
        names.append(info.filename)
    return SafeZip(path, archive, limits, names)


def unsafe_member(info: zipfile.ZipInfo) -> str | None:
    """Why a member name or type is unsafe, or None."""
    name = info.filename
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "is a symbolic link"
    if "\x00" in name:
        return "has a NUL byte in its name"
    posix = name.replace("\\", "/")
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        return "has an absolute path"
    if ".." in PurePosixPath(posix).parts:
        return "climbs out of the archive with '..'"
    return None
