"""Table claims: a ``TableView`` (``qualint.claims.table_view``) → totals, changes, shares, means.

- a 合计/总计 row (or column) is the sum of the data rows (or columns) it closes; a 其中 row may not
  exceed its parent;
- a change column (变化, 增减, 年度数据对比 …) after year columns, a change row after year rows, or a
  change column down year rows, is the change between a year and the one before;
- a rate column or row (…率, 比例, 占…, values in %) is numerator / denominator of two other columns
  (rows), or of a column and its 合计 row or the row its header names. Which is learned from the table
  itself: the reading that reproduces the most rows wins, and it must be supported by the data before
  any cell is judged against it;
- a 平均 row is the mean of the data rows.

Structure that yields no claim is reported as a ``TableNote`` (Q104) instead of being guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

import regex

from qualint.claims.model import ChangeClaim, Claim, MeanClaim, Operand, PartClaim, ShareClaim, SumClaim, TableNote
from qualint.claims.table_view import (
    CHANGE,
    NON_ADDITIVE,
    RATE,
    SUBITEM,
    TOTAL,
    Slot,
    TableView,
    bare_header,
    build_view,
    cell_value,
    squash,
    strip_group,
)
from qualint.document import Cell, Document, Location, Table
from qualint.intervals import Interval, verdict
from qualint.quantities import Quantity

# --------------------------------------------------------------------------- operands

def _operand(view: TableView, r: int, c: int, label: str | None = None) -> Operand:
    slot = view.grid[r][c]
    loc = slot.cell.location if slot.cell is not None else _guess_location(view, r, c)
    return Operand(label=label or _describe(view, r, c), quantity=slot.quantity, location=loc,
                   blank=slot.quantity is None)


def _guess_location(view: TableView, r: int, c: int) -> Location:
    row = view.table.rows[r] if r < len(view.table.rows) else ()
    line = row[-1].location.line if row else view.table.location.line
    return Location(line=line, table=view.table.index, row=r + 1, column=c + 1, heading=view.table.location.heading)


def _describe(view: TableView, r: int, c: int) -> str:
    label = view.label(r)
    header = view.headers[c] if c < view.width else ""
    return f"{label}·{header}" if label and header else (label or header)


def _context(view: TableView, r: int, c: int) -> str:
    cap = squash(view.table.caption or "")
    return f"{cap}|{view.label(r)}|{view.headers[c]}"


# --------------------------------------------------------------------------- claims

def _sum_claims(view: TableView) -> list[Claim]:
    claims: list[Claim] = []
    roles = view.row_roles
    numeric = [c for c in view.numeric_cols() if not view.is_change_col(c)]
    additive = [c for c in numeric if not NON_ADDITIVE.search(strip_group(view.headers[c], view.groups[c]))]
    for t, role in enumerate(roles):
        if role not in ("total", "subtotal"):
            continue
        if role == "subtotal" or "subtotal" not in roles:
            parts_rows = _rows_closed_by(roles, t)
        else:  # a grand total over subtotals
            parts_rows = [r for r in range(len(roles)) if roles[r] == "subtotal"]
        if len(parts_rows) < 2:
            continue
        for c in numeric:
            stated = view.grid[t][c].quantity
            if stated is None or stated.is_ratio:
                continue
            if c not in additive and not (stated.is_percent and stated.value == 100):
                continue
            parts = [view.grid[r][c] for r in parts_rows]
            if sum(1 for s in parts if s.quantity is not None) < 2:
                continue
            if any(s.quantity is not None and (s.quantity.is_percent != stated.is_percent) for s in parts):
                continue
            if stated.is_percent and not _shares_of_whole(stated, parts):
                continue  # rates are not additive; only a 100% total of shares is a sum
            others = tuple(_operand(view, r, c2) for r in parts_rows for c2 in numeric if c2 != c
                           if view.grid[r][c2].quantity is not None)[:60]
            others += tuple(_operand(view, t, c2) for c2 in numeric if c2 != c and view.grid[t][c2].quantity is not None)
            claims.append(SumClaim(
                stated=_operand(view, t, c, label=f"{view.label(t) or '合计'}·{view.headers[c]}"),
                parts=tuple(_operand(view, r, c) for r in parts_rows),
                others=others,
                context=_context(view, t, c),
                kind="shares100" if stated.is_percent else "total",
            ))
    claims.extend(_total_column_claims(view))
    return claims


def _subitem_claims(view: TableView) -> list[Claim]:
    """A 其中 row is a part of the row above the 其中 run: it may not exceed it (其中 rows may overlap,
    双师型 and 高级职称 teachers, so only each one alone is held to its parent)."""
    claims: list[Claim] = []
    roles = view.row_roles
    for r, role in enumerate(roles):
        if role != "subitem":
            continue
        parent = r - 1
        while parent >= 0 and roles[parent] == "subitem":
            parent -= 1
        if parent < 0 or roles[parent] not in ("data", "total", "subtotal"):
            continue
        for c in view.numeric_cols():
            whole, part = view.grid[parent][c].quantity, view.grid[r][c].quantity
            if whole is None or part is None or whole.is_percent or part.is_percent or view.is_change_col(c):
                continue
            if whole.value < 0 or part.value < 0:
                continue
            claims.append(PartClaim(stated=_operand(view, parent, c), parts=(_operand(view, r, c),),
                                    context=_context(view, r, c)))
    return claims


def _shares_of_whole(total_cell: Quantity, parts: list[Slot]) -> bool:
    """A percent column adds up only when it splits one whole: the total reads 100% and the parts
    are shares that come near it (a column of rates such as 就业率 sums far beyond 100)."""
    if total_cell.value != 100:
        return False
    values = [s.quantity.value for s in parts if s.quantity is not None]
    return all(v < 100 for v in values) and Decimal(50) <= sum(values, Decimal(0)) <= Decimal(150)


def _rows_closed_by(roles: list[str], t: int) -> list[int]:
    """Data rows a total at row ``t`` closes: the run of data rows just before it, or, for a total
    placed first, the run just after it."""
    before = []
    r = t - 1
    while r >= 0 and roles[r] in ("data", "empty", "subitem"):
        if roles[r] == "data":
            before.append(r)
        r -= 1
    if len(before) >= 2:
        return sorted(before)
    after = []
    r = t + 1
    while r < len(roles) and roles[r] in ("data", "empty", "subitem"):
        if roles[r] == "data":
            after.append(r)
        r += 1
    return after if len(after) >= 2 else sorted(before)


def _total_column_claims(view: TableView) -> list[Claim]:
    """A 合计 column sums the plain count columns of its row (only when every other numeric column
    is a count, so rates and changes are never added up)."""
    claims: list[Claim] = []
    total_cols = [c for c in range(view.width) if TOTAL.match(bare_header(strip_group(view.headers[c], view.groups[c])) or "x")]
    numeric = view.numeric_cols()
    for tc in total_cols:
        parts_cols = [c for c in numeric if c != tc and c not in total_cols and view.groups[c] == view.groups[tc]
                      and not SUBITEM.match(strip_group(view.headers[c], view.groups[c]))]
        if len(parts_cols) < 2 or any(view.is_rate_col(c) or view.is_change_col(c) for c in parts_cols):
            continue
        if len({view.col_year(c) for c in parts_cols}) > 1:
            continue  # columns of different years are not parts of one total
        for r in view.data_rows() + [i for i, role in enumerate(view.row_roles) if role == "total"]:
            stated = view.grid[r][tc].quantity
            if stated is None or stated.is_percent:
                continue
            parts = [view.grid[r][c] for c in parts_cols]
            if sum(1 for s in parts if s.quantity is not None) < 2 or any(s.quantity is not None and s.quantity.is_percent for s in parts):
                continue
            claims.append(SumClaim(
                stated=_operand(view, r, tc, label=f"{view.label(r)}·{view.headers[tc]}"),
                parts=tuple(_operand(view, r, c) for c in parts_cols),
                context=_context(view, r, tc),
            ))
    return claims


_PCT_HEADER = regex.compile(r"率|%|％|幅|百分比")


def _change(view: TableView, at: tuple[int, int], previous: tuple[int, int], current: tuple[int, int],
            header: str = "") -> ChangeClaim:
    """The change stated at grid position ``at`` between the values at ``previous`` and ``current``.
    A header such as 增长率（%） makes a bare 6.8 a percent change; 百分点 makes it points."""
    mode = "auto"
    cur = view.grid[current[0]][current[1]].quantity
    if "百分点" in header:
        mode = "pp"
    elif _PCT_HEADER.search(header) and cur is not None and not cur.is_percent:
        mode = "pct"
    return ChangeClaim(stated=_operand(view, *at), previous=_operand(view, *previous),
                       current=_operand(view, *current), mode=mode, context=_context(view, *at))


def _earlier(years_at: dict[int, int], year: int) -> int | None:
    """The position holding the latest year before ``year``."""
    before = [(y, pos) for pos, y in years_at.items() if y < year]
    return max(before)[1] if before else None


def _changes_down_year_rows(view: TableView, cc: int) -> list[Claim]:
    """Years down the rows and a change column (年度 | 招生数 | 比上年增长): each year's value against
    the year before it, in the value column just left of the change column."""
    years_at = {r: view.row_year(r) for r, role in enumerate(view.row_roles) if role == "year" and view.row_year(r)}
    if len(set(years_at.values())) < 2 or len(set(years_at.values())) != len(years_at):
        return []
    values = [c for c in range(cc - 1, -1, -1) if c in view.numeric_cols() and not view.is_change_col(c)
              and not view.is_rate_col(c) and view.groups[c] == view.groups[cc]]
    if not values:
        return []
    vc = values[0]
    out: list[Claim] = []
    for r, year in years_at.items():
        prev = _earlier(years_at, year)
        if prev is None or view.grid[r][cc].quantity is None or view.grid[r][vc].quantity is None:
            continue
        out.append(_change(view, (r, cc), (prev, vc), (r, vc), strip_group(view.headers[cc], view.groups[cc])))
    return out


def _changes_across_year_columns(view: TableView, cr: int) -> list[Claim]:
    """Years across the columns and a change row under a value row (在校生 | 3046 | 2890 … / 增长率 |
    5.40% | 6.76% …): each year's value against the year before it."""
    years_at = {c: view.value_year(c) for c in range(view.width) if view.value_year(c)}
    if len(set(years_at.values())) < 2 or len(set(years_at.values())) != len(years_at):
        return []  # one column per year, or it is not a plain year series
    vr = cr - 1
    while vr >= 0 and view.row_roles[vr] not in ("data", "total", "subtotal"):
        vr -= 1
    if vr < 0:
        return []
    out: list[Claim] = []
    for c, year in years_at.items():
        prev = _earlier(years_at, year)
        if prev is None or view.grid[cr][c].quantity is None or view.grid[vr][c].quantity is None:
            continue
        out.append(_change(view, (cr, c), (vr, prev), (vr, c), view.label(cr)))
    return out


