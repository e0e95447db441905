"""X101: the same figure (indicator, year, scope, unit) stated with different values in two places.

Mentions come from ``qualint.claims.indicators``, which already drops every mention whose year or scope
it cannot read. Here two more guards keep false alarms out: values are compared as the intervals their
printing allows (4.2万册 stands for 41500–42499, 4300多万 for 4300–4399万), and a figure stated with
three or more different values is left alone (the key is evidently not one population, e.g. several
schools in a city report). With two values the minority is flagged once per place, pointing at the
first statement of the majority; on a tie the later statement is flagged.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from qualint.checks import CheckContext, register
from qualint.checks.common import shown
from qualint.claims.indicators import IndicatorMention
from qualint.claims.model import Claim
from qualint.findings import Diagnosis, Finding, Related, params
from qualint.intervals import Interval, stated_interval
from qualint.quantities import Quantity

COMPARABLE = ("count", "amount", "area", "per_capita")


def mention_interval(q: Quantity) -> Interval:
    """What a stated figure can stand for. 多/余 after a round number cover up to its next step
    (4300多 → 4300–4400, 60余 → 60–70); 超过/以上 are open upwards; 约/近 widen by 5%."""
    base = Interval.of(q)
    if q.hedge == "over" and q.mantissa > 0:
        digits = format(abs(q.mantissa), "f")
        if "." not in digits and ("多" in q.text or "余" in q.text):
            zeros = len(digits) - len(digits.rstrip("0"))
            step = Decimal(10) ** zeros * q.scale
            return Interval(base.lo, base.hi + step)
        return Interval(base.lo, base.hi * 1000)
    if q.hedge is None:
        return base
    return stated_interval(q)


def _clusters(mentions: list[IndicatorMention], limit: int = 3) -> list[list[IndicatorMention]]:
    """Group mentions whose intervals all meet. Intervals on a line meet pairwise exactly when they
    share a common part (Helly), so each cluster keeps only that common part: linear, not quadratic.
    Stops once ``limit`` clusters exist (three values already means "leave it alone")."""
    out: list[list[IndicatorMention]] = []
    commons: list[Interval] = []
    for m in mentions:
        iv = mention_interval(m.stated.quantity)
        for i, common in enumerate(commons):
            if iv.meets(common):
                out[i].append(m)
                commons[i] = Interval(max(common.lo, iv.lo), min(common.hi, iv.hi))
                break
        else:
            out.append([m])
            commons.append(iv)
            if len(out) >= limit:
                break
    return out


def _label(m: IndicatorMention) -> str:
    year = f"{m.year}{m.period or '年'}" if m.year else ""
    scope = m.scope.replace("@", "").replace("+", "、")
    return f"{year}{scope}{m.indicator}"


@register
def check_crossref(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    groups: dict[tuple, list[IndicatorMention]] = defaultdict(list)
    for c in claims:
        if isinstance(c, IndicatorMention) and c.kind in COMPARABLE and c.year is not None and c.stated.quantity is not None:
            groups[c.key].append(c)
    for members in groups.values():
        if len(members) < 2:
            continue
        clusters = _clusters(members)
        if len(clusters) != 2:
            continue
        # The majority is the reference; on a tie the side whose year is stated (not inferred from the
        # title) wins, then the earlier one.
        a, b = sorted(clusters, key=lambda cl: (-len(cl), -sum(not m.year_inferred for m in cl), cl[0].stated.line))
        major, minor = a, b
        ref = major[0]
        for m in minor:
            yield _finding(ctx, m, ref, major, members)


def _finding(ctx: CheckContext, m: IndicatorMention, ref: IndicatorMention, major: list[IndicatorMention],
             members: list[IndicatorMention]) -> Finding:
    q, rq = m.stated.quantity, ref.stated.quantity
    others = [o for o in major if o.stated.line != m.stated.line]
    related = tuple(Related(line=o.stated.line, text=f"{o.stated.label} {shown(o.stated.quantity)}", location=o.stated.location)
                    for o in others[:3])
    diagnosis = _diagnose(m, ref, ctx)
    label = _label(m)
    return Finding(
        rule="X101",
        kind="cross_ref",
        path=ctx.path,
        location=m.stated.location,
        stated=shown(q),
        expected=shown(rq),
        interval=(mention_interval(rq).lo, mention_interval(rq).hi),
        formula=f"{label}：{shown(q)} ≠ {shown(rq)}",
        inputs=tuple((f"第{o.stated.line}行 {o.stated.label}", shown(o.stated.quantity)) for o in [m, *others[:3]]),
        diagnosis=diagnosis,
        params=params(label=label, other_line=ref.stated.line, count=len(major)),
        related=related,
        context=f"X101|{m.indicator}|{m.year}{m.period}|{m.scope}|{m.context}",
        end_line=None,
    )


def _diagnose(m: IndicatorMention, ref: IndicatorMention, ctx: CheckContext) -> Diagnosis | None:
    """Why two statements differ, when one slip explains it: a digit typo, or the value belongs to
    another year or another scope of the same figure."""
    from qualint import diagnose

    q = m.stated.quantity
    typo = diagnose.stated_typo(q, Interval.of(ref.stated.quantity))
    if typo is not None:
        return typo
    from qualint.claims.indicators import mentions

    for o in mentions(ctx.document):
        if o.indicator != m.indicator or o.stated.quantity is None or o is m:
            continue
        if (o.year, o.period, o.scope) == (m.year, m.period, m.scope):
            continue
        if mention_interval(o.stated.quantity).meets(mention_interval(q)):
            where = f"{o.year or ''}{o.period or ('年' if o.year else '')}{o.scope.replace('@', '').replace('+', '、')}"
            cause = "other_year" if o.scope == m.scope and o.year != m.year else "other_scope"
            return Diagnosis(cause, params(formula=f"{where}{o.indicator}（第{o.stated.line}行）", value=shown(o.stated.quantity)))
    return None
