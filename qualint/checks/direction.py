"""D101: a direction word (提高, 有所减少, 由A减至B) against the real change of the two figures it
compares. Only a change whose whole interval lies on the other side of zero is an error: figures that
may be equal within their rounding contradict no direction word."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from decimal import Decimal

from qualint.checks import CheckContext, register
from qualint.checks.common import fmt_like, inputs_of, make_finding, shown
from qualint.claims.model import Claim, DirectionClaim, Operand
from qualint.findings import Finding
from qualint.intervals import Interval


def contradicts(expected: str, change: Interval) -> bool:
    """Does a change interval contradict the expected direction (up, down, rising, falling)?"""
    if expected in ("up", "rising"):
        return change.hi < 0
    if expected in ("down", "falling"):
        return change.lo > 0
    return False


def _steps(claim: DirectionClaim) -> list[tuple[Operand, Operand]]:
    if claim.series:
        return list(claim.series)
    if claim.previous is not None and claim.current is not None:
        return [(claim.previous, claim.current)]
    return []


@register
def check_direction_words(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    for claim in claims:
        if not isinstance(claim, DirectionClaim):
            continue
        for previous, current in _steps(claim):
            if previous.quantity is None or current.quantity is None:
                continue
            change = Interval.of(current.quantity) - Interval.of(previous.quantity)
            if not contradicts(claim.expected, change):
                continue
            expected = fmt_like(change.mid, current.quantity, signed=True)
            if change.mid == 0:
                expected = fmt_like(Decimal(0), current.quantity)
            formula = f"{shown(current.quantity)}-{shown(previous.quantity)}"
            finding = make_finding(ctx, "D101", claim, "direction", expected, change, formula,
                                   inputs_of(previous, current))
            yield replace(finding, stated=claim.word or claim.stated.label)
            break
