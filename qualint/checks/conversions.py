"""U101: a value restated in another unit (42193.63平方米（65亩）) must convert, within the rounding of
both printed values. pint (units.txt) does the conversion; it is loaded only when such a claim exists."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from qualint import diagnose
from qualint.checks import CheckContext, register
from qualint.checks.common import fmt_like, inputs_of, make_finding, shown
from qualint.claims.model import Claim, ConversionClaim
from qualint.findings import Finding
from qualint.intervals import Interval, stated_interval, verdict

#: Relative slack for conversions whose factor is not a short decimal (亩 ↔ 平方米).
FACTOR_SLACK = Decimal("0.001")


def _exact_decimal(factor: Decimal) -> bool:
    """True for factors such as 10000 (万元 → 元) that a writer applies exactly both ways; False for
    亩 ↔ 平方米, whose factor is 0.0015 one way and 666.666… the other, so writers round it."""
    inverse = 1 / factor
    return factor == factor.quantize(Decimal("1e-6")) and inverse == inverse.quantize(Decimal("1e-6"))


@register
def check_conversions(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    for claim in claims:
        if not isinstance(claim, ConversionClaim):
            continue
        a, b = claim.original.quantity, claim.stated.quantity
        if a is None or b is None or a.unit is None or b.unit is None:
            continue
        from qualint import units

        if not units.same_dimension(a.unit, b.unit):
            continue
        src = stated_interval(a)
        computed = Interval(units.convert(src.lo, a.unit, b.unit), units.convert(src.hi, a.unit, b.unit))
        factor = units.factor(a.unit, b.unit)
        if not _exact_decimal(factor):
            # 1亩 is 666.67 m² (10000/15); reports often convert with 667 or 666.7: allow that slack.
            slack = max(abs(computed.lo), abs(computed.hi)) * FACTOR_SLACK
            computed = Interval(computed.lo - slack, computed.hi + slack)
        if verdict(computed, b) != "mismatch":
            continue
        expected = fmt_like(computed.mid, b)
        formula = f"{shown(a)} × {format(factor.normalize(), 'f')[:10]} = {expected}"
        yield make_finding(ctx, "U101", claim, "other", expected, computed, formula, inputs_of(claim.original),
                           diagnose.stated_typo(b, computed), label=f"{a.unit}→{b.unit}")