def _change_claims(view: TableView) -> list[Claim]:
    claims: list[Claim] = []
    roles = view.row_roles
    # Column layout: year columns followed by a change column, within one header group; or year
    # groups (2020年: 招生 在校) followed by a change group (增减: 招生 在校) with the same sub-columns.
    for cc in range(view.width):
        if view.is_change_col(cc):
            same_group = [c for c in range(cc) if view.groups[c] == view.groups[cc] and view.value_year(c) is not None]
        elif view.groups[cc] and CHANGE.search(view.groups[cc]) and view.col_year(cc) is None:
            sub = strip_group(view.headers[cc], view.groups[cc])
            same_group = [c for c in range(cc) if view.value_year(c) is not None and view.groups[c]
                          and strip_group(view.headers[c], view.groups[c]) == sub]
        else:
            continue
        named_year = view.col_year(cc)
        if named_year is not None:  # 2021年增长率: 2021 against the year before it
            same_group = [c for c in same_group if (view.value_year(c) or 0) <= named_year]
            if not any(view.value_year(c) == named_year for c in same_group):
                continue
        if len(same_group) < 2:
            claims.extend(_changes_down_year_rows(view, cc))
            continue
        by_year = sorted(same_group, key=lambda c: view.value_year(c) or 0)
        prev_c, cur_c = by_year[-2], by_year[-1]
        if view.value_year(prev_c) == view.value_year(cur_c):
            continue
        for r, role in enumerate(roles):
            if role not in ("data", "total", "subtotal", "mean", "subitem"):
                continue
            stated = view.grid[r][cc].quantity
            if stated is None:
                continue
            if view.grid[r][cur_c].quantity is not None:
                claim = _change(view, (r, cc), (r, prev_c), (r, cur_c), strip_group(view.headers[cc], view.groups[cc]))
                if role in ("total", "subtotal"):
                    closed = _rows_closed_by(roles, r)
                    sp, sc = _sum_operand(view, closed, prev_c), _sum_operand(view, closed, cur_c)
                    if sp is not None and sc is not None:
                        claim = replace(claim, accepted=((sp, sc),))
                claims.append(claim)
    # Row layout: year rows followed by a change row.
    year_rows = [r for r, role in enumerate(roles) if role == "year" and view.row_year(r) is not None]
    change_rows = [r for r, role in enumerate(roles) if role == "change"]
    if len(year_rows) < 2:
        for cr in change_rows:
            claims.extend(_changes_across_year_columns(view, cr))
    if len(year_rows) >= 2 and change_rows:
        by_year = sorted(year_rows, key=lambda r: view.row_year(r) or 0)
        prev_r, cur_r = by_year[-2], by_year[-1]
        if view.row_year(prev_r) != view.row_year(cur_r):
            for cr in change_rows:
                for c in range(view.width):
                    if c == view.label_col or c in view.index_cols:
                        continue
                    if view.grid[cr][c].quantity is not None and view.grid[cur_r][c].quantity is not None:
                        claims.append(_change(view, (cr, c), (prev_r, c), (cur_r, c), view.label(cr)))
    return claims


