"""The PDF reader: CJK text intact with page numbers, ruled tables as cells, a table split across
pages as one table, text without table structure still checked as prose, and the same findings as
the text export of the same report. Needs pdfplumber (the ``pdf`` extra) and a CJK font
(Debian: fonts-droid-fallback, with fonts-dejavu-core for digits) to build the fixtures; skips only when those are absent."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from qualint.document import Paragraph
from qualint.engine import check_document
from qualint.errors import InputError
from qualint.readers import read
from qualint.readers.text import build_document
from tests.builders import P, T, cjk_font, latin_font, sample_report, to_pdf, to_text

pytest.importorskip("pdfplumber")
pytest.importorskip("fpdf")
FONT = cjk_font()
needs_font = pytest.mark.skipif(FONT is None or latin_font() is None,
                                reason="no CJK or Latin font (apt-get install fonts-droid-fallback fonts-dejavu-core)")

LONG = ("学校现有全日制在籍学生1259人。2021年招收全日制学生472人，与上一年度相比增加1.01%；毕业生人数为446人，"
        "与上一年度基本持平；学生年入学巩固率达95.7%。全年举办各类社会培训规模达2682人次。")


def pdf_doc(tmp_path: Path, spec: list, **kw):
    path = tmp_path / "r.pdf"
    to_pdf(spec, FONT, path, **kw)
    return read(path)


@needs_font
def test_cjk_paragraphs_with_pages_and_lines(tmp_path: Path) -> None:
    doc = pdf_doc(tmp_path, [P("1.2学生情况"), P(LONG), P("以上数据来自学校统计。")])
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paras] == ["1.2学生情况", LONG, "以上数据来自学校统计。"]
    wrapped = paras[1]
    assert wrapped.location.page == 1
    assert wrapped.location.end_line == wrapped.location.line + 1  # two visual lines, one paragraph
    second = wrapped.line_starts[1]
    assert wrapped.line_of(second) == wrapped.location.line + 1
    assert paras[1].location.heading == "1.2学生情况"


@needs_font
def test_tables_with_cells_and_caption(tmp_path: Path) -> None:
    doc = pdf_doc(tmp_path, [P("表1：各专业学生人数"), T(rows=(("专业", "2020年", "2021年"), ("机电", "445", "461")))])
    table = next(doc.tables())
    assert table.caption == "表1：各专业学生人数"
    assert [[c.text for c in r] for r in table.rows] == [["专业", "2020年", "2021年"], ["机电", "445", "461"]]
    cell = table.rows[1][2]
    assert (cell.location.table, cell.location.row, cell.location.column, cell.location.page) == (1, 2, 3, 1)


@needs_font
def test_table_split_across_pages_is_one_table(tmp_path: Path) -> None:
    rows = (("专业", "2020年", "2021年"),) + tuple((f"专业{i}", str(100 + i), str(110 + i)) for i in range(1, 9))
    doc = pdf_doc(tmp_path, [T(rows=rows + (("合计", "", ""),))], rows_per_page=5, page_numbers=True)
    tables = list(doc.tables())
    assert len(tables) == 1
    table = tables[0]
    assert [c.text for c in table.rows[-1]] == ["合计", "", ""]
    assert len(table.rows) == 10
    assert table.rows[4][0].location.page == 1 and table.rows[5][0].location.page == 2
    assert not any("- 1 -" in p.text or "- 2 -" in p.text for p in doc.paragraphs())  # page numbers dropped


@needs_font
def test_repeated_header_row_on_the_next_page_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "h.pdf"
    header = ("专业", "2020年", "2021年")
    first = T(rows=(header, ("机电", "445", "461"), ("电子", "147", "157")))
    to_pdf([first, T(rows=(header, ("合计", "592", "618")))], FONT, path, rows_per_page=None)
    # Both parts on one page are two tables; the split is only across pages.
    assert len(list(read(path).tables())) == 2


@needs_font
def test_text_without_table_structure_is_prose(tmp_path: Path) -> None:
    doc = pdf_doc(tmp_path, [P("专业    2020年    2021年"), P("机电    445    461"), P("合计    445    461")])
    assert list(doc.tables()) == []
    assert any("445" in p.text for p in doc.paragraphs())


@needs_font
def test_same_findings_as_the_text_export(tmp_path: Path) -> None:
    spec = sample_report()
    doc = pdf_doc(tmp_path, spec)
    text = build_document("r.txt", to_text(spec))

    def key(f):
        return (f.rule, f.stated, f.expected, f.location.table, f.location.row, f.location.column)

    from_pdf = sorted(map(key, check_document(doc)), key=str)
    assert from_pdf == sorted(map(key, check_document(text)), key=str)
    assert {"T101", "C102"} <= {k[0] for k in from_pdf}


def test_missing_pdfplumber_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "r.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(InputError, match=r"pip install 'qualint\[pdf\]'"):
        read(path)


@pytest.mark.parametrize(("data", "match"), [
    (b"", "empty"),
    (b"not a pdf at all" * 100, "not a PDF"),
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "corrupt PDF"),
])
def test_broken_pdfs(tmp_path: Path, data: bytes, match: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(InputError, match=match) as info:
        read(path)
    assert "\n" not in str(info.value)


@needs_font
def test_pdf_without_text_is_refused(tmp_path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 50, 50)  # a drawing (like a scanned page) and no text
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    with pytest.raises(InputError, match="no text layer"):
        read(path)


@needs_font
def test_wrapped_numbers_rejoin_without_spaces(tmp_path: Path) -> None:
    # Word never breaks inside a number, so a line that stops short before a long number still
    # continues on the next line; the number must come back whole and the paragraph as one.
    text = "各专业在校生人数依次为" + "，".join(f"{10934 + 37 * i}.{i % 10}0人" for i in range(40)) + "。"
    doc = pdf_doc(tmp_path, [P(text), P("下一段。")])
    paras = [b for b in doc.blocks if isinstance(b, Paragraph)]
    assert [p.text for p in paras] == [text, "下一段。"]
    assert (paras[0].location.end_line or 0) >= paras[0].location.line + 3


@needs_font
def test_corpus_reports_as_pdf_read_back_the_same(corpus: Path, tmp_path: Path) -> None:
    """Each real report, printed to PDF (wrapped lines, page breaks, page numbers), reads back with
    the same paragraphs and the same tables; ragged exported tables (merges flattened by the text
    export) are drawn padded, so only their presence is compared."""
    for report in sorted((corpus / "reports").glob("*.txt")):
        text_doc = read(report)
        spec: list = []
        for block in text_doc.blocks:
            if isinstance(block, Paragraph):
                spec.append(P(block.text))
            else:
                spec.append(T(rows=tuple(tuple(c.text for c in r) + ("",) * (block.width - len(r)) for r in block.rows)))
        path = tmp_path / (report.stem + ".pdf")
        to_pdf(spec, FONT, path, page_numbers=True)
        pdf_doc = read(path)
        squash = ["".join(p.text.split()) for p in text_doc.paragraphs()]
        got = ["".join(p.text.split()) for p in pdf_doc.paragraphs()]
        assert [p for p in got if p in squash] == squash, report.name
        assert len(got) - len(squash) <= sum(1 for t in text_doc.tables() if any(len(r) != t.width for r in t.rows))
        text_tables, pdf_tables = list(text_doc.tables()), list(pdf_doc.tables())
        assert len(pdf_tables) == len(text_tables), report.name
        for a, b in zip(text_tables, pdf_tables, strict=True):
            if all(len(r) == a.width for r in a.rows):
                assert [["".join(c.text.split()) for c in r] for r in b.rows] == \
                    [["".join(c.text.split()) for c in r] for r in a.rows], (report.name, a.index)
