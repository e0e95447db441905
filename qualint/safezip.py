"""Open Office Open XML packages (.docx) safely, before any library touches them.

A .docx is a zip of XML parts, and both layers can be turned against the machine: a 445 KB file can
declare (or really hold) gigabytes of XML, and XML can declare entities that expand exponentially or
point at files and URLs. python-docx reads every member with no size cap, so every archive is checked
here first, from its central directory, without decompressing anything:

- at most ``MAX_ENTRIES`` members, no duplicate, absolute, ``..`` or NUL-bearing names;
- no encrypted member and no compression method other than stored or deflate;
- each member at most ``MAX_MEMBER_BYTES`` and all members together at most ``MAX_TOTAL_BYTES``
  uncompressed (as declared);
- a member above ``RATIO_MIN_BYTES`` may not expand more than ``MAX_RATIO`` times (XML compresses about
  5-20:1; 100:1 and beyond is a bomb).

Members are then read by streaming with a hard cap (``read_member``), so a header that lies about the
size cannot make a read grow past the declared size or the cap. XML is parsed only with
``parse_xml``: no DOCTYPE or ENTITY declaration at all (Office never writes one), entity resolution,
DTD loading and network access off, libxml2's huge-tree mode off, and at most ``MAX_XML_DEPTH`` levels.

Every refusal is an ``InputError`` with a one-line reason.
"""

from __future__ import annotations

import os
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING

from qualint.errors import InputError, first_line, from_os_error

if TYPE_CHECKING:
    from lxml import etree

#: Largest archive file read at all (bytes on disk).
MAX_ARCHIVE_BYTES = 200 * 1024 * 1024
#: Most members in one package. Real reports hold 20-200 (parts, rels, media).
MAX_ENTRIES = 2_000
#: Largest declared uncompressed size of one member.
MAX_MEMBER_BYTES = 100 * 1024 * 1024
#: Largest declared uncompressed size of all members together (python-docx keeps all of them in memory).
MAX_TOTAL_BYTES = 200 * 1024 * 1024
#: Members smaller than this may compress as well as they like (tiny repetitive XML compresses >100:1).
RATIO_MIN_BYTES = 1024 * 1024
#: Largest uncompressed:compressed ratio of a member above ``RATIO_MIN_BYTES``.
MAX_RATIO = 100
#: Deepest XML element nesting accepted. Word documents nest about 10-30 levels (tables in tables,
#: content controls, drawings); libxml2 itself stops at 256 without huge-tree mode.
MAX_XML_DEPTH = 128

_CHUNK = 64 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORBIDDEN_MARKUP = tuple(
    (marker.encode(enc), marker[2:]) for marker in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be")
)


def _mb(n: int) -> str:
    return f"{n / 1048576:.0f} MB"


class SafeZip:
    """A checked zip archive: every member's declared size and ratio is within the limits."""

    def __init__(self, archive: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo]):
        self._zip = archive
        self._infos = infos

    def names(self) -> list[str]:
        return list(self._infos)

    def has(self, name: str) -> bool:
        return name in self._infos

    def read_member(self, name: str, cap: int = MAX_MEMBER_BYTES) -> bytes:
        """The member's bytes, read in chunks and never more than its declared size or ``cap``."""
        info = self._infos.get(name)
        if info is None:
            raise InputError(f"corrupt .docx (missing part {name})")
        limit = min(cap, info.file_size)
        if info.file_size > cap:
            raise InputError(f"part {name} too large ({_mb(info.file_size)} > {_mb(cap)} limit)")
        chunks: list[bytes] = []
        total = 0
        try:
            with self._zip.open(info) as fh:
                while True:
                    chunk = fh.read(_CHUNK)
                    if not chunk:
                        break
                    total += len(chunk)
                    if total > limit:
                        raise InputError(f"part {name} larger than declared (zip bomb?)")
                    chunks.append(chunk)
        except InputError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise InputError(f"corrupt .docx ({name}: {first_line(exc, with_type=False, limit=160)})") from None
        return b"".join(chunks)

    def parse_xml(self, name: str, cap: int = MAX_MEMBER_BYTES) -> etree._Element:
        return parse_xml(self.read_member(name, cap), name)

    def scan_xml_members(self) -> None:
        """Refuse the package if any XML member declares a DOCTYPE or ENTITY (read with the cap).

        Used before handing the file to python-docx, which parses the parts it knows by itself."""
        for name in self._infos:
            if name.lower().endswith((".xml", ".rels")):
                _refuse_declarations(self.read_member(name), name)

    def close(self) -> None:
        self._zip.close()


