from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.indicator_docs import findings


def r101(*blocks):
    return findings(*blocks, rules=("R101",))


def test_ratio_with_counts_of_the_same_year():
    assert r101("2019年，学校有在校生2442人，专任教师185人，生师比为13.2:1。") == []
    found = r101("2019年，学校有在校生2442人，专任教师185人，生师比为15.2:1。")
    assert [f.rule for f in found] == ["R101"] and found[0].expected == "13.2:1"


def test_ratio_with_counts_elsewhere():
    blocks = ("学校现有全日制在籍学生1259人。", "学校核定编制总人数138人，生师比为{}：1。其中，专任教师121人。")
    assert r101(blocks[0], blocks[1].format("10.40")) == []
    found = r101(blocks[0], blocks[1].format("9.55"))
    assert [f.rule for f in found] == ["R101"]
    assert found[0].diagnosis.cause == "unknown_denominator"


def test_ratio_without_counts_of_its_year_says_nothing():
    assert r101("2018年在校生2314人，专任教师153人。", "2019年，生师比为13.2:1。") == []


def test_ratio_truncated_is_not_an_error():
    # 2442/185 = 13.2000; 1000/3 = 333.33… → 333.3 rounds and truncates alike; 2000/3 = 666.67 truncates to 666.6
    assert r101("2019年，在校生2000人，专任教师3人，生师比为666.6:1。") == []


@settings(max_examples=40, deadline=None)
@given(students=st.integers(min_value=100, max_value=20000), teachers=st.integers(min_value=10, max_value=2000))
def test_property_rendered_ratio_quiet_perturbed_caught(students, teachers):
    r = (Decimal(students) / teachers).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    good = f"2019年，学校有在校生{students}人，专任教师{teachers}人，生师比为{r}:1。"
    assert r101(good) == []
    bad = f"2019年，学校有在校生{students}人，专任教师{teachers}人，生师比为{(r * Decimal('1.1') + Decimal('0.05')).quantize(Decimal('0.01'))}:1。"
    assert [f.rule for f in r101(bad)] == ["R101"]