def _fits(stated: Quantity, part: Quantity, whole: Quantity) -> str:
    """How ``stated`` relates to part/whole: ok, truncated or mismatch."""
    ratio = Interval.of(part) / Interval.of(whole)
    if ratio is None:
        return "mismatch"
    if stated.is_ratio:
        return verdict(ratio.scale(stated.denominator), stated)
    return verdict(ratio.scale(Decimal(100)) if stated.is_percent else ratio, stated)


_GENERIC = regex.compile(r"人数|数量|[（(].*?[)）]|[人个率数%％]|比例|比重|情况|教师|学生|人员|总")
_NAMED_WHOLE = regex.compile(r"占(?P<whole>.+?)(?:的)?(?:比例|比重|百分比|比率|比)")


def affinity(rate_header: str, part_header: str) -> int:
    """Length of the longest common run of two headers once generic words (人数, 率, units) are
    removed: 直接就业率 and 直接就业 share 4, 合格率 and 获得技能证人数 share 0."""
    a, b = _GENERIC.sub("", rate_header), _GENERIC.sub("", part_header)
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


@dataclass(frozen=True)
class _Candidate:
    """A column (or row) that may be a numerator or denominator; ``members`` > 1 for the sum of the
    sub-columns under one merged header (对口升学人数 = 专科 + 本科)."""

    members: tuple[int, ...]
    header: str

    @property
    def key(self) -> int:
        return self.members[0]


