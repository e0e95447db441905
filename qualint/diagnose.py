"""The catalogue of causes: for a mismatch, try each known slip and name the one that reproduces the
printed number exactly (within its rounding, or by truncation).

Order matters: the first cause that reproduces the number wins, so the most specific and most common
slips come first (current-year denominator before a generic wrong denominator, a sign flip before a
digit typo). Wording lives in rules/core.toml ``[causes.*]``; this module only decides.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation

from qualint.claims.model import Operand
from qualint.document import Document, Location
from qualint.findings import Diagnosis, params
from qualint.intervals import Interval, round_to, verdict
from qualint.quantities import Quantity, scale_word, scan
from qualint.textnorm import normalise


def fits(computed: Interval | None, stated: Quantity) -> bool:
    return computed is not None and verdict(computed, stated) != "mismatch"


def _num(v: Decimal, decimals: int = 2) -> str:
    r = round_to(v, decimals)
    s = format(r, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def _pct(iv: Interval | None, q: Quantity) -> str:
    if iv is None:
        return "—"
    d = max(q.decimals, 1)
    return f"{_num(iv.mid, d)}%"


def digit_edits(digits: str) -> Iterator[tuple[str, str]]:
    """Every string one keystroke away from ``digits``: one digit changed, two adjacent digits
    swapped, one digit inserted or deleted. Yields (candidate, how) with how a cause key."""
    body = digits
    seen = {body}
    for i, ch in enumerate(body):
        if not ch.isdigit():
            continue
        for d in "0123456789":
            if d != ch:
                cand = body[:i] + d + body[i + 1 :]
                if cand not in seen:
                    seen.add(cand)
                    yield cand, "one_digit"
    for i in range(len(body) - 1):
        a, b = body[i], body[i + 1]
        if a != b and a.isdigit() and b.isdigit():
            cand = body[:i] + b + a + body[i + 2 :]
            if cand not in seen:
                seen.add(cand)
                yield cand, "transposed"
    for i in range(len(body) + 1):
        for d in "0123456789":
            cand = body[:i] + d + body[i:]
            if cand in seen or (cand.startswith("0") and not cand.startswith("0.")):
                continue
            seen.add(cand)
            yield cand, "extra_digit"
    for i, ch in enumerate(body):
        if ch.isdigit():
            cand = body[:i] + body[i + 1 :]
            if cand and cand not in seen and cand != ".":
                seen.add(cand)
                yield cand, "missing_digit"


_HOW = {
    "one_digit": ("一位数字写错", "one digit wrong"),
    "transposed": ("相邻数字颠倒", "adjacent digits transposed"),
    "extra_digit": ("少写一位数字", "a digit left out"),
    "missing_digit": ("多写一位数字", "an extra digit"),
}


def _significant_digits(q: Quantity) -> int:
    return len(format(abs(q.mantissa), "f").replace(".", "").lstrip("0"))


def _digits_of(q: Quantity) -> str:
    return format(abs(q.mantissa), "f")


def _with_mantissa(q: Quantity, text: str) -> Quantity | None:
    try:
        m = Decimal(text)
    except InvalidOperation:
        return None
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    from dataclasses import replace

    return replace(q, mantissa=m if q.mantissa >= 0 else -m, decimals=decimals)


def stated_typo(stated: Quantity, computed: Interval) -> Diagnosis | None:
    """The stated number is one keystroke from the right one (3.33% for 8.33%, 161 for 116).

    Not claimed for numbers of one or two significant digits: any slip of up to ten in the last digit
    (96% for 95%, a rounding slip as often as a typo) would qualify, so it would be a guess."""
    if _significant_digits(stated) < 3:
        return None
    if computed.width > abs(computed.mid) / 10 + Decimal("1e-9") and computed.width > 1:
        return None
    right = round_to(computed.mid / stated.scale, stated.decimals)
    target = format(abs(right), "f")
    for cand, how in digit_edits(_digits_of(stated)):
        if cand == target and (right >= 0) == (stated.mantissa >= 0 or right == 0):
            zh, en = _HOW[how]
            return Diagnosis("digit_typo", params(value=_signed_text(right, stated), how=zh, how_en=en))
    return None


def _signed_text(v: Decimal, like: Quantity) -> str:
    unit = like.unit or ""
    text = format(v, "f")
    if like.is_ratio and like.denominator is not None:
        return f"{text}:{format(like.denominator.normalize(), 'f')}"  # 17.57:1, as the ratio was printed
    return f"{text}{scale_word(like.scale)}{unit}"


def operand_typo(stated: Quantity, operands: Sequence[Operand], recompute,
                 document: Document | None = None) -> Diagnosis | None:
    """An input is one keystroke from a value that reproduces the stated result (726 read as 762).
    ``recompute(index, replacement_quantity)`` returns the computed interval with that input replaced.

    With the ``document``: an input the report prints the same at another place is no typo; and when
    the value that reproduces the result is printed elsewhere (last year's 468 for this year's 486), the
    writer took that figure, which is what is named. Not asked of a result of one or two significant
    digits (19:1): some edit of one input or another reproduces it by chance (3300 → 3600 gives 18.9)."""
    if _significant_digits(stated) < 3:
        return None
    for i, o in enumerate(operands):
        q = o.quantity
        if q is None or len(_digits_of(q)) > 9:
            continue
        corroborated = document is not None and printed_elsewhere(document, q, (o.line,)) is not None
        for cand, how in digit_edits(_digits_of(q)):
            if how not in ("one_digit", "transposed"):
                continue  # an input off by a factor of ten is a different slip, not a typo
            alt = _with_mantissa(q, cand)
            if alt is None or alt.mantissa == 0:
                continue
            iv = recompute(i, alt)
            if iv is not None and verdict(iv, stated) == "ok":
                where = printed_elsewhere(document, alt, (o.line,)) if document is not None else None
                if where is not None:
                    return Diagnosis("other_figure", params(stated=q.text.strip(), value=cand, where=_place(where),
                                                            line=where.line))
                if corroborated:
                    continue
                zh, en = _HOW[how]
                return Diagnosis("digit_typo", params(stated=q.text.strip(), value=cand, how=zh, how_en=en))
    return None


def printed_elsewhere(document: Document, q: Quantity, not_lines: Sequence[int]):
    """The Location of another figure of the report with ``q``'s value and a compatible unit, or None."""
    from qualint.document import Paragraph

    digits = _digits_of(q)
    for block in document.blocks:
        cells = [(c.text, c.location) for row in block.rows for c in row] if not isinstance(block, Paragraph) else [(block.text, block.location)]
        for text, loc in cells:
            if digits not in normalise(text).replace(",", ""):
                continue
            for other in scan(text):
                if other.role != "value" or other.value != q.value or other.decimals != q.decimals:
                    continue
                if other.unit and q.unit and other.unit != q.unit:
                    continue
                line = loc.line if not isinstance(block, Paragraph) else block.line_of(other.start)
                if line not in not_lines:
                    return Location(line=line, table=loc.table)
    return None


