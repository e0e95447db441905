"""Word (.docx) reports → the document model, by walking the WordprocessingML ourselves.

``python-docx``'s ``paragraph.text`` drops tracked insertions (``w:ins``), content controls
(``w:sdt``), simple fields and smart tags, and keeps hidden text, so the text is read from the XML
here: insertions, content controls, field results, smart tags, custom XML and hyperlinks are text;
deletions (``w:del``, ``w:moveFrom``), hidden runs (``w:vanish``), field instructions and footnote
reference marks are not.

Numbering: every ``w:p`` in document order gets a running number (table cell paragraphs too), and
that number is ``Location.line`` — Word has no lines, but the number orders findings and lets
``annotate`` find the paragraph again. A cell's line is its first paragraph; its text is its
paragraphs joined (as the text export does). Merged cells are resolved to a grid: a cell spanning
columns (``gridSpan``) or continuing a vertical merge (``vMerge``) leaves ``Cell("", merged=True)`` in
the positions it covers. A table inside a cell becomes a table of its own right after its outer
table. Footnotes and endnotes follow the body (numbers in them are checked); headers and footers are
not read (they repeat the title and page numbers).

Word comments beginning ``qualint:`` become suppression directives covering the paragraphs they
are anchored on.

The walk works on any lxml tree of the same XML, so ``annotate`` runs it on python-docx's tree and
gets the same paragraph numbers plus a ``DocxIndex`` from number to the ``w:t`` elements holding each
character. The package is opened through ``qualint.safezip`` (size, ratio and entity limits) only.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import regex

from qualint.document import Block, Cell, Directive, Document, Location, Paragraph, Table
from qualint.errors import InputError
from qualint.readers.text import CAPTION, HEADING

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
W = f"{{{W_NS}}}"

#: Widest table grid accepted (a hostile gridSpan could otherwise ask for millions of columns).
MAX_COLUMNS = 256
#: Deepest nesting of containers (tables in cells, content controls, insertions) followed.
MAX_NESTING = 64

_TRUE = {None, "1", "true", "on"}
_HEADING_STYLE = regex.compile(r"^(?:heading|标题)\s*(\d)$", regex.I)
_DIRECTIVE = regex.compile(r"^\s*qualint\s*[:：]\s*(?P<body>.+?)\s*$", regex.S)
_SKIP_NOTE_TYPES = {"separator", "continuationSeparator", "continuationNotice"}

# Inline containers whose children are paragraph content.
_INLINE_CONTAINERS = {W + t for t in ("ins", "moveTo", "smartTag", "customXml", "hyperlink", "fldSimple", "bdo", "dir")}
_DELETED = {W + "del", W + "moveFrom"}
_REL_TYPE_TAIL = {
    "officeDocument": "/officeDocument",
    "styles": "/styles",
    "comments": "/comments",
    "footnotes": "/footnotes",
    "endnotes": "/endnotes",
}


def _val(el: Any, name: str = "val") -> str | None:
    return el.get(W + name) if el is not None else None


def _on(el: Any) -> bool | None:
    """A WordprocessingML on/off property: None when absent."""
    if el is None:
        return None
    return _val(el) in _TRUE


# ---------------------------------------------------------------- styles


@dataclass(frozen=True)
class StyleInfo:
    name: str
    based_on: str | None
    outline: int | None
    vanish: bool | None


@dataclass(frozen=True)
class Styles:
    """What the reader needs from styles.xml: heading levels and hidden-text styles."""

    styles: dict[str, StyleInfo] = field(default_factory=dict)
    default_paragraph: str | None = None

    @classmethod
    def from_element(cls, root: Any | None) -> Styles:
        if root is None:
            return cls()
        styles: dict[str, StyleInfo] = {}
        default = None
        for st in root.iterchildren(W + "style"):
            sid = st.get(W + "styleId")
            if not sid:
                continue
            ppr = st.find(W + "pPr")
            rpr = st.find(W + "rPr")
            outline = _val(ppr.find(W + "outlineLvl")) if ppr is not None else None
            styles[sid] = StyleInfo(
                name=_val(st.find(W + "name")) or sid,
                based_on=_val(st.find(W + "basedOn")),
                outline=int(outline) if outline and outline.isdigit() else None,
                vanish=_on(rpr.find(W + "vanish")) if rpr is not None else None,
            )
            if st.get(W + "type") == "paragraph" and st.get(W + "default") in ("1", "true", "on"):
                default = sid
        return cls(styles, default)

    def _chain(self, sid: str | None) -> Iterable[StyleInfo]:
        seen = 0
        while sid and sid in self.styles and seen < 20:
            info = self.styles[sid]
            yield info
            sid, seen = info.based_on, seen + 1

    def heading_level(self, sid: str | None) -> int | None:
        for info in self._chain(sid):
            m = _HEADING_STYLE.match(info.name.strip())
            if m:
                return int(m.group(1))
            if info.outline is not None and info.outline < 9:
                return info.outline + 1
        return None

    def vanish(self, sid: str | None) -> bool | None:
        for info in self._chain(sid):
            if info.vanish is not None:
                return info.vanish
        return None


# ---------------------------------------------------------------- the walk


@dataclass(frozen=True)
class Piece:
    """Characters ``start:end`` of a paragraph's text come from ``node`` (a ``w:t``, or a ``w:tab``/
    ``w:br``/… standing for one character; only ``w:t`` can be split)."""

    start: int
    end: int
    node: Any


@dataclass
class DocxIndex:
    """Paragraph number → its text pieces, and cell line → the paragraph numbers of the cell."""

    pieces: dict[int, list[Piece]] = field(default_factory=dict)
    cell_lines: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def text_pieces(self, location: Location) -> list[Piece]:
        """The pieces of the paragraph or cell at ``location``, offsets relative to its text."""
        lines = self.cell_lines.get(location.line, (location.line,)) if location.table is not None else (location.line,)
        out: list[Piece] = []
        offset = 0
        for line in lines:
            for p in self.pieces.get(line, []):
                out.append(Piece(p.start + offset, p.end + offset, p.node))
            if self.pieces.get(line):
                offset = out[-1].end
        return out


@dataclass
class _RawCell:
    text: str
    line: int
    end_line: int
    merged: bool = False


@dataclass
class _RawTable:
    rows: list[list[_RawCell]]
    line: int
    end_line: int
    heading: str | None
    caption: str | None
    nested: list[_RawTable] = field(default_factory=list)


@dataclass
class _RawParagraph:
    number: int
    text: str
    heading: str | None


class _Walker:
    def __init__(self, styles: Styles, keep_pieces: bool):
        self.styles = styles
        self.keep_pieces = keep_pieces
        self.count = 0
        self.heading: str | None = None
        self.fields: list[str] = []  # stack of complex-field states: "instr" or "result"
        self.comment_start: dict[str, int] = {}
        self.comment_end: dict[str, int] = {}
        self.index = DocxIndex()
        self.depth = 0
        self._in_paragraph = False

    # -- nesting guard ------------------------------------------------------------------
    def _enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise InputError(f"document nested too deeply (> {MAX_NESTING} levels of tables or controls)")

    def _leave(self) -> None:
        self.depth -= 1

    # -- comment anchors ----------------------------------------------------------------
    def _mark(self, el: Any, tag: str) -> bool:
        if tag == W + "commentRangeStart":
            cid = el.get(W + "id")
            if cid is not None:
                self.comment_start.setdefault(cid, self.count if self._in_paragraph else self.count + 1)
            return True
        if tag in (W + "commentRangeEnd", W + "commentReference"):
            cid = el.get(W + "id")
            if cid is not None:
                self.comment_end[cid] = max(self.count, 1)
            return True
        return False

    # -- blocks ---------------------------------------------------------------------------
    def blocks(self, container: Any, in_cell: bool = False) -> list[_RawParagraph | _RawTable]:
        """Paragraphs and tables of a body, cell, note or content control, in order."""
        out: list[_RawParagraph | _RawTable] = []
        self._enter()
        for child in container.iterchildren():
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == W + "p":
                out.append(self.paragraph(child, in_cell))
            elif tag == W + "tbl":
                caption = None
                prev = next((b for b in reversed(out) if not (isinstance(b, _RawParagraph) and not b.text.strip())), None)
                if isinstance(prev, _RawParagraph) and CAPTION.search(prev.text):
                    caption = prev.text.strip()
                table = self.table(child, caption)
                if table is not None:
                    out.append(table)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    out.extend(self.blocks(content, in_cell))
            elif tag in (W + "customXml", W + "ins", W + "moveTo"):
                out.extend(self.blocks(child, in_cell))
            else:
                self._mark(child, tag)
        self._leave()
        return out

    def paragraph(self, p: Any, in_cell: bool) -> _RawParagraph:
        self.count += 1
        number = self.count
        self._in_paragraph = True
        style = None
        outline = None
        ppr = p.find(W + "pPr")
        if ppr is not None:
            style = _val(ppr.find(W + "pStyle"))
            lvl = _val(ppr.find(W + "outlineLvl"))
            outline = int(lvl) if lvl and lvl.isdigit() and int(lvl) < 9 else None
        style = style or self.styles.default_paragraph
        pieces: list[Piece] = []
        parts: list[str] = []
        self._inline(p, parts, pieces, self.styles.vanish(style))
        self._in_paragraph = False
        text = "".join(parts)
        if self.keep_pieces:
            self.index.pieces[number] = pieces
        if not in_cell:
            stripped = text.strip()
            styled = outline is not None or self.styles.heading_level(style) is not None
            if stripped and ((styled and len(stripped) <= 60) or (HEADING.match(text) and len(stripped) <= 32)):
                self.heading = stripped
        return _RawParagraph(number, text, self.heading)

    def _inline(self, container: Any, parts: list[str], pieces: list[Piece], style_vanish: bool | None) -> None:
        self._enter()
        for child in container.iterchildren():
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == W + "r":
                self._run(child, parts, pieces, style_vanish)
            elif tag in _INLINE_CONTAINERS:
                self._inline(child, parts, pieces, style_vanish)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._inline(content, parts, pieces, style_vanish)
            elif tag in _DELETED:
                continue
            else:
                self._mark(child, tag)
        self._leave()

    def _hidden(self, run: Any, style_vanish: bool | None) -> bool:
        rpr = run.find(W + "rPr")
        if rpr is not None:
            direct = _on(rpr.find(W + "vanish"))
            if direct is not None:
                return direct
            char_style = self.styles.vanish(_val(rpr.find(W + "rStyle")))
            if char_style is not None:
                return char_style
        return bool(style_vanish)

    def _run(self, run: Any, parts: list[str], pieces: list[Piece], style_vanish: bool | None) -> None:
        hidden = self._hidden(run, style_vanish)
        for child in run.iterchildren():
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == W + "fldChar":
                kind = _val(child, "fldCharType")
                if kind == "begin":
                    self.fields.append("instr")
                elif kind == "separate" and self.fields:
                    self.fields[-1] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
                continue
            if self._mark(child, tag):
                continue
            if hidden or "instr" in self.fields:
                continue
            if tag == W + "t":
                text = child.text or ""
            elif tag in (W + "tab", W + "ptab"):
                text = "\t"
            elif tag == W + "br":
                text = "\n" if _val(child, "type") in (None, "textWrapping") else ""
            elif tag == W + "cr":
                text = "\n"
            elif tag == W + "noBreakHyphen":
                text = "-"
            else:
                continue  # rPr, delText, instrText, footnote marks, drawings, symbols, soft hyphens
            if text:
                start = pieces[-1].end if pieces else 0
                parts.append(text)
                pieces.append(Piece(start, start + len(text), child))

    # -- tables -----------------------------------------------------------------------------
    def table(self, tbl: Any, caption: str | None) -> _RawTable | None:
        self._enter()
        heading = self.heading
        first = self.count + 1
        rows: list[list[_RawCell]] = []
        nested: list[_RawTable] = []
        for tr in _children(tbl, W + "tr"):
            trpr = tr.find(W + "trPr")
            deleted = trpr is not None and trpr.find(W + "del") is not None
            row: list[_RawCell] = []
            before = _int(_val(trpr.find(W + "gridBefore")) if trpr is not None else None)
            for _ in range(min(before, MAX_COLUMNS)):
                row.append(_RawCell("", self.count, self.count))
            for tc in _children(tr, W + "tc"):
                tcpr = tc.find(W + "tcPr")
                span = _int(_val(tcpr.find(W + "gridSpan")) if tcpr is not None else None) or 1
                vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
                hmerge = tcpr.find(W + "hMerge") if tcpr is not None else None
                line = self.count + 1
                content = self.blocks(tc, in_cell=True)
                end = max(self.count, line)
                text = "".join(b.text for b in content if isinstance(b, _RawParagraph))
                nested.extend(b for b in content if isinstance(b, _RawTable))
                if self.keep_pieces:
                    self.index.cell_lines[line] = tuple(b.number for b in content if isinstance(b, _RawParagraph))
                continues = (vmerge is not None and _val(vmerge) in (None, "continue")) or (
                    hmerge is not None and _val(hmerge) in (None, "continue")
                )
                row.append(_RawCell("" if continues else text.strip(), line, end, merged=continues))
                for _ in range(min(span, MAX_COLUMNS) - 1):
                    row.append(_RawCell("", line, end, merged=True))
                if len(row) > MAX_COLUMNS:
                    raise InputError(f"table too wide (> {MAX_COLUMNS} columns)")
            if not deleted and row:
                rows.append(row)
        self._leave()
        if not any(c.text for r in rows for c in r):
            return _RawTable([], first, max(self.count, first), heading, caption, nested) if nested else None
        return _RawTable(rows, first, max(self.count, first), heading, caption, nested)


def _children(el: Any, tag: str) -> Iterable[Any]:
    """Direct children with ``tag``, looking through content controls and custom XML wrappers."""
    for child in el.iterchildren():
        ctag = child.tag
        if ctag == tag:
            yield child
        elif ctag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _children(content, tag)
        elif ctag == W + "customXml":
            yield from _children(child, tag)


def _int(value: str | None) -> int:
    try:
        return max(0, int(value)) if value is not None else 0
    except ValueError:
        return 0


# ---------------------------------------------------------------- building the Document


@dataclass
class _Built:
    blocks: list[Block]
    tables: int = 0


def _flatten(raw: list[_RawParagraph | _RawTable], out: _Built) -> None:
    for b in raw:
        if isinstance(b, _RawParagraph):
            if b.text.strip():
                out.blocks.append(Paragraph(text=b.text, location=Location(line=b.number, heading=b.heading)))
            continue
        if b.rows:
            out.tables += 1
            index = out.tables
            rows = tuple(
                tuple(
                    Cell(
                        text=c.text,
                        location=Location(
                            line=c.line, end_line=c.end_line if c.end_line > c.line else None,
                            table=index, row=r + 1, column=k + 1, heading=b.heading,
                        ),
                        merged=c.merged,
                    )
                    for k, c in enumerate(row)
                )
                for r, row in enumerate(b.rows)
            )
            out.blocks.append(
                Table(index=index, rows=rows, caption=b.caption,
                      location=Location(line=b.line, end_line=b.end_line, table=index, heading=b.heading))
            )
        _flatten(list(b.nested), out)


def build(path: str, body: Any, styles: Styles | None = None, comments: Any | None = None,
          notes: Iterable[Any] = (), keep_index: bool = False) -> tuple[Document, DocxIndex]:
    """The Document of a ``w:body`` element (from any lxml tree), and the index if asked for."""
    walker = _Walker(styles or Styles(), keep_index)
    raw = walker.blocks(body)
    walker.heading = None
    for notes_root in notes:
        for note in notes_root.iterchildren():
            if isinstance(note.tag, str) and note.get(W + "type") not in _SKIP_NOTE_TYPES:
                raw.extend(walker.blocks(note))
    built = _Built(blocks=[])
    _flatten(raw, built)
    doc = Document(
        path=path,
        blocks=tuple(built.blocks),
        encoding=None,
        line_count=walker.count,
        suppressions=tuple(_directives(comments, walker)),
    )
    return doc, walker.index


def _directives(comments: Any | None, walker: _Walker) -> list[Directive]:
    if comments is None:
        return []
    out = []
    for c in comments.iterchildren(W + "comment"):
        text = " ".join("".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p")).strip()
        m = _DIRECTIVE.match(text)
        cid = c.get(W + "id")
        if not m or cid is None or cid not in walker.comment_end:
            continue
        last = walker.comment_end[cid]
        first = min(walker.comment_start.get(cid, last), last)
        out.append(Directive(text=m.group("body"), line=first, applies_to=(first, last)))
    return sorted(out, key=lambda d: d.line)


def _relationships(package: Any, part: str) -> dict[str, str]:
    """Relationship type tail (e.g. ``/styles``) → target part name, for internal targets."""
    from qualint.safezip import rels_name, resolve_target

    name = rels_name(part) if part else "_rels/.rels"
    if not package.has(name):
        return {}
    out: dict[str, str] = {}
    for rel in package.parse_xml(name).iterchildren(f"{{{REL_NS}}}Relationship"):
        rtype, target = rel.get("Type", ""), rel.get("Target")
        if target and rel.get("TargetMode") != "External":
            tail = "/" + rtype.rsplit("/", 1)[-1]
            out.setdefault(tail, resolve_target(part, target) if part else resolve_target("", target))
    return out


def read(path: str | os.PathLike) -> Document:
    """Read a .docx report (checked by ``qualint.safezip`` before anything is decompressed)."""
    from qualint.safezip import open_package

    with open_package(path) as package:
        main = _relationships(package, "").get(_REL_TYPE_TAIL["officeDocument"], "word/document.xml")
        if not package.has(main):
            raise InputError("not a Word document (no main document part)")
        root = package.parse_xml(main)
        if root.tag.startswith(f"{{{STRICT_W_NS}}}"):
            raise InputError("Strict Open XML .docx is not supported (save it as a standard Word document)")
        body = root.find(W + "body")
        if body is None:
            raise InputError("not a Word document (no document body)")
        rels = _relationships(package, main)

        def part(kind: str) -> Any | None:
            name = rels.get(_REL_TYPE_TAIL[kind])
            return package.parse_xml(name) if name and package.has(name) else None

        styles = Styles.from_element(part("styles"))
        comments = part("comments")
        notes = [n for n in (part("footnotes"), part("endnotes")) if n is not None]
    doc, _ = build(str(path), body, styles, comments, notes)
    if not doc.blocks:
        raise InputError("empty document (no text to check)")
    return doc
