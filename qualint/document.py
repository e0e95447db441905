"""The document model every reader produces and every later layer consumes.

A report is a sequence of blocks (paragraphs and tables) in reading order. Every piece of text keeps a
``Location`` a person can find again: the source line (for text formats; for Word the paragraph number),
and for a table cell its table, row and column. Later layers never look at the source file again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """Where a piece of text sits in its source.

    ``line`` is 1-based: a line of a text file, or a paragraph number in a Word file, or a running
    line number in a PDF. ``table``/``row``/``column`` are 1-based and set only for table cells.
    """

    line: int
    end_line: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    page: int | None = None
    heading: str | None = None

    def describe(self, lang: str = "zh") -> str:
        """A short human pointer such as ``第41行 表1 第5行第5列``."""
        parts = []
        if lang == "zh":
            parts.append(f"第{self.line}行")
            if self.page is not None:
                parts.append(f"第{self.page}页")
            if self.table is not None:
                parts.append(f"第{self.table}个表格 第{self.row}行第{self.column}列")
        else:
            parts.append(f"line {self.line}")
            if self.page is not None:
                parts.append(f"page {self.page}")
            if self.table is not None:
                parts.append(f"table {self.table} row {self.row} col {self.column}")
        return " ".join(parts)


@dataclass(frozen=True)
class Paragraph:
    """A run of prose. ``line_starts`` maps character offsets back to source lines when a paragraph
    spans several source lines (offset ``line_starts[i]`` begins line ``location.line + i``)."""

    text: str
    location: Location
    line_starts: tuple[int, ...] = (0,)

    def line_of(self, offset: int) -> int:
        """Source line holding character ``offset`` of ``text``."""
        line = self.location.line
        for i, start in enumerate(self.line_starts):
            if offset >= start:
                line = self.location.line + i
            else:
                break
        return line


@dataclass(frozen=True)
class Cell:
    """One table cell after merged cells are resolved: a merged cell's text stands in its first grid
    position and the positions it covers are empty cells with ``merged=True``."""

    text: str
    location: Location
    merged: bool = False


@dataclass(frozen=True)
class Table:
    """A table as a grid of cells (rows may be ragged in messy exports). ``caption`` is the nearest
    preceding paragraph that looks like a table title (表3：…), if any."""

    index: int
    rows: tuple[tuple[Cell, ...], ...]
    location: Location
    caption: str | None = None

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, row: int, column: int) -> Cell | None:
        """0-based access that tolerates ragged rows."""
        if 0 <= row < len(self.rows) and 0 <= column < len(self.rows[row]):
            return self.rows[row][column]
        return None


Block = Paragraph | Table


@dataclass(frozen=True)
class Document:
    """A whole report. ``path`` is as given on the command line; ``encoding`` is what the reader
    decoded (for text formats), shown by ``--verbose``. ``suppressions`` are raw inline directives the
    reader found (comments in Markdown/text, Word comments), interpreted by the suppression layer."""

    path: str
    blocks: tuple[Block, ...]
    encoding: str | None = None
    line_count: int = 0
    suppressions: tuple[Directive, ...] = field(default=())

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))


@dataclass(frozen=True)
class Directive:
    """An inline ``qualint: …`` directive found by a reader, e.g. ``ignore[QL101] 理由``.

    ``line`` is where it stands; ``applies_to`` is the range of source lines it covers (the reader
    knows whether the next block is a table it covers whole).
    """

    text: str
    line: int
    applies_to: tuple[int, int]
