"""Red-team pass 2: higher-vocational score-card tables, city/county bureau tables, Word input and the
causes named for planted slips. Every report is built once as a spec and checked both as corpus text
and as .docx: the findings (rule, stated, expected, diagnosis) must be the same."""

from __future__ import annotations

from pathlib import Path

from qualint.engine import check_document
from qualint.findings import Finding
from qualint.readers import read
from qualint.readers.text import build_document
from tests.builders import P, T, to_docx, to_text

BUREAU_HEAD = ("学校", "招生数（人）", "在校生数（人）", "专任教师（人）", "生师比")
BUREAU_ROWS = (("市职业技术学校", "1820", "5236", "298", "17.57:1"), ("市卫生学校", "1265", "3682", "201", "18.32:1"),
               ("县职业中专", "1418", "4015", "224", "17.92:1"), ("市艺术学校", "665", "1987", "116", "17.13:1"))


def active(found: list[Finding]) -> list[Finding]:
    return [f for f in found if f.rule not in ("Q101", "Q104")]


def both(spec: list, tmp_path: Path) -> list[tuple[str, str, str | None, str | None]]:
    """Findings of ``spec`` read as text and as Word; asserts they agree and returns them."""
    text = active(check_document(build_document("report.txt", to_text(spec))))
    path = tmp_path / "report.docx"
    to_docx(spec, path)
    word = active(check_document(read(path, 32_000_000)))

    def key(f: Finding):
        return (f.rule, f.stated, f.expected, f.diagnosis.cause if f.diagnosis else None)

    assert [key(f) for f in text] == [key(f) for f in word]
    return [key(f) for f in text]


def bureau(total_label: str, total: tuple[str, ...]) -> list:
    return [P("某某市2021年度中等职业教育质量报告"), P("表1 2021年全市中职学校基本情况"),
            T(rows=(BUREAU_HEAD, *BUREAU_ROWS, (total_label, *total)))]


def test_a_bureau_total_row_named_for_the_city_or_county_is_a_total(tmp_path):
    # 全市合计 / 全县总计 close a bureau's table like 合计: a total that leaves out a school is T101 on
    # the total (row omitted), not R101 on the total's correct 生师比.
    for label in ("全市合计", "全县总计", "全区合计"):
        found = both(bureau(label, ("5168", "12933", "839", "17.78:1")), tmp_path)
        assert found == [("T101", "12933", "14920", "row_omitted")], label
        assert both(bureau(label, ("5168", "14920", "839", "17.78:1")), tmp_path) == [], label


def test_a_percent_over_an_implied_base_is_not_called_a_typo_when_the_absolute_change_may_be_one(tmp_path):
    # 17,655 − 1,034 = 16,621 gives 6.22%; the printed 6.28% is right for the real 1,043 (transposed). Either
    # printed figure may be the slip, so no digit typo is named; a percent no input edit explains still is.
    def report(change: str, percent: str) -> list:
        return [P("某某市2021年度中等职业教育质量报告"), P(f"全市中职在校生17,655人，比上年增加{change}人，增长{percent}。")]

    assert both(report("1,034", "6.28%"), tmp_path) == [("C102", "6.28%", "+6.22%", None)]
    assert both(report("1,043", "6.82%"), tmp_path) == [("C102", "6.82%", "+6.28%", "digit_typo")]


def test_an_input_printed_the_same_elsewhere_is_not_called_a_typo(tmp_path):
    # 352/468 = 75.21%: 468 is last year's 专任教师 in the table, 486 this year's (printed twice). The
    # writer took last year's figure; 486 is not a mistyped 468.
    sentence = "学院2021年有专任教师486人，其中双师素质专任教师352人，占专任教师的75.21%。"
    table = T(rows=(("指标", "单位", "2020年", "2021年"), ("专任教师总数", "人", "468", "486")))
    found = both([P("某某职业技术学院高等职业教育质量年度报告"), P(sentence), P("表1 资源表"), table], tmp_path)
    assert found == [("S101", "75.21%", "72.43%", "other_figure")]
    # Without the table the input may be the slip, and that is what is named.
    assert both([P("某某职业技术学院高等职业教育质量年度报告"), P(sentence)], tmp_path) == [
        ("S101", "75.21%", "72.43%", "digit_typo")]
    # 486 printed again elsewhere and no 468 anywhere: no cause can be named.
    again = P("学院专任教师486人，生师比20.30:1。")
    assert both([P("某某职业技术学院高等职业教育质量年度报告"), P(sentence), again], tmp_path) == [
        ("S101", "75.21%", "72.43%", None)]