def _place(loc: Location) -> str:
    return f"第{loc.line}行" + (f"（第{loc.table}个表格）" if loc.table else "")


def copied_from(stated: Quantity, document: Document | None, own_line: int, where_ok=lambda line: True) -> Diagnosis | None:
    """The same printed value appears at another place of the report, where it belongs: the writer
    copied it (a cell copied from another year's table)."""
    if document is None or stated.decimals == 0 and abs(stated.mantissa) < 100:
        return None
    want = stated.text.strip()
    from qualint.document import Paragraph

    for block in document.blocks:
        cells = [(c.text, c.location) for row in block.rows for c in row] if not isinstance(block, Paragraph) else [(block.text, block.location)]
        for text, loc in cells:
            if loc.line == own_line or want not in text:
                continue
            if any(q.text.strip() == want for q in scan(text)) and where_ok(loc.line):
                label = f"第{loc.line}行" + (f"（第{loc.table}个表格）" if loc.table else "")
                return Diagnosis("copied_value", params(where=label, value=want, line=loc.line))
    return None


def change(stated: Quantity, previous: Quantity, current: Quantity, mode: str) -> Diagnosis | None:
    """Causes for a change cell that does not fit (current − previous) [/ previous]."""
    p, c = Interval.of(previous), Interval.of(current)
    diff = c - p
    formula_cur = f"({current.text.strip()}-{previous.text.strip()})/{current.text.strip()}"
    if mode == "pct":
        by_current = diff / c
        if by_current is not None and fits(by_current.scale(Decimal(100)), stated):
            return Diagnosis("current_year_denominator", params(formula=formula_cur, value=_pct(by_current.scale(Decimal(100)), stated)))
        real = diff / p
        if real is not None and fits(-(real.scale(Decimal(100))), stated):
            return Diagnosis("sign_reversed", params(value=_pct(real.scale(Decimal(100)), stated)))
        if by_current is not None and fits(-(by_current.scale(Decimal(100))), stated):
            return Diagnosis("current_year_denominator", params(formula=f"({previous.text.strip()}-{current.text.strip()})/{current.text.strip()}",
                                                                 value=_pct(-(by_current.scale(Decimal(100))), stated)))
        if previous.is_percent and fits(diff, stated):
            return Diagnosis("points_for_percent", params(value=_num(diff.mid, max(stated.decimals, 1))))
        ratio = c / p
        if ratio is not None and stated.is_percent and fits(ratio, stated):
            return Diagnosis("ratio_as_percent", params(formula=f"{current.text.strip()}/{previous.text.strip()}", value=_num(ratio.mid, 2)))
        if not previous.is_percent and fits(diff, _without_unit(stated)):
            return Diagnosis("absolute_for_relative", params(value=_num(diff.mid, 2)))
        if real is not None:
            return _unless_input_typo(stated_typo(stated, real.scale(Decimal(100))), stated, previous, current)
        return None
    if fits(-diff, stated):
        return Diagnosis("sign_reversed", params(value=_num(diff.mid, max(stated.decimals, 0))))
    if mode == "pp" and stated.is_percent:
        rel = diff / p
        if rel is not None and fits(rel.scale(Decimal(100)), stated):
            return None  # a relative change of a rate: legitimate, handled by the caller
    if mode == "abs":
        rel = diff / p
        if rel is not None and fits(rel.scale(Decimal(100)), _without_unit(stated)):
            return Diagnosis("percent_for_points", params())
    return stated_typo(stated, diff)


