from __future__ import annotations

import pytest

from tests.indicator_docs import findings, layout, line_of

TITLE = "某某职业学校2019年度质量报告"
TABLE4 = [["年度", "招生数(人)", "在校生数(人)"], ["2018年", "726", "2314"], ["2019年", "1236", "2442"]]


def x101(*blocks):
    return findings(*blocks, rules=("X101",))


def test_prose_against_table_is_flagged_once_pointing_at_both():
    blocks = ("2019年，学校招生983人，在校生2442人。", "表4：学历教育基本情况统计表", TABLE4)
    found = x101(*blocks)
    assert len(found) == 1
    f = found[0]
    text = layout(*blocks)
    assert {f.line, f.related[0].line} == {line_of(text, "招生983人"), line_of(text, "1236")}
    assert f.kind == "cross_ref" and f.stated in ("1236", "983人")


def test_equal_restatements_give_nothing():
    assert x101("2019年，学校招生1236人，在校生2442人。", "表4：学历教育基本情况统计表", TABLE4) == []


def test_the_minority_value_is_flagged():
    found = x101("2019年在校生2442人。", "2019年，我校在校生2442人，教职工250人。", "2019年学生数为1812人。")
    assert [f.stated for f in found] == ["1812人"]
    assert dict(found[0].params)["other_line"] == "1"
    assert [r.line for r in found[0].related] == [1, 2]


@pytest.mark.parametrize("a, b", [
    ("2019年在校生2442人。", "2019年全日制在校生1812人。"),          # scope word
    ("2018年在校生2314人。", "2019年在校生2442人。"),                # year
    ("2019学年在校生1812人。", "2019年在校生2442人。"),              # school year vs calendar year
    ("2019年社会培训规模达2682人次。", "2019年培训人数2600人。"),     # 人次 vs 人
    ("2019年，一职校在校生5000人。", "2019年，我校在校生2442人。"),   # another school
    ("2020年全市共有高中阶段学校24所，在校生85180人。", "2020年中等职业学校10所，在校生33613人。"),
    ("2019年纸质图书4.2万册。", "2019年学校纸质图书42137册。"),       # rounded restatement
    ("2019年教学仪器设备总值4800多万元。", "2019年教学仪器设备总值4810万元。"),
    ("2019年就业率98%。", "2019年就业率99.76%。"),                   # rates are not cross-referenced
    ("2019年在校生2442人。", "预计2020年在校生将达到3000人，2020年在校生目标3000人。"),
])
def test_different_figures_are_not_compared(a, b):
    assert x101(a, b) == []


def test_three_different_values_are_left_alone():
    assert x101("2019年在校生2442人。", "2019年在校生1812人。", "2019年在校生2000人。") == []


def test_hedged_round_number_out_of_range_is_flagged():
    found = x101("2019年教学仪器设备总值4810万元。", "2019年教学仪器设备总值达到4300多万元。")
    assert len(found) == 1 and found[0].stated == "4300多万元"


def test_year_from_title_compares_with_that_years_table():
    found = x101(TITLE, "学校现有教学用计算机785台。", "表1：计算机", [["年度", "教学用计算机"], ["2018年", "580"], ["2019年", "602"]])
    assert len(found) == 1 and found[0].stated == "785台"


def test_digit_typo_is_diagnosed():
    found = x101("2019年毕业生人数为708人。", "表13：2019年各专业毕业生就业情况",
                 [["专业类别", "毕业生数（人）"], ["护理", "300"], ["财会", "405"], ["合计", "705"]])
    assert len(found) == 1 and found[0].diagnosis is not None and found[0].diagnosis.cause == "digit_typo"


def test_finding_has_the_shared_fields():
    from qualint.reporters.model import finding_dict
    from qualint.rulepack import load

    found = x101("2019年，学校招生983人。", "表4：学历教育基本情况统计表", TABLE4)
    d = finding_dict(found[0], load(), "zh")
    assert d["rule"] == "X101" and d["related"] and "983" in d["message"] + str(d["related"])
    assert finding_dict(found[0], load(), "en")["message"].startswith("2019")


def test_sections_headed_by_another_school_are_their_own_scope():
    assert x101("（一）柳州市第一职业技术学校", "2020年在校生5000人，专任教师300人。",
                "（二）柳州市第二职业技术学校", "2020年在校生3000人，专任教师200人。") == []


def test_bracket_notes_change_what_is_counted():
    assert x101("2019年在校生2442人（含非全日制630人）。", "2019年在校生1812人。") == []
    assert x101("2019年教职工（含外聘）280人。", "2019年学校有教职工250人。") == []


def test_one_majors_table_total_is_not_the_schools():
    assert x101("2019年在校生2442人。", "表3：2019年护理专业学生情况",
                [["年级", "在校生数"], ["一年级", "200"], ["二年级", "190"], ["合计", "390"]]) == []
    found = x101("2019年在校生2442人。", "表3：2019年各专业学生情况",
                 [["专业", "在校生数"], ["护理", "200"], ["财会", "190"], ["合计", "390"]])
    assert len(found) == 1
