"""Decode text files: BOM, then strict UTF-8, then strict GB18030.

Detector libraries misread short GBK text, so there is no statistical guessing: a BOM decides, then
strict UTF-8 (which almost never accepts non-UTF-8 Chinese by accident), then strict GB18030. UTF-16
without a BOM is recognised by its NUL-byte pattern. Anything else is a clear error.
"""

from __future__ import annotations

import codecs
import re

from qualint.errors import InputError

# C0 controls other than TAB, LF, VT, FF, CR, and DEL. Word exports hold a few (field marks \x13-\x15,
# cell marks \x07); binary data decoded by accident holds them by the thousand.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: Share of control characters in the first 64k characters above which text is taken for binary.
MAX_CONTROL_SHARE = 0.10

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.3 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError."""
    text, encoding = _decode(data)
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise InputError("binary file (control characters), not a text report")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {name} text at byte {exc.start}") from None
    guess16 = _utf16_without_bom(data)
    if guess16:
        try:
            return data.decode(guess16), guess16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:65536]:
        raise InputError("binary file (contains NUL bytes), not a text report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise InputError(
                f"undecodable text: neither UTF-8 (bad byte at {utf8_error.start}) nor GB18030"
            ) from None
