"""Red-team regressions: a 生师比 that counts part-time teachers (at half, as the Ministry's indicator
for colleges does, or whole) is consistent; one no definition reproduces is still an error."""

from __future__ import annotations

import pytest

from tests.indicator_docs import findings

TITLE = "某某职业学院2021年度质量报告"


def r101(text):
    return [f for f in findings(TITLE, text) if f.rule == "R101"]


@pytest.mark.parametrize("ratio", ["14.86:1", "13.60:1", "16.38:1"])
def test_part_time_teachers_counted_at_half_or_whole(ratio):
    # 3046 / (186 + 0.5 × 38) = 14.86; 3046 / (186 + 38) = 13.60; 3046 / 186 = 16.38
    assert r101(f"学校全日制在校生3046人，专任教师186人，兼职教师38人，生师比为{ratio}。") == []


def test_a_ratio_no_definition_gives_is_still_an_error():
    assert len(r101("学校全日制在校生3046人，专任教师186人，兼职教师38人，生师比为15.36:1。")) == 1


def test_without_part_time_teachers_the_plain_ratio_is_required():
    assert len(r101("学校全日制在校生3046人，专任教师186人，生师比为14.86:1。")) == 1