@dataclass(frozen=True)
class _Formula:
    part: _Candidate
    whole: _Candidate
    support: int
    tried: int
    affinity: int  # how well the header names the operand it names: 占专任教师比例 → 专任教师数


def _affinities(rate_header: str, part: _Candidate, whole: _Candidate) -> int:
    """A rate header names either its denominator (占X比例) or its numerator (X率)."""
    named = _NAMED_WHOLE.search(rate_header)
    if named:
        return affinity(named.group("whole"), whole.header)
    return affinity(rate_header, part.header)


def _value(view: TableView, r: int, cand: _Candidate, by_row: bool) -> Quantity | None:
    qs = [view.grid[m][r].quantity if by_row else view.grid[r][m].quantity for m in cand.members]
    if len(qs) == 1:
        return qs[0]
    if any(q is None or not q.exact for q in qs):
        return None
    total_value = sum((q.value for q in qs), Decimal(0))
    text = "+".join(q.text.strip() for q in qs)
    return Quantity(text=text, start=0, end=len(text), mantissa=total_value, decimals=0)


def _learn(view: TableView, stated_at: list[int], rate_pos: int, rate_header: str,
           parts: list[_Candidate], wholes: list[_Candidate], by_row: bool) -> _Formula | None:
    """The (part, whole) pair that reproduces the most stated rates. Rows (or columns, ``by_row``)
    are the positions in ``stated_at``. Ties go to header affinity, then to nearness."""
    best: _Formula | None = None
    best_key: tuple = ()
    for p in parts:
        for w in wholes:
            if w.key in p.members:
                continue
            aff = _affinities(rate_header, p, w)
            support = tried = 0
            for pos in stated_at:
                s = view.grid[rate_pos][pos].quantity if by_row else view.grid[pos][rate_pos].quantity
                pv, wv = _value(view, pos, p, by_row), _value(view, pos, w, by_row)
                if s is None or pv is None or wv is None or wv.value == 0 or not (s.is_percent or s.is_ratio):
                    continue
                tried += 1
                if _fits(s, pv, wv) != "mismatch":
                    support += 1
            if support == 0:
                continue
            key = (support, min(aff, 4), -abs(rate_pos - p.key), -abs(rate_pos - w.key))
            if best is None or key > best_key:
                best, best_key = _Formula(p, w, support, tried, aff), key
    return best


