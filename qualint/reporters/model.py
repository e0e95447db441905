"""One plain-data view of a finding, shared by every machine-readable reporter."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from qualint.findings import FileResult, Finding, Severity
from qualint.rulepack import RulePack, render_diagnosis, render_message, severity_of


def _num(v: Decimal) -> str:
    """An interval end for people: at most six decimals, no trailing zeros."""
    s = format(v.quantize(Decimal("0.000001")) if v != v.to_integral_value() else v.normalize(), "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def finding_dict(f: Finding, pack: RulePack, lang: str = "zh") -> dict:
    """The JSON contract of a finding (version 1): required fields first, extra fields after."""
    rule = pack.rules.get(f.rule)
    loc = f.location
    d = {
        "rule": f.rule,
        "name": rule.name if rule else f.rule,
        "severity": severity_of(pack, f).value,
        "kind": f.kind,
        "line": loc.line,
        "end_line": f.end_line or loc.end_line or loc.line,
        "message": render_message(pack, f, lang),
        "stated": f.stated,
        "expected": f.expected,
        "formula": f.formula,
        "diagnosis": render_diagnosis(pack, f, lang),
    }
    if loc.table is not None and loc.row is not None:
        d["cell"] = {"table": loc.table, "row": loc.row, "column": loc.column}
    elif loc.table is not None:
        d["table"] = loc.table
    if loc.page is not None:
        d["page"] = loc.page
    if loc.heading:
        d["heading"] = loc.heading
    if f.interval is not None:
        d["interval"] = [_num(f.interval[0]), _num(f.interval[1])]
    if f.inputs:
        d["inputs"] = [{"label": k, "value": v} for k, v in f.inputs]
    if f.related:
        d["related"] = [{"line": r.line, "text": r.text, **({"path": r.path} if r.path else {})} for r in f.related]
    if f.diagnosis is not None:
        d["cause"] = f.diagnosis.cause
    d["fingerprint"] = f.fingerprint()
    if f.suppressed is not None:
        d["suppressed"] = {"reason": f.suppressed.reason, "line": f.suppressed.line}
    return d


def active(findings: tuple[Finding, ...] | list[Finding]) -> list[Finding]:
    """Findings that count (not suppressed)."""
    return [f for f in findings if f.suppressed is None]


def summary(results: list[FileResult], pack: RulePack) -> dict:
    counts = {s: 0 for s in Severity}
    for r in results:
        for f in active(r.findings):
            counts[severity_of(pack, f)] += 1
    return {
        "files": len(results),
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
        "unreadable": sum(1 for r in results if r.error),
        "suppressed": sum(1 for r in results for f in r.findings if f.suppressed is not None),
    }


def display_path(path: str) -> str:
    """``path`` with forward slashes, relative to the working folder when it lies inside it: CI tools
    (SARIF viewers, GitHub annotations) resolve paths against the checkout root."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    try:
        inside = os.path.commonpath([absolute, cwd]) == cwd
    except ValueError:  # another drive on Windows
        inside = False
    return Path(os.path.relpath(absolute, cwd) if inside else absolute).as_posix()
