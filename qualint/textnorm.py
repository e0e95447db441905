"""Offset-preserving normalisation of report text.

Every later layer reports character offsets into the source, so normalisation must map each character to
exactly one character: a 1:1 ``str.translate`` of full-width digits, signs and punctuation. NFKC would
merge or split characters and break offsets, so it is never applied to the whole text.
"""

from __future__ import annotations

_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update(
    {
        "．": ".",
        "，": "，",  # kept: a Chinese comma is a separator, not a decimal point
        "％": "%",
        "＋": "+",
        "－": "-",
        "−": "-",  # U+2212 minus sign
        "–": "-",  # en dash used as a minus in some exports
        "：": ":",
        "∶": ":",  # U+2236 ratio sign
        "／": "/",
        "（": "(",
        "）": ")",
        "\u3000": " ",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
    }
)
_TABLE = str.maketrans(_FULLWIDTH)


def normalise(text: str) -> str:
    """Return ``text`` with full-width forms folded, same length, same offsets."""
    out = text.translate(_TABLE)
    assert len(out) == len(text)
    return out
