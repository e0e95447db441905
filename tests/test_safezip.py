"""The safe-zip / safe-XML layer: every limit refuses with a one-line reason naming it, before
anything is decompressed; reads stop at the declared size; XML declarations are refused."""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from qualint import safezip
from qualint.errors import InputError
from qualint.readers import read
from tests.builders import P, rezip, to_docx

GOOD = to_docx([P("学生1259人。")])


def package(tmp_path: Path, data: bytes, name: str = "x.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(tmp_path: Path, data: bytes, match: str) -> str:
    path = package(tmp_path, data)
    with pytest.raises(InputError, match=match) as info:
        with safezip.open_package(path):
            pass
    message = str(info.value)
    assert "\n" not in message
    with pytest.raises(InputError):  # the reader refuses it the same way
        read(path)
    return message


def zip_of(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return buf.getvalue()


def patch_central(data: bytes, name: str, offset: int, value: bytes) -> bytes:
    """Overwrite bytes at ``offset`` of ``name``'s central directory record."""
    out = bytearray(data)
    pos = out.find(b"PK\x01\x02")
    while pos != -1:
        n = int.from_bytes(out[pos + 28 : pos + 30], "little")
        if out[pos + 46 : pos + 46 + n] == name.encode():
            out[pos + offset : pos + offset + len(value)] = value
        pos = out.find(b"PK\x01\x02", pos + 4)
    return bytes(out)


def test_a_real_package_opens(tmp_path: Path) -> None:
    with safezip.open_package(package(tmp_path, GOOD)) as pkg:
        assert pkg.has("word/document.xml")
        root = pkg.parse_xml("word/document.xml")
        assert root.tag.endswith("document")


@pytest.mark.parametrize(("data", "match"), [
    (b"", "empty"),
    (b"hello, not a zip at all", "not a zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old .doc or a password-protected"),
    (GOOD[: len(GOOD) // 2], "corrupt or truncated"),
])
def test_not_a_package(tmp_path: Path, data: bytes, match: str) -> None:
    refused(tmp_path, data, match)


def test_too_many_entries(tmp_path: Path) -> None:
    data = rezip(GOOD, add={f"customXml/i{i}.xml": b"<a/>" for i in range(safezip.MAX_ENTRIES)})
    assert "2000" in refused(tmp_path, data, "too many entries")


def test_declared_member_size_over_the_limit(tmp_path: Path) -> None:
    huge = (safezip.MAX_MEMBER_BYTES + 1).to_bytes(4, "little")
    data = patch_central(GOOD, "word/document.xml", 24, huge)
    refused(tmp_path, data, "too large|zip bomb")


def test_total_size_over_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safezip, "MAX_TOTAL_BYTES", 50_000)
    data = rezip(GOOD, add={f"media/image{i}.bin": bytes(range(256)) * 40 for i in range(8)})
    refused(tmp_path, data, "total uncompressed size")


def test_compression_ratio_bomb(tmp_path: Path) -> None:
    data = rezip(GOOD, add={"word/media/blank.xml": b" " * (4 * 1024 * 1024)})
    message = refused(tmp_path, data, "zip bomb suspected")
    assert "100:1" in message


def test_small_members_may_compress_well(tmp_path: Path) -> None:
    data = rezip(GOOD, add={"word/fontTable2.xml": b"<a>" + b" " * 500_000 + b"</a>"})
    with safezip.open_package(package(tmp_path, data)) as pkg:
        assert len(pkg.read_member("word/fontTable2.xml")) > 500_000


def test_encrypted_and_odd_entries(tmp_path: Path) -> None:
    flagged = patch_central(GOOD, "word/document.xml", 8, (1).to_bytes(2, "little"))
    refused(tmp_path, flagged, "encrypted")
    refused(tmp_path, zip_of({"[Content_Types].xml": b"<a/>"}, zipfile.ZIP_BZIP2), "compression method")
    refused(tmp_path, zip_of({"../../evil.xml": b"<a/>"}), "unsafe name")
    refused(tmp_path, zip_of({"/abs.xml": b"<a/>"}), "unsafe name")
    with pytest.warns(UserWarning):
        dup = _duplicate()
    refused(tmp_path, dup, "duplicate")


def _duplicate() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", b"<a/>")
        z.writestr("word/document.xml", b"<b/>")
    return buf.getvalue()


def test_lying_header_stops_at_the_declared_size(tmp_path: Path) -> None:
    real = b"<a>" + b" " * (64 * 1024 * 1024) + b"</a>"
    data = zip_of({"word/document.xml": real})
    data = patch_central(data, "word/document.xml", 24, (4096).to_bytes(4, "little"))
    path = package(tmp_path, data)
    tracemalloc.start()
    try:
        with safezip.open_package(path) as pkg:
            with pytest.raises(InputError, match="corrupt|larger than declared"):
                pkg.read_member("word/document.xml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1048576:.1f} MB"


def test_read_cap_below_the_declared_size(tmp_path: Path) -> None:
    with safezip.open_package(package(tmp_path, GOOD)) as pkg:
        with pytest.raises(InputError, match="too large"):
            pkg.read_member("word/document.xml", cap=10)


# ---------------------------------------------------------------- XML


@pytest.mark.parametrize("xml", [
    '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>',
    '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY l0 "lol"><!ENTITY l1 "&l0;&l0;&l0;">]><a>&l1;</a>',
    '<?xml version="1.0"?><!DOCTYPE a SYSTEM "http://127.0.0.1:9/a.dtd"><a/>',
])
def test_declarations_are_refused(xml: str) -> None:
    with pytest.raises(InputError, match="DOCTYPE|ENTITY"):
        safezip.parse_xml(xml.encode(), "word/document.xml")
    with pytest.raises(InputError, match="DOCTYPE|ENTITY"):
        safezip.parse_xml(xml.replace("utf-8", "utf-16").encode("utf-16-le"), "word/document.xml")


def test_depth_limit() -> None:
    ok = b"<a>" * 100 + b"</a>" * 100
    assert safezip.parse_xml(ok) is not None
    deep = b"<a>" * (safezip.MAX_XML_DEPTH + 1) + b"</a>" * (safezip.MAX_XML_DEPTH + 1)
    with pytest.raises(InputError, match="nested too deeply"):
        safezip.parse_xml(deep, "word/document.xml")
    very_deep = b"<a>" * 5000 + b"</a>" * 5000
    with pytest.raises(InputError, match="nested too deeply"):
        safezip.parse_xml(very_deep, "word/document.xml")


def test_malformed_xml() -> None:
    with pytest.raises(InputError, match="corrupt XML in word/document.xml"):
        safezip.parse_xml(b"<a><b></a>", "word/document.xml")


def test_parser_never_resolves_entities() -> None:
    # The parser alone (without the declaration check) leaves entities unexpanded and loads nothing.
    from lxml import etree

    xml = b'<!DOCTYPE a [<!ENTITY x "EXPANDED"><!ENTITY f SYSTEM "file:///etc/hostname">]><a>&x;&f;</a>'
    root = etree.fromstring(xml, safezip.xml_parser())
    text = "".join(root.itertext())
    assert "EXPANDED" not in text


def test_scan_refuses_declarations_in_any_xml_member(tmp_path: Path) -> None:
    data = rezip(GOOD, add={"customXml/item9.xml": b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'})
    with safezip.open_package(package(tmp_path, data)) as pkg:
        with pytest.raises(InputError, match="customXml/item9.xml"):
            pkg.scan_xml_members()