def _strong_enough(f: _Formula) -> bool:
    """A learned formula must be supported by the data: a majority of the rows it could be tried
    on, and at least two of them — or one, when the numerator's header names the rate (直接就业 for
    直接就业率), which a chance fit does not."""
    if f.support * 2 < f.tried:
        return False
    return f.support >= 2 or f.affinity >= 2


def _candidates(view: TableView, cols: list[int]) -> list[_Candidate]:
    """Single columns, plus sums of sibling sub-columns under one merged header."""
    out = [_Candidate((c,), strip_group(view.headers[c], view.groups[c])) for c in cols]
    parents: dict[str, list[int]] = {}
    for c in cols:
        cells = [h[c] for h in _header_cells(view)]
        if len(cells) >= 2 and cells[-1] is not None and cells[-2] is not None and cells[-1] is not cells[-2]:
            parents.setdefault(f"{id(cells[-2])}", []).append(c)
    for members in parents.values():
        if len(members) >= 2 and members == list(range(members[0], members[0] + len(members))):
            first = _header_cells(view)[-2][members[0]]
            out.append(_Candidate(tuple(members), squash(first.text) if first is not None else ""))
    return out


def _header_cells(view: TableView) -> list[list[Cell | None]]:
    return [[s.cell for s in view.grid[i]] for i in range(view.header_rows)]


