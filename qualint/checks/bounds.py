"""M102: a floor or ceiling claim (所有项目满意率都在91%之上) against the items the sentence lists.

The bound is exact as printed (a threshold); an item violates it only when its whole rounding interval
lies on the wrong side: 90.96% printed as 91% satisfies 在91%之上, 90% does not."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from qualint.checks import CheckContext, register
from qualint.checks.common import inputs_of, make_finding, shown
from qualint.claims.model import BoundClaim, Claim, Operand
from qualint.findings import Finding, params
from qualint.intervals import Interval

_OPPOSITE = {">=": "<", ">": "≤", "<=": ">", "<": "≥"}


def violates(op: str, item: Interval, bound: Interval) -> bool:
    if op == ">=":
        return item.hi < bound.lo
    if op == ">":
        return item.hi <= bound.lo
    if op == "<=":
        return item.lo > bound.hi
    if op == "<":
        return item.lo >= bound.hi
    return False


@register
def check_bounds(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    for claim in claims:
        if not isinstance(claim, BoundClaim) or claim.stated.quantity is None:
            continue
        # The bound is a threshold the writer chose, exact as printed; the items are rounded figures.
        bound = Interval.point(claim.stated.quantity.value)
        bad: list[Operand] = [
            o for o in claim.items if o.quantity is not None and violates(claim.op, Interval.of(o.quantity), bound)
        ]
        if not bad:
            continue
        expected = "；".join(f"{o.label} {shown(o.quantity)}" for o in bad)
        formula = "，".join(f"{shown(o.quantity)} {_OPPOSITE[claim.op]} {shown(claim.stated.quantity)}" for o in bad)
        phrase = claim.phrase or claim.stated.label
        finding = make_finding(ctx, "M102", claim, "other", expected, None, formula, inputs_of(*bad))
        yield replace(finding, stated=phrase,
                      params=params(label=phrase, stated=phrase, expected=expected, formula=formula))