def check_archive(fh: IO[bytes], size: int) -> SafeZip:
    """Check an open archive's central directory against every limit; nothing is decompressed."""
    if size > MAX_ARCHIVE_BYTES:
        raise InputError(f"file too large ({size / 1048576:.1f} MB > {_mb(MAX_ARCHIVE_BYTES)} limit)")
    head = fh.read(8)
    fh.seek(0)
    if head.startswith(_OLE_MAGIC):
        raise InputError("not a .docx package: an old .doc or a password-protected Word file (save it as an unprotected .docx)")
    if not head.startswith(b"PK"):
        raise InputError("not a .docx file (not a zip archive)" if size else "empty file")
    try:
        archive = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise InputError(f"corrupt or truncated .docx ({first_line(exc, with_type=False, limit=160)})") from None
    try:
        infos = _check_members(archive.infolist())
    except InputError:
        archive.close()
        raise
    return SafeZip(archive, infos)


def _check_members(members: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    if len(members) > MAX_ENTRIES:
        raise InputError(f"zip has too many entries ({len(members)} > {MAX_ENTRIES} limit)")
    infos: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in members:
        name = info.filename
        if "\x00" in name or name.startswith(("/", "\\")) or ".." in name.replace("\\", "/").split("/"):
            raise InputError(f"zip entry with an unsafe name ({name[:60]!r})")
        if name in infos:
            raise InputError(f"zip has a duplicate entry ({name[:60]})")
        if info.flag_bits & 0x1:
            raise InputError(f"zip entry is encrypted ({name[:60]})")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise InputError(f"zip entry uses an unsupported compression method {info.compress_type} ({name[:60]})")
        if info.file_size < 0 or info.compress_size < 0:
            raise InputError(f"zip entry with a negative size ({name[:60]})")
        if info.file_size > MAX_MEMBER_BYTES:
            raise InputError(f"zip entry too large ({name[:60]}: {_mb(info.file_size)} > {_mb(MAX_MEMBER_BYTES)} limit)")
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise InputError(f"zip bomb suspected ({name[:60]} expands {ratio}:1 > {MAX_RATIO}:1 limit)")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise InputError(f"zip bomb suspected (total uncompressed size > {_mb(MAX_TOTAL_BYTES)} limit)")
        infos[name] = info
    return infos


@contextmanager
def open_package(path: str | os.PathLike) -> Iterator[SafeZip]:
    """Open and check ``path``; yields a ``SafeZip``. File-system failures become InputError."""
    try:
        fh = open(path, "rb")
    except OSError as exc:
        raise from_os_error(exc) from None
    with fh:
        package = check_archive(fh, os.fstat(fh.fileno()).st_size)
        try:
            yield package
        finally:
            package.close()


def xml_parser() -> etree.XMLParser:
    """A new lxml parser that never resolves entities, loads a DTD, uses the network or lifts
    libxml2's size and depth limits. (Parsers are not thread-safe: make one per use.)"""
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _refuse_declarations(data: bytes, name: str) -> None:
    for marker, kind in _FORBIDDEN_MARKUP:
        if marker in data:
            raise InputError(f"XML {kind} declaration in {name} refused (external or expanding entities)")


def parse_xml(data: bytes, name: str = "XML", max_depth: int = MAX_XML_DEPTH) -> etree._Element:
    """Parse untrusted XML: declarations refused outright, depth limited, errors as InputError."""
    from lxml import etree

    _refuse_declarations(data, name)
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        reason = first_line(exc, with_type=False, limit=160)
        if "depth" in reason.lower():
            raise InputError(f"XML nested too deeply in {name} (> {max_depth} levels)") from None
        raise InputError(f"corrupt XML in {name} ({reason})") from None
    except (ValueError, MemoryError) as exc:
        raise InputError(f"corrupt XML in {name} ({first_line(exc, with_type=False, limit=160)})") from None
    if root is None:
        raise InputError(f"corrupt XML in {name} (empty)")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise InputError(f"XML DOCTYPE declaration in {name} refused (external or expanding entities)")
    depth = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > max_depth:
            raise InputError(f"XML nested too deeply in {name} (> {max_depth} levels)")
    return root


def resolve_target(source_part: str, target: str) -> str:
    """Zip member name of a relationship target, relative to the part that owns the relationship."""
    target = target.replace("\\", "/")
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def rels_name(part: str) -> str:
    """The relationships part of ``part`` (``word/document.xml`` → ``word/_rels/document.xml.rels``)."""
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


