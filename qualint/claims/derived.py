"""Claims whose operands need the indicator vocabulary: per-capita values (生均/师均/平均每生),
ratios (生师比), shares whose whole is named but stated elsewhere or not named at all, and changes
whose base is stated elsewhere (or nowhere).

Each claim carries, besides the reading the sentence itself gives, the *candidates* the report
offers (every stated count of the indicator, any year or scope) and which of them are *natural*
(same indicator, same year). The checks decide with them: a natural operand that fits → fine; only
another year's count fits → that slip; nothing fits and no whole number could → infeasible.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal

import regex

from qualint.claims import vocabulary as vocab_mod
from qualint.claims.indicators import (
    IndicatorMention,
    RawValue,
    _DocInfo,
    _table_year,
    mentions,
    raw_values,
    read_year,
    report_year,
    scan_values,
)
from qualint.claims.model import ChangeClaim, Claim, Operand, PerCapitaClaim, RatioClaim, ShareClaim
from qualint.claims.table_view import build_view, squash
from qualint.claims.vocabulary import Vocabulary, label_key
from qualint.document import Document, Location, Paragraph, Table
from qualint.quantities import Quantity, parse_cell


@dataclass(frozen=True, kw_only=True)
class CountedPerCapita(PerCapitaClaim):
    """A per-capita value with its count resolved as far as the report allows. ``count`` is set when
    the sentence itself states the count; ``natural`` are counts of the right indicator for the same
    year stated elsewhere; ``candidates`` all stated counts of that indicator."""

    natural: tuple[Operand, ...] = ()
    count_indicator: str = ""
    year: int | None = None
    period: str = ""
    percent_scale: bool = False  # stated in % (per 100 students)


@dataclass(frozen=True, kw_only=True)
class CountedRatio(RatioClaim):
    """A ratio a:b such as 生师比 with numerator and denominator candidates (see CountedPerCapita)."""

    natural_numerators: tuple[Operand, ...] = ()
    natural_denominators: tuple[Operand, ...] = ()
    denominator_candidates: tuple[Operand, ...] = ()
    # Same-year counts some reports add to the denominator, with their weight (兼职教师 × 0.5).
    denominator_additions: tuple[tuple[Operand, Decimal], ...] = ()
    year: int | None = None


@dataclass(frozen=True, kw_only=True)
class OpenShare(ShareClaim):
    """A share whose whole is named but not stated in its paragraph (``whole_indicator``), or not
    named at all (``whole`` None, ``whole_indicator`` ""). ``natural`` are the stated values of the
    named whole for the same year."""

    whole_indicator: str = ""
    natural: tuple[Operand, ...] = ()
    year: int | None = None
    rate: bool = False  # a named rate (就业率): its whole's definition varies between reports


@dataclass(frozen=True, kw_only=True)
class OpenChange(Claim):
    """A percent change (``stated``, signed by its direction word) of a whole count ``current`` whose
    base, the previous year's value, is stated nowhere: only whole-number feasibility can be checked.
    Deliberately not a ``ChangeClaim``: there is no previous operand to check against."""

    current: Operand
    indicator: str = ""


# --------------------------------------------------------------------------- helpers

def _op(label: str, q: Quantity, loc: Location) -> Operand:
    return Operand(label=label, quantity=q, location=loc)


def _mention_op(m: IndicatorMention) -> Operand:
    year = f"{m.year}{m.period or '年'}" if m.year else ""
    scope = m.scope.replace("@", "").replace("+", "、")
    return Operand(label=f"{year}{scope}{m.indicator}（第{m.stated.line}行）", quantity=m.stated.quantity,
                   location=m.stated.location)


#: Candidates kept per operand: the ones nearest the stated value. Real reports state a figure a few
#: times; the cap keeps a huge (or hostile) report linear instead of quadratic.
MAX_CANDIDATES = 16
_INDEX: dict[int, tuple[tuple[IndicatorMention, ...], dict[str, tuple[list[int], list[IndicatorMention]]]]] = {}


def _by_indicator(ms: tuple[IndicatorMention, ...]) -> dict[str, tuple[list[int], list[IndicatorMention]]]:
    """Per indicator, its distinct counts (first statement of each year, period, scope and value) in
    document order with their lines — built once per document."""
    cached = _INDEX.get(id(ms))
    if cached is not None and cached[0] is ms:
        return cached[1]
    seen: dict[str, dict[tuple, IndicatorMention]] = {}
    for m in ms:
        q = m.stated.quantity
        if q is not None and not q.is_percent:
            seen.setdefault(m.indicator, {}).setdefault((m.year, m.period, m.scope, q.value), m)
    index = {}
    for ind, by_key in seen.items():
        found = sorted(by_key.values(), key=lambda m: m.stated.line)
        index[ind] = ([m.stated.line for m in found], found)
    _INDEX.clear()
    _INDEX[id(ms)] = (ms, index)
    return index


def _counts(ms: tuple[IndicatorMention, ...], indicator: str, near: int) -> list[IndicatorMention]:
    """Distinct counts of ``indicator`` in document order, at most the MAX_CANDIDATES nearest ``near``."""
    lines, found = _by_indicator(ms).get(indicator, ([], []))
    if len(found) <= MAX_CANDIDATES:
        return list(found)
    i = bisect_left(lines, near)
    lo = max(0, min(i - MAX_CANDIDATES // 2, len(found) - MAX_CANDIDATES))
    return found[lo : lo + MAX_CANDIDATES]


def _natural(cands: list[IndicatorMention], year: int | None, period: str) -> list[IndicatorMention]:
    """Counts for the same year (and period) with no narrowing scope, or with 全日制/学历教育 only."""
    out = []
    for m in cands:
        if m.year != year or m.period != period:
            continue
        if m.scope and not all(s in ("全日制", "学历教育") for s in m.scope.split("+")):
            continue
        out.append(m)
    return out


def _sentence_bounds(norm: str, pos: int) -> tuple[int, int]:
    start = max(norm.rfind(ch, 0, pos) for ch in "。！？!?\n") + 1
    ends = [i for i in (norm.find(ch, pos) for ch in "。！？!?\n") if i >= 0]
    return start, (min(ends) if ends else len(norm))


def _is_round(q: Quantity) -> bool:
    digits = format(abs(q.mantissa), "f")
    return "." not in digits and len(digits) >= 3 and digits.endswith("00")


# --------------------------------------------------------------------------- per capita in prose

_STANDARD = regex.compile(r"不低于|不少于|低于|高于|不足|超过|标准|要求|规定|调整|提高到|达不到|以上|以下")
_PC = regex.compile(r"(?P<prefix>生均|师均|平均每生|每生|人均)(?P<name>[\p{Han}]{0,12}?)(?:数)?(?:为|是|达到|达|约|:|：)*\s*$")


def _prose_per_capita(p: Paragraph, info: _DocInfo, vocab: Vocabulary, ms: tuple[IndicatorMention, ...]) -> list[Claim]:
    norm, raws = raw_values(p, vocab)
    if not norm:
        return []
    out: list[Claim] = []
    quantities = [q for q in scan_values(p.text) if q.role == "value" and not q.is_ratio and not q.sign]
    for q in quantities:
        window = norm[max(0, q.start - 20) : q.start]
        m = _PC.search("".join(window.split()))
        if not m:
            continue
        prefix, name = m.group("prefix"), m.group("name")
        count_ind = vocab.per_capita.get(prefix, "")
        s_start, s_end = _sentence_bounds(norm, q.start)
        clause_start = max(s_start, max(norm.rfind(ch, 0, q.start) for ch in "，,；;：:") + 1)
        after = regex.match(r"[^，,。；;！？]*", norm[q.end : q.end + 12]).group(0)
        if _STANDARD.search(norm[clause_start : q.start]) or _STANDARD.search(after):
            continue  # a threshold or funding standard (低于生均33平米的要求, 每生每年2000元的标准)
        amount: RawValue | Quantity | None = None
        base_name = ""
        if name:
            hit = vocab.lookup(name) or vocab.lookup(name + "数")
            if hit is None or hit[1]:
                continue
            base_name = hit[0].name
            same = [r for r in raws if r.indicator.name == base_name and r.quantity.end <= q.start and r.start >= s_start]
            if same:
                amount = same[-1]
            else:
                prior = [r for r in raws if r.indicator.name == base_name and r.quantity.end <= q.start]
                amount = prior[-1] if prior else None
        else:
            # A bare 生均 / 平均每生: the figure just before it (same clause chain), in a unit that
            # is not a head count.
            prev = [x for x in quantities if x.end <= q.start - len(m.group(0)) + 2 and x.unit not in (None, "人", "名", "%", "个百分点")]
            if not prev:
                continue
            cand = prev[-1]
            between = norm[cand.end : q.start]
            if regex.search(r"[。；;]", between) and prefix not in ("平均每生",):
                continue
            if prefix == "平均每生" and regex.search(r"[。]", norm[cand.end : s_start]) and norm[cand.end : s_start].count("。") > 1:
                continue
            raw = next((r for r in raws if r.quantity.start == cand.start), None)
            amount = raw if raw is not None else cand
            base_name = raw.indicator.name if raw is not None else ""
        if amount is None:
            continue
        amount_q = amount.quantity if isinstance(amount, RawValue) else amount
        if amount_q.unit != (q.unit or "").split("/")[0]:
            # 「占地面积106.35亩，70940平米，生均…平方米」: prefer the restatement in the stated unit.
            again = next((x for x in quantities if x.start >= amount_q.end and x.end <= q.start and x.unit == q.unit
                          and regex.fullmatch(r"\s*[，,（(/]\s*", norm[amount_q.end : x.start])), None)
            if again is not None:
                amount_q = again
        if amount_q.is_percent or amount_q.hedge is not None:
            continue
        if not _unit_fits(q, amount_q):
            continue
        # The count: stated in the same sentence before the value, else elsewhere.
        count_raw = None
        if count_ind:
            in_sent = [r for r in raws if r.indicator.name == count_ind and s_start <= r.start and r.quantity.end <= q.start]
            count_raw = in_sent[-1] if in_sent else None
        elif prefix == "人均":
            continue
        if count_raw is None and _is_round(q):
            continue  # 生均拨款2000元 with no count: a funding standard, not a computed average
        seg = norm[s_start:q.start]
        yr = read_year(seg, vocab)
        if yr is not None and not yr.certain:
            year, period = None, ""
            uncertain = True
        elif yr is not None:
            year, period, uncertain = yr.year, yr.period, False
        else:
            if read_year(norm[:s_start], vocab) is not None:
                year, period, uncertain = None, "", True
            else:
                year, period, uncertain = info.year, "", False
        loc = Location(line=p.line_of(q.start), heading=p.location.heading)
        cands = _counts(ms, count_ind, loc.line) if count_ind else []
        natural = [] if uncertain else _natural(cands, year, period)
        amount_loc = Location(line=p.line_of(amount_q.start), heading=p.location.heading)
        label = f"{prefix}{base_name}" if base_name else prefix
        out.append(CountedPerCapita(
            stated=_op(label, q, loc),
            amount=_op(base_name or "总量", amount_q, amount_loc),
            count=_op(count_ind, count_raw.quantity, Location(line=p.line_of(count_raw.quantity.start))) if count_raw else None,
            candidates=tuple(_mention_op(c) for c in cands),
            natural=tuple(_mention_op(c) for c in natural),
            label=label, count_indicator=count_ind, year=year, period=period,
            percent_scale=q.is_percent, source="prose",
            context=f"{label}|{year}|{''.join(norm[max(s_start, q.start - 16):q.end].split())}",
        ))
    return out


_HEADER_UNIT = regex.compile(r"[（(]\s*(?:单位\s*[:：]\s*)?([^（）()/:：]{1,6})(?:/[^（）()]{1,4})?\s*[）)]\s*$")


def with_header_unit(q: Quantity, header: str) -> Quantity:
    """A bare table number in the unit its header names: 1862.50 under 教学仪器设备值（万元） is
    18,625,000 元, 5445.91 under 生均教学仪器设备值（元/生） is 元. Numbers with their own unit, percents and
    ratios keep theirs; a note that is no unit (（人次）is one, （%）is not handled here) changes nothing."""
    if q.unit or q.scale != 1 or q.is_percent or q.is_ratio:
        return q
    m = _HEADER_UNIT.search(header or "")
    if m is None:
        return q
    unit = parse_cell("1" + m.group(1).strip())
    if unit is None or unit.value != unit.scale or unit.unit is None or unit.is_percent:
        return q
    from dataclasses import replace

    return replace(q, scale=unit.scale, unit=unit.unit)


def _unit_fits(stated: Quantity, amount: Quantity) -> bool:
    """生均X in X's unit (元/生 counts as 元), or a percent (per 100 students)."""
    if stated.is_percent:
        return True
    su = (stated.unit or "").split("/")[0]
    au = amount.unit or ""
    if su == au:
        return True
    from qualint import units

    return bool(su and au) and units.same_dimension(su, au)