def _sum_operand(view: TableView, rows: list[int], c: int) -> Operand | None:
    """The sum of a column over ``rows`` as an operand (printed with the parts' finest precision)."""
    qs = [view.grid[r][c].quantity for r in rows]
    present = [q for q in qs if q is not None]
    if len(present) < 2 or any(q.is_percent or q.is_ratio or q.scale != 1 for q in present):
        return None
    value = sum((q.value for q in present), Decimal(0))
    text = "+".join(q.text.strip() for q in present)
    q = Quantity(text=text, start=0, end=len(text), mantissa=value, decimals=max(q.decimals for q in present))
    return Operand(label=f"Σ{view.headers[c]}", quantity=q, location=view.grid[rows[0]][c].cell.location
                   if view.grid[rows[0]][c].cell is not None else _guess_location(view, rows[0], c))


def _composite_operand(view: TableView, r: int, cand: _Candidate, by_row: bool) -> Operand:
    if len(cand.members) == 1:
        m = cand.members[0]
        return _operand(view, m, r) if by_row else _operand(view, r, m)
    q = _value(view, r, cand, by_row)
    first = (cand.members[0], r) if by_row else (r, cand.members[0])
    base = _operand(view, *first)
    return Operand(label=cand.header, quantity=q, location=base.location, blank=q is None)


def _shares_of_total(view: TableView, rc: int, rows: list[int], totals: list[int], count_cols: list[int]) -> list[Claim]:
    """A 占比 column whose whole is the 合计 row of a count column (护理 600 人, 占 24.6%): learned like
    the row formulas, from the rows it reproduces."""
    if len(totals) != 1:
        return []
    t = totals[0]
    closed = _rows_closed_by(view.row_roles, t)
    best: tuple[int, int] | None = None
    for c in count_cols:
        whole = view.grid[t][c].quantity
        if whole is None or whole.value == 0:
            continue
        support = tried = 0
        for r in closed:
            s, part = view.grid[r][rc].quantity, view.grid[r][c].quantity
            if s is None or part is None or not s.is_percent:
                continue
            tried += 1
            support += _fits(s, part, whole) != "mismatch"
        if support >= 2 and support * 2 >= tried and (best is None or support > best[1]):
            best = (c, support)
    if best is None:
        return []
    c = best[0]
    claims: list[Claim] = []
    total_sum = _sum_operand(view, closed, c)
    for r in closed:
        s = view.grid[r][rc].quantity
        if s is None or not s.is_percent or view.grid[r][c].quantity is None:
            continue
        part = _operand(view, r, c)
        accepted = ((part, total_sum),) if total_sum is not None else ()
        claims.append(ShareClaim(stated=_operand(view, r, rc), part=part, whole=_operand(view, t, c),
                                 accepted=accepted, context=_context(view, r, rc)))
    return claims


def _shares_of_named_row(view: TableView, rc: int, rows: list[int], header: str, count_cols: list[int]) -> list[Claim]:
    """A 占专任教师比例 column whose whole is the row the header names (专任教师 185, 其中双师型 120,
    占 64.86%): the row is found by its label, the count column by the rows it reproduces."""
    named = _NAMED_WHOLE.search(header)
    if not named:
        return []
    whole_rows = [r for r in rows if affinity(named.group("whole"), view.label(r)) >= 2]
    if len(whole_rows) != 1:
        return []
    w = whole_rows[0]
    for c in count_cols:
        whole = view.grid[w][c].quantity
        if whole is None or whole.value == 0:
            continue
        pairs = [(r, view.grid[r][rc].quantity, view.grid[r][c].quantity) for r in rows]
        pairs = [(r, s, p) for r, s, p in pairs if s is not None and p is not None and s.is_percent]
        support = sum(1 for _, s, p in pairs if _fits(s, p, whole) != "mismatch")
        if support >= 2 and support * 2 >= len(pairs):
            return [ShareClaim(stated=_operand(view, r, rc), part=_operand(view, r, c), whole=_operand(view, w, c),
                               context=_context(view, r, rc)) for r, _, _ in pairs]
    return []