def _unless_input_typo(typo: Diagnosis | None, stated: Quantity, previous: Quantity,
                       current: Quantity) -> Diagnosis | None:
    """A percent change one keystroke from right names the percent as the typo only when no input is one
    keystroke from a figure that makes it right: 增加1,034人（for 1,043），增长6.28% against the base
    17,655 − 1,034 is the absolute change's slip as much as the percent's. (An absolute change is always
    one keystroke from its inputs' slip too, digit for digit, so this is asked of percents only.)"""
    if typo is None:
        return None

    def recompute(i: int, alt: Quantity) -> Interval | None:
        p, c = Interval.of(alt if i == 0 else previous), Interval.of(alt if i == 1 else current)
        rel = (c - p) / p
        return rel.scale(Decimal(100)) if rel is not None else None

    ops = [Operand(label="", quantity=q, location=Location(line=0)) for q in (previous, current)]
    return None if operand_typo(stated, ops, recompute) is not None else typo


def _without_unit(q: Quantity) -> Quantity:
    from dataclasses import replace

    return replace(q, unit=None)


def total(stated: Quantity, parts: Sequence[Operand], others: Sequence[Operand], document: Document | None,
          own_line: int) -> Diagnosis | None:
    """Causes for a total that is not the sum of its parts."""
    iv = [Interval.of(o.quantity) for o in parts if o.quantity is not None]
    s = Interval.point(Decimal(0))
    for x in iv:
        s = s + x
    st = Interval.of(stated)
    if _significant_digits(stated) >= 3:
        # A total that equals a figure stated elsewhere was typed in, not added up (the usual way a
        # total goes wrong); checked first because a coincidental row match is likelier for small rows.
        part_lines = {o.line for o in parts}
        copied = copied_from(stated, document, own_line, where_ok=lambda line: line not in part_lines)
        if copied is not None:
            return copied
    for o in parts:
        if o.quantity is None:
            continue
        if (s - Interval.of(o.quantity)).meets(st):
            return Diagnosis("row_omitted", params(label=o.label, value=o.quantity.text.strip()))
    for o in parts:
        if o.quantity is None:
            continue
        if (s + Interval.of(o.quantity)).meets(st):
            return Diagnosis("row_double_counted", params(label=o.label, value=o.quantity.text.strip()))
    typo = stated_typo(stated, s)
    if typo is not None:
        return typo

    def recompute(i: int, alt: Quantity) -> Interval:
        acc = Interval.point(Decimal(0))
        present = [o for o in parts if o.quantity is not None]
        for j, o in enumerate(present):
            acc = acc + (Interval.of(alt) if j == i else Interval.of(o.quantity))
        return acc

    typo = operand_typo(stated, [o for o in parts if o.quantity is not None], recompute, document)
    if typo is not None:
        return typo
    for k in (Decimal(10000), Decimal(1) / Decimal(10000)):
        if s.scale(k).meets(st):
            return Diagnosis("scale_error", params(formula=f"{_num(s.mid)}×{_num(k, 4)}", value=stated.text.strip()))
    for o in others:
        if o.quantity is not None and o.quantity.text.strip() == stated.text.strip() and o.line != own_line:
            return Diagnosis("copied_value", params(where=o.label, value=o.quantity.text.strip(), line=o.line))
    return copied_from(stated, document, own_line)