# --------------------------------------------------------------------------- per capita in tables

def _table_per_capita(table: Table, info: _DocInfo, vocab: Vocabulary, ms: tuple[IndicatorMention, ...]) -> list[Claim]:
    """A 生均 column right after an amount column, with a count column (在校生数) in the same row; or a
    生均X row under year columns whose amount X is another row of the table."""
    view = build_view(table)
    if view is None:
        return []
    out: list[Claim] = []
    roles = view.row_roles
    rows = [r for r, role in enumerate(roles) if role in ("data", "year", "total")]
    cols = [c for c in range(view.width) if c != view.label_col and c not in view.index_cols]
    # (a) columns: … | X | 生均 | … with a count column.
    count_col = {}
    for c in cols:
        hit = vocab.lookup(view.headers[c])
        if hit is not None:
            count_col[hit[0].name] = c
    for c in cols:
        h = label_key(view.headers[c])
        pc = vocab.per_capita_prefix(h)
        if pc is None or not pc[1] or pc[1] not in count_col:
            continue
        rest = h[len(pc[0]):]
        amount_col = None
        if rest:
            hit = vocab.lookup(rest)
            if hit is None:
                continue
            amount_col = next((k for k in cols if (vocab.lookup(view.headers[k]) or (None,))[0] == hit[0]), None)
        elif c - 1 in cols and c - 1 != count_col[pc[1]]:
            amount_col = c - 1
        if amount_col is None:
            continue
        for r in rows:
            s, a, n = view.grid[r][c], view.grid[r][amount_col], view.grid[r][count_col[pc[1]]]
            if s.quantity is None or a.quantity is None or n.quantity is None or s.cell is None:
                continue
            label = squash(view.headers[c])
            out.append(CountedPerCapita(
                stated=_op(label, with_header_unit(s.quantity, view.headers[c]), s.cell.location),
                amount=_op(squash(view.label(r) + "·" + view.headers[amount_col]),
                           with_header_unit(a.quantity, view.headers[amount_col]), a.cell.location),
                count=_op(squash(view.label(r) + "·" + view.headers[count_col[pc[1]]]), n.quantity, n.cell.location),
                label=label, count_indicator=pc[1], percent_scale=s.quantity.is_percent, source="table",
                context=f"{squash(table.caption or '')}|{view.label(r)}|{view.headers[c]}",
            ))
    # (b) rows: 生均X row and X row under year columns; the count is stated elsewhere for that year.
    year_cols = {c: _table_year(view.headers[c]) for c in cols}
    year_cols = {c: y for c, y in year_cols.items() if y is not None}
    if not year_cols:
        return out
    row_of = {}
    for r in rows:
        hit = vocab.lookup(view.label(r))
        if hit is not None and not hit[1]:
            row_of[hit[0].name] = r
    for r in rows:
        key = label_key(view.label(r))
        pc = vocab.per_capita_prefix(key)
        if pc is None or not pc[1]:
            continue
        base = vocab.lookup(key[len(pc[0]):])
        if base is None or base[0].name not in row_of:
            continue
        ar = row_of[base[0].name]
        cands = _counts(ms, pc[1], view.grid[r][view.label_col or 0].cell.location.line
                        if view.grid[r][view.label_col or 0].cell is not None else view.table.location.line)
        for c, (y, per) in year_cols.items():
            s, a = view.grid[r][c], view.grid[ar][c]
            if s.quantity is None or a.quantity is None or s.cell is None:
                continue
            natural = _natural(cands, y, per)
            label = f"{pc[0]}{base[0].name}"
            out.append(CountedPerCapita(
                stated=_op(label, with_header_unit(s.quantity, view.label(r)), s.cell.location),
                amount=_op(squash(view.label(ar) + "·" + view.headers[c]),
                           with_header_unit(a.quantity, view.label(ar)), a.cell.location),
                count=None, candidates=tuple(_mention_op(m) for m in cands), natural=tuple(_mention_op(m) for m in natural),
                label=label, count_indicator=pc[1], year=y, period=per, percent_scale=s.quantity.is_percent, source="table",
                context=f"{squash(table.caption or '')}|{view.label(r)}|{view.headers[c]}",
            ))
    return out


