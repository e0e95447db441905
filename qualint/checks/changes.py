"""C101–C106: a stated change against the change of its two values (absolute, percent, points)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from qualint import diagnose
from qualint.checks import CheckContext, register
from qualint.checks.common import fmt_like, inputs_of, make_finding, shown
from qualint.claims.model import ChangeClaim, Claim, Operand
from qualint.findings import Finding, Severity
from qualint.intervals import Interval, verdict
from qualint.quantities import Quantity

_RULE = {"abs": "C101", "pct": "C102", "pp": "C103"}
_KIND = {"abs": "yoy_abs", "pct": "yoy_pct", "pp": "pp_change"}
HUNDRED = Decimal(100)


def mode_of(claim: ChangeClaim, stated: Quantity, previous: Quantity | None, current: Quantity) -> str:
    """The reading of a change: explicit from the sentence, else from the operands and the unit."""
    if claim.mode != "auto":
        return claim.mode
    rates = current.is_percent and (previous is None or previous.is_percent)
    if rates:
        return "pp"
    if stated.unit == "个百分点":
        return "pp"
    return "pct" if stated.is_percent else "abs"


def computed_change(mode: str, previous: Quantity, current: Quantity) -> Interval | None:
    p, c = Interval.of(previous), Interval.of(current)
    if mode == "pct":
        rel = (c - p) / p
        return rel.scale(HUNDRED) if rel is not None else None
    return c - p


def _formula(mode: str, previous: Quantity, current: Quantity) -> str:
    a, b = shown(current), shown(previous)
    return f"({a}-{b})/{b}" if mode == "pct" else f"{a}-{b}"


@register
def check_changes(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    points_columns: set[tuple[int, int | None]] = set()
    for claim in claims:
        if not isinstance(claim, ChangeClaim):
            continue
        for finding in _check(claim, ctx):
            if finding.rule == "C105":
                # One notation warning per table column is enough: the whole column uses % for points.
                loc = finding.location
                column = (loc.table, loc.column) if loc.table is not None else (-loc.line, finding.stated)
                if column in points_columns:
                    continue
                points_columns.add(column)
            yield finding


def _check(claim: ChangeClaim, ctx: CheckContext) -> Iterable[Finding]:
    stated, previous, current = claim.stated.quantity, claim.previous.quantity, claim.current.quantity
    if stated is None or current is None or stated.is_ratio:
        return
    mode = mode_of(claim, stated, previous, current)
    inputs = inputs_of(claim.previous, claim.current)
    if previous is None or (mode == "pct" and previous.value == 0):
        if mode == "pct":
            yield make_finding(ctx, "C106", claim, "yoy_pct", None, None,
                               f"({shown(current)}-{shown(previous) if previous else '空'})/{shown(previous) if previous else '空'}",
                               inputs, diagnose_undefined())
            return
        if previous is None:
            return
    computed = computed_change(mode, previous, current)
    if computed is None:
        return
    formula = _formula(mode, previous, current)
    expected = fmt_like(computed.mid, stated, signed=True)
    v = verdict(computed, stated)
    if v == "ok" and stated.sign and mode != "pct" and _reversed_exactly(previous, current, stated):
        # Within rounding either way, but the printed values differ by exactly the stated amount in
        # the other direction: the writer subtracted the printed numbers and flipped the sign.
        yield make_finding(ctx, "C104", claim, "direction", expected, computed, formula, inputs,
                           diagnose_sign(computed, stated))
        return
    if v == "ok":
        if mode == "pp" and stated.unit == "%" and not _relative_fits(previous, current, stated):
            yield make_finding(ctx, "C105", claim, "pp_change", fmt_like(computed.mid, _no_unit(stated), signed=True),
                               computed, formula, inputs)
        return
    if v == "truncated":
        yield make_finding(ctx, "Q101", claim, _KIND[mode], expected, computed, formula, inputs)
        return
    if any(_accepted_fits(mode, p, c, stated) for p, c in claim.accepted):
        return  # the change is right; a printed total it was computed from is the wrong number
    if mode == "pp" and stated.unit == "%" and _relative_fits(previous, current, stated):
        return  # a relative change of a rate, correctly computed
    flipped = Interval(-computed.hi, -computed.lo)
    if verdict(flipped, stated) != "mismatch" and computed.lo * computed.hi > 0:
        severity = None if (stated.sign or claim.source == "prose") else Severity.WARNING
        yield make_finding(ctx, "C104", claim, "direction", expected, computed, formula, inputs,
                           diagnose_sign(computed, stated), severity=severity)
        return
    diagnosis = diagnose.change(stated, previous, current, mode)
    yield make_finding(ctx, _RULE[mode], claim, _KIND[mode], expected, computed, formula, inputs, diagnosis)


def _accepted_fits(mode: str, previous: Operand, current: Operand, stated: Quantity) -> bool:
    if previous.quantity is None or current.quantity is None:
        return False
    iv = computed_change(mode, previous.quantity, current.quantity)
    return iv is not None and verdict(iv, stated) == "ok"


def _relative_fits(previous: Quantity, current: Quantity, stated: Quantity) -> bool:
    """Does the relative reading (current − previous)/previous of the printed values give ``stated``?
    Computed from the printed values as points, since a wide interval would excuse anything."""
    if previous.value == 0:
        return False
    rel = (current.value - previous.value) / previous.value * HUNDRED
    return verdict(Interval.point(rel), stated) == "ok"


def _reversed_exactly(previous: Quantity, current: Quantity, stated: Quantity) -> bool:
    exact = current.value - previous.value
    if exact == 0:
        return False
    return verdict(Interval.point(exact), stated) == "mismatch" and verdict(Interval.point(-exact), stated) == "ok"


def _no_unit(q: Quantity) -> Quantity:
    from dataclasses import replace

    return replace(q, unit=None)


def diagnose_undefined():
    from qualint.findings import Diagnosis

    return Diagnosis("undefined_base")


def diagnose_sign(computed: Interval, stated: Quantity):
    from qualint.findings import Diagnosis, params

    return Diagnosis("sign_reversed", params(value=fmt_like(computed.mid, stated, signed=True)))
