"""A generator of small Markdown quality reports with exactly one known error each (or none).

Each report has three tables a reviewer sees every day: a year comparison (2020, 2021, change, growth
rate), enrolment by major with a total row, and employment by major with a rate column. Every figure
is computed and rounded the way a careful writer would; then one figure is made wrong, and the
generator records which rule must fire on which line. Used by the batch and CLI tests and by
``benchmarks/batch.py``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

#: Error kinds the generator can inject, with the rule that must report them.
ERRORS = {"total": "T101", "change": "C101", "growth": "C102", "rate": "S101"}
INDICATORS = ("在校生数（人）", "专任教师数（人）", "招生数（人）", "校舍面积（平方米）")
MAJORS = ("机电一体化", "护理", "会计", "计算机应用", "汽车维修", "学前教育", "电子商务")


@dataclass(frozen=True)
class GeneratedReport:
    text: str
    rule: str | None  # the rule the injected error must trigger; None for a correct report
    line: int | None  # the line it must point at


def _count(rng: random.Random, lo: int, hi: int) -> int:
    """A count that cannot be read as a year (1900–2100 in a data cell is ambiguous in real reports
    too; the batch tests are about batches, not about that heuristic)."""
    while True:
        n = rng.randint(lo, hi)
        if not 1800 <= n <= 2199:
            return n


def _pct(v: Decimal) -> str:
    return f"{v.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


def generate(seed: int, error: str | None = "auto") -> GeneratedReport:
    """Report number ``seed``. ``error``: a key of ERRORS, None for no error, "auto" to pick by seed.

    The report is consistent across tables (this year's enrolment in table 1 is the total of table
    2), so the only finding is the injected one; a wrong total is carried into table 1, as happens
    when a writer copies a total forward."""
    rng = random.Random(seed)
    if error == "auto":
        error = list(ERRORS)[seed % len(ERRORS)]
    majors = rng.sample(MAJORS, 4)
    counts = [rng.randint(50, 900) for _ in majors]
    while 1700 <= sum(counts) <= 2299:  # the total, wrong or right, must not look like a year
        counts[0] += 600
    total = sum(counts) + (rng.randint(11, 90) if error == "total" else 0)

    lines: list[str] = [f"# 第{seed}号学校2021年质量年度报告", "", "表1 办学基本情况", "",
                        "| 指标 | 2020年 | 2021年 | 增减 | 增长率 |", "|---|---|---|---|---|"]
    target: int | None = None
    wrong_row = rng.randrange(len(INDICATORS))
    for i, name in enumerate(INDICATORS):
        if i == 0:  # enrolment: this year's figure is table 2's total
            after = total
            before = after - rng.randint(5, min(400, after - 10))
            while 1800 <= before <= 2199:
                before -= 400
        else:
            before = _count(rng, 200, 5000)
            after = before + rng.randint(5, 400)
            while 1800 <= after <= 2199:
                after += 400
        change = after - before
        growth = Decimal(change) * 100 / Decimal(before)
        change_text, growth_text = str(change), _pct(growth)
        if i == wrong_row and error == "change":
            change_text = str(change + rng.randint(11, 60))
            target = len(lines) + 1
        if i == wrong_row and error == "growth":
            growth_text = _pct(growth + Decimal(rng.randint(2, 9)))
            target = len(lines) + 1
        lines.append(f"| {name} | {before} | {after} | {change_text} | {growth_text} |")
    lines += ["", "表2 各专业在校生人数", "", "| 专业 | 2021年 |", "|---|---|"]
    for m, c in zip(majors, counts, strict=True):
        lines.append(f"| {m} | {c} |")
    if error == "total":
        target = len(lines) + 1
    lines.append(f"| 合计 | {total} |")
    lines += ["", "表3 毕业生就业情况", "", "| 专业 | 毕业生数 | 就业人数 | 就业率 |", "|---|---|---|---|"]
    wrong_major = rng.randrange(len(majors))
    for i, m in enumerate(majors):
        graduates = rng.randint(40, 400)
        employed = graduates - rng.randint(0, graduates // 8)
        rate = Decimal(employed) * 100 / Decimal(graduates)
        if i == wrong_major and error == "rate":
            rate = rate - Decimal(rng.randint(3, 9)) if rate > 50 else rate + 5
            target = len(lines) + 1
        lines.append(f"| {m} | {graduates} | {employed} | {_pct(rate)} |")
    lines += ["", "以上数据来源于学校年度统计报表。", ""]
    return GeneratedReport(text="\n".join(lines), rule=ERRORS[error] if error else None, line=target)


def write_batch(folder: Path, count: int, error: str | None = "auto") -> list[tuple[Path, GeneratedReport]]:
    """``count`` reports ``folder/report_0000.md`` … with their known errors."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for seed in range(count):
        report = generate(seed, error)
        path = folder / f"report_{seed:04d}.md"
        path.write_text(report.text, encoding="utf-8")
        out.append((path, report))
    return out
