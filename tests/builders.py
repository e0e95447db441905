"""Build .docx and .pdf test reports in code from one small spec, plus its corpus-layout text twin.

A spec is a list of blocks: ``P`` (a paragraph made of plain strings and marked-up segments such as
tracked insertions, deletions, hidden text, content controls and fields) and ``T`` (a table of cell
texts, with merges and nested tables). ``to_text`` writes the visible text in the corpus layout (a
TAB line per cell, a blank line after each row, two after the table), ``to_docx`` writes the Word file
with the markup in real WordprocessingML, ``to_pdf`` writes a PDF with fpdf2.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# ---------------------------------------------------------------- spec


@dataclass(frozen=True)
class Seg:
    """A marked-up piece of a paragraph. ``kind``: ins, del, hidden, sdt, fld (simple field), smart
    (smart tag), link (hyperlink), cfield (complex field: ``instr`` then the result ``text``), bold."""

    kind: str
    text: str
    instr: str = ""

    @property
    def visible(self) -> str:
        return "" if self.kind in ("del", "hidden") else self.text


@dataclass(frozen=True)
class P:
    parts: tuple[str | Seg, ...]
    style: str | None = None
    comment: str | None = None  # a Word comment anchored on the whole paragraph

    def __init__(self, *parts: str | Seg, style: str | None = None, comment: str | None = None):
        object.__setattr__(self, "parts", parts)
        object.__setattr__(self, "style", style)
        object.__setattr__(self, "comment", comment)

    @property
    def visible(self) -> str:
        return "".join(p if isinstance(p, str) else p.visible for p in self.parts)


@dataclass(frozen=True)
class T:
    """Rows of cell texts. ``hmerge``: (row, col, span) — the cell at (row, col) spans ``span``
    columns (the covered cells must be empty in ``rows``); ``vmerge``: (row, col, rows) likewise down.
    ``nested``: (row, col) → a table inside that cell. ``comments``: (row, col) → comment text."""

    rows: tuple[tuple[str, ...], ...]
    hmerge: tuple[tuple[int, int, int], ...] = ()
    vmerge: tuple[tuple[int, int, int], ...] = ()
    nested: dict = field(default_factory=dict)
    comments: dict = field(default_factory=dict)


def ins(text: str) -> Seg:
    return Seg("ins", text)


def dele(text: str) -> Seg:
    return Seg("del", text)


def hidden(text: str) -> Seg:
    return Seg("hidden", text)


def sdt(text: str) -> Seg:
    return Seg("sdt", text)


def fld(text: str) -> Seg:
    return Seg("fld", text)


def smart(text: str) -> Seg:
    return Seg("smart", text)


def link(text: str) -> Seg:
    return Seg("link", text)


def cfield(instr: str, result: str) -> Seg:
    return Seg("cfield", result, instr)


def bold(text: str) -> Seg:
    return Seg("bold", text)


# ---------------------------------------------------------------- text twin


def to_text(spec: list) -> str:
    """The visible text in the corpus layout (what Word's plain-text export gives)."""
    lines: list[str] = []
    for block in spec:
        if isinstance(block, P):
            lines.append(block.visible)
        else:
            for row in block.rows:
                lines.extend("\t" + cell for cell in row)
                lines.append("")
            lines.append("")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- Word


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _run(text: str, *, hidden_run: bool = False, bold_run: bool = False, deleted: bool = False):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r = OxmlElement("w:r")
    if hidden_run or bold_run:
        rpr = OxmlElement("w:rPr")
        if bold_run:
            rpr.append(OxmlElement("w:b"))
        if hidden_run:
            rpr.append(OxmlElement("w:vanish"))
        r.append(rpr)
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    return r


def _revision(tag: str, rid: int):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    el = OxmlElement(tag)
    el.set(qn("w:id"), str(rid))
    el.set(qn("w:author"), "审稿人")
    el.set(qn("w:date"), "2024-01-01T00:00:00Z")
    return el


def _fill_paragraph(paragraph, block: P, counter: list[int]) -> None:
    """Append the segments of ``block`` to a python-docx paragraph as real markup."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = paragraph._p
    for part in block.parts:
        counter[0] += 1
        if isinstance(part, str):
            p.append(_run(part))
            continue
        kind = part.kind
        if kind == "ins":
            el = _revision("w:ins", counter[0])
            el.append(_run(part.text))
        elif kind == "del":
            el = _revision("w:del", counter[0])
            el.append(_run(part.text, deleted=True))
        elif kind == "hidden":
            el = _run(part.text, hidden_run=True)
        elif kind == "bold":
            el = _run(part.text, bold_run=True)
        elif kind == "sdt":
            el = OxmlElement("w:sdt")
            pr = OxmlElement("w:sdtPr")
            alias = OxmlElement("w:alias")
            alias.set(qn("w:val"), "填写")
            pr.append(alias)
            el.append(pr)
            content = OxmlElement("w:sdtContent")
            content.append(_run(part.text))
            el.append(content)
        elif kind == "fld":
            el = OxmlElement("w:fldSimple")
            el.set(qn("w:instr"), " DOCPROPERTY  学生数 ")
            el.append(_run(part.text))
        elif kind == "smart":
            el = OxmlElement("w:smartTag")
            el.set(qn("w:uri"), "urn:schemas-microsoft-com:office:smarttags")
            el.set(qn("w:element"), "chmetcnv")
            el.append(_run(part.text))
        elif kind == "link":
            el = OxmlElement("w:hyperlink")
            el.set(qn("w:anchor"), "_Toc1")
            el.append(_run(part.text))
        elif kind == "cfield":
            for fc, body in (("begin", None), (None, part.instr), ("separate", None), (None, part.text), ("end", None)):
                r = OxmlElement("w:r")
                if fc:
                    ch = OxmlElement("w:fldChar")
                    ch.set(qn("w:fldCharType"), fc)
                    r.append(ch)
                    p.append(r)
                elif body == part.instr:
                    it = OxmlElement("w:instrText")
                    it.text = body
                    it.set(qn("xml:space"), "preserve")
                    r.append(it)
                    p.append(r)
                else:
                    p.append(_run(body))
            continue
        else:
            raise ValueError(kind)
        p.append(el)


def _fill_table(doc, table_obj, block: T, counter: list[int]) -> None:
    for r, row in enumerate(block.rows):
        for c, text in enumerate(row):
            cell = table_obj.cell(r, c)
            if text:
                cell.paragraphs[0].add_run(text)
    for r, c, span in block.hmerge:
        table_obj.cell(r, c).merge(table_obj.cell(r, c + span - 1))
    for r, c, span in block.vmerge:
        table_obj.cell(r, c).merge(table_obj.cell(r + span - 1, c))
    for (r, c), inner in block.nested.items():
        cell = table_obj.cell(r, c)
        nested = cell.add_table(rows=len(inner.rows), cols=max(len(x) for x in inner.rows))
        _fill_table(doc, nested, inner, counter)
    for (r, c), text in block.comments.items():
        runs = table_obj.cell(r, c).paragraphs[0].runs
        doc.add_comment(runs, text=text, author="审稿人")


def docx_document(spec: list):
    """A python-docx Document holding ``spec`` (styles 'Heading 1' etc. are the template's)."""
    import docx

    doc = docx.Document()
    body = doc.element.body
    for p in list(body.iterchildren(_w("p"))):  # the template starts with one empty paragraph? keep none
        body.remove(p)
    counter = [100]
    for block in spec:
        if isinstance(block, P):
            paragraph = doc.add_paragraph(style=block.style)
            _fill_paragraph(paragraph, block, counter)
            if block.comment:
                from docx.text.run import Run

                runs = [Run(r, paragraph) for r in paragraph._p.iter(_w("r"))]
                doc.add_comment(runs or paragraph.add_run(""), text=block.comment, author="审稿人")
        else:
            width = max(len(r) for r in block.rows)
            table = doc.add_table(rows=len(block.rows), cols=width)
            _fill_table(doc, table, block, counter)
    return doc


def to_docx(spec: list, path: Path | None = None) -> bytes:
    """The .docx bytes of ``spec`` (also written to ``path`` when given)."""
    buf = io.BytesIO()
    docx_document(spec).save(buf)
    data = buf.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
          compression: int | None = None) -> bytes:
    """A copy of a zip with some members replaced or added (for hostile-input tests)."""
    import zipfile

    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            info2 = copy.copy(info)
            if compression is not None:
                info2.compress_type = compression
            dst.writestr(info2, replace.get(info.filename, src.read(info.filename)))
        for name, body in (add or {}).items():
            dst.writestr(name, body)
    return out.getvalue()


# ---------------------------------------------------------------- PDF


CJK_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)


