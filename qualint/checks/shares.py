"""S101 share/rate ≠ part / whole, and R101 for a ratio a:b, when the whole is known."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal

from qualint import diagnose
from qualint.checks import CheckContext, register
from qualint.checks.common import fmt_like, inputs_of, make_finding, plain, shown
from qualint.claims.model import Claim, Operand, ShareClaim
from qualint.findings import Finding
from qualint.intervals import Interval, verdict
from qualint.quantities import Quantity


def share_interval(stated: Quantity, part: Quantity, whole: Quantity) -> Interval | None:
    """part / whole in the stated value's terms: percent, ratio a:b (scaled to b), or a fraction."""
    r = Interval.of(part) / Interval.of(whole)
    if r is None:
        return None
    if stated.is_percent:
        return r.scale(Decimal(100))
    if stated.is_ratio and stated.denominator:
        return r.scale(stated.denominator)
    return r


def split_interval(stated: Quantity, part: Quantity, whole: Quantity) -> Interval | None:
    """A ratio whose two sides add up to 10 or 100 (职普比 4.2:5.8, 45:55) splits part + whole: each side
    is its share of the sum, rounded on its own, so 2210:3110 is 4.2:5.8 though 2210/3110×5.8 is 4.1.
    The first side's interval, or None for a ratio of another shape."""
    a, b = stated.mantissa, stated.denominator
    if b is None or a + b not in (10, 100) or part.value < 0 or whole.value < 0:
        return None
    if max(0, -a.as_tuple().exponent) != max(0, -b.as_tuple().exponent):
        return None  # sides printed to different decimals: not one split rounded alike
    share = Interval.of(part) / (Interval.of(part) + Interval.of(whole))
    return share.scale(a + b) if share is not None else None


def _fits(stated: Quantity, part: Operand, whole: Operand) -> str | None:
    if part.quantity is None or whole.quantity is None or whole.quantity.value == 0:
        return None
    iv = share_interval(stated, part.quantity, whole.quantity)
    return verdict(iv, stated) if iv is not None else None


def _grouped(text: str) -> str:
    """Parenthesise a sum used as an operand: (594+114)/708."""
    return f"({text})" if "+" in text.lstrip("+") else text


@register
def check_shares(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    for claim in claims:
        if isinstance(claim, ShareClaim) and claim.whole is not None:
            yield from _check(claim, ctx)


def _check(claim: ShareClaim, ctx: CheckContext) -> Iterable[Finding]:
    stated, part, whole = claim.stated.quantity, claim.part.quantity, claim.whole.quantity
    if stated is None or part is None or whole is None or whole.value == 0:
        return
    computed = share_interval(stated, part, whole)
    if computed is None:
        return
    ratio = stated.is_ratio
    rule, kind = ("R101", "ratio") if ratio else ("S101", "share")
    formula = f"{_grouped(shown(part))}/{_grouped(shown(whole))}"
    expected = fmt_like(computed.mid, stated)
    split = split_interval(stated, part, whole) if ratio else None
    if split is not None:
        total = stated.mantissa + (stated.denominator or 0)
        computed = split
        formula = f"{_grouped(shown(part))}/({_grouped(shown(part))}+{_grouped(shown(whole))})×{plain(total)}"
        first = fmt_like(split.mid, replace(stated, denominator=None))
        expected = f"{first}:{plain(total - Decimal(first))}"
    inputs = inputs_of(claim.part, claim.whole)
    v = verdict(computed, stated)
    if v == "ok":
        return
    if any(_fits(stated, p, w) == "ok" for p, w in claim.accepted):
        return
    if v == "truncated":
        yield make_finding(ctx, "Q101", claim, kind, expected, computed, formula, inputs)
        return
    diagnosis = diagnose.share(stated, claim.part, claim.whole, claim.candidates, ctx.document, claim.stated.line)
    yield make_finding(ctx, rule, claim, kind, expected, computed, formula, inputs, diagnosis)
