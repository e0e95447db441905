"""The small unit registry: exact Decimal conversions, dimensions kept apart, loaded lazily."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualint import units

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        ("845.25", "万元", "元", "8452500"),
        ("1.45", "亿元", "万元", "14500"),
        ("1302", "万元", "亿元", "0.1302"),
        ("3.6", "万平方米", "平方米", "36000"),
        ("1", "公顷", "亩", "15"),
        ("15", "亩", "公顷", "1"),
        ("1", "平方公里", "公顷", "100"),
        ("3", "‰", "%", "0.3"),
        ("5", "%", "个百分点", "5"),
        ("12000", "元/人", "万元/人", "1.2"),
        ("2682", "人次", "万人次", "0.2682"),
        ("2", "天", "小时", "48"),
    ],
)
def test_convert_is_exact_decimal(value: str, source: str, target: str, expected: str) -> None:
    result = units.convert(Decimal(value), source, target)
    assert isinstance(result, Decimal)
    assert result == Decimal(expected)


def test_mu_is_ten_thousand_fifteenths_of_a_square_metre() -> None:
    # 1 亩 = 10000/15 m² exactly: 15 亩 make one 公顷 and 118 亩 is 78666.67 m² to the cent.
    assert units.convert(Decimal(15), "亩", "平方米") == Decimal(10000)
    area = units.convert(Decimal(118), "亩", "平方米")
    assert area.quantize(Decimal("0.01")) == Decimal("78666.67")
    assert abs(area * 15 - 118 * 10000) < Decimal("1e-20")


def test_same_unit_is_returned_unchanged() -> None:
    assert units.convert(Decimal("1.50"), "元", "元") == Decimal("1.50")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("元", "万元", True),
        ("亩", "公顷", True),
        ("人", "名", True),
        ("%", "‰", True),
        ("人", "人次", False),  # heads and person-times are different things
        ("册", "台", False),
        ("元", "人", False),
        ("元/人", "万元/人", True),
        ("元/人", "元", False),
        ("unknown", "unknown", False),
        ("", "元", False),
    ],
)
def test_same_dimension(a: str, b: str, same: bool) -> None:
    assert units.same_dimension(a, b) is same


@pytest.mark.parametrize(("source", "target"), [("人", "人次"), ("元", "平方米"), ("册", "台")])
def test_convert_refuses_other_dimensions(source: str, target: str) -> None:
    with pytest.raises(units.UnitError, match="cannot convert"):
        units.convert(Decimal(1), source, target)


@pytest.mark.parametrize("bad", ["xx", "元)", "**", "1 2", "", "㎡", "meter", "万"])
def test_unknown_units_raise_unit_error(bad: str) -> None:
    assert not units.known(bad)
    with pytest.raises(units.UnitError):
        units.convert(Decimal(1), bad, "元")


def test_registry_holds_only_qualints_definitions() -> None:
    ureg = units.registry()
    assert units.known("元") and units.known("个百分点")
    assert "meter" not in ureg and "second" not in ureg  # pint's default registry was not loaded
    assert units.registry() is ureg  # built once


@given(st.text(max_size=12))
def test_any_unit_string_is_known_or_unit_error(text: str) -> None:
    # Unit strings come from reports; pint's parser must never leak its own exceptions.
    try:
        units.convert(Decimal(1), text, "元")
    except units.UnitError:
        pass
    assert isinstance(units.same_dimension(text, "元"), bool)


def test_import_does_not_load_pint() -> None:
    code = "import sys, qualint.units; print('pint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_definitions_file_is_inside_the_package() -> None:
    # The wheel ships the qualint/ folder, so the definitions must live there, not in rules/.
    assert units.DEFINITIONS.parent.name == "qualint"
    assert units.DEFINITIONS.is_file()
