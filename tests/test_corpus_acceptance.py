"""Acceptance on the shared corpus of real reports (skipped when ../shared/corpus is absent).

The gold annotations list every checkable relation, consistent ones included. For the kinds that sit
in tables, every inconsistent item must be found, and no error may land on a consistent item.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qualint.engine import check_file
from qualint.findings import Severity
from qualint.rulepack import load, severity_of

TABLE_KINDS = {"total", "yoy_pct", "yoy_abs", "pp_change", "share", "direction"}


def gold_items(corpus: Path):
    for g in sorted((corpus / "gold").glob("*.jsonl")):
        for line in g.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def hits(finding_line: int, finding_end: int, item: dict) -> bool:
    """As the scorer: the stated line, the ends of the input range, or the whole range when short."""
    lo, hi = sorted(item.get("lines") or [item["line"], item["line"]])
    spans = [(x - 1, x + 1) for x in (item["line"], lo, hi)]
    if hi - lo <= 12:
        spans.append((lo - 1, hi + 1))
    return any(not (finding_end < a or finding_line > b) for a, b in spans)


def in_table(report_lines: list[str], line: int) -> bool:
    return 0 < line <= len(report_lines) and report_lines[line - 1].startswith("\t")


@pytest.fixture(scope="module")
def results(request):
    corpus = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    if not (corpus / "reports").is_dir():
        pytest.skip("../shared/corpus not present")
    pack = load()
    out = {}
    for report in sorted((corpus / "reports").glob("*.txt")):
        result = check_file(report)
        assert result.error is None
        errors = [(f.line, f.end_line or f.line) for f in result.findings
                  if severity_of(pack, f) is Severity.ERROR and f.suppressed is None]
        out[report.name] = (report.read_text(encoding="utf-8").splitlines(), errors)
    return corpus, out


def test_table_inconsistencies_are_found(results):
    corpus, out = results
    missed, total = [], 0
    for item in gold_items(corpus):
        if item["verdict"] != "inconsistent" or item["kind"] not in TABLE_KINDS:
            continue
        lines, errors = out[item["seed"]]
        if not in_table(lines, item["line"]):
            continue
        total += 1
        if not any(hits(a, b, item) for a, b in errors):
            missed.append(f'{item["seed"][:3]} L{item["line"]} {item["kind"]} {item["stated"]}')
    assert total >= 20
    assert len(missed) <= total // 10, missed  # at least 90% recall


def test_no_error_on_a_consistent_item(results):
    corpus, out = results
    wrong = []
    for item in gold_items(corpus):
        if item["verdict"] != "consistent":
            continue
        lines, errors = out[item["seed"]]
        for a, b in errors:
            if hits(a, b, item):
                # the scorer counts a finding on an item that is also near an inconsistent one as right
                others = [g for g in gold_items(corpus) if g["seed"] == item["seed"] and g["verdict"] != "consistent" and hits(a, b, g)]
                if not others:
                    wrong.append(f'{item["seed"][:3]} L{a} on consistent {item["kind"]} {item["stated"]}')
    assert wrong == []


def test_report_000_year_comparison_column(results):
    _, out = results
    lines, errors = out["000_d60415595257c107.txt"]
    flagged = {a for a, _ in errors}
    assert {23, 29, 35, 41, 47, 53} <= flagged  # the six wrong rows of 年度数据对比
    assert 17 not in flagged  # 100% from a blank base is at most a warning
