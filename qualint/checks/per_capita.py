"""P101/P102: a per-capita value (生均/师均/平均每生) against total / count.

When the sentence (or table row) gives the count, the value must fit it (P101). When the count is
only stated elsewhere, the counts of the same year are tried first; another year's count that fits
is named as the slip; a value that only a whole number the report never states reproduces, with
the precision to pin it (6557.41元 → exactly 1289 students), is a warning (P102): the report works
with a count it does not print. A value no count at all can give is an error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal, localcontext

from qualint import diagnose
from qualint.checks import CheckContext, register
from qualint.checks.common import fmt_like, make_finding, shown
from qualint.claims.derived import CountedPerCapita
from qualint.claims.model import Claim, Operand
from qualint.findings import Diagnosis, Finding, Severity, params
from qualint.intervals import Interval, stated_interval, truncation_interval, verdict
from qualint.quantities import Quantity

HUNDRED = Decimal(100)


def unit_factor(stated: Quantity, amount: Quantity) -> Decimal | None:
    """What one unit of the amount is in the stated value's unit (亩 → 平方米); 1 when they agree,
    None when they do not convert."""
    su = (stated.unit or "").split("/")[0]
    au = amount.unit or ""
    if stated.is_percent or su == au or not su or not au:
        return Decimal(1)
    from qualint import units

    try:
        return units.factor(au, su)
    except units.UnitError:
        return None


def quotient(stated: Quantity, amount: Quantity, count: Quantity, percent: bool) -> Interval | None:
    """amount / count in the stated value's terms (×100 when it is printed in %)."""
    f = unit_factor(stated, amount)
    if f is None or count.value <= 0:
        return None
    r = Interval.of(amount) / Interval.of(count)
    if r is None:
        return None
    return r.scale(f * (HUNDRED if percent else 1))


def implied_count(stated: Quantity, amount: Quantity, percent: bool) -> Interval | None:
    """The counts that would give the stated value (rounding and truncation both allowed)."""
    f = unit_factor(stated, amount)
    if f is None:
        return None
    s = stated_interval(stated)
    t = truncation_interval(stated)
    s = Interval(min(s.lo, t.lo), max(s.hi, t.hi))
    k = f * (HUNDRED if percent else 1)
    if s.lo <= 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 28
        a = Interval.of(amount).scale(k)
        return a / s


def _integers_in(iv: Interval) -> list[int]:
    lo, hi = int(iv.lo.to_integral_value(rounding="ROUND_CEILING")), int(iv.hi.to_integral_value(rounding="ROUND_FLOOR"))
    return list(range(lo, hi + 1)) if hi - lo < 5 else list(range(lo, lo + 5))


def pinned(claim: CountedPerCapita) -> int | None:
    """The single whole count the stated value pins down, when its precision leaves no other."""
    iv = implied_count(claim.stated.quantity, claim.amount.quantity, claim.percent_scale)
    if iv is None or iv.width > Decimal("0.2"):
        return None
    ints = _integers_in(iv)
    return ints[0] if len(ints) == 1 else None


def _fits(claim: CountedPerCapita, count: Quantity | None) -> str | None:
    if count is None:
        return None
    iv = quotient(claim.stated.quantity, claim.amount.quantity, count, claim.percent_scale)
    return verdict(iv, claim.stated.quantity) if iv is not None else None


