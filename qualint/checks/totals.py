"""T101 total ≠ sum of parts, T102 a 其中 part exceeds its whole, T103 shares not adding to 100%."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from qualint import diagnose
from qualint.checks import CheckContext, register
from qualint.checks.common import fmt_like, inputs_of, make_finding, shown
from qualint.claims.model import Claim, PartClaim, SumClaim
from qualint.findings import Finding
from qualint.intervals import Interval, total, verdict


def _addends(claim: SumClaim | PartClaim) -> str:
    return "+".join(shown(o.quantity) if o.quantity is not None else "0" for o in claim.parts)


@register
def check_sums(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    for claim in claims:
        if isinstance(claim, SumClaim):
            yield from _check_sum(claim, ctx)
        elif isinstance(claim, PartClaim):
            yield from _check_part(claim, ctx)


def _check_sum(claim: SumClaim, ctx: CheckContext) -> Iterable[Finding]:
    stated = claim.stated.quantity
    if stated is None:
        return
    present = [o for o in claim.parts if o.quantity is not None]
    if len(present) < 2:
        return
    computed = total([Interval.of(o.quantity) for o in present])
    shares = claim.kind == "shares100"
    stated_is_part = any(o.location == claim.stated.location for o in claim.parts)
    if shares and stated_is_part:
        # The parts are all shares of one whole: their sum must meet exactly 100%.
        if computed.contains(Decimal(100)):
            return
        expected = fmt_like(computed.mid, stated)
        yield make_finding(ctx, "T103", claim, "total", expected, computed,
                           f"{_addends(claim)}={expected}", inputs_of(*claim.parts))
        return
    v = verdict(computed, stated)
    if v == "ok":
        return
    expected = fmt_like(computed.mid, stated)
    formula = f"{_addends(claim)}={expected}"
    if v == "truncated":
        yield make_finding(ctx, "Q101", claim, "total", expected, computed, formula, inputs_of(*claim.parts))
        return
    diagnosis = diagnose.total(stated, claim.parts, claim.others, ctx.document, claim.stated.line)
    yield make_finding(ctx, "T103" if shares else "T101", claim, "total", expected, computed, formula,
                       inputs_of(*claim.parts), diagnosis)


def _check_part(claim: PartClaim, ctx: CheckContext) -> Iterable[Finding]:
    whole = claim.stated.quantity
    present = [o for o in claim.parts if o.quantity is not None]
    if whole is None or not present:
        return
    parts = total([Interval.of(o.quantity) for o in present])
    if parts.lo <= Interval.of(whole).hi:
        return
    parts_text = fmt_like(parts.mid, whole)
    yield make_finding(ctx, "T102", claim, "total", None, parts, f"{_addends(claim)}={parts_text} > {shown(whole)}",
                       inputs_of(*claim.parts), parts=parts_text)