# --------------------------------------------------------------------------- ratios (生师比)

def _prose_ratios(p: Paragraph, info: _DocInfo, vocab: Vocabulary, ms: tuple[IndicatorMention, ...]) -> list[Claim]:
    norm, raws = raw_values(p, vocab)
    if not norm:
        return []
    out: list[Claim] = []
    for q in scan_values(p.text):
        if q.role != "value" or not q.is_ratio:
            continue
        before = "".join(norm[max(0, q.start - 24) : q.start].split())
        formula = None
        for f in vocab.ratios.values():
            for alias in (f.name, *f.aliases):
                if regex.search(regex.escape(alias) + r"(?:为|是|达到|达|约为|约|:|：)*$", before):
                    formula = f
        if formula is None:
            continue
        s_start, s_end = _sentence_bounds(norm, q.start)
        seg = norm[s_start:q.start]
        yr = read_year(seg, vocab)
        if yr is not None and not yr.certain:
            continue
        if yr is None and read_year(norm[:s_start], vocab) is not None:
            continue
        year, period = (yr.year, yr.period) if yr is not None else (info.year, "")
        here = p.line_of(q.start)
        nums, dens = _counts(ms, formula.numerator, here), _counts(ms, formula.denominator, here)
        nat_n, nat_d = _natural(nums, year, period), _natural(dens, year, period)
        # Operands in the same paragraph (any sentence) for the same year are the most natural.
        para_d = [r for r in raws if r.indicator.name == formula.denominator]
        loc = Location(line=p.line_of(q.start), heading=p.location.heading)
        out.append(CountedRatio(
            stated=_op(formula.name, q, loc),
            numerator=_mention_op(nat_n[0]) if nat_n else Operand(label=formula.numerator, quantity=None, location=loc, blank=True),
            denominator=None,
            candidates=tuple(_mention_op(m) for m in nums),
            denominator_candidates=tuple(_mention_op(m) for m in dens),
            natural_numerators=tuple(_mention_op(m) for m in nat_n),
            natural_denominators=tuple(_mention_op(m) for m in nat_d) + tuple(
                _op(f"{formula.denominator}（第{p.line_of(r.quantity.start)}行）", r.quantity, Location(line=p.line_of(r.quantity.start)))
                for r in para_d if not nat_d),
            denominator_additions=tuple((_mention_op(m), weight) for ind, weight in formula.additions
                                        for m in _natural(_counts(ms, ind, here), year, period)),
            label=formula.name, year=year, source="prose",
            context=f"{formula.name}|{year}|{''.join(norm[max(s_start, q.start - 12):q.end].split())}",
        ))
    return out


