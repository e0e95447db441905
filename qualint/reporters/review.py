"""What the reviewer outputs (the HTML review page and ``qualint annotate``) share: where in a
paragraph or cell a finding's number stands, and the finding worded as plain text.

A finding records its paragraph or cell (``Location``) and the stated text, not a character offset,
so the number is found again in that text: first as a scanned quantity with exactly the stated text,
then as a quantity containing it (``13`` in ``13人``), then as plain text not inside a longer number.
"""

from __future__ import annotations

import regex

from qualint.findings import Finding
from qualint.rulepack import RulePack, render_diagnosis, render_message, severity_of

_NUMBER_CORE = regex.compile(r"[-+−]?\d[\d,，]*(?:\.\d+)?\s*[%％‰]?")


def locate(text: str, stated: str, start: int = 0) -> tuple[int, int] | None:
    """Character span of ``stated`` in ``text`` (searching from ``start`` first), or None."""
    if not stated or not text:
        return None
    for origin in ((start, 0) if start else (0,)):
        span = _locate_from(text, stated.strip(), origin)
        if span is not None:
            return span
    return None


def _locate_from(text: str, stated: str, origin: int) -> tuple[int, int] | None:
    from qualint.quantities import scan

    tokens = [q for q in scan(text) if q.start >= origin]
    for q in tokens:
        if q.text == stated:
            return q.start, q.end
    for q in tokens:
        if stated in q.text:
            i = q.text.index(stated)
            return q.start + i, q.start + i + len(stated)
    for needle in (stated, *(m.group(0).strip() for m in _NUMBER_CORE.finditer(stated))):
        if not needle:
            continue
        i = text.find(needle, origin)
        while i != -1:
            before = text[i - 1] if i > 0 else ""
            after = text[i + len(needle)] if i + len(needle) < len(text) else ""
            if not (before.isdigit() or before == ".") and not (after.isdigit() or (after == "." and needle[-1:].isdigit())):
                return i, i + len(needle)
            i = text.find(needle, i + 1)
    return None


WORDS = {
    "zh": {"stated": "报告值", "expected": "重算值", "formula": "算式", "cause": "可能原因", "inputs": "数据",
           "related": "相关", "where": "位置", "error": "错误", "warning": "警告", "info": "提示"},
    "en": {"stated": "stated", "expected": "recomputed", "formula": "formula", "cause": "likely cause",
           "inputs": "inputs", "related": "related", "where": "where", "error": "error", "warning": "warning",
           "info": "info"},
}


def finding_lines(f: Finding, pack: RulePack, lang: str = "zh") -> list[str]:
    """The finding as a few plain lines: rule and message; stated vs recomputed; formula; cause."""
    words = WORDS.get(lang, WORDS["zh"])
    rule = pack.rules.get(f.rule)
    sev = severity_of(pack, f).value
    head = f"[{f.rule}{' ' + rule.name if rule else ''}] {words[sev]}: {render_message(pack, f, lang)}"
    lines = [head]
    values = f"{words['stated']} {f.stated}"
    if f.expected:
        values += f" · {words['expected']} {f.expected}"
        if f.interval is not None and f.interval[0] != f.interval[1]:
            values += f" ({_fmt(f.interval[0])} … {_fmt(f.interval[1])})"
    lines.append(values)
    if f.formula:
        lines.append(f"{words['formula']}: {f.formula}")
    if f.inputs:
        lines.append(f"{words['inputs']}: " + "，".join(f"{k}={v}" for k, v in f.inputs))
    cause = render_diagnosis(pack, f, lang)
    if cause:
        lines.append(f"{words['cause']}: {cause}")
    return lines


def _fmt(v) -> str:
    s = format(v, "f")
    if "." in s:
        s = s[: s.index(".") + 7].rstrip("0").rstrip(".")
    return s
