"""Generate report tables in the corpus text layout (TAB cells, blank line per row) for tests.

``render`` writes a correct table (totals and year-over-year changes right at the printed precision);
tests then inject one error and check that exactly that cell is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

LABELS = ["信息技术类", "加工制造类", "财经商贸类", "旅游服务类", "文化艺术类", "农林牧渔类", "医药卫生类", "教育类"]


def pct_change(prev: int, cur: int, decimals: int = 1) -> str:
    v = (Decimal(cur) - Decimal(prev)) / Decimal(prev) * 100
    r = v.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{r}%"


@dataclass
class GeneratedTable:
    rows: list[tuple[str, int, int]]
    decimals: int = 1
    changes: list[str] = field(default_factory=list)
    totals: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.changes:
            self.changes = [pct_change(p, c, self.decimals) for _, p, c in self.rows]
        if not self.totals:
            self.totals = [str(sum(p for _, p, _ in self.rows)), str(sum(c for _, _, c in self.rows))]

    def render(self) -> tuple[str, dict[tuple[str, int], int]]:
        """The report text and the source line of each (kind, row) cell: ("change", i), ("total", 0|1)."""
        lines = ["1.2学生情况", "各专业人数分布如下：", "\t序号", "\t专业类别", "\t2020年度", "\t2021年度", "\t年度数据对比", ""]
        where: dict[tuple[str, int], int] = {}
        for i, ((label, prev, cur), change) in enumerate(zip(self.rows, self.changes, strict=True)):
            lines += [f"\t{i + 1}", f"\t{label}", f"\t{prev}", f"\t{cur}", f"\t{change}"]
            where[("change", i)] = len(lines)
            lines.append("")
        lines += ["\t合计", "\t", f"\t{self.totals[0]}"]
        where[("total", 0)] = len(lines)
        lines.append(f"\t{self.totals[1]}")
        where[("total", 1)] = len(lines)
        lines += ["\t", "", "", "1.3教师队伍", "学校共有专任教师121人。", ""]
        return "\n".join(lines), where
