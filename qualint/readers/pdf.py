"""PDF reports → the document model, with pdfplumber (the optional extra ``qualint[pdf]``).

A PDF has no paragraphs or tables, only positioned characters and lines, so this reader recovers them:

- tables are found by their ruling lines (pdfplumber's table finder); a "table" of one row or one column
  is a framed paragraph and stays prose. Positions a merged cell covers come back empty and become
  ``Cell("", merged=True)``. A table that ends one page and one with as many columns that starts the
  next page are one table split across pages (a repeated header row is dropped);
- every other text line is prose; lines are joined into a paragraph while a line runs to the right
  margin (or the next line's first word or number would not have fitted on it) and the next one is
  not indented, also from the foot of one page to the top of the next; joined without a space, as
  Chinese wraps (a space only between two Latin letters). Page numbers in the margins are dropped;
- where no table structure can be recovered the table's text is still there, as prose, and checked as
  such.

Numbering: ``Location.line`` is a running line number over the whole file (each prose line and each
table cell counts one, as in the text export), ``Location.page`` the 1-based page. CJK text stays
intact; spaces a PDF writer put between CJK characters are removed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from qualint.document import Block, Cell, Document, Location, Paragraph, Table
from qualint.errors import InputError
from qualint.readers.text import CAPTION, HEADING

#: Largest PDF read (bytes) and most pages; real reports are a few MB and under 200 pages.
MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PAGES = 2_000

INSTALL_HINT = "reading PDF needs the optional extra: pip install 'qualint[pdf]'"

_CJK_SPACE = regex.compile(r"(?<=[\p{Han}，。；：、！？（）《》“”％%])[ \t]+(?=[\p{Han}，。；：、！？（）《》“”])")
_PAGE_NUMBER = regex.compile(r"^\s*(?:[-—–]\s*)?(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*[/／]\s*\d{1,4})?(?:\s*[-—–])?\s*(?:页)?\s*$")
_MARGIN_SHARE = 0.08


_WRAP_UNIT = regex.compile(r"[A-Za-z0-9.,%+\-]+|\S")


def _first_unit_width(line: _Line) -> float:
    """Width of the first unbreakable unit (a Latin word, a number, or one CJK character) of a line:
    if it would not have fitted at the end of the line before, that line broke only for lack of room."""
    text = line.text.strip()
    m = _WRAP_UNIT.match(text)
    if not text or not m:
        return 0.0
    return (line.x1 - line.x0) / len(text) * len(m.group(0))


def _turns_page(prev_page: _PageItems, prev_line: _Line, page: _PageItems, line: _Line) -> bool:
    """``prev_line`` ends its page and ``line`` starts the next: a paragraph may run on."""
    return (page.number == prev_page.number + 1 and bool(prev_page.items) and prev_page.items[-1][1] is prev_line
            and bool(page.items) and page.items[0][1] is line)


def _clean(text: str) -> str:
    return _CJK_SPACE.sub("", text)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float


@dataclass
class _Grid:
    rows: list[list[str | None]]
    top: float
    page: int
    row_pages: list[int] = field(default_factory=list)
    bbox: tuple[float, ...] = ()
    lines: list[_Line] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class _PageItems:
    number: int
    items: list[tuple[float, _Line | _Grid]]
    left: float
    right: float


def _open(path: Path) -> Any:
    try:
        import pdfplumber
    except ImportError:
        raise InputError(INSTALL_HINT) from None
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError("file not found (it may have been removed)") from None
    except OSError as exc:
        raise InputError(f"cannot read ({exc.strerror or exc})") from None
    if size == 0:
        raise InputError("empty file")
    if size > MAX_PDF_BYTES:
        raise InputError(f"file too large ({size / 1048576:.1f} MB > {MAX_PDF_BYTES // 1048576} MB limit)")
    try:
        with open(path, "rb") as fh:
            if not fh.read(1024).lstrip().startswith(b"%PDF"):
                raise InputError("not a PDF file (no %PDF header)")
    except PermissionError:
        raise InputError("permission denied") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    try:
        return pdfplumber.open(path)
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise InputError("password-protected PDF (remove the password to check it)") from None
        raise InputError(f"corrupt PDF ({name}: {str(exc).splitlines()[0][:120] if str(exc) else ''})") from None


def _page_items(page: Any, number: int) -> _PageItems:
    candidates = []
    for found in page.find_tables():
        rows = [list(r) for r in found.extract()]
        if max((len(r) for r in rows), default=0) >= 2 and rows:
            candidates.append(_Grid(rows=rows, top=float(found.bbox[1]), page=number, row_pages=[number] * len(rows),
                                    bbox=tuple(map(float, found.bbox))))
    height = float(page.height)
    items: list[tuple[float, _Line | _Grid]] = []
    for line in page.extract_text_lines(return_chars=False):
        x0, top, x1, bottom = float(line["x0"]), float(line["top"]), float(line["x1"]), float(line["bottom"])
        text = _clean(line["text"])
        if not text.strip():
            continue
        in_margin = top < height * _MARGIN_SHARE or bottom > height * (1 - _MARGIN_SHARE)
        if in_margin and _PAGE_NUMBER.match(text):
            continue
        middle = (top + bottom) / 2
        owner = next((g for g in candidates if g.bbox[1] <= middle <= g.bbox[3] and x0 < g.bbox[2] and x1 > g.bbox[0]), None)
        if owner is not None:
            owner.lines.append(_Line(text, x0, x1, top))
        else:
            items.append((top, _Line(text, x0, x1, top)))
    for grid in candidates:
        items.append((grid.top, grid))
    items.sort(key=lambda t: t[0])
    # A one-row "table" is a framed paragraph, unless it opens the page (the tail of a split table):
    # it stays a candidate there and becomes prose again if it continues nothing.
    kept: list[tuple[float, _Line | _Grid]] = []
    for k, (top, item) in enumerate(items):
        if isinstance(item, _Grid) and len(item.rows) < 2 and k > 0:
            kept.extend((ln.top, ln) for ln in item.lines)
        else:
            kept.append((top, item))
    lines = [it for _, it in kept if isinstance(it, _Line)]
    left = min((ln.x0 for ln in lines), default=0.0)
    right = max((ln.x1 for ln in lines), default=float(page.width))
    return _PageItems(number, kept, left, right)


def _merge_split_tables(pages: list[_PageItems]) -> list[tuple[int, _Line | _Grid, _PageItems]]:
    """Reading order over all pages; a table continued at the top of the next page joins its start."""
    out: list[tuple[int, _Line | _Grid, _PageItems]] = []
    for page in pages:
        for k, (_, item) in enumerate(page.items):
            prev = out[-1][1] if out else None
            if (
                k == 0
                and isinstance(item, _Grid)
                and isinstance(prev, _Grid)
                and prev.page != page.number
                and prev.width == item.width
            ):
                rows = item.rows
                pages_of = item.row_pages
                if rows and [_clean(c or "") for c in rows[0]] == [_clean(c or "") for c in prev.rows[0]]:
                    rows, pages_of = rows[1:], pages_of[1:]
                prev.rows.extend(rows)
                prev.row_pages.extend(pages_of)
                continue
            if isinstance(item, _Grid) and len(item.rows) < 2:
                out.extend((page.number, ln, page) for ln in item.lines)
                continue
            out.append((page.number, item, page))
    return out


def read(path: str | os.PathLike) -> Document:
    """Read a PDF report (text and ruled tables, with page numbers)."""
    p = Path(path)
    pdf = _open(p)
    try:
        try:
            if len(pdf.pages) > MAX_PAGES:
                raise InputError(f"PDF has too many pages ({len(pdf.pages)} > {MAX_PAGES} limit)")
            pages = [_page_items(page, i + 1) for i, page in enumerate(pdf.pages)]
        except InputError:
            raise
        except Exception as exc:
            name = type(exc).__name__
            raise InputError(f"corrupt PDF ({name}: {str(exc).splitlines()[0][:120] if str(exc) else ''})") from None
    finally:
        pdf.close()
    doc = _build(str(path), _merge_split_tables(pages))
    if not doc.blocks:
        raise InputError("PDF has no text layer (a scan?); qualint needs the text, e.g. the PDF saved from Word")
    return doc


def _build(path: str, ordered: list[tuple[int, _Line | _Grid, _PageItems]]) -> Document:
    blocks: list[Block] = []
    line_no = 0
    heading: str | None = None
    tables = 0
    para: list[tuple[str, int]] = []
    para_page = 0
    last_paragraph: str | None = None

    def flush() -> None:
        nonlocal para, heading, last_paragraph
        if not para:
            return
        text = ""
        starts = []
        for piece, _ in para:
            starts.append(len(text))
            if text and text[-1].isascii() and text[-1].isalpha() and piece[:1].isascii() and piece[:1].isalpha():
                text += " "
                starts[-1] += 1
            text += piece
        first, last = para[0][1], para[-1][1]
        stripped = text.strip()
        if len(para) == 1 and HEADING.match(text) and len(stripped) <= 32:
            heading = stripped
        blocks.append(Paragraph(
            text=text,
            location=Location(line=first, end_line=last if last > first else None, page=para_page, heading=heading),
            line_starts=tuple(starts),
        ))
        last_paragraph = text
        para = []

    prev_line: _Line | None = None
    prev_page: _PageItems | None = None
    for page_no, item, page in ordered:
        if isinstance(item, _Line):
            line_no += 1
            joins = (
                para
                and prev_line is not None
                and prev_page is not None
                and (prev_page is page or _turns_page(prev_page, prev_line, page, item))
                and prev_line.x1 + _first_unit_width(item) >= prev_page.right - 2
                and item.x0 <= page.left + 6
            )
            if not joins:
                flush()
                para_page = page_no
            para.append((item.text.strip() if not para else item.text.strip(), line_no))
            prev_line, prev_page = item, page
            continue
        flush()
        prev_line = None
        tables += 1
        caption = last_paragraph.strip() if last_paragraph and CAPTION.search(last_paragraph) else None
        rows = []
        first_line = line_no + 1
        for r, (row, row_page) in enumerate(zip(item.rows, item.row_pages, strict=False)):
            cells = []
            for c, value in enumerate(row):
                line_no += 1
                text = _clean("".join((value or "").split("\n"))).strip()
                cells.append(Cell(
                    text=text,
                    location=Location(line=line_no, table=tables, row=r + 1, column=c + 1, page=row_page, heading=heading),
                    merged=value is None,
                ))
            rows.append(tuple(cells))
        blocks.append(Table(
            index=tables,
            rows=tuple(rows),
            location=Location(line=first_line, end_line=line_no, table=tables, page=item.page, heading=heading),
            caption=caption,
        ))
        last_paragraph = None
    flush()
    return Document(path=path, blocks=tuple(blocks), encoding=None, line_count=line_no)
