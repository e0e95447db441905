"""U101: values restated in another unit in brackets."""

import pytest

from qualint.engine import check_document
from qualint.readers.text import build_document


def u101(text):
    return [(f.line, f.stated, f.expected) for f in check_document(build_document("r.txt", text)) if f.rule == "U101"]


def test_area_in_mu_that_does_not_convert():
    assert u101("简介\n学校占地面积42193.63平方米（65亩）。\n") == [(2, "65亩", "63亩")]


@pytest.mark.parametrize("text", [
    "学校占地面积42193.63平方米（63.29亩）。",
    "学校占地面积70940平方米（106.35亩）。",  # converted with 1亩 = 667 m²: within the slack
    "建筑面积3.2万平方米（48亩）。",
    "设备总值845.25万元（8452500元）。",
    "占地面积42193.63平方米（约63亩）。",
    "培训100人（120人次）。",  # head counts and person-times never convert
    "学校有教室30间（其中多媒体教室12间）。",
])
def test_consistent_or_unconvertible_restatements(text):
    assert u101(text) == []


def test_money_restated_with_transposed_digits():
    (found,) = u101("设备总值845.25万元（8425500元）。")
    assert found[1] == "8425500元" and found[2] == "8452500元"
