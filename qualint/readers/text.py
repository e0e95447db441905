"""Plain text in the corpus layout: Word exported as text.

A line starting with a TAB is a table cell; a blank line ends a row; two blank lines (or a line of prose)
end the table. Real exports are messy, and this reader absorbs the mess it has seen:

- header cells broken over several lines: a non-TAB line right after a cell continues that cell;
- a header row broken by a stray blank line: a short fragment after one blank line, followed by more
  cells, continues the last cell of the previous row and reopens that row;
- ``[bookmark: …]`` tags are blanked (same length, so offsets stay valid and their digits never
  become data);
- lone-TAB rows (empty merged cells) stay as empty cells; a "table" with no text at all is dropped.

Every other non-blank line is a paragraph of its own (Word paragraphs export one per line).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from qualint.document import Block, Cell, Directive, Document, Location, Paragraph, Table

BOOKMARK = regex.compile(r"\[bookmark:[^\]\n]*\]")
DIRECTIVE_LINE = regex.compile(r"^\s*(?:<!--\s*|#\s*|//\s*)?qualint:\s*(?P<body>.*?)\s*(?:-->)?\s*$")
DIRECTIVE_INLINE = regex.compile(r"<!--\s*qualint:\s*(?P<body>.*?)\s*-->")
HEADING = regex.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[一二三四五六七八九十]+、)\s*[^\s。；，,]{1,30}\s*$")
CAPTION = regex.compile(r"^\s*(?:表|附表|Table)\s*[\d一二三四五六七八九十]|(?:表|统计表|一览表|情况表)[：:]?\s*$")
_SENTENCE_PUNCT = regex.compile(r"[。；;！？!?]")


def blank_bookmarks(line: str) -> str:
    return BOOKMARK.sub(lambda m: " " * len(m.group(0)), line)


def _is_fragment(text: str) -> bool:
    s = text.strip()
    return 0 < len(s) <= 12 and not _SENTENCE_PUNCT.search(s) and not CAPTION.search(s)


@dataclass
class _TableBuilder:
    start_line: int
    caption: str | None
    rows: list[list[tuple[str, int]]] = field(default_factory=list)
    row: list[tuple[str, int]] = field(default_factory=list)

    def close_row(self) -> None:
        if self.row:
            self.rows.append(self.row)
            self.row = []

    def reopen_last_row(self) -> bool:
        if not self.row and self.rows:
            self.row = self.rows.pop()
            return True
        return False

    def append_to_last_cell(self, text: str) -> None:
        content, line = self.row[-1]
        joiner = "" if not content or not text else ""
        self.row[-1] = (content + joiner + text, line)


def _heading_of(text: str) -> str | None:
    return text.strip() if HEADING.match(text) and len(text.strip()) <= 32 else None


def build_document(path: str, text: str, encoding: str | None = None) -> Document:
    """Parse corpus-layout ``text`` into a Document (``path`` only labels it)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    blocks: list[Block] = []
    directives: list[tuple[str, int]] = []
    heading: str | None = None
    table: _TableBuilder | None = None
    blank_run = 0
    last_was_cell = False
    last_paragraph: str | None = None
    table_count = 0

    def finish_table() -> None:
        nonlocal table, table_count
        if table is None:
            return
        table.close_row()
        if any(t.strip() for row in table.rows for t, _ in row):
            table_count += 1
            rows = tuple(
                tuple(
                    Cell(
                        text=t.strip(),
                        location=Location(line=ln, table=table_count, row=r + 1, column=c + 1, heading=heading),
                    )
                    for c, (t, ln) in enumerate(row)
                )
                for r, row in enumerate(table.rows)
            )
            end = max((ln for row in table.rows for _, ln in row), default=table.start_line)
            blocks.append(
                Table(
                    index=table_count,
                    rows=rows,
                    location=Location(line=table.start_line, end_line=end, table=table_count, heading=heading),
                    caption=table.caption,
                )
            )
        table = None

    def next_is_cell(i: int) -> bool:
        """After a fragment at index i: do more fragments lead to a cell line?"""
        for j in range(i + 1, min(i + 6, len(lines))):
            nxt = lines[j]
            if nxt.startswith("\t"):
                return True
            if not _is_fragment(nxt):
                return False
        return False

    for i, raw in enumerate(lines):
        lineno = i + 1
        line = blank_bookmarks(raw.rstrip("\r"))
        d = DIRECTIVE_LINE.match(line)
        if d and not line.startswith("\t"):
            directives.append((d.group("body"), lineno))
            continue
        for m in DIRECTIVE_INLINE.finditer(line):
            directives.append((m.group("body"), -lineno))  # negative: covers its own line
            line = line[: m.start()] + " " * (m.end() - m.start()) + line[m.end() :]
        if line.startswith("\t"):
            if table is None:
                caption = last_paragraph if last_paragraph and CAPTION.search(last_paragraph) else None
                table = _TableBuilder(start_line=lineno, caption=caption)
            table.row.append((line[1:], lineno))
            last_was_cell = True
            blank_run = 0
            continue
        if not line.strip():
            if table is not None:
                table.close_row()
                blank_run += 1
                if blank_run >= 2:
                    finish_table()
            last_was_cell = False
            continue
        if table is not None and last_was_cell and table.row:
            table.append_to_last_cell(line.strip())
            continue
        if table is not None and blank_run == 1 and _is_fragment(line) and next_is_cell(i) and table.reopen_last_row():
            table.append_to_last_cell(line.strip())
            last_was_cell = True
            blank_run = 0
            continue
        finish_table()
        blank_run = 0
        last_was_cell = False
        heading = _heading_of(line) or heading
        blocks.append(Paragraph(text=line, location=Location(line=lineno, heading=heading)))
        last_paragraph = line
    finish_table()
    return Document(
        path=path,
        blocks=tuple(blocks),
        encoding=encoding,
        line_count=len(lines),
        suppressions=tuple(_directives(directives, blocks)),
    )


def _directives(found: list[tuple[str, int]], blocks: list[Block]) -> list[Directive]:
    """Resolve what each directive covers: its own line (inline), else the next block; a directive
    right before a table covers the whole table."""
    out = []
    starts = sorted(
        ((b.location.line, b.location.end_line or b.location.line) for b in blocks), key=lambda t: t[0]
    )
    for body, where in found:
        if where < 0:
            out.append(Directive(text=body, line=-where, applies_to=(-where, -where)))
            continue
        target = next(((s, e) for s, e in starts if s > where), (where + 1, where + 1))
        out.append(Directive(text=body, line=where, applies_to=target))
    return out
