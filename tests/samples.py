"""Hand-built results for the machine-format reporters: every severity, a suppressed finding, a finding
whose related place is in another file, awkward paths (Chinese, spaces, ``:`` and ``,``), markup and
control characters in texts, and an unreadable file."""

from __future__ import annotations

from decimal import Decimal

from qualint.document import Location
from qualint.findings import Diagnosis, FileResult, Finding, Related, Severity, Suppression, params

REPORT = "reports/2021年 质量报告.md"
ODD = "reports/a:b,c.md"


def finding(rule: str = "C102", line: int = 12, stated: str = "6.8%", expected: str | None = "5.9%",
            path: str = REPORT, **kw) -> Finding:
    defaults = dict(
        kind="yoy_pct",
        location=Location(line=line, table=1, row=3, column=5, heading="一、基本情况"),
        interval=(Decimal("5.85"), Decimal("5.95")),
        formula="(1300-1228)/1228",
        inputs=(("2020年", "1228"), ("2021年", "1300")),
        diagnosis=Diagnosis("current_year_denominator", params(formula="(1300-1228)/1300", value="5.5%")),
        params=params(label="在校生数"),
        context="在校生数|增长率",
    )
    defaults.update(kw)
    return Finding(rule=rule, path=path, stated=stated, expected=expected, **defaults)


def results() -> list[FileResult]:
    main = (
        finding(),
        finding(rule="C105", line=14, stated="1.2%", expected="1.2", kind="pp_change", diagnosis=None,
                context="就业率|变化"),
        finding(rule="Q101", line=15, stated="95.3%", expected="95.4%", diagnosis=None, context="就业率"),
        finding(rule="T101", line=20, stated="3,456", expected="3,446", kind="total", end_line=22,
                formula="1200+1246+1000", diagnosis=Diagnosis("digit_typo", params(value="3446", how="一位数字写错 <b>&\"</b>\x02")),
                context="合计 <b>&amp;</b> \"quoted\" \x01", params=params(label="合计 <&>")),
        finding(rule="T101", line=30, stated="77", expected="70", kind="total",
                suppressed=Suppression("经核实为口径差异", 29), context="另一表"),
        finding(rule="X102", line=40, stated="95.3%", expected="96.1%", kind="cross_ref", diagnosis=None,
                params=params(label="2020年就业率",
                              other_path="reports/2020.md", other_line=8),
                related=(Related(line=8, text="就业率 2020: 96.1%", location=Location(line=8),
                                 path="reports/2020.md"),),
                context="就业率\x1f2020"),
        finding(rule="C101", line=50, stated="100", expected="90", kind="yoy_abs", severity=Severity.WARNING,
                diagnosis=None, context="多行\n文本\r\n50%: a,b"),
    )
    return [
        FileResult(path=REPORT, findings=main, encoding="utf-8"),
        FileResult(path="reports/clean.md", encoding="utf-8"),
        FileResult(path=ODD, findings=(finding(path=ODD, line=3),), encoding="gb18030"),
        FileResult(path="reports/broken.docx", error="not a Word file (zip archive expected)"),
    ]
