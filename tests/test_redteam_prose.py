"""Red-team regressions for prose claims: thousands separators, and consistent wording that must
stay quiet."""

from __future__ import annotations

import pytest

from tests.indicator_docs import findings

TITLE = "某某职业学校2021年度质量报告"


def active(*blocks):
    return [f for f in findings(TITLE, *blocks) if f.rule not in ("Q101", "Q104")]


@pytest.mark.parametrize("current,previous", [("3,046", "2,871"), ("3046", "2871")])
def test_a_change_is_paired_whether_or_not_thousands_are_separated(current, previous):
    # 「3,046」 holds an ASCII comma: it must not end the clause and hide the figure from its change.
    wrong = f"2021年学校有全日制在校生{current}人，较上年的{previous}人增加157人。"
    assert [(f.rule, f.stated) for f in active(wrong)] == [("C101", "157人")]
    right = f"2021年学校有全日制在校生{current}人，较上年的{previous}人增加175人。"
    assert active(right) == []


@pytest.mark.parametrize("sentence", [
    "2021年学校总收入1.86亿元，比上年的1.72亿元增加1,400万元，增长8.14%。",
    "学校就业率由95.42%提高到96.18%，提高了0.8%。",  # a relative change of a rate: (96.18 − 95.42) / 95.42
    "学校专任教师由179人增加到186人，增加7人，增长3.9%。",
    "2021年学校专任教师186人，较2019年的168人增加18人，增长10.71%。",
    "2021年毕业生968人，就业931人（含升学225人），就业率96.18%。",
    "2021年毕业生968人，其中就业706人，升学225人，就业率为96.18%。",
])
def test_consistent_sentences_stay_quiet(sentence):
    assert active(sentence) == []