# --------------------------------------------------------------------------- shares with the whole elsewhere

_SHARE = regex.compile(r"占(?P<whole>[\p{Han}]{1,16}?)(?:总数|总人数|人数|数)?(?:的)?(?:比例|比重|比例为|比重为)?(?:为|是|达到|达|约|:|：)*\s*$")


def _prose_shares(p: Paragraph, info: _DocInfo, vocab: Vocabulary, ms: tuple[IndicatorMention, ...]) -> list[Claim]:
    """Shares whose whole is not in their sentence.

    - 「团员818人，占全校人数的46%」: the whole is named (全校人数 → 在校生) and stated elsewhere;
    - 「兼职教师18人，兼职教师占专业课和实习指导教师的比例达26.93%」: the whole names nothing the
      report states (``whole_indicator`` ""), so only whole-number feasibility is checked;
    - 「2021年就业人数421人，就业率为91.5%」: a named rate (就业率 = 就业人数 / 毕业生) whose whole
      is stated in another sentence (``rate=True``: definitions vary, so a misfit is only reported
      when another stated count fits or no whole number could give the rate).
    Wholes stated in the same sentence are the prose extractor's."""
    norm, raws = raw_values(p, vocab)
    if not norm:
        return []
    out: list[Claim] = []
    quantities = [q for q in scan_values(p.text) if q.role == "value"]
    for q in quantities:
        if not q.is_percent or q.sign or q.hedge is not None or q.unit != "%":
            continue
        s_start, _ = _sentence_bounds(norm, q.start)
        before = "".join(norm[max(s_start, q.start - 30) : q.start].split())
        m = _SHARE.search(before)
        rate = None
        if m is None:
            for f in vocab.rates.values():
                for alias in (f.name, *f.aliases):
                    hit = regex.search(r"(?P<pre>[\p{Han}]?)" + regex.escape(alias) + r"(?:为|是|达到|达|约为|:|：)*$", before)
                    if hit and hit.group("pre") not in ("均", "口", "业", "合", "格"):
                        rate = f
            if rate is None:
                continue
        sentence_raws = [r for r in raws if s_start <= r.start < q.start]
        if rate is not None:
            whole_ind = rate.denominator
            if any(r.indicator.name == whole_ind for r in sentence_raws):
                continue
            parts = [r for r in sentence_raws if r.indicator.name == rate.numerator]
            if not parts:
                continue
            part = parts[-1].quantity
            if regex.search(r"[。；;]", norm[part.end : q.start]):
                continue
            label = rate.name
        else:
            whole_text = m.group("whole")
            stripped = regex.sub(r"^(?:全校|学校|我校|本校)", "", whole_text)
            hit = None
            for cand in filter(None, (stripped, stripped + "数", stripped + "人数")):
                hit = hit or vocab.lookup(cand)
            if hit is None and whole_text in ("全校", "全校学生", "学校"):
                hit = vocab.lookup("学生数")
            if hit is not None and hit[1]:
                continue
            whole_ind = hit[0].name if hit is not None else ""
            if whole_ind and any(r.indicator.name == whole_ind for r in sentence_raws):
                continue  # stated in the sentence: the prose extractor's case
            part = _share_part(norm, quantities, q, s_start, before[: m.start()])
            if part is None:
                continue
            label = f"占{whole_text}"
        if part.unit not in ("人", "名", "位") or part.hedge is not None or not part.exact:
            continue
        seg = norm[s_start:q.start]
        yr = read_year(seg, vocab)
        if yr is not None and not yr.certain:
            continue
        if yr is None and read_year(norm[:s_start], vocab) is not None:
            year, period = None, ""
        else:
            year, period = (yr.year, yr.period) if yr is not None else (info.year, "")
        loc = Location(line=p.line_of(q.start), heading=p.location.heading)
        cands = _counts(ms, whole_ind, loc.line) if whole_ind else []
        natural = _natural(cands, year, period) if year is not None else []
        out.append(OpenShare(
            stated=_op(label, q, loc),
            part=_op("部分", part, Location(line=p.line_of(part.start), heading=p.location.heading)),
            whole=None, candidates=tuple(_mention_op(c) for c in cands), natural=tuple(_mention_op(c) for c in natural),
            whole_indicator=whole_ind, year=year, rate=rate is not None, source="prose",
            context=f"share|{whole_ind}|{year}|{''.join(norm[max(s_start, part.start - 8):q.end].split())}",
        ))
    return out


