"""More prose change shapes (red-team recall): a percent after an absolute change in the same clause run
(with the base stated, in parentheses, or only implied as current − change), 与2019年（A）比较, two
stated years, 元/万元/亿元 scales, 增幅/降幅 nouns — and the traps that must stay silent."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from qualint.claims import extract_claims
from qualint.claims.model import ChangeClaim
from qualint.intervals import Interval
from tests.indicator_docs import doc, findings

TITLE = "某某职业学校2021年度质量报告"
FILLER = "一、学校概况"


def active(*blocks):
    return [f for f in findings(TITLE, *blocks) if f.rule not in ("Q101", "Q104")]


def change_claims(sentence: str) -> list[ChangeClaim]:
    return [c for c in extract_claims(doc(TITLE, sentence)) if isinstance(c, ChangeClaim)]


# (correct sentence, the stated figure to perturb, its wrong replacement, rule)
CASES = [
    # 1. a percent after an absolute change, base not stated: base = 3046 − 87 = 2959
    ("2021年学校有在校生3,046人，比上年增加87人，增长2.94%。", "2.94%", "8.75%", "C102"),
    ("2021年在校生3,046人，比上年减少87人，下降2.78%。", "2.78%", "2.86%", "C102"),
    ("2021年在校生3,046人，同比增加87人，增长2.94%。", "2.94%", "3.94%", "C102"),
    ("2021年在校生3,046人，比上年增加87人（增长2.94%）。", "2.94%", "2.86%", "C102"),
    ("2021年在校生3,046人，与上年相比增加87人，增长2.94%。", "2.94%", "2.49%", "C102"),
    ("2021年在校生3,046人，与上年相比，增加87人，增长2.94%。", "2.94%", "2.49%", "C102"),
    ("学校在校生3,046人，比上年增加87人，同比增长2.94%。", "2.94%", "8.75%", "C102"),
    ("2020-2021学年在校生3,046人，比上学年增加87人，增长2.94%。", "2.94%", "8.75%", "C102"),
    # 增幅/降幅 nouns after the absolute change
    ("2021年在校生3,046人，比上年增加87人，增幅为2.94%。", "2.94%", "8.75%", "C102"),
    ("2021年在校生3,046人，较上年减少87人，降幅达2.78%。", "2.78%", "2.94%", "C102"),
    ("2021年在校生3,046人，较上年增长87人，增长率为2.94%。", "2.94%", "2.86%", "C102"),
    # 2. the base in parentheses
    ("2021年社会培训8,420人次，比上年（7,650人次）增加770人次，增长10.07%。", "10.07%", "11.07%", "C102"),
    ("2021年社会培训8,420人次，比上年（7,650人次）增加770人次，增长10.07%。", "770人次", "870人次", "C101"),
    ("2021年在校生2442人，与2019年（2314人）比较，增加128人。", "128人", "138人", "C101"),
    ("2021年在校生2442人，与2019年（2314人）相比增加128人，增长5.53%。", "5.53%", "5.24%", "C102"),
    ("2021年在校生2442人，与2019年的2314人相比，增加128人，增长5.53%。", "128人", "118人", "C101"),
    # 3. two stated years, base implied: 2442 − 116 = 2326
    ("2021年在校生2,442人，比2019年增加116人，增长4.99%。", "4.99%", "11.76%", "C102"),
    ("2021年在校生2,442人，较2019年减少116人，下降4.53%。", "4.53%", "4.75%", "C102"),
    # 4. 元, 万元, 亿元 (1.2亿 printed with one decimal: [1.15, 1.25]亿)
    ("2021年生均经费3,650元，比上年的3,412元增加238元，增长6.98%。", "6.98%", "7.98%", "C102"),
    ("2021年学校总收入由上年的1.2亿元增至15,680万元，增长30.67%。", "30.67%", "36.67%", "C102"),
    ("2021年学校总收入1.86亿元，比上年增加1,400万元，增长8.14%。", "8.14%", "8.84%", "C102"),
    ("2021年学校总收入1.86亿元，比上年增加1,400万元，增长8.14%。", "8.14%", "7.40%", "C102"),
    ("2021年学校专任教师由179人增加到186人，增加7人，增长3.91%。", "3.91%", "4.91%", "C102"),
    # 5. the percent first, then the absolute change
    ("2021年在校生3,046人，比上年增长2.94%，增加87人。", "2.94%", "8.94%", "C102"),
    ("2021年在校生3,046人，较上年（2,959人）增长2.94%，增加87人。", "87人", "97人", "C101"),
    ("在校生由2959人增加到3046人，增长2.94%，增加87人。", "87人", "97人", "C101"),
    # the base named with 的 inside 与…相比 (a thousands separator inside the comparison), 净增
    ("2021年在校生3,046人，与上年的2,959人相比，增长2.94%。", "2.94%", "8.94%", "C102"),
    ("2021年在校生3,046人，比上年净增87人，增长2.94%。", "2.94%", "8.94%", "C102"),
    ("2021年在校生3,046人，比上年（2,959人）净增87人。", "87人", "97人", "C101"),
    # a figure carried over from an earlier year mention is no rival of the freshly dated one
    ("2020年以来学校共派出9名教师。累计培训9名教师，2021年共招生123人，比上年增加35人，增长39.77%。",
     "39.77%", "28.46%", "C102"),
]


@pytest.mark.parametrize("sentence,_figure,_wrong,_rule", CASES)
def test_consistent_sentence_is_silent(sentence, _figure, _wrong, _rule):
    assert active(sentence) == []


@pytest.mark.parametrize("sentence,figure,wrong,rule", CASES)
def test_perturbed_figure_is_caught_at_its_line(sentence, figure, wrong, rule):
    perturbed = sentence.replace(figure, wrong, 1)
    assert perturbed != sentence
    found = active(FILLER, "学校现有专业12个。", perturbed)
    assert [(f.rule, f.line, f.stated) for f in found] == [(rule, 4, wrong)]


def test_implied_base_is_a_labelled_synthetic_operand():
    [c] = [c for c in change_claims("2021年在校生3,046人，比上年增加87人，增长2.94%。") if c.mode == "pct"]
    assert c.previous.label == "上年（3,046人−87人）"
    assert (c.previous.quantity.value, c.previous.quantity.half_unit, c.previous.text) == (Decimal(2959), 0, "2959人")
    assert c.current.text == "3,046人" and c.stated.quantity.value == Decimal("2.94")
    [c] = change_claims("2021年在校生2,442人，较2019年减少116人，下降4.53%。")
    assert c.previous.label == "2019年（2,442人+116人）" and c.previous.quantity.value == Decimal(2558)
    assert c.stated.quantity.value == Decimal("-4.53")


def test_implied_base_carries_the_rounding_of_both_figures():
    # 1.86亿 (±50万) − 1,400万 (±0.5万): the base stands for 1.72亿 ± 50.5万, no narrower.
    [c] = [c for c in change_claims("2021年学校总收入1.86亿元，比上年增加1,400万元，增长8.14%。") if c.mode == "pct"]
    iv = Interval.of(c.previous.quantity)
    assert (iv.lo, iv.hi) == (Decimal(171495000), Decimal(172505000))
    assert c.previous.text == "1.72亿元"


def test_finding_points_at_the_percent_line_and_names_the_base():
    text = [FILLER, "2021年学校有在校生3,046人，比上年增加87人，增长2.86%。"]
    [f] = active(*text)
    assert (f.rule, f.line, f.stated, f.expected) == ("C102", 3, "2.86%", "+2.94%")
    assert f.formula == "(3,046人-2959人)/2959人"
    assert f.diagnosis is not None and f.diagnosis.cause == "current_year_denominator"  # 87 / 3046


TRAPS = [
    # plans and targets
    "力争2022年在校生达到3,200人，比上年增加154人，增长8%。",
    "2022年计划招生1,300人，比上年增加100人，增长15%。",
    # thresholds, hedges, ranges
    "2021年在校生3,046人，比上年增加87人，增长不低于5%。",
    "2021年在校生3,046人，比上年增加近90人，增长5%。",
    "2021年在校生3,046人，比上年增加87人，增长3%—5%。",
    # two figures of the same year before the comparison: the change may be about either
    "2021年在校生3,046人，其中全日制2,500人，比上年增加87人，增长5%。",
    "2021年在校生2442人，其中全日制1812人，比上年（2314人）增加128人。",
    "2021年在校生2442人，其中全日制1812人，与2019年（2314人）比较，增加128人。",
    # 分别: several changes matched by position only
    "2021年招生1,200人、在校生3,046人，比上年分别增加100人和87人，分别增长9.09%和9.94%。",
    # a subject in the change clause names another figure
    "2021年学校有在校生3,046人，全日制学生比上年增加87人，增长9%。",
    # a comparison with another thing, not an earlier period
    "2021年在校生3,046人，比全市平均增加87人，增长9%。",
    # the direction of the percent contradicts the absolute change: not read as one change
    "2021年在校生3,046人，比上年减少87人，增幅达9%。",
    # a named base year that is not earlier than the figure's year
    "2021年在校生3,046人，较2022年增加87人，增长9%。",
    # the percent in another sentence
    "2021年在校生3,046人，比上年增加87人。增长9%的是专业数。",
    # the percent is about another figure (a share, not a change)
    "2021年在校生3,046人，比上年增加87人，占全市的9%。",
]


@pytest.mark.parametrize("sentence", TRAPS)
def test_traps_stay_silent(sentence):
    assert active(sentence) == []


# --------------------------------------------------------------------------- properties

PROPS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def rate(change: int, base: int, decimals: int) -> Decimal:
    return (Decimal(change) * 100 / Decimal(base)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


SHAPES = st.sampled_from([
    "{year}年在校生{cur}人，比上年{word}{n}人，{pword}{p}%。",
    "{year}年在校生{cur}人，比{prev_year}年{word}{n}人，{pword}{p}%。",
    "{year}年在校生{cur}人，比上年{pword}{p}%，{word}{n}人。",
    "{year}年在校生{cur}人，与上年相比，{word}{n}人，{pword}{p}%。",
])


@PROPS
@given(shape=SHAPES, base=st.integers(50, 9000), n=st.integers(1, 900), down=st.booleans(),
       decimals=st.integers(1, 2), year=st.integers(2016, 2024))
def test_implied_base_correct_percent_is_silent_and_a_perturbed_one_is_caught(shape, base, n, down, decimals, year):
    assume(not down or n < base)
    cur = base - n if down else base + n
    word, pword = ("减少", "下降") if down else ("增加", "增长")
    p = rate(n, base, decimals)
    fill = {"year": year, "prev_year": year - 2, "cur": f"{cur:,}", "word": word, "n": n, "pword": pword}
    assert active(shape.format(p=p, **fill)) == []
    step = Decimal(1).scaleb(-decimals)
    wrong = p + 3 * step if p > 3 * step else p + 5 * step
    found = active(FILLER, shape.format(p=wrong, **fill))
    assert [(f.rule, f.line, f.stated) for f in found] == [("C102", 3, f"{wrong}%")]
