"""R101: a ratio such as 生师比 9.55:1 against numerator / denominator (在校生 / 专任教师).

The counts come from anywhere in the report (``CountedRatio`` lists them). A pair of the same year
that reproduces the ratio is enough. When counts of that year are stated and no pair of them — nor
of any year or scope the report states — gives the ratio, it is an error listing what each gives.
Without counts of the ratio's year nothing is said.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from qualint.checks import CheckContext, register
from qualint.checks.common import fmt_like, make_finding, shown
from qualint.claims.derived import CountedRatio
from qualint.claims.model import Claim, Operand
from qualint.findings import Diagnosis, Finding, params
from qualint.intervals import Interval, verdict
from qualint.quantities import Quantity


def ratio_interval(stated: Quantity, numerator: Quantity, denominator: Quantity) -> Interval | None:
    """numerator / denominator scaled to the stated a:b (a ratio 13.2:1 compares 13.2 with n/d × 1)."""
    if denominator.value <= 0:
        return None
    r = Interval.of(numerator) / Interval.of(denominator)
    if r is None:
        return None
    return r.scale(stated.denominator or Decimal(1))


def _verdict(stated: Quantity, n: Operand, d: Operand) -> str | None:
    if n.quantity is None or d.quantity is None:
        return None
    iv = ratio_interval(stated, n.quantity, d.quantity)
    return verdict(iv, stated) if iv is not None else None


def _verdict_added(stated: Quantity, n: Operand, d: Operand, extra: Operand, weight: Decimal) -> str | None:
    if n.quantity is None or d.quantity is None or extra.quantity is None:
        return None
    den = Interval.of(d.quantity) + Interval.of(extra.quantity).scale(weight)
    if den.lo <= 0:
        return None
    r = Interval.of(n.quantity) / den
    return verdict(r.scale(stated.denominator or Decimal(1)), stated) if r is not None else None


@register
def check_ratios(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    for c in claims:
        if isinstance(c, CountedRatio) and c.stated.quantity is not None and c.stated.quantity.is_ratio:
            yield from _check(c, ctx)


def _check(claim: CountedRatio, ctx: CheckContext) -> Iterable[Finding]:
    stated = claim.stated.quantity
    nums = [o for o in claim.natural_numerators if o.quantity is not None]
    dens = [o for o in claim.natural_denominators if o.quantity is not None]
    if not nums or not dens:
        return
    if any(_verdict(stated, n, d) in ("ok", "truncated") for n in nums for d in dens):
        return
    if any(_verdict_added(stated, n, d, extra, weight) in ("ok", "truncated")
           for n in nums for d in dens for extra, weight in claim.denominator_additions):
        return  # 在校生 / (专任教师 + 0.5 × 兼职教师): a definition some reports use
    all_n = _unique(nums + [o for o in claim.candidates if o.quantity is not None])
    all_d = _unique(dens + [o for o in claim.denominator_candidates if o.quantity is not None])
    other = [(n, d) for n in all_n for d in all_d if _verdict(stated, n, d) == "ok"]
    n, d = nums[0], dens[0]
    iv = ratio_interval(stated, n.quantity, d.quantity)
    expected = fmt_like(iv.mid, stated) if iv is not None else None
    listing = "；".join(
        f"{shown(a.quantity)}/{shown(b.quantity)} = {fmt_like(ratio_interval(stated, a.quantity, b.quantity).mid, stated)}"
        for a in all_n[:3] for b in all_d[:3] if ratio_interval(stated, a.quantity, b.quantity) is not None
    )
    diagnosis = None
    if other:
        a, b = other[0]
        diagnosis = Diagnosis("wrong_denominator", params(formula=f"{shown(a.quantity)}/{shown(b.quantity)}（{a.label}、{b.label}）",
                                                          value=fmt_like(ratio_interval(stated, a.quantity, b.quantity).mid, stated)))
    else:
        diagnosis = Diagnosis("unknown_denominator", params(candidates=listing))
    claim_view = _with_operands(claim, n, d)
    yield make_finding(ctx, "R101", claim_view, "ratio", expected, iv, f"{shown(n.quantity)}/{shown(d.quantity)}",
                       ((n.label, shown(n.quantity)), (d.label, shown(d.quantity))), diagnosis, label=claim.label,
                       candidates=listing)


def _unique(ops: list[Operand]) -> list[Operand]:
    seen, out = set(), []
    for o in ops:
        if o.quantity.value not in seen:
            seen.add(o.quantity.value)
            out.append(o)
    return out


def _with_operands(claim: CountedRatio, n: Operand, d: Operand) -> CountedRatio:
    from dataclasses import replace

    return replace(claim, numerator=n, denominator=d)