def _share_claims(view: TableView) -> list[Claim]:
    claims: list[Claim] = []
    roles = view.row_roles
    rows = [r for r, role in enumerate(roles) if role in ("data", "year", "subitem")]
    totals = [r for r, role in enumerate(roles) if role in ("total", "subtotal")]
    numeric = view.numeric_cols()
    count_cols = [c for c in numeric if not view.is_rate_col(c) and not view.is_change_col(c)]
    # Column layout: a rate column = part column(s) / whole column.
    for rc in numeric:
        header = strip_group(view.headers[rc], view.groups[rc])
        if view.is_change_col(rc) or not (view.is_rate_col(rc) or RATE.search(header)):
            continue
        same_group = [c for c in count_cols if view.groups[c] == view.groups[rc]] or count_cols
        f = _learn(view, rows, rc, header, _candidates(view, same_group), _candidates(view, count_cols), by_row=False)
        if f is None or not _strong_enough(f):
            claims.extend(_shares_of_total(view, rc, rows, totals, same_group)
                          or _shares_of_named_row(view, rc, rows + totals, header, same_group))
            continue
        for r in rows + totals:
            s = view.grid[r][rc].quantity
            if s is None or not (s.is_percent or s.is_ratio):
                continue
            part, whole = _composite_operand(view, r, f.part, False), _composite_operand(view, r, f.whole, False)
            if part.quantity is None or whole.quantity is None:
                continue
            alt = tuple(_operand(view, r, c) for c in count_cols if c not in f.part.members + f.whole.members
                        and view.grid[r][c].quantity is not None)
            alt += tuple(_operand(view, r2, f.whole.key) for r2 in rows + totals
                         if r2 != r and view.grid[r2][f.whole.key].quantity is not None)
            accepted: tuple[tuple[Operand, Operand], ...] = ()
            if r in totals and len(f.part.members) == 1:
                closed = _rows_closed_by(roles, r)
                sp, sw = _sum_operand(view, closed, f.part.key), _sum_operand(view, closed, f.whole.key)
                accepted = tuple(pair for pair in ((sp or part, sw or whole),) if pair != (part, whole))
            claims.append(ShareClaim(stated=_operand(view, r, rc), part=part, whole=whole, candidates=alt,
                                     accepted=accepted, context=_context(view, r, rc)))
    # Row layout (indicators as rows, years as columns): a rate row = part row / whole row.
    value_cols = [c for c in numeric if not view.is_change_col(c)]
    rate_rows = [r for r in rows if RATE.search(view.label(r)) and _row_is_rates(view, r, value_cols)]
    count_rows = [r for r in rows if r not in rate_rows and not _row_is_rates(view, r, value_cols)]
    cands = [_Candidate((r,), view.label(r)) for r in count_rows]
    for rr in rate_rows:
        f = _learn(view, value_cols, rr, view.label(rr), cands, cands, by_row=True)
        if f is None or not _strong_enough(f):
            continue
        for c in value_cols:
            s = view.grid[rr][c].quantity
            if s is None or view.grid[f.part.key][c].quantity is None or view.grid[f.whole.key][c].quantity is None:
                continue
            alt = tuple(_operand(view, f.whole.key, c2) for c2 in value_cols
                        if c2 != c and view.grid[f.whole.key][c2].quantity is not None)
            alt += tuple(_operand(view, r2, c) for r2 in count_rows
                         if r2 not in (f.part.key, f.whole.key) and view.grid[r2][c].quantity is not None)
            claims.append(ShareClaim(stated=_operand(view, rr, c), part=_operand(view, f.part.key, c),
                                     whole=_operand(view, f.whole.key, c), candidates=alt,
                                     context=_context(view, rr, c)))
    return claims


