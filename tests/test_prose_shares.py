"""Shares and rates whose part and whole are both in the paragraph (ShareClaim → S101)."""

from __future__ import annotations

import pytest

from qualint.claims import prose
from qualint.claims.model import ShareClaim
from qualint.engine import Options, check_document
from qualint.readers.text import build_document


def shares(text: str) -> list[ShareClaim]:
    return [c for c in prose.extract(build_document("t.txt", text)) if isinstance(c, ShareClaim)]


def rules(text: str) -> list[str]:
    doc = build_document("t.txt", text)
    return [f.rule for f in check_document(doc, Options(), claims=prose.extract(doc)) if f.rule != "Q101"]


TEACHERS = (
    "目前全市9所中职学校中教职工总数为1841人，在编1038人；专任教师达到1458人，其中“双师型”教师716人，"
    "占专任教师数的49.1%；兼职教师156人，占专任教师数的10.7%；高级职称295人，其中正高级职称14人，"
    "高级职称占专任教师数的20.2%。\n"
)


def test_named_denominator_stated_in_the_paragraph():
    found = {c.stated.text: (c.part.text, c.whole.text) for c in shares(TEACHERS)}
    assert found == {"49.1%": ("716人", "1458人"), "10.7%": ("156人", "1458人"), "20.2%": ("295人", "1458人")}
    assert all(c.source == "prose" for c in shares(TEACHERS))
    assert rules(TEACHERS) == []


def test_subject_before_zhan_picks_its_figure_not_the_nearest():
    [c] = [c for c in shares(TEACHERS) if c.stated.text == "20.2%"]
    assert c.part.text == "295人"  # not 正高级职称14人, the nearer figure


def test_wrong_share_is_s101_with_the_recomputed_value():
    doc = build_document("t.txt", "说明\n" + TEACHERS.replace("10.7%", "11.7%"))
    [f] = [f for f in check_document(doc, Options(), claims=prose.extract(doc)) if f.rule == "S101"]
    assert f.line == 2 and f.stated == "11.7%" and f.expected == "10.7%"


def test_denominator_of_the_same_year_when_two_years_name_it():
    text = "2018年专任教师153人，2019年专任教师185人，骨干教师17人，占专任教师数的9.19%。\n"
    [c] = shares(text)
    assert c.whole.text == "185人"
    assert rules(text) == []
    assert rules(text.replace("9.19%", "11.11%")) == ["S101"]


def test_rate_whose_stem_names_the_part():
    text = "2020年我市中等职业院校应届毕业生9309人，其中就业人数8801人，就业率94.5%。\n"
    [c] = shares(text)
    assert (c.part.text, c.whole.text) == ("8801人", "9309人")
    assert rules(text) == []
    assert rules(text.replace("94.5%", "95.5%")) == ["S101"]


def test_rate_with_the_part_named_after_its_number():
    text = "2019年，有709名学生参加高考，699名学生升学，升学率99.88%。\n"
    [c] = shares(text)
    assert (c.part.text, c.whole.text) == ("699名", "709名")
    assert rules(text) == ["S101"]
    assert rules(text.replace("99.88%", "98.59%")) == []


def test_truncated_rate_is_info_only():
    text = "2021年学校30人参加对口高考，2人本科上线，本科上线率6%。\n"
    doc = build_document("t.txt", text)
    assert [f.rule for f in check_document(doc, Options(), claims=prose.extract(doc))] == ["Q101"]


@pytest.mark.parametrize(
    "text",
    [
        # three counts before the rate: which two make it is not clear (就业 counts 升学 here)
        "2021年，学校共毕业学生446人，升入高职156人，安置就业233人，就业率87%。\n",
        # the stem names no count
        "2018年855名学生参加了职业技能鉴定，获证839名，合格率达98.13%。\n",
        # 不合格 is not the numerator of 合格率
        "参加考试120人，不合格6人，合格率95%。\n",
        # the denominator is named but not stated in the paragraph
        "学校现有团员818人，占全校人数的46%。\n",
        # no denominator named: left to the indicator-aware extractor
        "专任教师中高级职称有38人，占20.54%。\n",
        # thresholds and targets
        "要求专任教师中双师型教师不低于60%，专任教师100人，双师型教师50人，双师型比例不低于60%。\n",
        "力争毕业生500人，就业480人，就业率达到98%以上。\n",
        # 分别占: parts not stated
        "高一、高二、高三年级学生分别占在校生总数的30.6%、31.9%、37.5%。\n",
    ],
)
def test_no_share_claim(text):
    assert shares(text) == []
    assert rules(text) == []
