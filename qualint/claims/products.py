"""Product claims: an amount stated as a count times a per-head or per-session standard.

Two sentence shapes, both read conservatively (a miss costs less than a false alarm):

* all three figures in one sentence, the total last: 「共资助学生1414人，每人资助1500元，共计212.1万元」,
  「培训4期，每期35人，共140人次」 (count and standard in either order, nothing else in between);
* a count and an amount in one sentence (「免学费补助1183人，金额1419600元」) with the standard stated
  elsewhere in the paragraph (「免学费补助标准为每生每学期1200元」), used only when it names the same aid
  and is the only standard given for it.

Units must agree: a per-head standard multiplies a head count (人/名), 每期 multiplies 期, and 期 × 人
is 人次, never 人. Plans, spreads (分别, 不等), ranges and hedged factors are left alone. The words
live in ``rules/prose/products.toml``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from qualint.claims.model import Claim, Operand, ProductClaim
from qualint.claims.phrases import CLAUSE_END, Prose, Vocab, analyse
from qualint.document import Document, Paragraph
from qualint.quantities import Quantity

_NOISE_ROLES = ("year", "date")
#: How far a per word may stand in front of its figure (每生每学期资助标准为1200元).
_PER_REACH = 10


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    from qualint.rulepack import rules_dir

    with open(rules_dir() / "prose" / "products.toml", "rb") as fh:
        return Vocab(tomllib.load(fh))


@dataclass(frozen=True)
class _Rate:
    """A figure written as a standard: 每人1500元 (per ``head``) or 每期35人 (per ``unit`` 期)."""

    q: Quantity
    per: str  # the per word: 每人, 每期 …
    period: str  # 每年, 每学期 … or ""

    @property
    def per_unit(self) -> str:
        return "" if self.per in vocab().words("per", "head") else self.per[1:]


def _gap(prose: Prose, before: Quantity | None, q: Quantity) -> str:
    """The text between the previous figure (or the sentence start) and ``q``."""
    start = prose.sentence_span(prose.sentence_of(q.start))[0]
    if before is not None and before.end > start:
        start = before.end
    return prose.norm[start : q.start]


def _rate(prose: Prose, before: Quantity | None, q: Quantity) -> _Rate | None:
    if q.role != "value" or q.hedge or q.is_percent or q.unit is None:
        return None
    gap = _gap(prose, before, q)
    v = vocab()
    for per in v.words("per", "head") + v.words("per", "session"):
        at = gap.rfind(per)
        if at < 0:
            continue
        tail = gap[at + len(per) :]
        if len(tail) > _PER_REACH or any(ch in CLAUSE_END for ch in tail):
            return None
        if any(gap[:at].endswith(w) for w in v.words("per", "average")):
            return None  # 平均每生5082元: an average of the sentence's own figures (P101)
        period = next((w for w in v.words("per", "periods") if w in tail), "")
        return _Rate(q, per, period)
    return None


def _is_count_for(rate: _Rate, q: Quantity) -> bool:
    if q.hedge or q.unit is None or q.mantissa <= 0 or q.decimals or q.scale != 1:
        return False
    if q.role not in ("value", "ref"):
        return False
    if rate.per_unit:
        return q.unit == rate.per_unit
    return q.role == "value" and q.unit in vocab().words("per", "head_units")


def _total_unit_fits(rate: _Rate, total: Quantity) -> bool:
    if total.unit is None or total.is_percent:
        return False
    if rate.per_unit:
        pairs = {tuple(p) for p in vocab().sets("per", "session_totals")}
        if (rate.q.unit, total.unit) in pairs:
            return True
        return total.unit == rate.q.unit and rate.q.unit not in vocab().words("per", "head_units")
    return total.unit == rate.q.unit and total.unit not in vocab().words("per", "head_units")


def _marked_total(prose: Prose, before: Quantity, total: Quantity) -> bool:
    if total.role != "value" or total.hedge in ("under", "atmost", "over", "atleast"):
        return False
    gap = _gap(prose, before, total)
    last = gap
    for ch in CLAUSE_END:
        last = last.rsplit(ch, 1)[-1]
    return any(w in last for w in vocab().words("total", "markers"))


def _sentence_ok(prose: Prose, offset: int) -> bool:
    a, b = prose.sentence_span(prose.sentence_of(offset))
    text = prose.norm[a:b]
    return not any(w in text for w in vocab().words("standard", "excluded"))


def _period_ok(rate: _Rate, sentence: str) -> bool:
    """A standard per month or per day cannot be multiplied without the months; a yearly standard does
    not give a semester's amount, nor a semester's standard a year's."""
    v = vocab()
    semester = any(w in sentence for w in v.words("standard", "semester"))
    year = any(w in sentence for w in v.words("standard", "year"))
    if rate.period in ("每月", "每天", "每日", "每课时"):
        return False
    if rate.period in ("每年", "每学年") and semester:
        return False
    return not (rate.period == "每学期" and year and not semester)


