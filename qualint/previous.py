"""``qualint check 2021.docx --previous 2020.docx``: earlier-year figures against last year's report.

A report quotes last year's figures beside this year's (a 2020 column, "较上年的 95.3% …"). They must
be what last year's report said for the same indicator, year and scope (rule X102). The previous report
is read once; its indicator mentions (``MentionClaim`` from every extractor) travel to each check,
also into worker processes, in ``Options.settings`` under ``PREVIOUS_KEY``. The comparison is a
registered check, so it runs inside the normal pipeline (suppressions, configuration, parallel jobs).

Mentions are matched as the cross-reference check X101 matches them within one report: on indicator,
year, period (学年 or calendar year), scope and effective unit, for the kinds of figure it compares.
Two figures agree when the intervals their printing allows meet (4.2万 and 42,180 and 4.22万 can all
be the same number; 多/余/约 widen as in X101), when one is the other truncated, or — when one of them
has no unit and the scales differ (a bare cell, 万 in a header the extractor did not see) — when the
printed numbers agree. A figure stated twice differently in last year's report is compared with each
of its values: only a figure that matches none of them is reported.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from qualint.checks import CheckContext, register
from qualint.checks.crossref import COMPARABLE, mention_interval
from qualint.claims.model import Claim, MentionClaim
from qualint.findings import Finding, Related, params
from qualint.intervals import Interval, truncation_interval
from qualint.quantities import Quantity

if TYPE_CHECKING:
    from qualint.engine import Options

#: Key of the previous report in ``Options.settings`` / ``CheckContext.settings``.
PREVIOUS_KEY = "previous_report"
RULE = "X102"

MentionKey = tuple[str, int, str, str, str]


@dataclass(frozen=True)
class PreviousReport:
    """What last year's report said: its path (as given) and its dated indicator mentions."""

    path: str
    mentions: tuple[MentionClaim, ...]

    def by_key(self) -> dict[MentionKey, list[MentionClaim]]:
        index: dict[MentionKey, list[MentionClaim]] = defaultdict(list)
        for m in self.mentions:
            index[key_of(m)].append(m)
        return index


def key_of(m: MentionClaim) -> MentionKey:
    """(indicator, year, period, scope, unit): what makes two mentions the same figure. Period and
    effective unit come from extractors that know them (``IndicatorMention``), else are empty."""
    return (m.indicator, m.year or 0, getattr(m, "period", ""), m.scope, getattr(m, "unit", ""))


def usable(claim: Claim) -> bool:
    """A mention that can be compared: an indicator, a year, a number, and a kind of figure that
    X101 compares too (counts, amounts, areas, per-capita values)."""
    return (isinstance(claim, MentionClaim) and bool(claim.indicator) and claim.year is not None
            and claim.stated.quantity is not None and getattr(claim, "kind", "count") in COMPARABLE)


def previous_report(path: str, claims: Iterable[Claim]) -> PreviousReport:
    return PreviousReport(path=path, mentions=tuple(c for c in claims if usable(c)))


def load_previous(path: str, options: Options | None = None) -> PreviousReport:
    """Read and extract last year's report. Raises ``InputError`` when it cannot be read."""
    from qualint.claims import extract_claims
    from qualint.readers import DEFAULT_MAX_BYTES, read
    from qualint.rulepack import using_packs

    doc = read(path, max_bytes=options.max_bytes if options is not None else DEFAULT_MAX_BYTES)
    with using_packs(options.settings.get("rule_packs", ()) if options is not None else ()):  # user aliases
        return previous_report(path, extract_claims(doc))


def with_previous(options: Options, report: PreviousReport) -> Options:
    """``options`` that make the X102 check compare against ``report``."""
    return replace(options, settings={**options.settings, PREVIOUS_KEY: report})


def _comparable(a: Quantity, b: Quantity) -> bool:
    """Same kind of number: both ratios or neither, and no two different explicit units (a unit
    left to a table header is unknown, not different)."""
    if a.is_ratio != b.is_ratio:
        return False
    return a.unit is None or b.unit is None or a.unit == b.unit


def _printed(q: Quantity) -> Interval:
    """The printed number without its scale word, with its rounding interval."""
    half = q.half_unit / q.scale
    return Interval(q.mantissa - half, q.mantissa + half)


def agree(a: Quantity, b: Quantity) -> bool:
    """Whether two statements of one figure can be the same number (see the module docstring)."""
    ia, ib = mention_interval(a), mention_interval(b)
    if ia.meets(ib):
        return True
    if (a.hedge is None and truncation_interval(a).meets(ib)) or (b.hedge is None and truncation_interval(b).meets(ia)):
        return True
    if a.scale != b.scale and (a.unit is None or b.unit is None):
        return _printed(a).meets(_printed(b))
    return False


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def compare(claims: Sequence[Claim], report: PreviousReport, path: str) -> list[Finding]:
    """X102 findings for this report's mentions that contradict ``report``."""
    if _same_file(path, report.path):
        return []
    index = report.by_key()
    findings = []
    for claim in claims:
        if not usable(claim):
            continue
        assert isinstance(claim, MentionClaim)
        stated = claim.stated.quantity
        candidates = [m for m in index.get(key_of(claim), ()) if _comparable(stated, m.stated.quantity)]
        if not candidates or any(agree(stated, m.stated.quantity) for m in candidates):
            continue
        findings.append(_finding(claim, candidates[0], report.path, path))
    return findings


def describe(m: MentionClaim) -> str:
    """2020年全日制在校生: year (or school year), scope and indicator, as X101 names a figure."""
    period = getattr(m, "period", "") or "年"
    scope = m.scope.replace("@", "").replace("+", "、")
    return f"{m.year}{period}{scope}{m.indicator}"


def _finding(claim: MentionClaim, other: MentionClaim, other_path: str, path: str) -> Finding:
    theirs = other.stated.quantity
    interval = mention_interval(theirs)
    other_line = other.stated.line
    label = describe(claim)
    return Finding(
        rule=RULE,
        kind="cross_ref",
        path=path,
        location=claim.stated.location,
        stated=claim.stated.text.strip(),
        expected=other.stated.text.strip(),
        interval=(interval.lo, interval.hi),
        formula=f"{label}：{claim.stated.text.strip()} ≠ {other.stated.text.strip()}（{other_path}）",
        inputs=((f"{other_path} 第{other_line}行", other.stated.text.strip()),),
        params=params(label=label, other_path=other_path, other_line=other_line),
        related=(Related(line=other_line, text=f"{describe(other)} {other.stated.text.strip()}",
                         location=other.stated.location, path=other_path),),
        context=f"{RULE}|{claim.indicator}|{claim.year}{getattr(claim, 'period', '')}|{claim.scope}|{claim.context}",
    )


@register
def check_previous(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    report = ctx.settings.get(PREVIOUS_KEY)
    if not isinstance(report, PreviousReport):
        return []
    return compare(claims, report, ctx.path)
