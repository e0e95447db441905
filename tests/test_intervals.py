from decimal import Decimal

from qualint.intervals import Interval, stated_interval, total, truncation_interval, verdict
from qualint.quantities import extract


def q(text):
    return extract(text)[0]


def test_rounded_parts_meet_rounded_total():
    parts = [Interval.of(q(t)) for t in ("1.4万元", "2.4万元", "3.3万元")]
    assert verdict(total(parts), q("7.2万元")) == "ok"  # 7.1 printed parts, 7.2 total: within rounding


def test_exact_counts_must_add_up():
    parts = [Interval.of(q(t)) for t in ("726人", "857人", "730人")]
    assert verdict(total(parts), q("2314人")) == "mismatch"


def test_truncation_is_told_apart():
    ratio = Interval.point(Decimal(35)) / Interval.point(Decimal(67))
    assert verdict(ratio.scale(Decimal(100)), q("52.23%")) == "truncated"
    assert verdict(ratio.scale(Decimal(100)), q("52.24%")) == "ok"
    assert truncation_interval(q("-76.73%")).lo == Decimal("-76.74")


def test_division_by_interval_containing_zero():
    assert (Interval.point(Decimal(1)) / Interval(Decimal(-1), Decimal(1))) is None


def test_hedged_values_widen():
    iv = stated_interval(q("10余人"))
    assert iv.contains(Decimal(15)) and not iv.contains(Decimal(9))
    assert stated_interval(q("约100人")).contains(Decimal(104))


def test_exact_counts_are_never_excused_by_truncation():
    assert verdict(Interval.point(Decimal(-2)), q("-1人")) == "mismatch"
    assert verdict(Interval.point(Decimal(2)), q("1人")) == "mismatch"


def test_truncation_interval_is_half_open():
    assert verdict(Interval.point(Decimal("52.24")), q("52.23%")) == "mismatch"
    assert verdict(Interval.point(Decimal("52.239")), q("52.23%")) == "truncated"
    assert verdict(Interval.point(Decimal("-76.736")), q("-76.73%")) == "truncated"
