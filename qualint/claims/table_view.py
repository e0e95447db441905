"""Reading a table's structure: a grid of cells → a ``TableView`` with aligned header text per column
and the role of every row and column.

Real report tables are exported from Word with merged cells flattened, so the grid is ragged and the
header can span several rows: header rows are aligned bottom-up over the row below them, short data
rows (a 合计 label merged over two columns) are realigned under the numeric columns, and rows get roles
(data, year, total, subtotal, change, mean, 其中 subitem). ``qualint.claims.tables`` derives claims
from the view; the indicator extractors read it too.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property

import regex

from qualint.document import Cell, Table
from qualint.quantities import Quantity, parse_cell, scan, years

# A bureau's table closes with 全市合计 / 全县总计 as often as with 合计 (全省 is a reference row, not a sum).
TOTAL = regex.compile(r"^\s*(?:合\s*计|总\s*计|总\s*数|共\s*计|全\s*[校市县区](?:\s*[合总]\s*计)?|总\s*体|total|sum)\s*[:：]?\s*$", regex.I)
SUBTOTAL = regex.compile(r"^\s*小\s*计\s*$")
CHANGE = regex.compile(r"变化|增减|增长|增幅|减少|对比|比较|同比|环比|比上年|较上年|差值|变动|升降|增加")
RATE = regex.compile(r"率|比例|占比|比重|百分比|%|％|占.{0,12}(?:比|的)|生均|人均|师均|生师比|比$")
_YEAR_CHANGE = regex.compile(r"(?:19|20)\d\d\s*(?:年|年度|学年)?\s*(?:比上年|较上年|同比)?\s*(?:增长|增减|变化|增幅|变动)")
MEAN = regex.compile(r"^\s*(?:平\s*均|均\s*值|平均值|平均水平)\s*$")
SUBITEM = regex.compile(r"^\s*其\s*中")
# Columns whose values do not add up across rows: averages, rates, scores, ages, ranks, standards.
NON_ADDITIVE = regex.compile(r"平均|均值|均分|人均|生均|师均|最高|最低|得分|分数|成绩|年龄|率|比例|占比|比重|之比|生师比|比值"
                            r"|指数|单价|标准值|[拨补收]\S{0,2}标准|标准分|等级|学制|年限|排名|名次")
INDEX_HEADER = regex.compile(r"序号|编号|代码|编码|学号|工号|电话|邮编|排名|名次")
YEAR_LABEL = regex.compile(r"^\s*(?:19|20)\d\d\s*(?:年|年度|学年|届|级)?(?:\s*[-—~～至]\s*(?:19|20)?\d\d\s*(?:年|年度|学年)?)?\s*$")


@dataclass(frozen=True)
class Slot:
    """One aligned grid position: the cell (None where the row was short) and its parsed value."""

    cell: Cell | None
    quantity: Quantity | None

    @property
    def text(self) -> str:
        return self.cell.text if self.cell is not None else ""

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass
class TableView:
    table: Table
    header_rows: int
    grid: list[list[Slot]]
    headers: list[str]
    groups: list[str]
    label_col: int | None
    index_cols: set[int] = field(default_factory=set)

    @property
    def width(self) -> int:
        return len(self.headers)

    def label(self, r: int) -> str:
        if self.label_col is None:
            return ""
        return squash(self.grid[r][self.label_col].text)

    @cached_property
    def row_roles(self) -> list[str]:
        roles = []
        for r in range(len(self.grid)):
            if r < self.header_rows:
                roles.append("header")
                continue
            texts = [squash(s.text) for s in self.grid[r] if s.quantity is None and s.text.strip()]
            lab = self.label(r) or (texts[0] if texts else "")
            if TOTAL.match(lab) or any(TOTAL.match(t) for t in texts[:2]):
                roles.append("total")
            elif SUBTOTAL.match(lab):
                roles.append("subtotal")
            elif MEAN.match(lab) or any(MEAN.match(t) for t in texts[:2]):
                roles.append("mean")
            elif CHANGE.search(lab) and len(lab) <= 12:
                roles.append("change")
            elif YEAR_LABEL.match(lab):
                roles.append("year")
            elif SUBITEM.match(lab):
                roles.append("subitem")
            elif not any(s.quantity is not None for s in self.grid[r]):
                roles.append("empty")
            else:
                roles.append("data")
        return roles

    def row_year(self, r: int) -> int | None:
        ys = years(self.label(r)) if self.label_col is not None else []
        return max(ys) if ys else None

    def col_year(self, c: int) -> int | None:
        ys = years(self.headers[c])
        return ys[-1] if len(set(ys)) == 1 else None

    def is_change_col(self, c: int) -> bool:
        """变化, 增减, 年度数据对比 … — and 2021年增长率, whose one year is the later end."""
        h = strip_group(self.headers[c], self.groups[c])
        if not CHANGE.search(h):
            return False
        return self.col_year(c) is None or bool(_YEAR_CHANGE.search(h))

    def value_year(self, c: int) -> int | None:
        """The year of a column of values (not of a change column that names its year)."""
        return None if self.is_change_col(c) else self.col_year(c)

    def is_rate_col(self, c: int) -> bool:
        qs = [self.grid[r][c].quantity for r in self.data_rows() if self.grid[r][c].quantity is not None]
        if not qs:
            return False
        pct = sum(1 for q in qs if q.is_percent or q.is_ratio)
        return pct * 2 > len(qs)

    def data_rows(self) -> list[int]:
        return [r for r, role in enumerate(self.row_roles) if role in ("data", "year", "subitem")]

    def numeric_cols(self) -> list[int]:
        out = []
        for c in range(self.width):
            if c == self.label_col or c in self.index_cols:
                continue
            vals = [self.grid[r][c] for r in self.data_rows()]
            nums = sum(1 for s in vals if s.quantity is not None)
            texts = sum(1 for s in vals if s.quantity is None and not s.blank)
            if nums and nums >= texts:
                out.append(c)
        return out


def squash(text: str) -> str:
    return "".join(text.split())


_UNIT_NOTE = regex.compile(r"[（(][^）)]*[）)]")
_PERCENT_HEADER = regex.compile(r"[（(]\s*[%％]\s*[）)]|[%％]$")


def bare_header(header: str) -> str:
    """A header without its unit note: 合计（万元） → 合计."""
    return _UNIT_NOTE.sub("", header)


def strip_group(header: str, group: str) -> str:
    return header[len(group):] if group and header.startswith(group) else header


_BARE_YEAR = regex.compile(r"^\s*(?:19|20)\d\d\s*$")


def cell_value(cell: Cell | None) -> Quantity | None:
    """A data cell's value. A bare 2080 is a value here (工位 2080), though in prose it would be a
    year; year labels are told apart by position (see ``_year_label_column``)."""
    if cell is None or cell.merged:
        return None
    q = parse_cell(cell.text)
    if q is None and _BARE_YEAR.match(cell.text):
        from dataclasses import replace

        (token,) = scan(cell.text.strip())
        q = replace(token, role="value")
    return q


def _is_year_text(cell: Cell | None) -> bool:
    return cell is not None and bool(YEAR_LABEL.match(cell.text))


def _is_number(cell: Cell | None) -> bool:
    return cell_value(cell) is not None


def _spread(row: tuple[Cell, ...], width: int) -> list[Cell | None]:
    """Place a short header row over ``width`` columns when nothing below tells how: merged group
    headers are assumed to span equal blocks after the first (row-label) column."""
    k = len(row)
    if k >= width or k <= 1:
        return list(row) + [None] * (width - k)
    if (width - 1) % (k - 1) == 0:
        span = (width - 1) // (k - 1)
        out: list[Cell | None] = [row[0]]
        for cell in row[1:]:
            out.extend([cell] * span)
        return out
    return list(row) + [None] * (width - k)


def _spread_over(upper: tuple[Cell, ...], lower: list[Cell | None], width: int) -> list[Cell | None]:
    """Place a short header row above an aligned one. Word exports a horizontally merged cell once,
    so an upper row has fewer cells than columns. Columns whose lower cell is empty belong to an
    upper cell of their own (a vertically merged header); runs of filled lower cells are the children
    of one or more upper cells, which share the run equally."""
    k = len(upper)
    if k >= width:
        return list(upper)
    segments: list[tuple[int, int]] = []  # (start, end) runs; leaves are runs of one empty column
    c = 0
    while c < width:
        if lower[c] is None or not lower[c].text.strip():
            segments.append((c, c + 1))
            c += 1
            continue
        start = c
        while c < width and lower[c] is not None and lower[c].text.strip():
            c += 1
        segments.append((start, c))
    leaves = [seg for seg in segments if seg[1] - seg[0] == 1 and (lower[seg[0]] is None or not lower[seg[0]].text.strip())]
    runs = [seg for seg in segments if seg not in leaves]
    parents = k - len(leaves)
    if not runs or parents < len(runs):
        return _spread(upper, width)
    if parents == len(runs):
        shares = [1] * len(runs)
    elif len(runs) == 1 and (runs[0][1] - runs[0][0]) % parents == 0:
        shares = [parents]
    else:
        return _spread(upper, width)
    out: list[Cell | None] = []
    cells = iter(upper)
    run_shares = iter(shares)
    for seg in segments:
        if seg in leaves:
            out.append(next(cells, None))
            continue
        m = next(run_shares)
        span = (seg[1] - seg[0]) // m
        for _ in range(m):
            cell = next(cells, None)
            out.extend([cell] * span)
    return out + [None] * (width - len(out))


def _align_headers(rows: list[tuple[Cell, ...]], width: int) -> list[list[Cell | None]]:
    """Align the header rows bottom-up, each over the row below it."""
    aligned: list[list[Cell | None]] = [[] for _ in rows]
    for i in range(len(rows) - 1, -1, -1):
        if i == len(rows) - 1:
            aligned[i] = _spread(rows[i], width)
        else:
            aligned[i] = _spread_over(rows[i], aligned[i + 1], width)
    return aligned


def _align(row: tuple[Cell, ...], width: int, numeric_cols: set[int], label_col: int) -> list[Cell | None]:
    """Place a short data row (its label cell merged over several columns, e.g. 合计 over 序号 and
    名称) so its numbers fall under numeric columns: try inserting the missing positions right after
    the row's leading text cells and keep the placement that puts most numbers under numeric columns."""
    k = len(row)
    if k >= width:
        return list(row)
    lead = 0
    while lead < min(k, label_col + 1) and cell_value(row[lead]) is None:
        lead += 1
    lead = max(lead, 1)
    best, best_score = list(row) + [None] * (width - k), -1
    for gap in range(width - k + 1):
        cand: list[Cell | None] = list(row[:lead]) + [None] * gap + list(row[lead:])
        cand += [None] * (width - len(cand))
        score = sum(1 for c, cell in enumerate(cand) if cell is not None and cell_value(cell) is not None and c in numeric_cols)
        if score > best_score:
            best, best_score = cand, score
    return best