def cjk_font() -> str | None:
    """A CJK font file on this machine (Debian: fonts-droid-fallback), or None."""
    for candidate in CJK_FONT_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    try:
        import subprocess

        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for line in out.splitlines():
        path = line.split(":")[0].strip()
        if path.lower().endswith(".ttf") and Path(path).is_file():
            return path
    return None


def latin_font() -> str | None:
    """DejaVu Sans (Debian: fonts-dejavu-core) for digits and Latin letters, if present."""
    path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    return str(path) if path.is_file() else None


def _fragments(text: str) -> list[tuple[bool, str]]:
    """Split text into (is_cjk, run) pieces, so each piece is drawn with a font that has its glyphs."""
    out: list[tuple[bool, str]] = []
    for ch in text:
        cjk = ord(ch) >= 0x2E80
        if out and out[-1][0] == cjk:
            out[-1] = (cjk, out[-1][1] + ch)
        else:
            out.append((cjk, ch))
    return out


class _Writer:
    """Draws mixed CJK/Latin text with explicit font switches (fpdf2's fallback fonts lose Latin
    glyphs after a cell drawn wholly in the fallback font)."""

    def __init__(self, font: str):
        from fpdf import FPDF

        self.pdf = FPDF(format="A4")
        self.pdf.set_auto_page_break(False, margin=15)
        self.pdf.add_font("cjk", "", font)
        latin = latin_font()
        self.latin = "latin" if latin else "cjk"
        if latin:
            self.pdf.add_font("latin", "", latin)
        self.size = 11
        self.pdf.add_page()
        self.y = self.pdf.t_margin

    def width(self, text: str) -> float:
        total = 0.0
        for cjk, run in _fragments(text):
            self.pdf.set_font("cjk" if cjk else self.latin, size=self.size)
            total += self.pdf.get_string_width(run)
        return total

    def put(self, x: float, baseline: float, text: str) -> None:
        for cjk, run in _fragments(text):
            self.pdf.set_font("cjk" if cjk else self.latin, size=self.size)
            self.pdf.text(x, baseline, run)
            x += self.pdf.get_string_width(run)

    def need(self, height: float) -> None:
        if self.y + height > self.pdf.h - self.pdf.b_margin:
            self.new_page()

    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = self.pdf.t_margin

    def paragraph(self, text: str, line_height: float = 7, indent: float = 0) -> None:
        """Wrap like Word: between CJK characters anywhere, never inside a Latin word or a number;
        ``indent`` indents the first line (Chinese reports indent two characters)."""
        import re

        usable = self.pdf.w - self.pdf.l_margin - self.pdf.r_margin
        line = ""
        shift = indent
        for unit in re.findall(r"[A-Za-z0-9.,%+\-]+|.", text.replace("\t", "    ")):
            if line and self.width(line + unit) > usable - shift:
                self.need(line_height)
                self.put(self.pdf.l_margin + shift, self.y + line_height - 2, line)
                self.y += line_height
                line, shift = "", 0
            line += unit
        if line:
            self.need(line_height)
            self.put(self.pdf.l_margin + shift, self.y + line_height - 2, line)
            self.y += line_height

    def _wrap(self, text: str, width: float) -> list[str]:
        import re

        lines = [""]
        for unit in re.findall(r"[A-Za-z0-9.,%+\-]+|.", text):
            if lines[-1] and self.width(lines[-1] + unit) > width:
                lines.append("")
            lines[-1] += unit
        return lines

    def row(self, cells: list[str], widths: list[float], line_height: float = 5) -> None:
        """One table row; text wraps inside its cell as in Word, the row as tall as its fullest cell."""
        wrapped = [self._wrap(text, w - 2) for text, w in zip(cells, widths, strict=True)]
        height = max(len(lines) for lines in wrapped) * line_height + 3
        self.need(height)
        x = self.pdf.l_margin
        for lines, w in zip(wrapped, widths, strict=True):
            self.pdf.rect(x, self.y, w, height)
            for k, line in enumerate(lines):
                if line:
                    self.put(x + 1, self.y + 1.5 + (k + 1) * line_height - 1, line)
            x += w
        self.y += height


