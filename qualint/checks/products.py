"""P103: an amount stated as a count times a standard (1414人 × 1500元 = 212.1万元) must be that product,
within the rounding of the printed total. Causes tried: a 万/元 scale slip that reproduces the number,
a mistyped total, a mistyped factor."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from qualint import diagnose
from qualint.checks import CheckContext, register
from qualint.checks.common import fmt_like, inputs_of, make_finding, plain, shown
from qualint.claims.model import Claim, ProductClaim
from qualint.findings import Diagnosis, Finding, params
from qualint.intervals import Interval, verdict
from qualint.quantities import Quantity

_SCALES = (Decimal(10000), Decimal(1) / Decimal(10000))


def _product(factors: Sequence[Quantity]) -> Interval:
    acc = Interval.point(Decimal(1))
    for q in factors:
        acc = acc * Interval.of(q)
    return acc


def _diagnose(claim: ProductClaim, computed: Interval, ctx: CheckContext) -> Diagnosis | None:
    stated = claim.stated.quantity
    assert stated is not None
    for k in _SCALES:
        if verdict(computed.scale(k), stated) == "ok":
            return Diagnosis("scale_error", params(formula=f"{plain(computed.mid)}{stated.unit or ''}×{plain(k)}",
                                                   value=shown(stated)))
    typo = diagnose.stated_typo(stated, computed)
    if typo is not None:
        return typo
    factors = [o.quantity for o in claim.factors if o.quantity is not None]

    def recompute(i: int, alt: Quantity) -> Interval:
        return _product([alt if j == i else q for j, q in enumerate(factors)])

    return diagnose.operand_typo(stated, claim.factors, recompute, ctx.document)


@register
def check_products(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    for claim in claims:
        if not isinstance(claim, ProductClaim):
            continue
        stated = claim.stated.quantity
        factors = [o.quantity for o in claim.factors]
        if stated is None or any(q is None for q in factors):
            continue
        computed = _product([q for q in factors if q is not None])
        v = verdict(computed, stated)
        if v == "ok":
            continue
        expected = fmt_like(computed.mid, stated)
        formula = " × ".join(shown(q) for q in factors) + f" = {expected}"
        if v == "truncated":
            yield make_finding(ctx, "Q101", claim, "other", expected, computed, formula, inputs_of(*claim.factors))
            continue
        yield make_finding(ctx, "P103", claim, "other", expected, computed, formula, inputs_of(*claim.factors),
                           _diagnose(claim, computed, ctx))
