from qualint.document import Paragraph, Table
from qualint.readers.text import build_document

SAMPLE = "\n".join([
    " 1.学校情况",
    "学校现有学生1259人。",
    "表2：就业统计表",
    "\t专业",
    "类别",
    "\t就业人数",
    "",
    "\t[bookmark: _Hlk1]教育类",
    "\t48",
    "",
    "\t合计",
    "\t48",
    "",
    "",
    "2.学生发展",
])


def test_cells_rows_continuations_and_bookmarks():
    doc = build_document("x.txt", SAMPLE)
    tables = list(doc.tables())
    assert len(tables) == 1
    t = tables[0]
    assert [c.text for c in t.rows[0]] == ["专业类别", "就业人数"]
    assert [c.text for c in t.rows[1]] == ["教育类", "48"]
    assert t.rows[1][1].location.line == 9 and (t.rows[1][1].location.row, t.rows[1][1].location.column) == (2, 2)
    assert t.caption == "表2：就业统计表"
    paras = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paras[-1] == "2.学生发展"


def test_header_row_broken_by_a_stray_blank_line_is_rejoined():
    text = "\n".join(["\t年号", "\t直接就业率", "\t对", "", "口升学人数", "\t对口升学率", "", "\t2018", "\t3.2%", "\t681", "\t96.5%", "", ""])
    (t,) = build_document("x.txt", text).tables()
    assert [c.text for c in t.rows[0]] == ["年号", "直接就业率", "对口升学人数", "对口升学率"]
    assert len(t.rows) == 2


def test_paragraph_after_table_is_not_swallowed():
    text = "\t年度\n\t人数\n\n\t2019\n\t5\n\n这一年学校发展良好，学生人数稳步增长，各项工作取得成效。\n"
    doc = build_document("x.txt", text)
    assert isinstance(doc.blocks[0], Table) and isinstance(doc.blocks[1], Paragraph)


def test_directives_cover_the_next_block():
    text = "<!-- qualint: ignore[T101] 已向教育局说明 -->\n\t合计\n\t5\n\n\t1\n\t2\n\n\n正文3人。<!-- qualint: ignore[S101] 口径不同 -->\n"
    doc = build_document("x.txt", text)
    d1, d2 = doc.suppressions
    assert d1.text.startswith("ignore[T101]") and d1.applies_to == (2, 6)
    assert d2.applies_to == (9, 9)
    assert "qualint" not in next(doc.paragraphs()).text


def test_lone_tab_row_alone_is_not_a_table():
    doc = build_document("x.txt", "正文。\n\t\n\n表10：统计\n")
    assert not list(doc.tables())