def build_view(table: Table) -> TableView | None:
    rows = [r for r in table.rows]
    if len(rows) < 2:
        return None
    parsed = [[cell_value(c) for c in row] for row in rows]

    def is_header(i: int) -> bool:
        return not any(q is not None and not _is_year_text(c) for q, c in zip(parsed[i], rows[i], strict=True))

    header_rows = 0
    while header_rows < len(rows) - 1 and is_header(header_rows):
        header_rows += 1
    if header_rows == 0:
        return None
    data = rows[header_rows:]
    lengths = [len(r) for r in data if any(cell_value(c) is not None for c in r)]
    if not lengths:
        return None
    width = max(set(lengths), key=lambda n: (lengths.count(n), n))
    width = max(width, max(len(r) for r in rows[:header_rows]))

    # Label column: the first column whose data cells are mostly text (a first column of bare years,
    # 2018 / 2019 / 变化, is a column of row labels too).
    label_col = 0
    year_labels = all(_is_year_text(r[0]) or not _is_number(r[0]) for r in data if r)
    for c in range(width):
        texts = sum(1 for r in data if c < len(r) and r[c].text.strip() and (cell_value(r[c]) is None or (c == 0 and year_labels)))
        nums = sum(1 for r in data if c < len(r) and cell_value(r[c]) is not None and not (c == 0 and year_labels))
        if texts > nums:
            label_col = c
            break
    full_rows = [r for r in data if len(r) == width]
    numeric_cols = {c for c in range(width) if sum(1 for r in full_rows if cell_value(r[c]) is not None) * 2 > max(len(full_rows), 1)}

    header_grid = _align_headers(rows[:header_rows], width)
    headers, groups = [], []
    for c in range(width):
        parts = []
        for h in header_grid:
            cell = h[c] if c < len(h) else None
            t = squash(cell.text) if cell is not None else ""
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        headers.append("".join(parts))
        groups.append(parts[0] if header_rows > 1 and len(parts) > 1 else "")

    grid: list[list[Slot]] = []
    for i, row in enumerate(rows):
        placed = header_grid[i] if i < header_rows else _align(row, width, numeric_cols, label_col)
        grid.append([Slot(cell, cell_value(cell) if i >= header_rows and not (c == label_col and _is_year_text(cell)) else None)
                     for c, cell in enumerate(placed)])

    for c in range(width):
        own = headers[c][len(groups[c]):] if groups[c] and headers[c].startswith(groups[c]) else headers[c]
        if _PERCENT_HEADER.search(own):
            for row in grid[header_rows:]:
                q = row[c].quantity
                if q is not None and q.unit is None and not q.is_ratio:
                    row[c] = Slot(row[c].cell, replace(q, unit="%"))
    index_cols = set()
    for c in range(width):
        if INDEX_HEADER.search(headers[c]):
            index_cols.add(c)
            continue
        seq = [grid[r][c].quantity for r in range(header_rows, len(grid))]
        ints = [q for q in seq if q is not None]
        if len(ints) >= 3 and all(q.decimals == 0 and not q.unit and not q.sign for q in ints):
            vals = [int(q.value) for q in ints]
            if vals == list(range(vals[0], vals[0] + len(vals))) and vals[0] in (0, 1):
                index_cols.add(c)
    if label_col in index_cols:
        label_col = next((c for c in range(width) if c not in index_cols and c not in numeric_cols), label_col)
    return TableView(table=table, header_rows=header_rows, grid=grid, headers=headers, groups=groups,
                     label_col=label_col, index_cols=index_cols)
