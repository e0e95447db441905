from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from qualint.checks.denominators import base_candidates
from qualint.intervals import Interval
from tests.indicator_docs import findings

TITLE = "某某职业学校2019年度质量报告"


def test_named_whole_stated_elsewhere():
    base = (TITLE, "2019年在校生2442人。")
    assert findings(*base, "学校现有团员818人，占全校人数的33.5%。", rules=("S101",)) == []
    found = findings(*base, "学校现有团员818人，占全校人数的46%。", rules=("S101",))
    assert [f.rule for f in found] == ["S101"]


def test_named_whole_fitting_only_another_year_is_a_warning():
    base = (TITLE, "2018年在校生2314人，2019年在校生2442人。")
    found = findings(*base, "学校现有团员818人，占全校人数的35.4%。", rules=("S101", "S103"))
    assert [f.rule for f in found] == ["S103"] and found[0].diagnosis.cause == "other_year"


def test_whole_stated_nowhere_feasibility():
    assert findings("学校有兼职教师18人，兼职教师占专业课和实习指导教师的比例达26.9%。", rules=("S102",)) == []
    assert findings("学校有兼职教师18人，兼职教师占专业课和实习指导教师的比例达26.8%。", rules=("S102",)) == []  # truncated
    found = findings("学校有兼职教师18人，兼职教师占专业课和实习指导教师的比例达26.93%。", rules=("S102",))
    assert [f.rule for f in found] == ["S102"]


def test_named_rate_with_whole_in_another_sentence():
    base = "2021年毕业生446人，2020年毕业生460人。2021年就业人数421人，就业率为{}。"
    assert findings(base.format("94.4%"), rules=("S101", "S102", "S103")) == []
    assert [f.rule for f in findings(base.format("91.5%"), rules=("S101", "S102", "S103"))] == ["S103"]
    assert findings(base.format("80%"), rules=("S101", "S102", "S103")) == []  # definitions vary: no error


def test_whole_stated_in_the_paragraph_is_left_to_the_prose_extractor():
    found = findings("2019年在校生2442人，团员818人，占全校人数的33.5%。", rules=("S101",))
    assert found == []


def test_open_change_infeasible_base_is_an_error():
    found = findings("2021年招收学生472人，与上一年度相比增加1.01%。", rules=("C102",))
    assert [f.rule for f in found] == ["C102"]
    assert found[0].diagnosis.cause == "infeasible_base"


def test_open_change_feasible_base_is_quiet():
    assert findings("2021年招收学生472人，与上一年度相比增加1.07%。", rules=("C102", "C106")) == []
    assert findings("2021年招收学生472人，与上一年度相比增加1%。", rules=("C102", "C106")) == []


def test_change_with_base_in_another_paragraph_goes_to_the_change_checks():
    assert findings("2020年招生467人。", "2021年招生472人，与上一年度相比增加1.07%。", rules=("C102",)) == []
    found = findings("2020年招生467人。", "2021年招生472人，与上一年度相比增加1.5%。", rules=("C102",))
    assert [f.rule for f in found] == ["C102"]


def test_base_candidates():
    prev, cur = base_candidates(Decimal(472), Interval(Decimal("1.005"), Decimal("1.015")))
    assert prev.lo > 467 and prev.hi < 468
    assert cur.lo > 467 and cur.hi < 468


@settings(max_examples=40, deadline=None)
@given(base=st.integers(min_value=20, max_value=5000), delta=st.integers(min_value=1, max_value=400))
def test_property_rendered_change_never_flagged(base, delta):
    current = base + delta
    pct = (Decimal(delta) / base * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert findings(f"2021年招收学生{current}人，与上一年度相比增加{pct}%。", rules=("C102",)) == []
