from qualint.readers.markdown import build_document, split_row


def test_pipe_table_and_paragraphs():
    text = "# 学生情况\n\n在校生2442人，\n比上年增加128人。\n\n| 专业 | 2020年 | 2021年 |\n|---|---:|---:|\n| 护理 | 688 | 600 |\n| 合计 | 688 | 600 |\n"
    doc = build_document("r.md", text)
    (t,) = doc.tables()
    assert [c.text for c in t.rows[0]] == ["专业", "2020年", "2021年"]
    assert t.rows[1][2].location.line == 8
    para = [p for p in doc.paragraphs() if "2442" in p.text][0]
    assert para.line_of(para.text.index("128")) == 4


def test_escaped_pipes():
    assert split_row("| a \\| b | c |") == ["a | b", "c"]