def _row_is_rates(view: TableView, r: int, cols: list[int]) -> bool:
    qs = [view.grid[r][c].quantity for c in cols if view.grid[r][c].quantity is not None]
    return bool(qs) and sum(1 for q in qs if q.is_percent or q.is_ratio) * 2 > len(qs)


def _mean_claims(view: TableView) -> list[Claim]:
    claims: list[Claim] = []
    roles = view.row_roles
    for m, role in enumerate(roles):
        if role != "mean":
            continue
        items_rows = _rows_closed_by(roles, m)
        if len(items_rows) < 2:
            continue
        for c in view.numeric_cols():
            if view.is_change_col(c):
                continue
            stated = view.grid[m][c].quantity
            if stated is None:
                continue
            items = [view.grid[r][c] for r in items_rows]
            if any(s.quantity is None for s in items):
                continue
            claims.append(MeanClaim(
                stated=_operand(view, m, c),
                items=tuple(_operand(view, r, c) for r in items_rows),
                context=_context(view, m, c),
            ))
    return claims


def _note(table: Table, zh: str, en: str) -> TableNote:
    label = squash(table.caption or "")[:40]
    where = Operand(label=label, quantity=None, location=table.location, blank=True)
    return TableNote(stated=where, reason=zh, reason_en=en, context=f"{label}|{zh}")


def _unused_structure(view: TableView, claims: list[Claim]) -> list[TableNote]:
    """Structure the table announces but that produced no claim: a change row or column without two
    years to compare, a rate column whose numerator and denominator are not in the table."""
    notes = []
    stated_cols = {c.stated.location.column for c in claims if isinstance(c, (ShareClaim, ChangeClaim))}
    stated_rows = {c.stated.location.row for c in claims if isinstance(c, (ShareClaim, ChangeClaim))}
    for c in view.numeric_cols():
        header = strip_group(view.headers[c], view.groups[c])
        if c + 1 in stated_cols:
            continue
        if view.is_change_col(c):
            notes.append(_note(view.table, f"变化列“{header}”找不到可比较的两个年份列", f"change column '{header}' has no two year columns to compare"))
        elif view.is_rate_col(c) and RATE.search(header):
            notes.append(_note(view.table, f"比率列“{header}”的分子分母不在本表中，未检查", f"rate column '{header}': numerator and denominator are not in this table"))
    share_rows = {c.stated.location.row for c in claims if isinstance(c, ShareClaim)}
    value_cols = [c for c in view.numeric_cols() if not view.is_change_col(c)]
    for r in view.data_rows():
        if r + 1 not in share_rows and RATE.search(view.label(r)) and _row_is_rates(view, r, value_cols):
            notes.append(_note(view.table, f"比率行“{view.label(r)}”的分子分母不在本表中，未检查", f"rate row '{view.label(r)}': numerator and denominator are not in this table"))
    for r, role in enumerate(view.row_roles):
        if role == "change" and r + 1 not in stated_rows and not any(view.is_change_col(c) for c in range(view.width)):
            notes.append(_note(view.table, f"变化行“{view.label(r)}”找不到可比较的年份行", f"change row '{view.label(r)}' has no year rows to compare"))
    return notes


def table_claims(table: Table) -> list[Claim]:
    view = build_view(table)
    if view is None:
        if any(cell_value(c) is not None for row in table.rows for c in row):
            return [_note(table, "无法识别表头或数据行，未检查", "no header or data rows recognised; not checked")]
        return []
    claims = _sum_claims(view) + _subitem_claims(view) + _change_claims(view) + _share_claims(view) + _mean_claims(view)
    notes = _unused_structure(view, claims)
    if not claims and not notes and sum(1 for r in view.grid for slot in r if slot.quantity is not None) >= 2:
        notes = [_note(table, "表中没有可核对的合计、变化或比率", "no total, change or rate to check")]
    return claims + notes


def extract(document: Document) -> list[Claim]:
    claims: list[Claim] = []
    for table in document.tables():
        claims.extend(table_claims(table))
    return claims