def share(stated: Quantity, part: Operand, whole: Operand, candidates: Sequence[Operand], document: Document | None,
          own_line: int) -> Diagnosis | None:
    """Causes for a rate that is not part / whole."""
    assert part.quantity is not None and whole.quantity is not None
    k = Decimal(100) if stated.is_percent else (stated.denominator or Decimal(1))

    def ratio(a: Quantity, b: Quantity) -> Interval | None:
        r = Interval.of(a) / Interval.of(b)
        return r.scale(k) if r is not None else None

    fitting = []
    for o in candidates:
        if o.quantity is None or o.quantity.value == 0 or o.quantity.is_percent:
            continue
        r = ratio(part.quantity, o.quantity)
        if r is not None and fits(r, stated):
            fitting.append((o, r))
    if len({o.quantity.value for o, _ in fitting}) == 1:
        # Only when one figure does it: a coarse rate (4.2:5.8, 17:1) fits several by chance.
        o, r = fitting[0]
        value = _pct(r, stated) if stated.is_percent else _num(r.mid)
        formula = f"{part.quantity.text.strip()}/{o.quantity.text.strip()}（{o.label}）"
        return Diagnosis("wrong_denominator", params(formula=formula, value=value))
    right = ratio(part.quantity, whole.quantity)
    if right is not None:
        typo = stated_typo(stated, right)
        if typo is not None:
            return typo
    ops = [part, whole]

    def recompute(i: int, alt: Quantity) -> Interval | None:
        a = alt if i == 0 else part.quantity
        b = alt if i == 1 else whole.quantity
        return ratio(a, b)

    typo = operand_typo(stated, ops, recompute, document)
    if typo is not None:
        return typo
    if right is not None and stated.is_percent and fits(Interval(Decimal(100) - right.hi, Decimal(100) - right.lo), stated):
        return Diagnosis("complement", params(value=_pct(right, stated)))
    swapped = ratio(whole.quantity, part.quantity)
    if fits(swapped, stated):
        return Diagnosis("swapped", params(formula=f"{whole.quantity.text.strip()}/{part.quantity.text.strip()}", value=_num(swapped.mid)))
    return copied_from(stated, document, own_line)
