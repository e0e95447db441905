"""Rounding intervals and the "do they meet" test, as in XBRL Calculations 1.1.

A value printed with d decimals stands for every number that rounds to it: [v − ½·10⁻ᵈ, v + ½·10⁻ᵈ].
A relation holds when the interval computed from the inputs meets the stated value's interval. A value
that is reachable only by cutting digits off (truncation) is reported separately as ``info``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from qualint.quantities import Quantity

# Internal precision for interval arithmetic: far beyond any printed figure.
PRECISION = 28
# Floating edges: treat touching intervals as meeting (half-up vs half-even ties).
_EPS = Decimal("1e-12")
# Relative slack of 约/近 unless the configuration says otherwise (``[tool.qualint.tolerance]``).
DEFAULT_HEDGE_SLACK = Decimal("0.05")
_HEDGE_SLACK: ContextVar[Decimal] = ContextVar("qualint_hedge_slack", default=DEFAULT_HEDGE_SLACK)


@contextmanager
def tolerances(hedge_slack: Decimal | None = None) -> Iterator[None]:
    """Use the configured tolerances for the check in progress (set by the engine around one
    document), so every ``verdict`` honours them without each check passing them on."""
    token = _HEDGE_SLACK.set(DEFAULT_HEDGE_SLACK if hedge_slack is None else hedge_slack)
    try:
        yield
    finally:
        _HEDGE_SLACK.reset(token)


@dataclass(frozen=True)
class Interval:
    lo: Decimal
    hi: Decimal

    @staticmethod
    def point(v: Decimal) -> Interval:
        return Interval(v, v)

    @staticmethod
    def of(q: Quantity) -> Interval:
        """The values ``q`` can stand for, from its printed precision (and hedge words such as 约)."""
        v, h = q.value, q.half_unit
        return Interval(v - h, v + h)

    @property
    def mid(self) -> Decimal:
        return (self.lo + self.hi) / 2

    @property
    def width(self) -> Decimal:
        return self.hi - self.lo

    def meets(self, other: Interval) -> bool:
        return self.lo <= other.hi + _EPS and other.lo <= self.hi + _EPS

    def contains(self, v: Decimal) -> bool:
        return self.lo - _EPS <= v <= self.hi + _EPS

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def scale(self, k: Decimal) -> Interval:
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b))

    def __mul__(self, other: Interval) -> Interval:
        with localcontext() as ctx:
            ctx.prec = PRECISION
            products = [self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi]
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval | None:
        """None when the divisor interval contains zero (no finite bound)."""
        if other.lo <= 0 <= other.hi:
            return None
        with localcontext() as ctx:
            ctx.prec = PRECISION
            quotients = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
        return Interval(min(quotients), max(quotients))


def total(values: list[Interval]) -> Interval:
    acc = Interval.point(Decimal(0))
    for v in values:
        acc = acc + v
    return acc


def stated_interval(q: Quantity, hedge_slack: Decimal | None = None) -> Interval:
    """The interval a stated value allows. Hedged values (约, 近, 多, 余, 超过) widen: 约 by
    ``hedge_slack`` relative either way (default: the configured ``hedge-slack``, 5%), 多/余/超过
    upwards to the next printed magnitude."""
    if hedge_slack is None:
        hedge_slack = _HEDGE_SLACK.get()
    base = Interval.of(q)
    if q.hedge is None:
        return base
    v = abs(q.value)
    if q.hedge == "approx":
        slack = max(v * hedge_slack, q.half_unit)
        return Interval(base.lo - slack, base.hi + slack)
    if q.hedge in ("over", "atleast"):
        step = Decimal(10) ** max(len(str(int(abs(q.mantissa)))) - 1, 0) * q.scale
        return Interval(base.lo, base.hi + step)
    if q.hedge in ("under", "atmost"):
        return Interval(Decimal(0) if q.value >= 0 else base.lo - v, base.hi)
    return base


def truncation_interval(q: Quantity) -> Interval:
    """Values that truncate (cut toward zero) to the printed ``q``."""
    unit = Decimal(1).scaleb(-q.decimals) * q.scale
    v = q.value
    if v > 0:
        return Interval(v, v + unit)
    if v < 0:
        return Interval(v - unit, v)
    return Interval(-unit, unit)


def _meets_truncation(computed: Interval, q: Quantity) -> bool:
    """Does ``computed`` reach a value that truncates to ``q``? Positive v: [v, v+u); negative v:
    (v−u, v]; zero: (−u, u). The open end matters: 52.24 does not truncate to 52.23."""
    t = truncation_interval(q)
    v = q.value
    if v > 0:
        return computed.hi >= t.lo - _EPS and computed.lo < t.hi - _EPS
    if v < 0:
        return computed.lo <= t.hi + _EPS and computed.hi > t.lo + _EPS
    return computed.lo < t.hi - _EPS and computed.hi > t.lo + _EPS


def round_to(v: Decimal, decimals: int) -> Decimal:
    """Half-up rounding, as report writers do by hand and as Excel does."""
    return v.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def verdict(computed: Interval, q: Quantity) -> str:
    """``ok`` when the stated value's interval meets the computed one, ``truncated`` when only
    truncation reconciles them, else ``mismatch``."""
    if computed.meets(stated_interval(q)):
        return "ok"
    if q.hedge is None and q.half_unit != 0:
        # Truncation only concerns rounded figures; an exact count off by one is simply wrong. The
        # truncation interval is half-open: 52.23 stands for [52.23, 52.24), not 52.24 itself.
        if _meets_truncation(computed, q):
            return "truncated"
    return "mismatch"
