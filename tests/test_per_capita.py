from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.indicator_docs import findings

TITLE = "某某职业学校2019年度质量报告"


def p10x(*blocks):
    return findings(*blocks, rules=("P101", "P102"))


def test_count_in_the_sentence_fits():
    assert p10x("2019年学校教学仪器设备总值845.25万元，在校生1289人，生均教学仪器设备值6557.41元。") == []


def test_count_in_the_sentence_mismatch_is_an_error():
    found = p10x("2019年学校教学仪器设备总值845.25万元，在校生1289人，生均教学仪器设备值6657.41元。")
    assert [f.rule for f in found] == ["P101"]
    assert found[0].expected == "6557.41元"


def test_scale_slip_is_diagnosed():
    found = p10x("2019年学校教学仪器设备总值845.25万元，在校生1289人，生均教学仪器设备值0.66万元。")
    assert found == [] or found[0].rule == "P101"
    found = p10x("2019年学校教学仪器设备总值845.25万元，在校生1289人，生均教学仪器设备值65574100元。")
    assert found and found[0].diagnosis is not None and found[0].diagnosis.cause == "scale_error"


def test_area_in_mu_converts():
    assert p10x("2019年学校占地面积118亩，在校生1289人，生均占地面积61.03平方米。") == []
    assert [f.rule for f in p10x("2019年学校占地面积118亩，在校生1289人，生均占地面积91.03平方米。")] == ["P101"]


def test_count_stated_elsewhere_for_the_same_year():
    base = ("2018年在校生2314人，2019年在校生2442人。",)
    assert p10x(*base, "2019年学校实习工位2180个，生均实习工位0.9个。") == []
    found = p10x(*base, "2019年学校实习工位2180个，生均实习工位1.2个。")
    assert [f.rule for f in found] == ["P101"]


def test_other_years_count_is_a_warning_naming_it():
    found = p10x("2018年在校生2314人，2019年在校生2442人。", "2019年学校占地面积70940平方米，生均占地面积30.66平方米。")
    assert [f.rule for f in found] == ["P102"]
    assert "2314" in dict(found[0].params)["candidates"]
    assert found[0].diagnosis.cause == "other_year"


def test_unstated_count_pinned_by_precision_is_a_warning():
    found = p10x("学校现有全日制在籍学生1259人。",
                 "教学仪器设备值845.25万元，生均教学仪器设备值达6557.41元；纸质图书4.2万册，生均纸质图书32.69册。")
    assert [f.rule for f in found] == ["P102"]  # 32.69 fits the 1289 that 6557.41 pins; no error


def test_standards_and_thresholds_are_not_per_capita_claims():
    assert p10x("2019年在校生2442人。", "2019年学校占地面积70940平方米，低于生均33平方米的要求。") == []
    assert p10x("2019年在校生2442人。", "2019年财政经费投入总额为4063.9万元，生均财政拨款2000元。") == []


def test_table_per_capita_column():
    table = [["年度", "在校生数(人)", "多媒体教室", "生均", "教学用计算机", "生均"],
             ["2018年", "2314", "93", "4%", "580", "25.1%"], ["2019年", "2442", "93", "3.8%", "602", "24.7%"]]
    assert p10x("表1：多媒体教室和计算机数量及生均比", table) == []
    table[2][5] = "27.7%"
    assert [f.rule for f in p10x("表1：多媒体教室和计算机数量及生均比", table)] == ["P101"]


def test_table_per_capita_row_with_count_elsewhere():
    blocks = ["2018年在校生2314人，2019年在校生2442人。", "表6：实训实习工位数",
              [["年份项目", "2018年", "2019年"], ["工位（个）", "2080", "2180"], ["生均工位数（%）", "89.9%", "89.3%"]]]
    assert p10x(*blocks) == []
    blocks[2][2][1] = "92.9%"
    assert [f.rule for f in p10x(*blocks)] == ["P101"]


def _fmt(v: Decimal, d: int) -> str:
    return format(v.quantize(Decimal(1).scaleb(-d), rounding=ROUND_HALF_UP), "f")


@settings(max_examples=40, deadline=None)
@given(amount=st.integers(min_value=100000, max_value=99999999), count=st.integers(min_value=50, max_value=9000))
def test_property_rendered_per_capita_is_quiet_and_perturbed_is_caught(amount, count):
    wan = Decimal(amount) / 100  # 万元 with two decimals
    value = wan * 10000 / count
    good = f"2019年学校教学仪器设备总值{_fmt(wan, 2)}万元，在校生{count}人，生均教学仪器设备值{_fmt(value, 2)}元。"
    assert p10x(good) == []
    bad_value = value * Decimal("1.05") + 1
    bad = f"2019年学校教学仪器设备总值{_fmt(wan, 2)}万元，在校生{count}人，生均教学仪器设备值{_fmt(bad_value, 2)}元。"
    assert [f.rule for f in p10x(bad)] == ["P101"]
