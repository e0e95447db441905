from __future__ import annotations

from decimal import Decimal

import pytest

from qualint.claims.indicators import mentions, read_year, report_year
from qualint.claims.vocabulary import load
from tests.indicator_docs import doc

TITLE = "某某职业学校2019年度质量报告"


def _found(*blocks):
    return [(m.indicator, m.year, m.period, m.scope, m.stated.quantity.value) for m in mentions(doc(*blocks))]


def test_prose_mentions_with_year_from_the_same_sentence():
    got = _found("2018年，招生726人，在校生2314人；2019年，招生983人，在校生2442人。")
    assert ("招生", 2018, "", "", Decimal(726)) in got
    assert ("在校生", 2019, "", "", Decimal(2442)) in got
    assert len(got) == 4


def test_linkers_quotes_scale_and_subset_phrases():
    got = _found("2019年，我校有教职工250人，其中专任教师185人；专任教师中“双师型”教师有68人，教学仪器设备总值达到4810万元。")
    assert ("教职工", 2019, "", "", Decimal(250)) in got
    assert ("专任教师", 2019, "", "", Decimal(185)) in got
    assert ("双师型教师", 2019, "", "", Decimal(68)) in got
    assert ("教学仪器设备值", 2019, "", "", Decimal(48100000)) in got


def test_scope_words_become_part_of_the_key():
    got = _found("2019年全日制在校生1812人，非全日制学生630人。")
    assert got == [("在校生", 2019, "", "全日制", Decimal(1812))]


@pytest.mark.parametrize("sentence", [
    "与2018年相比，在校生达到2442人。",          # the year is a point of comparison
    "比2018年在校生2314人增加了128人。",
    "预计2020年在校生将达到3000人。",             # a plan
    "2019年各专业在校生分别为120人。",            # distributive
    "2019年在校生不少于2000人。",                 # a threshold
    "2019年在校生比上年增加128人。",              # a change, not a level
    "2019年毕业班在校生708人。",                  # unknown modifier
    "2018-2019年在校生2442人。",                  # a span of years
    "2019届毕业生708人。",                        # a cohort
    "2019年在校生占比为40%。",
])
def test_unclear_mentions_are_dropped(sentence):
    assert _found(sentence) == []


def test_other_organisations_get_their_own_scope():
    got = _found("2020年全市共有高中阶段学校24所，在校生85180人。")
    assert got and got[0][3] == "@高中阶段学校"
    got = _found("2019年，我校在校生2442人。")
    assert got[0][3] == ""


def test_year_from_title_only_when_the_paragraph_names_none():
    got = _found(TITLE, "学校现有教学用计算机785台。")
    assert got == [("教学用计算机", 2019, "", "", Decimal(785))]
    assert _found(TITLE, "2018年学校新建机房。学校现有教学用计算机785台。") == []
    assert _found("学校现有教学用计算机785台。")[0][1] is None


def test_report_year_reads_titles():
    assert report_year(doc(TITLE, "正文。"))[0] == 2019
    assert report_year(doc("柳州市中等职业教育2020年度质量报告", "正文"))[0] == 2020
    assert report_year(doc("学校情况", "正文"))[0] is None


def test_read_year_kinds():
    v = load(())
    assert read_year("2019学年，", v).period == "学年"
    assert read_year("2019年，", v).year == 2019 and read_year("2019年，", v).certain
    assert not read_year("与2018年相比，", v).certain
    assert not read_year("2019年上半年，", v).certain
    assert read_year("学校现有", v) is None


def test_table_with_year_rows():
    got = _found("表4：2018年、2019年学历教育基本情况统计表",
                 [["年度", "招生数(人)", "在校生数(人)", "毕(结)业生数(人)"],
                  ["2018年", "726", "2314", "855"], ["2019年", "1236", "2442", "708"], ["变化", "+510", "+128", "-147"]])
    assert ("招生", 2019, "", "", Decimal(1236)) in got
    assert ("毕业生", 2018, "", "", Decimal(855)) in got
    assert len(got) == 6


def test_table_with_year_columns_and_indicator_rows():
    got = _found("表5：教师基本情况", [["年度", "2018年", "2019年", "变化"], ["学 生 数", "2314", "2442", "+128"],
                                    ["专任教师数", "153", "185", "+32"], ["生师比", "15.12:1", "13.2:1", "-1.92"]])
    assert ("在校生", 2019, "", "", Decimal(2442)) in got and ("专任教师", 2018, "", "", Decimal(153)) in got
    assert all(g[0] != "生师比" for g in got)


def test_table_by_category_gives_only_the_total_row():
    got = _found("表2：2018年、2019年分专业学籍人数统计表",
                 [["序号", "专业", "2018年", "2019年"], ["1", "护理", "688", "600"], ["2", "财会", "200", "181"],
                  ["合计", "", "888", "781"]])
    assert sorted(got) == [("在校生", 2018, "", "", Decimal(888)), ("在校生", 2019, "", "", Decimal(781))]


def test_caption_year_table_and_academic_year():
    got = _found("表13：2019年各专业毕业生就业情况", [["专业类别", "毕业生数（人）", "就业学生数（人）"], ["护理", "81", "81"],
                                                  ["财会", "63", "62"], ["合计", "144", "143"]])
    assert sorted(got) == [("就业人数", 2019, "", "", Decimal(143)), ("毕业生", 2019, "", "", Decimal(144))]
    got = _found("表11：2019学年学生体测成绩统计表", [["年级", "在校人数", "及格人数"], ["高一", "606", "550"], ["高二", "573", "517"],
                                               ["合计", "1179", "1067"]])
    assert got == [("在校生", 2019, "学年", "", Decimal(1179))]


def test_tables_about_other_organisations_are_skipped():
    got = _found("表20：2019年校外合作企业顶岗实习一览表", [["专业", "在校生数", "人数"], ["汽修", "40", "36"], ["合计", "40", "36"]])
    assert got == []


def test_header_unit_scale_applies():
    got = _found("表3：经费", [["年度", "财政拨款（万元）"], ["2019年", "845.25"], ["2020年", "900"]])
    assert ("财政拨款", 2019, "", "", Decimal(8452500)) in got


def test_per_capita_mentions_take_the_figure_before_a_bare_prefix():
    got = _found(TITLE, "学校占地面积70940平方米，生均39.15平方米。")
    assert ("生均占地面积", 2019, "", "", Decimal("39.15")) in got
