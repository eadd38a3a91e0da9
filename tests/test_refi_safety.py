"""Hostile REFI-QDA files are clear errors naming the file, fast and with bounded memory."""

from __future__ import annotations

import io
import stat
import time
import zipfile
from pathlib import Path

import pytest

from egovcode.interchange.refi.safety import RefiError, RefiLimits, open_zip, parse_xml

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Project name="&lol9;"/>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Project name="&xxe;"/>"""


@pytest.mark.parametrize("data", [BOMB, XXE], ids=["billion-laughs", "xxe"])
def test_dtd_and_entities_are_refused(data: bytes) -> None:
    start = time.monotonic()
    with pytest.raises(RefiError) as info:
        parse_xml(data, "evil.qde")
    assert time.monotonic() - start < 2
    assert info.value.code == "EGC801"
    assert str(info.value).startswith("evil.qde: refused a DTD")


def test_malformed_xml_names_file_line_and_column() -> None:
    with pytest.raises(RefiError) as info:
        parse_xml(b"<Project>\n  <Users>\n</Project>", "broken.qde")
    assert info.value.code == "EGC802"
    assert str(info.value).startswith("broken.qde:3:3: not well-formed XML")


def test_xml_over_the_size_limit_is_refused() -> None:
    with pytest.raises(RefiError) as info:
        parse_xml(b"<Project/>" + b" " * 100, "big.qde", RefiLimits(max_xml_bytes=50))
    assert info.value.code == "EGC803"


def _zip(tmp_path: Path, members: dict[str, bytes], *, link: str | None = None) -> Path:
    path = tmp_path / "p.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
        if link:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            z.writestr(info, "/etc/passwd")
    return path


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../../evil.txt", "climbs out of the archive"),
        ("/etc/evil.txt", "absolute path"),
        ("C:/evil.txt", "absolute path"),
        ("sources/..\\..\\evil.txt", "climbs out of the archive"),
    ],
)
def test_zip_slip_is_refused(tmp_path: Path, name: str, words: str) -> None:
    path = _zip(tmp_path, {"project.qde": b"<Project/>", name: b"x"})
    with pytest.raises(RefiError) as info:
        open_zip(path)
    assert info.value.code == "EGC806"
    assert str(path) in str(info.value) and words in str(info.value)


def test_links_are_refused(tmp_path: Path) -> None:
    path = _zip(tmp_path, {"project.qde": b"<Project/>"}, link="sources/link.txt")
    with pytest.raises(RefiError, match="symbolic link") as info:
        open_zip(path)
    assert info.value.code == "EGC806"


def test_too_many_members(tmp_path: Path) -> None:
    path = _zip(tmp_path, {f"sources/{i}.txt": b"" for i in range(30)})
    with pytest.raises(RefiError) as info:
        open_zip(path, RefiLimits(max_members=20))
    assert info.value.code == "EGC805" and "30 members" in str(info.value)


def test_zip_bomb_is_refused_by_ratio(tmp_path: Path) -> None:
    path = _zip(tmp_path, {"project.qde": b"<Project/>", "sources/a.txt": b"\0" * (8 << 20)})
    start = time.monotonic()
    safe = open_zip(path)
    with pytest.raises(RefiError) as info:
        safe.read("sources/a.txt")
    assert time.monotonic() - start < 5
    assert info.value.code == "EGC804" and "zip bomb" in str(info.value)


def test_member_lying_about_its_size_is_refused(tmp_path: Path) -> None:
    """A header that declares fewer bytes than the stream holds stops reading at the lie."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        z.writestr("sources/a.txt", b"A" * 4096)
    raw = bytearray(buffer.getvalue())
    # patch the uncompressed size in the central directory (offset 24 from its signature)
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 24 : central + 28] = (100).to_bytes(4, "little")
    path = tmp_path / "lie.qdpx"
    path.write_bytes(bytes(raw))
    safe = open_zip(path)
    with pytest.raises(RefiError) as info:
        safe.read("sources/a.txt")
    assert info.value.code in ("EGC804", "EGC802")


def test_member_over_the_size_limit(tmp_path: Path) -> None:
    path = _zip(tmp_path, {"sources/a.txt": bytes(range(256)) * 64})
    safe = open_zip(path, RefiLimits(max_member_bytes=1000))
    with pytest.raises(RefiError) as info:
        safe.read("sources/a.txt")
    assert info.value.code == "EGC804"