def _aid_name(text: str) -> str:
    """The longest aid name written in ``text`` (免学费补助 rather than 免学费)."""
    found = [w for w in vocab().words("standard", "names") if w in text]
    return max(found, key=len) if found else ""


def _claim(prose: Prose, count: Quantity, rate: _Rate, total: Quantity, label: str, how: str) -> ProductClaim:
    a, b = prose.sentence_span(prose.sentence_of(total.start))
    sentence = " ".join(prose.norm[a:b].split())
    return ProductClaim(
        stated=Operand(label=label, quantity=total, location=prose.location(total.start)),
        factors=(
            Operand(label="人数" if not rate.per_unit else rate.per_unit + "数", quantity=count,
                    location=prose.location(count.start)),
            Operand(label=f"{rate.per}{rate.period}", quantity=rate.q, location=prose.location(rate.q.start)),
        ),
        source="prose",
        context=f"product|{how}|{sentence[:60]}",
    )


def _in_sentence(prose: Prose, figures: list[Quantity]) -> list[Claim]:
    """count, standard, total (or standard, count, total) next to each other in one sentence."""
    out: list[Claim] = []
    for i in range(2, len(figures)):
        x, y, total = figures[i - 2], figures[i - 1], figures[i]
        if len({prose.sentence_of(q.start) for q in (x, y, total)}) != 1:
            continue
        before_x = figures[i - 3] if i >= 3 else None
        for count, rate in ((x, _rate(prose, x, y)), (y, _rate(prose, before_x, x))):
            if rate is None or not _is_count_for(rate, count) or not _total_unit_fits(rate, total):
                continue
            if prose.norm[max(count.start - 1, 0) : count.start] == "第":
                continue  # 第4期: which session, not how many
            if not _marked_total(prose, y, total) or not _sentence_ok(prose, total.start):
                continue
            a, b = prose.sentence_span(prose.sentence_of(total.start))
            if not _period_ok(rate, prose.norm[a:b]):
                continue
            label = _aid_name(prose.norm[a : total.start]) or "合计"
            out.append(_claim(prose, count, rate, total, label, "sentence"))
            break
    return out


def _standards(prose: Prose, figures: list[Quantity]) -> dict[str, list[_Rate]]:
    """Per-head money standards of the paragraph by the aid they name (in their own clause)."""
    out: dict[str, list[_Rate]] = {}
    for i, q in enumerate(figures):
        before = figures[i - 1] if i else None
        rate = _rate(prose, before, q)
        if rate is None or rate.per_unit or q.unit != "元" or not _sentence_ok(prose, q.start):
            continue
        name = _aid_name(_gap(prose, before, q))
        if name:
            out.setdefault(name, []).append(rate)
    return out


def _same_aid(a: str, b: str) -> bool:
    if a == b:
        return True
    return any(a + s == b or b + s == a for s in vocab().words("standard", "same_with"))


def _with_standard(prose: Prose, figures: list[Quantity], skip: set[int]) -> list[Claim]:
    """count, amount in one sentence; the standard for the same aid stated once in the paragraph."""
    standards = _standards(prose, figures)
    if not standards:
        return []
    out: list[Claim] = []
    for i in range(1, len(figures)):
        count, total = figures[i - 1], figures[i]
        if total.start in skip or prose.sentence_of(count.start) != prose.sentence_of(total.start):
            continue
        if count.role != "value" or count.hedge or count.unit not in vocab().words("per", "head_units"):
            continue
        if count.decimals or count.scale != 1 or total.unit != "元" or not _marked_total(prose, count, total):
            continue
        if _rate(prose, figures[i - 2] if i >= 2 else None, count) is not None:
            continue
        if not _sentence_ok(prose, total.start):
            continue
        name = _aid_name(_gap(prose, figures[i - 2] if i >= 2 else None, count) + _gap(prose, count, total))
        if not name:
            continue
        rates = [r for n, rs in standards.items() if _same_aid(n, name) for r in rs]
        if len({r.q.value for r in rates}) != 1 or any(r.q.start > count.start and r.q.start < total.start for r in rates):
            continue
        a, b = prose.sentence_span(prose.sentence_of(total.start))
        if not _period_ok(rates[0], prose.norm[a:b]):
            continue
        out.append(_claim(prose, count, rates[0], total, name, "standard"))
    return out


def extract_from_paragraph(paragraph: Paragraph) -> list[Claim]:
    prose = analyse(paragraph)
    figures = [q for q in prose.tokens if q.role not in _NOISE_ROLES]
    claims = _in_sentence(prose, figures)
    stated = {c.stated.quantity.start for c in claims if c.stated.quantity is not None}
    return claims + _with_standard(prose, figures, stated)


def extract(document: Document) -> list[Claim]:
    head = vocab().words("per", "head")
    session = vocab().words("per", "session")
    claims: list[Claim] = []
    for p in document.paragraphs():
        if any(w in p.text for w in head + session):
            claims.extend(extract_from_paragraph(p))
    return claims
