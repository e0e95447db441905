"""Readers turn a file into the document model. Choose by suffix; every failure is an InputError.

Heavy readers (Word, PDF) are imported only when such a file is read, to keep start-up fast.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from qualint.document import Document
from qualint.errors import InputError, from_os_error

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | {".docx", ".pdf"}

#: Largest text report read by default (bytes). Real reports are well under 1 MB.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024


def read_bytes(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, refusing anything larger than ``max_bytes`` before reading it."""
    p = Path(path)
    try:
        # O_NONBLOCK: a FIFO put in place of a report must not block the run waiting for a writer.
        with os.fdopen(os.open(p, os.O_RDONLY | os.O_NONBLOCK), "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputError(_not_regular(info.st_mode))
            size = info.st_size
            if size > max_bytes:
                raise InputError(f"file too large ({size / 1048576:.1f} MB > {max_bytes / 1048576:.0f} MB limit)")
            # Ask for what the file holds, not for the limit: read(n) allocates n bytes up front, so
            # read(max_bytes + 1) would reserve the whole limit (32 MB, or gigabytes with --max-size).
            data = fh.read(min(size, max_bytes) + 1)
            if len(data) > size:  # it grew while being read (or is a /proc-like file of size 0)
                data += fh.read(max_bytes + 1 - len(data))
    except InputError:
        raise
    except OSError as exc:
        raise from_os_error(exc) from None
    if len(data) > max_bytes:
        raise InputError(f"file too large (> {max_bytes / 1048576:.0f} MB limit)")
    return data


def _not_regular(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory"
    kind = "FIFO" if stat.S_ISFIFO(mode) else "device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "socket"
    return f"not a regular file (a {kind})"


def require_regular_file(path: str | os.PathLike) -> None:
    """Refuse what is not a plain file (FIFO, device, socket, folder) before any reader opens it:
    opening a FIFO blocks, reading /dev/zero never ends."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise from_os_error(exc) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(_not_regular(info.st_mode))


def read(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read any supported report into a Document."""
    p = Path(path)
    require_regular_file(p)
    suffix = p.suffix.lower()
    if suffix == ".docx":
        from qualint.readers import docx

        return docx.read(p)
    if suffix == ".pdf":
        from qualint.readers import pdf

        return pdf.read(p)
    from qualint.readers.encoding import decode

    text, encoding = decode(read_bytes(p, max_bytes))
    if not text.strip():
        raise InputError("empty file (no text to check)")
    if suffix in MARKDOWN_SUFFIXES:
        from qualint.readers import markdown

        return markdown.build_document(str(path), text, encoding)
    from qualint.readers import text as text_reader

    return text_reader.build_document(str(path), text, encoding)
