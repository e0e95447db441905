"""Unit conversion at the edges: a small pint registry built from ``units.txt``, loaded on first use.

pint's default registry costs ~0.4 s to build, which a pre-commit hook pays on every commit; an empty
``UnitRegistry(None)`` filled from qualint's own few dozen definitions loads in a few milliseconds, and
only when a check really compares values in different units. Magnitudes stay ``Decimal`` end to end
(``non_int_type=Decimal``). Unit strings must already be normalised by ``qualint.quantities``
(平米 → 平方米, ％ → %); the only spelling mapped here is the two symbols pint cannot parse.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pint

DEFINITIONS = Path(__file__).with_name("units.txt")

# Symbols qualint.quantities keeps as printed but pint's parser does not accept as names.
_SYMBOLS = {"%": "percent", "‰": "permille"}


class UnitError(ValueError):
    """A unit qualint does not know, or two units that cannot be converted into each other."""


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    """The shared registry, built once per process from ``units.txt``."""
    import pint

    ureg = pint.UnitRegistry(None, non_int_type=Decimal, autoconvert_offset_to_baseunit=False)
    ureg.load_definitions(str(DEFINITIONS))
    return ureg


def _name(unit: str) -> str:
    return _SYMBOLS.get(unit, unit)


@lru_cache(maxsize=256)
def _unit(unit: str):
    """The pint unit for a normalised unit string (``元/人`` works), or UnitError."""
    if not unit or not unit.strip():
        raise UnitError("empty unit")
    ureg = registry()
    try:
        return ureg.Unit(_name(unit.strip()))
    except Exception as exc:  # pint's parser raises many kinds (tokenize, syntax, undefined) on odd text
        raise UnitError(f"unknown unit {unit!r}") from exc


def known(unit: str) -> bool:
    """True when ``unit`` is defined in ``units.txt`` (or built from defined units, like ``元/人``)."""
    try:
        _unit(unit)
    except UnitError:
        return False
    return True


def same_dimension(a: str, b: str) -> bool:
    """True when values in ``a`` and ``b`` measure the same thing (万元 and 元, 亩 and 平方米), so
    one converts into the other. Unknown units are never the same dimension as anything."""
    try:
        return _unit(a).dimensionality == _unit(b).dimensionality
    except UnitError:
        return False


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """``value`` in ``from_unit`` expressed in ``to_unit``, as a Decimal.

    ``convert(Decimal("845.25"), "万元", "元") == Decimal("8452500")``. Raises UnitError for unknown
    units or units of different dimensions (人 and 人次). Factors that are not whole (亩 = 10000/15
    平方米) are carried to the Decimal context's 28 digits; the exponent of the result says nothing
    about printed precision, so callers round by the stated quantity, never by this value.
    """
    import pint

    if from_unit == to_unit:
        return value
    source, target = _unit(from_unit), _unit(to_unit)
    try:
        converted = registry().Quantity(Decimal(value), source).to(target).magnitude
    except pint.errors.DimensionalityError as exc:
        raise UnitError(f"cannot convert {from_unit} to {to_unit}") from exc
    return converted if isinstance(converted, Decimal) else Decimal(str(converted))


def factor(from_unit: str, to_unit: str) -> Decimal:
    """How many ``to_unit`` one ``from_unit`` is (万元 → 元: 10000)."""
    return convert(Decimal(1), from_unit, to_unit)
