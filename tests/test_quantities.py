from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualint.quantities import extract, parse_cell, parse_cn_int, scan, years


def values(text):
    return [(q.text, q.value, q.unit) for q in extract(text)]


def test_counts_percent_and_units():
    assert values("学校现有全日制在籍学生1259人，增加1.01%") == [("1259人", Decimal(1259), "人"), ("1.01%", Decimal("1.01"), "%")]


def test_scale_wan_applies_to_value_and_keeps_precision():
    (q,) = extract("教学仪器设备值845.25万元")
    assert q.value == Decimal("8452500.00") and q.unit == "元" and q.decimals == 2
    assert q.half_unit == Decimal("50.00")  # ±0.005万元


def test_trailing_zeros_count_as_precision():
    (q,) = extract("100.00%")
    assert q.decimals == 2 and q.half_unit == Decimal("0.005")


def test_exact_counts_have_no_rounding_interval():
    (q,) = extract("2442人")
    assert q.exact and q.half_unit == 0


@pytest.mark.parametrize("text,value", [("-93.3%", "-93.3"), ("−0.2%", "-0.2"), ("↓5人", "-5"), ("+128", "128"),
                                        ("１２３４人", "1234"), ("12．5 %", "12.5"), ("1,234.5元", "1234.5")])
def test_signs_fullwidth_and_separators(text, value):
    (q,) = extract(text)
    assert q.value == Decimal(value)
    assert text[q.start:q.end] == q.text


def test_ratio():
    (q,) = extract("生师比为9.55：1")
    assert q.is_ratio and q.mantissa == Decimal("9.55") and q.denominator == 1
    (r,) = extract("职普比3.5:6.5")
    assert r.denominator == Decimal("6.5")


@pytest.mark.parametrize("text", ["十三五规划", "2021年", "1+X证书", "“3+2”联读", "表3：学生结构", "第3名", "3—6个月",
                                  "2020--2021年", "教职成厅函〔2016〕2号", "1.1学校概况", "18级学生", "2019.8",
                                  "电话13812345678", "1000～1500元", "2021年5月"])
def test_traps_are_not_data(text):
    assert extract(text) == []


def test_hedges():
    assert extract("约30人")[0].hedge == "approx"
    assert extract("10余人")[0].hedge == "over"
    assert extract("400多万元")[0].hedge == "over"
    assert extract("超过90%")[0].hedge == "over"


def test_years():
    assert years("2018年、2019年分专业") == [2018, 2019]
    assert years("2020年度") == [2020]


def test_parse_cell():
    assert parse_cell("2442").value == 2442
    assert parse_cell("+6.9%").value == Decimal("6.9")
    assert parse_cell("2018年") is None
    assert parse_cell("1000～1500") is None
    assert parse_cell("教育类") is None
    assert parse_cell("基地1") is None
    assert parse_cell("约30人").hedge == "approx"
    assert parse_cell("") is None


def test_cn_numerals():
    assert [parse_cn_int(t) for t in ("三", "两", "十", "十二", "二十", "九十九")] == [3, 2, 10, 12, 20, 99]
    assert parse_cn_int("一百") is None


@given(st.text(max_size=200))
def test_every_token_is_its_own_substring(text):
    for q in scan(text):
        assert text[q.start:q.end] == q.text


def test_digits_of_other_scripts_are_not_numbers():
    assert [q.text for q in extract("\U00016130 ٣ 12人")] == ["12人"]


def test_a_dash_between_years_is_not_a_minus():
    assert [q.text for q in extract("2020年-2021年学年度共招生500人")] == ["500人"]
