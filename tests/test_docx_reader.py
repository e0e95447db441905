"""The Word reader: text from the XML (insertions, controls, fields in; deletions, hidden text out),
document order, merged cells as a grid, nested tables, notes, comments as suppressions, and the same
document and findings as the text export of the same report."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualint.document import Paragraph, Table
from qualint.engine import check_document
from qualint.errors import InputError
from qualint.readers import read
from qualint.readers.text import build_document
from tests.builders import (
    W_NS,
    P,
    T,
    bold,
    cfield,
    dele,
    fld,
    hidden,
    ins,
    link,
    raw_docx,
    sample_report,
    sdt,
    smart,
    to_docx,
    to_text,
    wp,
)


def read_spec(tmp_path: Path, spec: list, name: str = "r.docx"):
    path = tmp_path / name
    to_docx(spec, path)
    return read(path)


def paragraphs(doc) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


def grid(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


# ---------------------------------------------------------------- text from the XML


def test_tracked_changes_controls_fields_and_hidden_text(tmp_path: Path) -> None:
    doc = read_spec(tmp_path, [P(
        "在籍学生", ins("1259"), dele("1260"), "人，", hidden("（草稿：1300人）"), "招收", sdt("472"), "人，毕业",
        fld("446"), "人，面积", smart("3.6万"), "平方米，见", link("附表"), "，第", cfield(" PAGE \\* MERGEFORMAT ", "7"),
        "页，", bold("增长1.01%"), "。",
    )])
    assert paragraphs(doc) == ["在籍学生1259人，招收472人，毕业446人，面积3.6万平方米，见附表，第7页，增长1.01%。"]


def test_paragraph_text_differs_from_python_docx(tmp_path: Path) -> None:
    # python-docx's paragraph.text drops the insertion and keeps the hidden run: the reason we walk the XML.
    import docx

    path = tmp_path / "p.docx"
    to_docx([P("学生", ins("1259"), "人", hidden("9"))], path)
    assert docx.Document(str(path)).paragraphs[0].text != "学生1259人"
    assert paragraphs(read(path)) == ["学生1259人"]


def test_hidden_text_from_styles_and_explicit_off(tmp_path: Path) -> None:
    styles = (f'<w:styles xmlns:w="{W_NS}">'
              '<w:style w:type="character" w:styleId="Secret"><w:name w:val="secret"/><w:rPr><w:vanish/></w:rPr></w:style>'
              '</w:styles>')
    body = ('<w:p><w:r><w:t>学生</w:t></w:r><w:r><w:rPr><w:rStyle w:val="Secret"/></w:rPr><w:t>99</w:t></w:r>'
            '<w:r><w:rPr><w:rStyle w:val="Secret"/><w:vanish w:val="0"/></w:rPr><w:t>120</w:t></w:r>'
            '<w:r><w:t>人</w:t></w:r></w:p>')
    path = tmp_path / "s.docx"
    path.write_bytes(raw_docx(body, {"styles": styles}))
    assert paragraphs(read(path)) == ["学生120人"]


def test_breaks_tabs_and_footnote_marks(tmp_path: Path) -> None:
    body = ('<w:p><w:r><w:t>学生</w:t><w:tab/><w:t>1259人</w:t><w:footnoteReference w:id="1"/>'
            '<w:br/><w:t>教师</w:t><w:noBreakHyphen/><w:t>121人</w:t><w:delText>5</w:delText></w:r></w:p>')
    path = tmp_path / "b.docx"
    path.write_bytes(raw_docx(body))
    assert paragraphs(read(path)) == ["学生\t1259人\n教师-121人"]


def test_paragraph_numbers_and_headings(tmp_path: Path) -> None:
    doc = read_spec(tmp_path, [
        P("学校情况", style="Heading 1"),
        P("现有学生1259人。"),
        P(""),
        P("1.3教师队伍"),  # no heading style: recognised by its numbering like the text reader does
        P("专任教师121人。"),
    ])
    found = [(b.location.line, b.text, b.location.heading) for b in doc.blocks]
    assert found == [
        (1, "学校情况", "学校情况"),
        (2, "现有学生1259人。", "学校情况"),
        (4, "1.3教师队伍", "1.3教师队伍"),
        (5, "专任教师121人。", "1.3教师队伍"),
    ]
    assert doc.line_count == 5


# ---------------------------------------------------------------- tables


def test_table_cells_have_locations_and_caption(tmp_path: Path) -> None:
    doc = read_spec(tmp_path, [
        P("表3：教师情况"),
        T(rows=(("项目", "人数"), ("专任教师", "121"))),
        P("说明文字。"),
    ])
    table = next(doc.tables())
    assert table.caption == "表3：教师情况"
    assert grid(table) == [["项目", "人数"], ["专任教师", "121"]]
    cell = table.rows[1][1]
    assert (cell.location.table, cell.location.row, cell.location.column) == (1, 2, 2)
    assert cell.location.line == 5  # caption 1, then one paragraph per cell
    assert [b.location.line for b in doc.blocks if isinstance(b, Paragraph)] == [1, 6]


def test_merged_cells_resolve_to_a_grid(tmp_path: Path) -> None:
    doc = read_spec(tmp_path, [T(
        rows=(
            ("类别", "专业", "2020年", "2021年"),
            ("工科", "机电", "445", "461"),
            ("", "电子", "147", "157"),
            ("合计", "", "592", "618"),
        ),
        hmerge=((3, 0, 2),),
        vmerge=((1, 0, 2),),
    )])
    table = next(doc.tables())
    assert grid(table) == [
        ["类别", "专业", "2020年", "2021年"],
        ["工科", "机电", "445", "461"],
        ["", "电子", "147", "157"],
        ["合计", "", "592", "618"],
    ]
    merged = [(c.location.row, c.location.column) for row in table.rows for c in row if c.merged]
    assert merged == [(3, 1), (4, 2)]
    assert all(len(row) == 4 for row in table.rows)
    assert table.rows[3][2].location.column == 3


def test_grid_before_and_deleted_rows(tmp_path: Path) -> None:
    tc = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    body = ("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
            f"<w:tr>{tc.format('a')}{tc.format('b')}{tc.format('c')}</w:tr>"
            f"<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{tc.format('2')}{tc.format('3')}</w:tr>"
            f"<w:tr><w:trPr><w:del w:id=\"1\" w:author=\"x\"/></w:trPr>{tc.format('9')}{tc.format('9')}{tc.format('9')}</w:tr>"
            f"<w:sdt><w:sdtContent><w:tr>{tc.format('x')}{tc.format('y')}{tc.format('z')}</w:tr></w:sdtContent></w:sdt>"
            "</w:tbl>")
    path = tmp_path / "g.docx"
    path.write_bytes(raw_docx(body))
    assert grid(next(read(path).tables())) == [["a", "b", "c"], ["", "2", "3"], ["x", "y", "z"]]


def test_nested_table_becomes_its_own_table(tmp_path: Path) -> None:
    doc = read_spec(tmp_path, [
        T(rows=(("学院", "明细"), ("工学院", "")), nested={(1, 1): T(rows=(("机电", "445"), ("电子", "147")))}),
        T(rows=(("x", "1"), ("y", "2"))),
    ])
    tables = list(doc.tables())
    assert [t.index for t in tables] == [1, 2, 3]
    assert grid(tables[0]) == [["学院", "明细"], ["工学院", ""]]
    assert grid(tables[1]) == [["机电", "445"], ["电子", "147"]]
    assert tables[1].rows[1][1].location.table == 2
    assert grid(tables[2]) == [["x", "1"], ["y", "2"]]
    # document order of the numbering: the nested cells sit between the outer cells
    outer_cell = tables[0].rows[1][1]
    inner_first = tables[1].rows[0][0]
    assert outer_cell.location.line < inner_first.location.line <= (outer_cell.location.end_line or 0)


def test_block_content_controls_and_notes(tmp_path: Path) -> None:
    footnotes = (f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:type="separator" w:id="-1">{wp("———")}</w:footnote>'
                 f'<w:footnote w:id="1">{wp("注：含外聘教师18人。")}</w:footnote></w:footnotes>')
    header = f'<w:hdr xmlns:w="{W_NS}">{wp("某某学校2021年质量年度报告 第3页")}</w:hdr>'
    body = (f"<w:sdt><w:sdtContent>{wp('学生1259人。')}</w:sdtContent></w:sdt>"
            f"<w:customXml>{wp('教师121人。')}</w:customXml>")
    path = tmp_path / "n.docx"
    path.write_bytes(raw_docx(body, {"footnotes": footnotes, "header": header}))
    doc = read(path)
    assert paragraphs(doc) == ["学生1259人。", "教师121人。", "注：含外聘教师18人。"]
    assert [b.location.line for b in doc.blocks] == [1, 2, 3]


# ---------------------------------------------------------------- comments as suppressions


def test_qualint_comments_become_directives(tmp_path: Path) -> None:
    doc = read_spec(tmp_path, [
        P("学生1259人。", comment="qualint: ignore[T101] 已与教务处核实"),
        P("普通批注。", comment="请核对"),
        T(rows=(("项目", "人数"), ("合计", "121")), comments={(1, 1): "qualint：ignore[T101] 含外聘"}),
    ])
    found = [(d.text, d.line, d.applies_to) for d in doc.suppressions]
    cell = next(doc.tables()).rows[1][1]
    assert found == [
        ("ignore[T101] 已与教务处核实", 1, (1, 1)),
        ("ignore[T101] 含外聘", cell.location.line, (cell.location.line, cell.location.line)),
    ]


# ---------------------------------------------------------------- same as the text export


def test_same_document_as_the_text_export(tmp_path: Path) -> None:
    spec = sample_report()
    word = read_spec(tmp_path, spec)
    text = build_document("r.txt", to_text(spec))
    assert paragraphs(word) == paragraphs(text)
    assert [grid(t) for t in word.tables()] == [grid(t) for t in text.tables()]
    assert [t.caption for t in word.tables()] == [t.caption for t in text.tables()]
    for wt, tt in zip(word.tables(), text.tables(), strict=True):
        assert [[(c.location.row, c.location.column) for c in r] for r in wt.rows] == \
            [[(c.location.row, c.location.column) for c in r] for r in tt.rows]


def _key(f) -> tuple:
    loc = f.location
    return (f.rule, f.stated, f.expected, f.formula, loc.table, loc.row, loc.column)


def test_same_findings_as_the_text_export(tmp_path: Path) -> None:
    spec = sample_report()
    word = read_spec(tmp_path, spec)
    text = build_document("r.txt", to_text(spec))
    from_word = sorted(map(_key, check_document(word)), key=str)
    from_text = sorted(map(_key, check_document(text)), key=str)
    assert from_word == from_text
    rules = {k[0] for k in from_word}
    assert {"T101", "C102"} <= rules, from_word  # the two planted table errors, with cell locations
    assert ("T101", "676", "666") == from_word[[k[0] for k in from_word].index("T101")][:3]


def test_cli_reads_docx(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from qualint.cli import main

    path = tmp_path / "r.docx"
    to_docx(sample_report(), path)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1, result.output
    assert '"cell"' in result.output and '"T101"' in result.output


# ---------------------------------------------------------------- refusals and robustness


def test_strict_ooxml_and_missing_parts_are_refused(tmp_path: Path) -> None:
    strict = tmp_path / "strict.docx"
    strict.write_bytes(raw_docx(wp("学生1259人"), namespace="http://purl.oclc.org/ooxml/wordprocessingml/main"))
    with pytest.raises(InputError, match="Strict"):
        read(strict)
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    bad = tmp_path / "nodoc.docx"
    bad.write_bytes(empty.getvalue())
    with pytest.raises(InputError, match="not a Word document"):
        read(bad)


def test_hostile_grid_span_is_bounded(tmp_path: Path) -> None:
    body = ('<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="999999999"/></w:tcPr>'
            '<w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    path = tmp_path / "wide.docx"
    path.write_bytes(raw_docx(body))
    with pytest.raises(InputError, match="too wide"):
        read(path)


_SEED = to_docx([P("学生", ins("1259"), "人。"), T(rows=(("a", "1"), ("合计", "2")), hmerge=())])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, len(_SEED) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_mutated_docx_gives_a_document_or_an_input_error(tmp_path: Path, edits) -> None:
    data = bytearray(_SEED)
    for pos, value in edits:
        data[pos] = value
    path = tmp_path / "m.docx"
    path.write_bytes(bytes(data))
    try:
        doc = read(path)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert all(b.location.line >= 1 for b in doc.blocks)


def test_read_time_of_a_300_paragraph_report(tmp_path: Path) -> None:
    spec = []
    for i in range(30):
        spec.append(P(f"{i + 1}.{i % 5 + 1}学生情况", style="Heading 2"))
        spec += [P(f"学校现有全日制在籍学生{1259 + i}人，其中男生{600 + i}人，女生{659}人，比上年增长{i % 7}.{i % 10}%。")
                 for _ in range(9)]
        if i % 3 == 0:
            spec.append(T(rows=(("专业", "2020年", "2021年", "增减"), ("机电", "445", "461", "16"), ("合计", "445", "461", "16"))))
    path = tmp_path / "long.docx"
    to_docx(spec, path)
    start = time.perf_counter()
    doc = read(path)
    elapsed = time.perf_counter() - start
    assert sum(1 for _ in doc.paragraphs()) == 300
    assert elapsed < 2.0, f"reading 300 paragraphs took {elapsed:.2f} s"


def test_document_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    to_docx([P(""), P(hidden("隐藏123"))], path)
    with pytest.raises(InputError, match="empty document"):
        read(path)


def test_word_comment_suppresses_the_finding_it_is_anchored_on(tmp_path: Path) -> None:
    spec = sample_report()
    table = spec[4]
    spec[4] = T(rows=table.rows, hmerge=table.hmerge, comments={(4, 3): "qualint: ignore[T101] 合计含外聘教师"})
    found = {f.rule: f for f in check_document(read_spec(tmp_path, spec)) if f.location.table == 1}
    assert found["T101"].suppressed is not None
    assert found["T101"].suppressed.reason == "合计含外聘教师"
    others = [f for f in check_document(read_spec(tmp_path, spec, "b.docx")) if f.rule != "T101"]
    assert others and all(f.suppressed is None for f in others)
