"""Shares and changes whose other operand is not in their paragraph.

- S101 for ``OpenShare``: 「团员818人，占全校人数的46%」 — the whole (在校生) is named; its values for
  the same year are stated elsewhere and none of them (nor any other year's or scope's) gives 46%.
- S103 (warning) when only another year's or scope's count gives it, naming each candidate.
- S102 when the whole is stated nowhere (or names nothing the report states) and no whole number at
  all gives the printed rate (18 ÷ 26.93% needs 66.8 teachers).
- C102 for ``OpenChange``: 「招收472人，与上一年度相比增加1.01%」 with last year's figure stated
  nowhere — feasibility: no whole-number base B gives (472 − B) / B (nor (472 − B) / 472, nor a
  truncated rate) = 1.01%, so the printed rate cannot be right.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from qualint.checks import CheckContext, register
from qualint.checks.common import fmt_like, make_finding, shown
from qualint.claims.derived import OpenChange, OpenShare
from qualint.claims.model import Claim, Operand
from qualint.findings import Diagnosis, Finding, params
from qualint.intervals import Interval, stated_interval, truncation_interval, verdict

HUNDRED = Decimal(100)


@register
def check_open(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    for c in claims:
        if isinstance(c, OpenShare):
            yield from _share(c, ctx)
        elif isinstance(c, OpenChange):
            yield from _change(c, ctx)


def _share_iv(part: Operand, whole: Operand) -> Interval | None:
    if part.quantity is None or whole.quantity is None or whole.quantity.value <= 0:
        return None
    r = Interval.of(part.quantity) / Interval.of(whole.quantity)
    return r.scale(HUNDRED) if r is not None else None


def _share(claim: OpenShare, ctx: CheckContext) -> Iterable[Finding]:
    stated = claim.stated.quantity
    natural = [o for o in claim.natural if o.quantity is not None]
    others = [o for o in claim.candidates if o.quantity is not None and all(o.quantity.value != n.quantity.value for n in natural)]
    fits = {id(o): verdict(iv, stated) for o in natural + others if (iv := _share_iv(claim.part, o)) is not None}
    if any(fits.get(id(o)) in ("ok", "truncated") for o in natural):
        return
    if claim.year is None and any(v in ("ok", "truncated") for v in fits.values()):
        return  # the sentence's year is not known: a fitting count cannot be called another year's
    listing = "；".join(f"{shown(claim.part.quantity)}/{shown(o.quantity)}（{o.label}）= {fmt_like(_share_iv(claim.part, o).mid, stated)}"
                        for o in (natural + others)[:6] if _share_iv(claim.part, o) is not None)
    fitting = [o for o in others if fits.get(id(o)) == "ok"]
    from dataclasses import replace

    if fitting:
        o = fitting[0]
        iv = _share_iv(claim.part, o)
        yield make_finding(ctx, "S103", replace(claim, whole=o), "share", fmt_like(iv.mid, stated), iv,
                           f"{shown(claim.part.quantity)}/{shown(o.quantity)}", ((claim.part.label, shown(claim.part.quantity)), (o.label, shown(o.quantity))),
                           Diagnosis("other_year" if "年" in o.label else "wrong_denominator",
                                     params(formula=f"{shown(claim.part.quantity)}/{shown(o.quantity)}（{o.label}）", value=fmt_like(iv.mid, stated))),
                           candidates=listing)
        return
    whole_range = implied_whole(claim)
    infeasible = whole_range is not None and whole_range.width < 1 and not _has_integer(whole_range)
    if natural and not claim.rate:
        first = natural[0]
        iv = _share_iv(claim.part, first)
        yield make_finding(ctx, "S101", replace(claim, whole=first), "share", fmt_like(iv.mid, stated), iv,
                           f"{shown(claim.part.quantity)}/{shown(first.quantity)}",
                           ((claim.part.label, shown(claim.part.quantity)), *((o.label, shown(o.quantity)) for o in natural)),
                           Diagnosis("unknown_denominator", params(candidates=listing)), candidates=listing)
        return
    if infeasible:
        lo, hi = whole_range.lo, whole_range.hi
        text = f"{shown(claim.part.quantity)}/N，N 须在 {lo:.2f}～{hi:.2f} 之间，无整数"
        if listing:
            text += f"；{listing}"
        yield make_finding(ctx, "S102", claim, "share", None, None, f"{shown(claim.part.quantity)}/N",
                           ((claim.part.label, shown(claim.part.quantity)),),
                           Diagnosis("unknown_denominator", params(candidates=text)), candidates=text)


def implied_whole(claim: OpenShare) -> Interval | None:
    """Wholes N with part / N printed as the stated percent, rounded or truncated."""
    stated, part = claim.stated.quantity, claim.part.quantity
    if part is None or not part.exact:
        return None
    r, t = stated_interval(stated), truncation_interval(stated)
    lo, hi = min(r.lo, t.lo), max(r.hi, t.hi)
    if lo <= 0:
        return None
    return Interval(part.value * HUNDRED / hi, part.value * HUNDRED / lo)


def base_candidates(current: Decimal, rate: Interval) -> tuple[Interval | None, Interval | None]:
    """Bases B with (current − B) / B in ``rate`` (percent) and with (current − B) / current in it."""
    grow = Interval(1 + rate.lo / HUNDRED, 1 + rate.hi / HUNDRED)
    on_previous = Interval.point(current) / grow if grow.lo > 0 else None
    on_current = Interval(current * (1 - rate.hi / HUNDRED), current * (1 - rate.lo / HUNDRED))
    return on_previous, on_current


def _has_integer(iv: Interval | None) -> bool:
    if iv is None:
        return True  # undefined: do not claim infeasibility
    lo = iv.lo.to_integral_value(rounding="ROUND_CEILING")
    return lo <= iv.hi


def _change(claim: OpenChange, ctx: CheckContext) -> Iterable[Finding]:
    stated, current = claim.stated.quantity, claim.current.quantity
    if stated is None or current is None or not current.exact or current.value <= 0 or stated.value == 0:
        return
    c = current.value
    for rate in (stated_interval(stated), truncation_interval(stated)):
        for iv in base_candidates(c, rate):
            if iv is None or iv.width >= 1 or _has_integer(iv):
                return
    # Nearest whole bases and what they give, for the message.
    approx = c / (1 + stated.value / HUNDRED)
    shown_bases = []
    for b in sorted({int(approx), int(approx) + 1}):
        if b > 0:
            pct = (c - b) / b * HUNDRED
            shown_bases.append(f"{b} → {fmt_like(pct, stated, signed=True)}")
    expected = "；".join(shown_bases)
    formula = f"({shown(current)}-上年)/上年"
    yield make_finding(ctx, "C102", claim, "yoy_pct", expected, None, formula,
                       ((claim.current.label, shown(current)),),
                       Diagnosis("infeasible_base", params(value=shown(stated), bases=expected)))
