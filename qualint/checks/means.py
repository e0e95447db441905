"""M101: an average row (平均) against the arithmetic mean of the rows it averages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from qualint import diagnose
from qualint.checks import CheckContext, register
from qualint.checks.common import fmt_like, inputs_of, make_finding, shown
from qualint.claims.model import Claim, MeanClaim
from qualint.findings import Finding
from qualint.intervals import Interval, total, verdict


@register
def check_means(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    for claim in claims:
        if not isinstance(claim, MeanClaim):
            continue
        stated = claim.stated.quantity
        items = [o.quantity for o in claim.items if o.quantity is not None]
        if stated is None or len(items) < 2:
            continue
        computed = total([Interval.of(q) for q in items]).scale(Decimal(1) / Decimal(len(items)))
        v = verdict(computed, stated)
        if v == "ok":
            continue
        expected = fmt_like(computed.mid, stated)
        formula = f"({'+'.join(shown(q) for q in items)})/{len(items)}"
        rule = "Q101" if v == "truncated" else "M101"
        diagnosis = None if v == "truncated" else diagnose.stated_typo(stated, computed)
        yield make_finding(ctx, rule, claim, "other", expected, computed, formula, inputs_of(*claim.items), diagnosis)