def _share_part(norm: str, quantities: list[Quantity], q: Quantity, s_start: int, subject_zone: str) -> Quantity | None:
    """The count a 占…的X% is about: the value that ends the clause just before (「团员818人，占…」) or,
    when the share names its subject again (「兼职教师18人，兼职教师占…」), that subject's value."""
    subject = regex.split(r"[，,；;：:]", subject_zone)[-1]
    prev = [x for x in quantities if s_start <= x.start and x.end <= q.start and not x.is_percent]
    if not prev:
        return None
    if not subject:
        cand = prev[-1]
        gap = "".join(norm[cand.end : q.start].split())
        return cand if regex.match(r"^[，,]占", gap) else None
    for x in reversed(prev):
        head = "".join(norm[max(s_start, x.start - len(subject) - 4) : x.start].split())
        if regex.search(regex.escape(subject) + r"(?:有|为|是|共|共有|达|达到)?$", head):
            return x
    return None


# --------------------------------------------------------------------------- changes with no stated base

_PCT_CHANGE = regex.compile(r"(?:与上一?年度?相比|比上一?年度?|较上一?年度?|同比)(?P<dir>增加|增长|提高|上升|减少|下降|降低)(?:了)?\s*$")


def _prose_open_changes(p: Paragraph, info: _DocInfo, vocab: Vocabulary, ms: tuple[IndicatorMention, ...]) -> list[Claim]:
    """「2021年招收全日制学生472人，与上一年度相比增加1.01%」 with last year's figure stated nowhere:
    an ``OpenChange`` for the whole-number feasibility check. When last year's figure is stated
    (a mention of the same indicator for year−1), a plain ``ChangeClaim`` for the change checks."""
    norm, raws = raw_values(p, vocab)
    text = p.text
    if not norm:
        return []
    out: list[Claim] = []
    quantities = [q for q in scan_values(text) if q.role == "value"]
    for q in quantities:
        if not q.is_percent or q.sign or q.hedge is not None or q.unit != "%":
            continue
        before = "".join(norm[max(0, q.start - 14) : q.start].split())
        m = _PCT_CHANGE.search(before)
        if not m:
            continue
        s_start, _ = _sentence_bounds(norm, q.start)
        cur = [x for x in quantities if s_start <= x.start and x.end <= q.start and not x.is_percent]
        if len(cur) != 1:
            continue
        current = cur[0]
        if current.unit not in ("人", "名", "个", "所", "台", "册", "门", "项", "家") or current.hedge is not None or current.scale != 1 or current.decimals:
            continue
        between = "".join(norm[current.end : q.start].split())
        if not regex.fullmatch(r"[，,]?(?:与上一?年度?相比|比上一?年度?|较上一?年度?|同比)(?:增加|增长|提高|上升|减少|下降|降低)(?:了)?", between):
            continue
        # Which indicator is it, and is last year's value stated anywhere?
        raw = next((r for r in raws if r.quantity.start == current.start), None)
        # The clause may name the figure with words the vocabulary does not know (招收全日制学生):
        # then no base can be looked up and only feasibility is checked.
        seg = norm[s_start:current.start]
        yr = read_year(seg, vocab)
        year = yr.year if yr is not None and yr.certain else None
        down = m.group("dir") in ("减少", "下降", "降低")
        loc = Location(line=p.line_of(q.start), heading=p.location.heading)
        cur_op = _op(raw.alias if raw else "本年", current, Location(line=p.line_of(current.start), heading=p.location.heading))
        stated_q = q if not down else _negated(q)
        if raw is not None and year is not None:
            prev = [x for x in ms if x.indicator == raw.indicator.name and x.year == year - 1 and not x.scope and not x.period]
            values = {x.stated.quantity.value for x in prev}
            if len(values) == 1:
                base = prev[0]
                out.append(ChangeClaim(
                    stated=_op("增长率", stated_q, loc), previous=_mention_op(base), current=cur_op, mode="pct",
                    signed=False, source="prose", context=f"change|{raw.indicator.name}|{year}|{before}",
                ))
                continue
            if values:
                continue
        out.append(OpenChange(
            stated=_op("增长率", stated_q, loc), current=cur_op, source="prose", indicator=raw.indicator.name if raw else "",
            context=f"openchange|{''.join(norm[max(s_start, current.start - 10):q.end].split())}",
        ))
    return out


def _negated(q: Quantity) -> Quantity:
    from dataclasses import replace

    return replace(q, mantissa=-q.mantissa)


# --------------------------------------------------------------------------- document

def extract(document: Document) -> list[Claim]:
    vocab = vocab_mod.load()
    ms = mentions(document, vocab)
    year, subject = report_year(document)
    info = _DocInfo(year=year, subject=subject)
    out: list[Claim] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            out.extend(_prose_per_capita(block, info, vocab, ms))
            out.extend(_prose_ratios(block, info, vocab, ms))
            out.extend(_prose_shares(block, info, vocab, ms))
            out.extend(_prose_open_changes(block, info, vocab, ms))
        elif isinstance(block, Table):
            out.extend(_table_per_capita(block, info, vocab, ms))
    return out