@register
def check_per_capita(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    mine = [c for c in claims if isinstance(c, CountedPerCapita) and c.stated.quantity is not None and c.amount.quantity is not None]
    # Counts the report works with without printing them: pinned by a precise sibling value.
    working: dict[tuple, set[int]] = defaultdict(set)
    for c in mine:
        if c.count is None:
            n = pinned(c)
            if n is not None and all(o.quantity is None or o.quantity.value != n for o in c.natural):
                working[(c.count_indicator, c.year, c.period)].add(n)
    for c in mine:
        yield from _check(c, ctx, working.get((c.count_indicator, c.year, c.period), set()))


def _formula(claim: CountedPerCapita, count: Operand | Quantity) -> str:
    q = count.quantity if isinstance(count, Operand) else count
    scale = "×100" if claim.percent_scale else ""
    return f"{shown(claim.amount.quantity)}/{shown(q)}{scale}"


def _expected(claim: CountedPerCapita, count: Quantity) -> tuple[str, Interval | None]:
    iv = quotient(claim.stated.quantity, claim.amount.quantity, count, claim.percent_scale)
    return (fmt_like(iv.mid, claim.stated.quantity) if iv is not None else "—"), iv


def _check(claim: CountedPerCapita, ctx: CheckContext, working: set[int]) -> Iterable[Finding]:
    stated = claim.stated.quantity
    if claim.count is not None:
        v = _fits(claim, claim.count.quantity)
        if v in (None, "ok"):
            return
        expected, iv = _expected(claim, claim.count.quantity)
        inputs = ((claim.amount.label, shown(claim.amount.quantity)), (claim.count.label, shown(claim.count.quantity)))
        if v == "truncated":
            yield make_finding(ctx, "Q101", claim, "per_capita", expected, iv, _formula(claim, claim.count), inputs)
            return
        diag = _diagnose(claim, [o for o in claim.candidates if o.quantity is not None and o.quantity.value != claim.count.quantity.value], iv)
        yield make_finding(ctx, "P101", claim, "per_capita", expected, iv, _formula(claim, claim.count), inputs, diag,
                           label=claim.label)
        return
    natural = [o for o in claim.natural if o.quantity is not None]
    if any(_fits(claim, o.quantity) in ("ok", "truncated") for o in natural):
        return
    others = [o for o in claim.candidates if o.quantity is not None and all(o.quantity.value != n.quantity.value for n in natural)]
    fitting_others = [o for o in others if _fits(claim, o.quantity) == "ok"]
    own = pinned(claim)
    if any(_fits(claim, _count_q(n, stated)) in ("ok", "truncated") for n in working if n != own):
        return  # fits the count the report works with (flagged where a precise value pins it)
    listing = _listing(claim, natural + others)
    if not natural:
        if fitting_others:
            return
        iv = implied_count(stated, claim.amount.quantity, claim.percent_scale)
        if iv is None or iv.width >= 1 or _integers_in(iv):
            return  # some whole count would give it: nothing to say without the count
        yield make_finding(ctx, "P101", claim, "per_capita", None, None, f"{shown(claim.amount.quantity)}/N",
                           ((claim.amount.label, shown(claim.amount.quantity)),),
                           Diagnosis("unknown_denominator", params(candidates=listing or "—")), label=claim.label)
        return
    first = natural[0]
    expected, iv = _expected(claim, first.quantity)
    inputs = ((claim.amount.label, shown(claim.amount.quantity)), *((o.label, shown(o.quantity)) for o in natural))
    if fitting_others:
        # Only another year's (or scope's) count reproduces it: a warning naming what each gives.
        o = fitting_others[0]
        value = _expected(claim, o.quantity)[0]
        diag = Diagnosis("other_year" if "年" in o.label else "wrong_denominator",
                         params(formula=f"{_formula(claim, o)}（{o.label}）", value=value))
        yield make_finding(ctx, "P102", claim, "per_capita", expected, iv, _formula(claim, first), inputs, diag,
                           label=claim.label, candidates=f"{o.label} {shown(o.quantity)} → {value}；{listing}")
        return
    if own is not None and not any(o.quantity.value == own for o in claim.candidates if o.quantity is not None):
        yield make_finding(ctx, "P102", claim, "per_capita", expected, iv, _formula(claim, first), inputs,
                           Diagnosis("unknown_denominator", params(candidates=f"{listing}；只有未写明的 {own} 能得到 {shown(stated)}")),
                           severity=Severity.WARNING, label=claim.label,
                           candidates=f"未写明的人数 {own}（{_formula(claim, _count_q(own, stated))}）；{listing}")
        return
    diag = _diagnose(claim, others, iv)
    yield make_finding(ctx, "P101", claim, "per_capita", expected, iv, _formula(claim, first), inputs, diag,
                       label=claim.label, candidates=listing)


def _count_q(n: int, like: Quantity) -> Quantity:
    return Quantity(text=str(n), start=0, end=0, mantissa=Decimal(n), decimals=0, unit="人")


def _listing(claim: CountedPerCapita, ops: list[Operand]) -> str:
    parts = []
    for o in ops[:6]:
        parts.append(f"{o.label} {shown(o.quantity)} → {_expected(claim, o.quantity)[0]}")
    return "；".join(parts)


def _diagnose(claim: CountedPerCapita, others: list[Operand], iv: Interval | None) -> Diagnosis | None:
    stated = claim.stated.quantity
    for o in others:
        if _fits(claim, o.quantity) == "ok":
            return Diagnosis("other_year" if "年" in o.label else "wrong_denominator",
                             params(formula=f"{_formula(claim, o)}（{o.label}）", value=_expected(claim, o.quantity)[0]))
    if iv is not None:
        for k in (Decimal(10000), Decimal(1) / Decimal(10000)):
            if verdict(iv.scale(k), stated) == "ok":
                return Diagnosis("scale_error", params(formula=f"{fmt_like(iv.mid, stated)}×{k.normalize():f}", value=shown(stated)))
        typo = diagnose.stated_typo(stated, iv)
        if typo is not None:
            return typo
    return None
