"""Tiny report builder for the indicator tests: paragraphs are strings, a table is a list of rows
(the first row its header), written in the corpus text layout and read by the real text reader."""

from __future__ import annotations

from qualint.document import Document
from qualint.engine import check_document
from qualint.findings import Finding
from qualint.readers.text import build_document


def layout(*blocks: str | list[list[str]]) -> str:
    lines: list[str] = []
    for b in blocks:
        if isinstance(b, str):
            lines.append(b)
            continue
        for row in b:
            lines.extend("\t" + cell for cell in row)
            lines.append("")
        lines.append("")
    return "\n".join(lines) + "\n"


def doc(*blocks: str | list[list[str]]) -> Document:
    return build_document("report.txt", layout(*blocks))


def findings(*blocks: str | list[list[str]], rules: tuple[str, ...] = ()) -> list[Finding]:
    found = check_document(doc(*blocks))
    return [f for f in found if not rules or f.rule in rules]


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle`` in ``layout`` output."""
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)