def test_a_mistyped_ratio_is_corrected_as_a_ratio(tmp_path):
    rows = (BUREAU_HEAD, ("市职业技术学校", "1820", "5236", "298", "17.75:1"), *BUREAU_ROWS[1:])
    [finding] = [f for f in active(check_document(build_document("r.txt", to_text([P("表1 各校情况"), T(rows=rows)]))))]
    from qualint.rulepack import load, render_diagnosis

    assert finding.rule == "R101"
    assert render_diagnosis(load(), finding).startswith("数字录入错误：17.75:1 很可能应为 17.57:1（")


def test_per_capita_columns_in_yuan_over_amounts_in_wan_yuan(tmp_path):
    # The amount column is in 万元, the per-capita column in 元 (or 元/生): 1862.50万元/3420 = 5445.91元.
    def report(first: str, unit: str = "（元）") -> list:
        rows = (("学校", "在校生（人）", "教学仪器设备值（万元）", f"生均教学仪器设备值{unit}"),
                ("县职教中心", "3420", "1862.50", first), ("县第二职业中学", "1315", "512.30", "3895.82"),
                ("合计", "4735", "2374.80", "5015.42"))
        return [P("某某县2021年度职业教育质量报告"), P("表2 2021年各校办学条件"), T(rows=rows)]

    assert both(report("5445.91"), tmp_path) == []
    assert both(report("5445.91", "（元/生）"), tmp_path) == []
    assert both(report("544.59"), tmp_path) == [("P101", "544.59", "5445.91元", None)]


def test_a_ratio_split_to_ten_rounds_each_side(tmp_path):
    # 职普比 4.2:5.8 splits 2210 + 3110 into tenths, each side rounded: 2210/5320×10 = 4.15 → 4.2, though
    # 2210/3110×5.8 = 4.12 → 4.1. 3.9:6.1 is 1985:3046 the same way (not truncated).
    def report(zpb: str) -> list:
        rows = (("年份", "中职招生（人）", "普高招生（人）", "职普比"), ("2019年", "1985", "3046", "3.9:6.1"),
                ("2020年", "2104", "3120", "4.0:6.0"), ("2021年", "2210", "3110", zpb))
        return [P("某某县2021年度职业教育质量报告"), P("表1 全县高中阶段招生情况"), T(rows=rows)]

    assert both(report("4.2:5.8"), tmp_path) == []
    assert both(report("42:58"), tmp_path) == []
    assert both(report("4.5:5.5"), tmp_path) == [("R101", "4.5:5.5", "4.2:5.8", None)]


def test_a_coarse_ratio_names_no_denominator_or_input_typo_that_fits_by_chance(tmp_path):
    # 3300/190 = 17.4. 19:1 is what 3300/172 and 3300/176 both give, and what 3600/190 gives: with two
    # significant digits none of these is evidence. 18.8:1 only last year's 176 gives: that is named.
    def report(r21: str) -> list:
        rows = (("年份", "在校生（人）", "专任教师（人）", "生师比"), ("2019年", "3050", "172", "17.7:1"),
                ("2020年", "3180", "176", "18.1:1"), ("2021年", "3300", "190", r21))
        return [P("某某学校2021年度质量报告"), P("表1 近三年生师比"), T(rows=rows)]

    doc = build_document("r.txt", to_text(report("19:1")))
    [finding] = active(check_document(doc))
    assert finding.rule == "R101"
    assert finding.diagnosis is None or (finding.diagnosis.cause == "digit_typo"
                                         and "3300" not in str(finding.diagnosis.param_dict()))
    assert both(report("18.8:1"), tmp_path) == [("R101", "18.8:1", "17.4:1", "wrong_denominator")]
    assert both(report("19.0:1"), tmp_path) == [("R101", "19.0:1", "17.4:1", None)]