def to_pdf(spec: list, font: str, path: Path | None = None, rows_per_page: int | None = None,
           page_numbers: bool = False, indent: bool = True) -> bytes:
    """A PDF of ``spec``: paragraphs as wrapped text, tables as ruled grids (pdfplumber finds them by
    their lines); a table longer than the page continues on the next one. ``rows_per_page`` forces
    a page break inside tables, ``page_numbers`` prints "- N -" in the bottom margin, ``indent``
    indents first lines by two characters."""
    writer = _Writer(font)
    for block in spec:
        if isinstance(block, P):
            writer.paragraph(block.visible, indent=writer.width("学校") if indent else 0)
            continue
        width = max(len(r) for r in block.rows)
        usable = writer.pdf.w - writer.pdf.l_margin - writer.pdf.r_margin
        widths = [usable / width] * width
        for i, row in enumerate(block.rows):
            if rows_per_page and i and i % rows_per_page == 0:
                writer.new_page()
            writer.row(list(row) + [""] * (width - len(row)), widths)
        writer.y += 4
    if page_numbers:
        for n in range(1, writer.pdf.pages_count + 1):
            writer.pdf.page = n
            writer.pdf.set_font("cjk", size=writer.size + 1)  # re-select fonts on the revisited page
            writer.put(writer.pdf.w / 2 - 5, writer.pdf.h - 8, f"- {n} -")
    data = bytes(writer.pdf.output())
    if path is not None:
        Path(path).write_bytes(data)
    return data


