"""Totals and breakdowns in a sentence (SumClaim, PartClaim, shares of 100%) → T101, T102, T103."""

from __future__ import annotations

import pytest

from qualint.claims import prose
from qualint.claims.model import PartClaim, SumClaim
from qualint.engine import Options, check_document
from qualint.readers.text import build_document


def claims(text: str, kind: type) -> list:
    return [c for c in prose.extract(build_document("t.txt", text)) if isinstance(c, kind)]


def rules(text: str) -> list[str]:
    doc = build_document("t.txt", text)
    return [f.rule for f in check_document(doc, Options(), claims=prose.extract(doc)) if f.rule != "Q101"]


def test_announced_total_with_complete_breakdown_is_a_sum():
    text = "疫情期间，学校开设的线上课程共计222门，其中公共基础课21门，专业课201门，课程开出率达到78.74%以上。\n"
    [c] = claims(text, SumClaim)
    assert c.stated.text == "222门" and [p.text for p in c.parts] == ["21门", "201门"]
    assert rules(text) == []
    doc = build_document("t.txt", "标题\n" + text.replace("201门", "191门"))
    [f] = check_document(doc, Options(), claims=prose.extract(doc))
    assert (f.rule, f.line, f.stated) == ("T101", 2, "222门")


def test_unannounced_breakdown_checks_each_part_against_the_whole():
    # the parts overlap (a teacher may have both), so their sum is not checked
    text = "专任教师185人，其中本科学历159人，高级职称38人，双师型教师68人。\n"
    assert claims(text, SumClaim) == []
    assert sorted(p.parts[0].text for p in claims(text, PartClaim)) == ["159人", "38人", "68人"]
    assert rules(text) == []
    assert rules("学校有教职工250人，其中专任教师285人，与在校生的比例为13.2:1。\n") == ["T102"]


def test_breakdown_after_a_sentence_end_and_per_head_values_skipped():
    text = "建筑面积34015平方米，生均18.77平方米。其中教学及辅助用房面积19410平方米，行政办公用房3430平方米。\n"
    assert {c.stated.text for c in claims(text, PartClaim)} == {"34015平方米"}


def test_a_new_statement_ends_the_breakdown():
    text = "有820台电脑，其中教学用计算机785台，有63台希沃触摸一体机。\n"
    assert [c.parts[0].text for c in claims(text, PartClaim)] == ["785台"]


def test_breakdown_of_a_change_is_not_a_total():
    text = "2020年共有89个专业招生，较2019年增加6个，其中新增专业6个，撤销专业2个。\n"
    assert claims(text, SumClaim) == [] and claims(text, PartClaim) == []


def test_closing_total():
    text = "2018年拨入我校的资金有：两免经费863.554万元，补助学金212.5万元，上级专项资金100万元，合计：1176.0540万元。\n"
    [c] = claims(text, SumClaim)
    assert c.stated.text == "1176.0540万元" and len(c.parts) == 3
    assert rules(text) == []
    assert rules(text.replace("合计：1176.0540万元", "合计：1276.0540万元")) == ["T101"]


def test_closing_total_over_unclean_clauses_is_skipped():
    text = "2020年-2021年，先后开展了SYB创业培训4期140人，教师培训项目8个2542人次，总计9个培训项目，2682人次。\n"
    assert claims(text, SumClaim) == []


def test_answer_scale_adds_up_to_100():
    text = "实习实训比较满意度占87.61%，不满意占4.22%，无法评估占9.17%；毕业生对学校满意度占90.23%。\n"
    [c] = claims(text, SumClaim)
    assert c.kind == "shares100" and len(c.parts) == 3
    assert rules(text) == ["T103"]
    assert rules(text.replace("87.61%", "86.61%")) == []


def test_complete_set_of_groups_adds_up_to_100():
    text = "2018年，高一、高二、高三年级学生分别占在校生总数的30.6%、31.9%、37.5%。\n"
    [c] = claims(text, SumClaim)
    assert c.kind == "shares100"
    assert rules(text) == []
    assert rules(text.replace("37.5%", "38.5%")) == ["T103"]


@pytest.mark.parametrize(
    "text",
    [
        "满意占90%，不满意占5%。\n",  # no neutral category: 一般 may be left out
        "对理论学习满意占74.7%，对专业学习满意占83.2%。\n",  # two aspects, not one scale
        "计算机、会计两个专业分别占招生总数的20%、30%。\n",  # not a complete set
        "学生对所有项目满意程度为一般的比率在3%左右，不满意的比率都低于2.5%。\n",
        "教职工总数为1841人，在编1038人，聘用控制数231人。\n",  # no 其中, no 合计
    ],
)
def test_no_total_claim(text):
    assert claims(text, SumClaim) == []
    assert rules(text) == []


# ---------------------------------------------------------------- bounds over listed items (M102)

SURVEY = (
    "学生对调查问卷的所有项目满意率都在91%之上，其中对校园安全的满意程度达到96%，对实习实训的满意程度为95%，"
    "对理论学习的满意程度为90%，对学校整体办学情况满意度为94.5%。学生对所有项目满意程度为一般的比率在3%左右。\n"
)


def test_floor_claim_with_items_after_it():
    from qualint.claims.model import BoundClaim

    [c] = claims(SURVEY, BoundClaim)
    assert c.op == ">=" and len(c.items) == 4
    doc = build_document("t.txt", SURVEY)
    [f] = check_document(doc, Options(), claims=prose.extract(doc))
    assert f.rule == "M102" and "90%" in f.expected
    assert rules(SURVEY.replace("为90%", "为91%")) == []


def test_floor_claim_with_items_before_it():
    assert rules("各专业毕业生就业率分别为96.2%、88.5%和93.0%，均在90%以上。\n") == ["M102"]
    assert rules("各专业毕业生就业率分别为96.2%、91.5%和93.0%，均在90%以上。\n") == []
    # a printed 90% meets 90%以上; 90.96% printed as 91% meets 在91%之上
    assert rules("各专业就业率分别为90%、95%，均在90%以上。\n") == []


def test_ceiling_claim():
    assert rules("各专业流失率分别为1.2%、3.5%，均在3%以内。\n") == ["M102"]


def test_no_bound_without_listed_items():
    text = "2020年我市中等职业院校应届毕业生9309人，其中就业人数8801人，就业率94.5%，用人单位满意度均为93%以上。\n"
    from qualint.claims.model import BoundClaim

    assert claims(text, BoundClaim) == []


def test_total_announced_by_gong_inside_the_label():
    assert rules("学校共开设课程230门，其中公共基础课21门，专业课201门。\n") == ["T101"]
    assert claims("学校公共课程230门，其中语文21门，数学201门。\n", SumClaim) == []  # 公共 announces nothing
