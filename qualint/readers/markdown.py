"""Markdown reports: pipe tables and paragraphs, with ``<!-- qualint: … -->`` directives.

Consecutive non-blank lines form one paragraph (joined with newlines, so each offset maps back to its
source line). A pipe table is a header line, a ``|---|`` separator and the rows that follow.
"""

from __future__ import annotations

import regex

from qualint.document import Block, Cell, Document, Location, Paragraph, Table
from qualint.readers.text import DIRECTIVE_INLINE, DIRECTIVE_LINE, _directives

SEPARATOR = regex.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
HEADING = regex.compile(r"^\s{0,3}#{1,6}\s+(?P<title>.+?)\s*#*\s*$")


def split_row(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    cells, buf, escaped = [], [], False
    for ch in s:
        if escaped:
            buf.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "|":
            cells.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
    cells.append("".join(buf).strip())
    return cells


def _is_table_line(line: str) -> bool:
    return "|" in line and line.strip().startswith("|")


def build_document(path: str, text: str, encoding: str | None = None) -> Document:
    lines = text.split("\n")
    blocks: list[Block] = []
    directives: list[tuple[str, int]] = []
    heading: str | None = None
    para: list[tuple[str, int]] = []
    table_count = 0
    last_text: str | None = None

    def flush_para() -> None:
        nonlocal para, last_text
        if para:
            starts, pos = [], 0
            for t, _ in para:
                starts.append(pos)
                pos += len(t) + 1
            joined = "\n".join(t for t, _ in para)
            blocks.append(
                Paragraph(text=joined, location=Location(line=para[0][1], end_line=para[-1][1], heading=heading),
                          line_starts=tuple(starts))
            )
            last_text = joined
            para = []

    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\r")
        lineno = i + 1
        d = DIRECTIVE_LINE.match(line)
        if d and "qualint:" in line and (line.strip().startswith("<!--") or line.strip().startswith("qualint:")):
            flush_para()
            directives.append((d.group("body"), lineno))
            i += 1
            continue
        for m in DIRECTIVE_INLINE.finditer(line):
            directives.append((m.group("body"), -lineno))
            line = line[: m.start()] + " " * (m.end() - m.start()) + line[m.end() :]
        if _is_table_line(line) and i + 1 < len(lines) and SEPARATOR.match(lines[i + 1]):
            flush_para()
            table_count += 1
            rows_raw = [(split_row(line), lineno)]
            j = i + 2
            while j < len(lines) and _is_table_line(lines[j]):
                row_line = lines[j].rstrip("\r")
                for m in DIRECTIVE_INLINE.finditer(row_line):  # a directive ending a row covers that row
                    directives.append((m.group("body"), -(j + 1)))
                row_line = DIRECTIVE_INLINE.sub("", row_line)
                rows_raw.append((split_row(row_line), j + 1))
                j += 1
            rows = tuple(
                tuple(
                    Cell(text=t, location=Location(line=ln, table=table_count, row=r + 1, column=c + 1, heading=heading))
                    for c, t in enumerate(cells)
                )
                for r, (cells, ln) in enumerate(rows_raw)
            )
            caption = last_text if last_text and len(last_text) <= 60 else None
            blocks.append(
                Table(index=table_count, rows=rows,
                      location=Location(line=lineno, end_line=rows_raw[-1][1], table=table_count, heading=heading),
                      caption=caption)
            )
            i = j
            continue
        h = HEADING.match(line)
        if h:
            flush_para()
            heading = h.group("title")
            blocks.append(Paragraph(text=line, location=Location(line=lineno, heading=heading)))
            last_text = h.group("title")
            i += 1
            continue
        if not line.strip():
            flush_para()
        else:
            para.append((line, lineno))
        i += 1
    flush_para()
    return Document(path=path, blocks=tuple(blocks), encoding=encoding, line_count=len(lines),
                    suppressions=tuple(_directives(directives, blocks)))