# ---------------------------------------------------------------- a sample report with table errors


def sample_report() -> list:
    """A short report with three known errors: a sentence whose growth rate is wrong ((1259-1200)/1200
    = 4.9%, stated 5.2%), the 合计 row of 表1 that does not add up in the 2021 column (461+157+48 =
    666, stated 676), and the 年度对比 column of 表2 that divides by the current year (信息技术类:
    (157-147)/157 = 6.4%, should be (157-147)/147 = 6.8%)."""
    return [
        P("1.学校情况", style="Heading 1"),
        P("1.2学生情况", style="Heading 2"),
        P("学校现有全日制在籍学生1259人，比上年的1200人增长5.2%。2021年招收全日制学生472人，毕业生人数为446人。"),
        P("表1：各专业学生人数"),
        T(rows=(
            ("序号", "专业类别", "2020年度", "2021年度"),
            ("1", "加工制造类", "445", "461"),
            ("2", "信息技术类", "147", "157"),
            ("3", "教育类", "40", "48"),
            ("合计", "", "632", "676"),
        ), hmerge=((4, 0, 2),)),
        P("1.3专业建设"),
        P("表2：专业人数年度对比"),
        T(rows=(
            ("专业类别", "2020年度", "2021年度", "年度数据对比"),
            ("加工制造类", "445", "461", "3.60%"),
            ("信息技术类", "147", "157", "6.4%"),
            ("财经商贸类", "176", "141", "-19.89%"),
        )),
        P("以上数据来自学校统计。"),
    ]


# ---------------------------------------------------------------- raw packages


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def raw_docx(body: str, parts: dict[str, str] | None = None, namespace: str = W_NS) -> bytes:
    """A minimal .docx whose body is the WordprocessingML ``body`` (prefix ``w:``). ``parts`` maps a
    relationship type (footnotes, endnotes, comments, styles, header) to that part's XML."""
    import zipfile

    parts = parts or {}
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}{kind}" Target="{kind}.xml"/>' for i, kind in enumerate(parts, 1)
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships '
                   'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{namespace}">'
                   f"<w:body>{body}</w:body></w:document>")
        z.writestr("word/_rels/document.xml.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships '
                   f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        for kind, xml in parts.items():
            z.writestr(f"word/{kind}.xml", f'<?xml version="1.0" encoding="UTF-8"?>{xml}')
    return buf.getvalue()


def wp(text: str, extra: str = "") -> str:
    """A one-run paragraph in raw WordprocessingML."""
    return f"<w:p>{extra}<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
