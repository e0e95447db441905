"""S101 share/rate ≠ part / whole, and R101 for a ratio a:b, when the whole is known."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from qualint import diagnose
from qualint.checks import CheckContext, register
from qualint.checks.common import fmt_like, inputs_of, make_finding, shown
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
