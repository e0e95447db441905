"""What every check needs: formatting recomputed values at the stated precision and building findings."""

from __future__ import annotations

from decimal import Decimal

from qualint.checks import CheckContext
from qualint.claims.model import Claim, Operand
from qualint.findings import Diagnosis, Finding, Severity
from qualint.intervals import Interval, round_to
from qualint.quantities import Quantity, scale_word


def plain(v: Decimal) -> str:
    """A Decimal without exponent or superfluous zeros: 1598, 8452500, 0.35."""
    s = format(v, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def shown(q: Quantity | None) -> str:
    """An operand as the report printed it (its own text)."""
    return q.text.strip() if q is not None else "（空）"


def fmt_like(value: Decimal, q: Quantity, signed: bool = False) -> str:
    """``value`` (in the stated quantity's value units) printed the way ``q`` is printed: same
    decimals, same unit and scale, a sign when ``signed``."""
    mantissa = value / q.scale if q.scale != 1 else value
    decimals = q.decimals if q.decimals > 0 or q.is_percent or q.scale != 1 else 0
    if q.is_percent and decimals < 1 and abs(mantissa) < 10:
        decimals = 1
    r = round_to(mantissa, max(decimals, 0))
    text = format(r, "f")
    if signed and r > 0:
        text = "+" + text
    unit = q.unit or ""
    if q.is_ratio and q.denominator is not None:
        return f"{text}:{plain(q.denominator)}"
    return f"{text}{scale_word(q.scale)}{unit}"


def interval_tuple(iv: Interval | None) -> tuple[Decimal, Decimal] | None:
    if iv is None:
        return None
    return (iv.lo, iv.hi)


def inputs_of(*operands: Operand) -> tuple[tuple[str, str], ...]:
    return tuple((o.label, shown(o.quantity)) for o in operands)


def make_finding(
    ctx: CheckContext,
    rule: str,
    claim: Claim,
    kind: str,
    expected: str | None,
    interval: Interval | None,
    formula: str,
    inputs: tuple[tuple[str, str], ...],
    diagnosis: Diagnosis | None = None,
    severity: Severity | None = None,
    related_lines: tuple = (),
    **extra: str,
) -> Finding:
    from qualint.findings import Related, params

    stated = claim.stated
    related = tuple(Related(line=ln, text=txt) for ln, txt in _related(claim) if ln != stated.line)
    all_lines = [stated.line] + [int(x) for x in related_lines if x] + [o.line for o in _operands(claim)]
    return Finding(
        rule=rule,
        kind=kind,
        path=ctx.path,
        location=stated.location,
        stated=stated.text.strip(),
        expected=expected,
        interval=interval_tuple(interval),
        formula=formula,
        inputs=inputs,
        diagnosis=diagnosis,
        params=params(label=extra.pop("label", stated.label), **extra),
        related=related,
        context=claim.context or stated.label,
        severity=severity,
        end_line=max(all_lines) if max(all_lines) > stated.line else None,
    )


_SINGLE = ("previous", "current", "part", "whole", "amount", "count", "numerator", "denominator")
_MANY = ("parts", "items", "plus", "minus", "factors")


def _operands(claim: Claim) -> list[Operand]:
    """Every input operand of a claim (not the stated one)."""
    out = [o for name in _SINGLE if isinstance(o := getattr(claim, name, None), Operand)]
    for name in _MANY:
        out.extend(o for o in getattr(claim, name, ()) if isinstance(o, Operand))
    return out


def _related(claim: Claim) -> list[tuple[int, str]]:
    """Source lines of a claim's inputs worth showing beside the finding: the single operands, and
    the parts of a short breakdown (a long column of rows is already in the formula)."""
    many = [o for name in _MANY for o in getattr(claim, name, ()) if isinstance(o, Operand)]
    chosen = [o for name in _SINGLE if isinstance(o := getattr(claim, name, None), Operand)]
    if len(many) <= 3:
        chosen += many
    out: list[tuple[int, str]] = []
    seen = set()
    for o in chosen:
        if o.line not in seen:
            seen.add(o.line)
            out.append((o.line, f"{o.label} {shown(o.quantity)}"))
    return out
