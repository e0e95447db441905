"""Claims stated in sentences whose numbers are all in the same paragraph.

Each family reads one sentence shape (the words come from ``rules/prose/phrases.toml``):

- changes: 比上年度97.3%降低了2.8%, 2018年580台，2019年602台，增加22台, 由A增至B，增长了N,
  在A的基础上新增N…达到B → ``ChangeClaim``; a direction word with no number (有所减少, 均有增加) or
  由A减至B → ``DirectionClaim``;
- shares: 占专任教师数的49.1% (the denominator named and stated in the paragraph), 其中就业人数8801人，
  就业率94.5% (a rate whose stem names one of the two counts before it) → ``ShareClaim``;
- totals: 共计222门，其中A21门，B201门 → ``SumClaim``; a partial 其中 breakdown → ``PartClaim``;
  A，B，C，合计：N → ``SumClaim``; the percentages of an answer scale or of a complete set of groups
  → ``SumClaim(kind="shares100")``;
- net changes: 较2019年增加6个，其中新增专业6个，撤销专业2个 → ``NetChangeClaim``;
- counts of listed items: A、B、C三个专业 / 两个专业，分别是A和B → ``CountClaim``;
- bounds: 所有项目满意率都在91%之上，其中… → ``BoundClaim``.

Precision comes first: a shape that does not fit exactly (two candidate bases, a label that names
nothing in the paragraph, a threshold such as 不低于60%) gives no claim. Changes whose base is stated
only in another paragraph are left to the indicator-aware extractor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

import regex

from qualint.claims.model import (
    BoundClaim,
    ChangeClaim,
    Claim,
    CountClaim,
    DirectionClaim,
    NetChangeClaim,
    Operand,
    PartClaim,
    ShareClaim,
    SumClaim,
)
from qualint.claims.phrases import (
    SENTENCE_END,
    Prose,
    Value,
    alternation,
    analyse,
    core,
    key,
    labels_match,
    unit_family,
    vocab,
)
from qualint.document import Document
from qualint.quantities import Quantity, parse_cn_int, scan

# A paragraph with more numbers than this is a data dump, not prose (and would make pairing slow).
MAX_VALUES = 200


def extract(document: Document) -> list[Claim]:
    claims: list[Claim] = []
    for paragraph in document.paragraphs():
        if not regex.search(r"[0-9０-９一二两三四五六七八九十]", paragraph.text):
            continue
        if sum(1 for q in scan(paragraph.text) if q.role == "value") > MAX_VALUES:
            continue
        prose = analyse(paragraph)
        for family in FAMILIES:
            claims.extend(family(prose))
    return claims


# ---------------------------------------------------------------- shared helpers


def _context(prose: Prose, offset: int) -> str:
    return prose.sentence_text(offset)


def _modal(prose: Prose, offset: int) -> bool:
    """The sentence, up to the end of the clause holding ``offset``, states a requirement, plan or
    threshold (力争…，就业率达到98%以上)."""
    a, _ = prose.sentence_span(prose.sentence_of(offset))
    ca, b = prose.clause_span(prose.clause_of(offset))
    window = prose.norm[max(a, ca - 60) : b]
    return any(w in window for w in vocab().words("ignore", "modal"))


@lru_cache(maxsize=4096)
def _is_additive(v: Value) -> bool:
    """A count or amount that can be a part or a whole of a sum (not a rate, ratio or per-head value)."""
    if v.q.is_percent or v.q.is_ratio or v.q.unit in ("倍",):
        return False
    label = v.label + v.after
    return not any(w in label for w in vocab().words("total", "not_additive"))


def _folded(q: Quantity, down: bool) -> Quantity:
    """The stated change with the sign its direction word gives it."""
    magnitude = abs(q.mantissa)
    return replace(q, mantissa=-magnitude if down else magnitude)


def _same_family(a: Quantity, b: Quantity) -> bool:
    return unit_family(a) == unit_family(b)


# ---------------------------------------------------------------- changes and direction words


class _Change:
    """A direction word found in a paragraph, with the number it states (if any)."""

    def __init__(self, prose: Prose, word: str, start: int, end: int, down: bool, value: Value | None):
        self.prose, self.word, self.start, self.end, self.down, self.value = prose, word, start, end, down, value


def _direction_words() -> list[tuple[str, bool]]:
    v = vocab()
    words = [(w, False) for w in v.words("direction", "up")] + [(w, True) for w in v.words("direction", "down")]
    return sorted(words, key=lambda t: len(t[0]), reverse=True)


def _changes(prose: Prose) -> list[_Change]:
    """Every direction word followed by its number (增加了22台) in the paragraph."""
    out = []
    joiners = vocab().words("direction", "joiners")
    words = _direction_words()
    for v in prose.values:
        before = prose.norm[max(0, v.start - 10) : v.start].rstrip()
        for j in joiners:
            if before.endswith(j):
                before = before[: -len(j)]
                break
        for word, down in words:
            if before.endswith(word):
                start = prose.norm.rfind(word, 0, v.start)
                if len(word) == 1 and not _has_comparison(prose, start):
                    break
                if prose.norm[max(0, start - 1) : start] in ("新", "递", "倍", "猛", "剧"):
                    break
                out.append(_Change(prose, word, start, start + len(word), down, v))
                break
    return out


def _has_comparison(prose: Prose, offset: int) -> bool:
    a, _ = prose.clause_span(prose.clause_of(offset))
    return bool(regex.search(r"比|较|同比|相比", prose.norm[a:offset]))


def _comparison_start(prose: Prose, word_start: int) -> int | None:
    """Where 比/较/与…相比/同比 opens in the clause before a direction word."""
    a, _ = prose.clause_span(prose.clause_of(word_start))
    window = prose.norm[a:word_start]
    found = None
    for m in regex.finditer(r"(?<!比)(?:比|较|同比|与|和)(?!较|大|好|为)", window):
        found = m
    if found is None:
        return _comparison_clause_before(prose, a, window)
    if found.group(0) == "比" and window[found.start() - 1 : found.start()] == "相":
        # 与上年相比 / 与2019年（2314人）相比: the comparison opens at 与, not at the 比 of 相比.
        opener = None
        for m in regex.finditer(r"与|和|同|跟", window[: found.start() - 1]):
            opener = m
        span = window[opener.start() : found.end()] if opener is not None else ""
        if opener is not None and (regex.search(r"\d", span) or _names_previous_period(span)):
            return a + opener.start()
    if found.group(0) in ("与", "和") and not regex.search(r"相比|比较|对比|同期", window[found.end():]):
        return None
    return a + found.start()


def _comparison_clause_before(prose: Prose, clause_start: int, window: str) -> int | None:
    """与2019年（2314人）比较，增加128人: the comparison fills the clause before the direction word,
    which itself has nothing in front of it."""
    if window.strip() or clause_start == 0:
        return None
    pa, _ = prose.clause_span(prose.clause_of(clause_start - 1))
    if prose.sentence_of(pa) != prose.sentence_of(clause_start):
        return None
    text = prose.norm[pa:clause_start].strip(" ，,")
    if regex.fullmatch(r"(?:与|和|同|跟)(?:[^，。；,;]|(?<=\d),(?=\d)){1,30}?(?:相比|比较|对比|相较)", text):
        return pa
    return None


def _subject(prose: Prose, start: int, end: int) -> str:
    """The words naming what changed: the clause text before the comparison or the direction word."""
    text = prose.norm[start:end]
    text = regex.sub(r"(?:比|较|同比|与|和).*$", "", text) if regex.search(r"比|较|同比", text) else text
    return _subject_clean(text)


def _compatible_end(v: Value, stated: Quantity | None, mode_hint: str | None) -> bool:
    """Can ``v`` be one end of a change stated as ``stated``?"""
    if v.q.is_ratio:
        return False
    if stated is None:
        return True
    if stated.unit == "个百分点":
        return v.q.is_percent
    if stated.is_percent:
        return True
    return not v.q.is_percent and unit_family(v.q) == unit_family(stated)


def _mode(stated: Quantity, current: Quantity) -> str:
    if stated.unit == "个百分点":
        return "pp"
    if stated.is_percent:
        return "auto" if current.is_percent else "pct"
    return "abs"


def _named_year(prose: Prose, start: int, end: int) -> int | None:
    for q in prose.tokens:
        if start <= q.start < end and q.role == "year":
            return int(q.mantissa)
    return None


def _rank(prose: Prose, v: Value, pool: list[Value]) -> int:
    """Position of ``v`` among the values of the same family and year in its sentence."""
    same = [w for w in pool if w.sentence == v.sentence and w.year == v.year and _same_family(w.q, v.q)]
    return same.index(v) if v in same else -1


def _pair(prose: Prose, ch_start: int, stated: Quantity | None, subject: str, excluded: set[int],
          named_year: int | None) -> tuple[Value, Value] | None:
    """Find the (previous, current) values a change phrase at ``ch_start`` compares."""
    pool = [
        v for v in prose.values
        if v.start < ch_start and v.index not in excluded and _compatible_end(v, stated, None)
        and v.dated and v.q.hedge is None and not _modal(prose, v.start)
    ]
    if not pool:
        return None
    phrase_year = prose.year_at(ch_start)
    if subject:
        matching = [v for v in pool if labels_match(subject, v.label) and not v.in_comparison]
        if not matching:
            return None
        dated = [v for v in matching if v.year is not None]
        if not dated:
            return None
        latest = max(v.year for v in dated)
        if phrase_year is not None and latest != phrase_year:
            return None
        current_choices = [v for v in dated if v.year == latest]
        current = current_choices[-1]
        if len(current_choices) > 1 and not _unique_exact(subject, current_choices):
            return None
        series_label = subject
    else:
        sentence = prose.sentence_of(ch_start)
        clause = prose.clause_of(ch_start)
        near = [v for v in pool if v.sentence == sentence and not v.in_comparison]
        if not near:
            return None
        current = near[-1]
        if clause - current.clause > 1 or current.year is None:
            return None
        # 2020年在校生2442人，其中全日制1812人，比上年增加128人: with two figures of that year the
        # change may be about either.
        if any(v is not current and v.year == current.year and _same_family(v.q, current.q)
               and v.q.is_percent == current.q.is_percent for v in near):
            return None
        if phrase_year is not None and current.year != phrase_year:
            return None
        series_label = current.label
    earlier = [
        v for v in pool
        if (v.start < current.start or subject) and v.year is not None and v.year < current.year
        and _same_family(v.q, current.q) and v.q.is_percent == current.q.is_percent
    ]
    if named_year is not None:
        earlier = [v for v in earlier if v.year == named_year]
    if not earlier:
        return None
    prev_year = max(v.year for v in earlier)
    earlier = [v for v in earlier if v.year == prev_year]
    if core(series_label) and any(core(v.label) for v in earlier):
        labelled = [v for v in earlier if labels_match(series_label, v.label)]
        if len(labelled) > 1:
            exact = [v for v in labelled if key(v.label) == key(series_label)]
            labelled = exact if len(exact) == 1 else []
        if len(labelled) != 1:
            return None
        return labelled[0], current
    # No labels to go by: the values must stand in parallel (same rank in their year's sentence).
    rank = _rank(prose, current, pool)
    parallel = [v for v in earlier if _rank(prose, v, pool) == rank]
    if len(parallel) != 1 or rank < 0:
        return None
    if core(series_label) and core(parallel[0].label) and not labels_match(series_label, parallel[0].label):
        return None
    return parallel[0], current


def _unique_exact(subject: str, values: list[Value]) -> bool:
    return sum(1 for v in values if key(v.label) == key(subject)) == 1 and key(values[-1].label) == key(subject)


def change_claims(prose: Prose) -> Iterable[Claim]:
    changes = _changes(prose)
    stated_indices = {c.value.index for c in changes if c.value is not None}
    consumed: set[int] = set()
    open_bases: dict[int, int] = {}  # value index of a change → where its comparison (比上年) opens
    out: list[Claim] = []
    out.extend(_from_to(prose, changes, consumed))
    out.extend(_on_the_basis(prose, changes, consumed, stated_indices))
    for ch in changes:
        v = ch.value
        if v is None or v.index in consumed or _modal(prose, ch.start) or _aim(prose, ch.start):
            continue
        if v.q.hedge in ("atleast", "atmost", "under") or v.q.is_ratio:
            continue
        if _followed_by_breakdown(prose, v):
            continue  # a net change: handled by net_change_claims
        stated = _folded(v.q, ch.down)
        cmp_start = _comparison_start(prose, ch.start)
        clause_start, _ = prose.clause_span(prose.clause_of(ch.start))
        if "分别" in prose.norm[clause_start : ch.start]:
            continue  # 分别增长A、B、C: the changes of several figures, matched by position only
        previous: Value | None = None
        current: Value | None = None
        if cmp_start is not None:
            inside = [w for w in prose.values if cmp_start <= w.start < ch.start and w.index not in stated_indices]
            if inside:
                previous = inside[-1]
                before = [
                    w for w in prose.values
                    if w.start < cmp_start and w.sentence == v.sentence and w.index not in stated_indices
                    and not w.in_comparison
                ]
                if not before:
                    continue
                current = before[-1]
                if prose.clause_of(cmp_start) - current.clause > 1:
                    continue
                if current.clause != prose.clause_of(cmp_start) and _rival(prose, current, before):
                    continue  # 在校生2442人，其中全日制1812人，比上年（2314人）增加128人: of which figure?
                if not (_same_family(previous.q, current.q) and previous.q.is_percent == current.q.is_percent):
                    continue
                if not _compatible_end(current, stated, None):
                    continue
        if previous is None:
            if cmp_start is not None and not _names_previous_period(prose.norm[cmp_start : ch.start]):
                continue
            subject = _subject(prose, clause_start, ch.start)
            named = _named_year(prose, cmp_start, ch.start) if cmp_start is not None else None
            pair = _pair(prose, ch.start, v.q, subject, stated_indices, named)
            if pair is None:
                if cmp_start is not None:
                    open_bases[v.index] = cmp_start  # 比上年增加87人: the base is current − 87
                continue
            previous, current = pair
        assert current is not None
        out.append(
            ChangeClaim(
                stated=prose.operand(v, label=f"{ch.word}", quantity=stated),
                previous=prose.operand(previous),
                current=prose.operand(current),
                mode=_mode(v.q, current.q),
                signed=False,
                source="prose",
                context=_context(prose, v.start),
            )
        )
    out.extend(_chained_percents(prose, changes, out, open_bases, stated_indices))
    out.extend(_direction_only(prose, stated_indices))
    return out


def _chained_percents(prose: Prose, changes: list[_Change], claims: list[Claim], open_bases: dict[int, int],
                      stated_indices: set[int]) -> Iterable[Claim]:
    """在校生3,046人，比上年增加87人，增长2.94% (or 增长2.94%，增加87人): an absolute and a percent change
    side by side are over the same two figures. When the sentence states the base (比上年的3,412元增加
    238元, 由A增至B) the other one is checked against it too; when it does not (比上年 / 比2019年), the
    percent is checked against the base current − change."""
    resolved = {
        c.stated.quantity.start: c for c in claims
        if isinstance(c, ChangeClaim) and c.stated.quantity is not None and c.mode in ("abs", "pct")
    }
    claimed = {c.stated.quantity.start for c in claims if c.stated.quantity is not None}
    by_index = {c.value.index: c for c in changes if c.value is not None}
    by_index.update({c.value.index: c for c in _rate_changes(prose, by_index) if c.value is not None})
    for first, second in zip(prose.values, prose.values[1:], strict=False):
        x, y = by_index.get(first.index), by_index.get(second.index)
        if x is None or y is None or x.down != y.down or first.sentence != second.sentence:
            continue
        # Only punctuation (and 同比) between them: 增加87人，增长2.94% / 增加87人（增长2.94%）.
        if not regex.fullmatch(r"\s*[，,、（(]?\s*(?:同比)?\s*", prose.norm[first.end : y.start]):
            continue
        kinds = {"pct" if v.q.unit == "%" else "abs" if not v.q.is_percent else "" for v in (first, second)}
        if kinds != {"pct", "abs"}:
            continue
        pct, absolute = (x, y) if first.q.unit == "%" else (y, x)
        if any(c.value.q.hedge is not None or c.value.q.sign or c.value.q.is_ratio for c in (x, y)):
            continue
        if any(_modal(prose, c.start) or _aim(prose, c.start) for c in (x, y)):
            continue
        if "分别" in prose.norm[prose.clause_span(x.value.clause)[0] : second.end]:
            continue
        done = [c for c in (x, y) if c.value.q.start in claimed]
        if len(done) == 2:
            continue
        if len(done) == 1:
            base_claim = resolved.get(done[0].value.q.start)
            if base_claim is None:
                continue
            previous, current = base_claim.previous, base_claim.current
            todo = y if done[0] is x else x
            if todo is absolute and (current.quantity is None or current.quantity.is_percent
                                     or unit_family(current.quantity) != unit_family(absolute.value.q)):
                continue
        elif x.value.index in open_bases:
            found = _open_base(prose, x, open_bases[x.value.index], absolute, stated_indices)
            if found is None:
                continue
            previous, current = found
            todo = pct
        else:
            continue
        v = todo.value
        yield ChangeClaim(stated=prose.operand(v, label=todo.word, quantity=_folded(v.q, todo.down)),
                          previous=previous, current=current, mode="pct" if todo is pct else "abs",
                          signed=False, source="prose", context=_context(prose, v.start))


def _rate_changes(prose: Prose, known: dict[int, _Change]) -> list[_Change]:
    """增幅为8.75% / 降幅2.78%: a percent change named by a noun (only read right after an absolute
    change, by ``_chained_percents``)."""
    v = vocab()
    words = [(w, False) for w in v.words("direction", "rate_up")] + [(w, True) for w in v.words("direction", "rate_down")]
    out = []
    for value in prose.values:
        if value.index in known or value.q.unit != "%":
            continue
        before = prose.norm[max(0, value.start - 10) : value.start].rstrip()
        for j in v.words("direction", "rate_joiners"):
            if before.endswith(j):
                before = before[: -len(j)]
                break
        for word, down in sorted(words, key=lambda t: len(t[0]), reverse=True):
            if before.endswith(word):
                start = prose.norm.rfind(word, 0, value.start)
                out.append(_Change(prose, word, start, start + len(word), down, value))
                break
    return out


_SCALE_WORDS = {Decimal(10000): "万", Decimal(100000000): "亿", Decimal(1000): "千", Decimal(1000000): "百万",
                Decimal(10000000): "千万"}


def _open_base(prose: Prose, anchor: _Change, cmp_start: int, change: _Change,
               stated_indices: set[int]) -> tuple[Operand, Operand] | None:
    """The figure a change with no stated base is about (the only one of its year and unit before the
    comparison ``anchor`` opens with, right in front of it), and the base the absolute ``change``
    implies: current − change."""
    n = change.value
    assert n is not None
    before = [
        w for w in prose.values
        if w.sentence == n.sentence and w.start < cmp_start and w.index not in stated_indices and not w.in_comparison
    ]
    if not before:
        return None
    current = before[-1]
    if current.q.is_percent or current.q.is_ratio or current.q.hedge is not None or not _same_family(current.q, n.q):
        return None
    if prose.clause_of(cmp_start) - current.clause > 1 or _modal(prose, current.start):
        return None
    if current.clause != prose.clause_of(cmp_start) and _rival(prose, current, before):
        return None
    # Nothing but punctuation between the figure and the comparison: a subject there (全日制学生比上年…)
    # would name another figure.
    if prose.norm[current.end : cmp_start].strip(" ，,") not in ("", "相"):
        return None
    named = _named_year(prose, cmp_start, anchor.start)
    if named is not None and current.year is not None and named >= current.year:
        return None
    comparison = prose.norm[cmp_start : anchor.start]
    period = regex.sub(r"^(?:同比|相比|比|较|与|和)|(?:相比|比较|对比)?[，,\s]*$", "", comparison).strip(" 的")
    change_q = _folded(n.q, change.down)
    base = current.q.value - change_q.value
    if base <= 0:
        return None
    half = current.q.half_unit + change_q.half_unit
    # The base stands for [base − half, base + half]: a scale of 2·half with no decimals says exactly that.
    scale = half * 2 if half else Decimal(1)
    shown_scale = current.q.scale
    mantissa = base / shown_scale
    text = f"{format(mantissa.normalize(), 'f')}{_SCALE_WORDS.get(shown_scale, '')}{current.q.unit or ''}"
    sign = "−" if not change.down else "+"
    derived = Quantity(text=text, start=n.start, end=n.end, mantissa=base / scale, decimals=0, scale=scale,
                       unit=current.q.unit)
    label = f"{period or '上年'}（{current.q.text.strip()}{sign}{n.q.text.strip()}）"
    previous = Operand(label=label, quantity=derived, location=prose.location(n.start))
    return previous, prose.operand(current)


def _rival(prose: Prose, current: Value, values: list[Value]) -> bool:
    """Another figure of the same year and unit, since the year that dates ``current`` was named,
    stands before a comparison that opens its own clause (2021年在校生2442人，其中全日制1812人，比上年…):
    the change may be about either."""
    named = max((q.start for q in prose.tokens if q.role == "year" and q.start < current.start), default=-1)
    return any(w is not current and w.start > named and w.year == current.year and _same_family(w.q, current.q)
               and w.q.is_percent == current.q.is_percent for w in values)


def _names_previous_period(comparison: str) -> bool:
    """比上年 / 较2019年 / 与上一年度相比 / 同比: a comparison with an earlier year, not with another
    thing (比“十三五”, 比全省平均)."""
    text = regex.sub(r"(?:19|20)\d\d\s*(?:年度|学年|年)?", "", comparison).strip(" ，,")
    text = regex.sub(r"^(?:同比|相比|比|较|与|和)", "", text)
    text = regex.sub(r"(?:相比|比较|对比)$", "", text)
    text = text.strip(" 的，,")
    if not text:
        return True
    periods = vocab().words("direction", "previous_period")
    text = regex.sub(r"(?:的)?(?:同期|秋季|春季|秋|春)$", "", text)
    return not text or any(text == p or text == p + "度" for p in periods)


def _aim(prose: Prose, word_start: int) -> bool:
    before = prose.norm[max(0, word_start - 4) : word_start]
    return any(before.endswith(w) for w in vocab().words("direction", "aims"))


def _followed_by_breakdown(prose: Prose, v: Value) -> bool:
    rest = prose.norm[v.end : v.end + 6]
    return bool(regex.match(r"^[^，。；,;]{0,3}[，,]\s*其中", rest)) and _net_parts(prose, v) is not None


def _from_to(prose: Prose, changes: list[_Change], consumed: set[int]) -> Iterable[Claim]:
    """由A增至B (，增长了N): a direction claim, and a change claim when N follows."""
    v = vocab()
    up, down = v.words("direction", "from_to_up"), v.words("direction", "from_to_down")
    values = prose.values
    for a, b in zip(values, values[1:], strict=False):
        if a.clause != b.clause:
            continue
        between = regex.sub(r"(?:19|20)\d\d\s*(?:年度|学年|年)?\s*的?$", "", prose.norm[a.end : b.start].strip()).strip()
        word = next((w for w in up + down if between == w), None)
        if word is None:
            continue
        opener = prose.norm[max(prose.clause_span(a.clause)[0], a.start - 16) : a.start]
        if not regex.search(r"[由从]", opener):
            continue
        # 由A和B分别增至C和D: pairs "respectively", not A→B.
        if regex.search(r"[和及、]\s*$", opener) or regex.match(r"^\s*[和及、]", prose.norm[b.end : b.end + 2]):
            continue
        if regex.search(r"[和及、]", prose.norm[a.end : a.end + 2]):
            continue
        if not (_same_family(a.q, b.q) and a.q.is_percent == b.q.is_percent):
            continue
        is_down = word in down
        consumed.add(b.index)
        yield DirectionClaim(
            stated=Operand(label=word, quantity=None, location=prose.location(a.end)),
            word=word,
            expected="down" if is_down else "up",
            previous=prose.operand(a),
            current=prose.operand(b),
            source="prose",
            context=_context(prose, a.start),
        )
        follow = next((c for c in changes if c.value is not None and c.value.clause == b.clause + 1
                       and c.value.sentence == b.sentence), None)
        if follow is None:
            continue
        consumed.add(follow.value.index)
        if not _compatible_end(b, follow.value.q, None):
            continue
        yield ChangeClaim(
            stated=prose.operand(follow.value, label=follow.word, quantity=_folded(follow.value.q, follow.down)),
            previous=prose.operand(a),
            current=prose.operand(b),
            mode=_mode(follow.value.q, b.q),
            signed=False,
            source="prose",
            context=_context(prose, follow.value.start),
        )


def _on_the_basis(prose: Prose, changes: list[_Change], consumed: set[int], stated: set[int]) -> Iterable[Claim]:
    """在A的基础上，(又)新增了N…达到B."""
    for m in regex.finditer(r"在([^，。；]{0,30}?)的?基础上", prose.norm):
        base = [v for v in prose.values if m.start() <= v.start < m.end()]
        if len(base) != 1:
            continue
        a = base[0]
        follow = [c for c in changes if c.value is not None and c.start >= m.end()
                  and c.value.sentence == a.sentence]
        gross = regex.search(r"(?:新增|增加|增添|新建)了?", prose.norm[m.end(): m.end() + 12])
        n_value = None
        if follow:
            n_value, down = follow[0].value, follow[0].down
        elif gross:
            after = [v for v in prose.values if v.start >= m.end() + gross.end() and v.sentence == a.sentence]
            if after and after[0].start - (m.end() + gross.end()) <= 2:
                n_value, down = after[0], False
        if n_value is None or not _same_family(n_value.q, a.q):
            continue
        total = [
            v for v in prose.values
            if v.start > n_value.end and v.sentence == a.sentence and _same_family(v.q, a.q)
            and regex.search(r"(?:达到|达|增至|增加到|为|共)$", prose.norm[max(0, v.start - 3) : v.start])
        ]
        if not total:
            continue
        b = total[0]
        consumed.add(n_value.index)
        yield ChangeClaim(
            stated=prose.operand(n_value, label="新增", quantity=_folded(n_value.q, down)),
            previous=prose.operand(a),
            current=prose.operand(b),
            mode="abs" if not n_value.q.is_percent else _mode(n_value.q, b.q),
            signed=False,
            source="prose",
            context=_context(prose, n_value.start),
        )


def _direction_only(prose: Prose, stated_indices: set[int]) -> Iterable[Claim]:
    """X有所减少 / X和Y均有增加 / X明显提高: a direction word with no number, both values in the
    paragraph (matched by label)."""
    words = _direction_words()
    degree = alternation("direction", "degree")
    word_alt = "|".join(regex.escape(w) for w, _ in words if len(w) > 1)
    pattern = regex.compile(rf"(?:{degree})(?P<word>{word_alt})(?=[，。；,;、]|$)|(?P<word2>{word_alt})了?(?=[，。；,;]|$)")
    for m in pattern.finditer(prose.norm):
        word = m.group("word") or m.group("word2")
        start = m.start("word") if m.group("word") else m.start("word2")
        if _aim(prose, m.start()) or _modal(prose, start):
            continue
        if regex.search(r"(?:逐年|连年|年年)$", prose.norm[max(0, start - 2) : start]):
            continue  # a series: series_claims
        down = dict(words)[word]
        clause_start, _ = prose.clause_span(prose.clause_of(start))
        cmp_start = _comparison_start(prose, start)
        subject_text = prose.norm[clause_start:(cmp_start if cmp_start is not None else m.start())]
        subjects = [core(s) for s in regex.split(r"和|及|与|、", subject_text)]
        subjects = [_subject_clean(s) for s in subjects]
        if not subjects or any(len(key(s)) < 2 for s in subjects):
            continue
        named = _named_year(prose, cmp_start, start) if cmp_start is not None else None
        for subject in subjects:
            pair = _pair(prose, start, None, subject, stated_indices, named)
            if pair is None:
                continue
            previous, current = pair
            yield DirectionClaim(
                stated=Operand(label=word, quantity=None, location=prose.location(start)),
                word=prose.norm[m.start():m.end()],
                expected="down" if down else "up",
                previous=prose.operand(previous),
                current=prose.operand(current),
                source="prose",
                context=_context(prose, start),
            )


def series_claims(prose: Prose) -> Iterable[Claim]:
    """2017年X人，2018年Y人，2019年Z人，逐年增加: one figure per year in the sentence, each step in
    the stated direction."""
    words = _direction_words()
    word_alt = "|".join(regex.escape(w) for w, _ in words if len(w) > 1)
    for m in regex.finditer(rf"(?:逐年|连年|年年)(?P<word>{word_alt})", prose.norm):
        if _aim(prose, m.start()) or _modal(prose, m.start()):
            continue
        down = dict(words)[m.group("word")]
        sentence = prose.sentence_of(m.start())
        clause_start, _ = prose.clause_span(prose.clause_of(m.start()))
        subject = _subject_clean(prose.norm[clause_start : m.start()])
        values = [
            v for v in prose.values
            if v.sentence == sentence and v.start < m.start() and v.dated and not v.in_comparison
            and v.q.hedge is None and (not subject or labels_match(subject, v.label))
        ]
        if len(values) < 3 or len({unit_family(v.q) for v in values}) != 1:
            continue
        years = [v.year for v in values]
        if len(set(years)) != len(years) or years != sorted(years):
            continue
        steps = tuple((prose.operand(a), prose.operand(b)) for a, b in zip(values, values[1:], strict=False))
        yield DirectionClaim(
            stated=Operand(label=m.group(0), quantity=None, location=prose.location(m.start())),
            word=m.group(0),
            expected="falling" if down else "rising",
            series=steps,
            source="prose",
            context=_context(prose, m.start()),
        )


def _subject_clean(text: str) -> str:
    """A subject without the degree words (有所, 明显, 大幅 …) that end it."""
    degree = vocab().words("direction", "degree")
    changed = True
    while changed:
        changed = False
        for d in degree:
            if text.endswith(d) and len(text) > len(d):
                text, changed = text[: -len(d)], True
    return core(text)


# ---------------------------------------------------------------- shares and rates


def share_claims(prose: Prose) -> Iterable[Claim]:
    for v in prose.values:
        if not v.q.is_percent or v.q.unit == "个百分点" or v.in_comparison or v.q.sign:
            continue
        if v.q.hedge in ("atleast", "atmost", "under", "over") and _modal(prose, v.start):
            continue
        if _modal(prose, v.start):
            continue
        claim = _share_of(prose, v) or _rate_of(prose, v)
        if claim is not None:
            yield claim


def _share_of(prose: Prose, v: Value) -> ShareClaim | None:
    """(subject)占(denominator)的X%: the denominator named and stated in the paragraph."""
    clause_start, _ = prose.clause_span(v.clause)
    window = prose.norm[clause_start : v.start]
    at = window.rfind("占")
    if at < 0 or "分别" in window:
        return None
    den = window[at + 1 :]
    for tail in vocab().words("share", "den_tail"):
        if den.endswith(tail):
            den = den[: -len(tail)]
            break
    den_key = key(den)
    if len(den_key) < 2 or any(ch.isdigit() for ch in den):
        return None
    offset_at = clause_start + at
    wholes = [
        w for w in prose.values
        if key(w.label) == den_key and w.index != v.index and not w.in_comparison and _is_additive(w)
    ]
    # The whole named in the same sentence; else the only figure of that name in the paragraph.
    same_sentence = [w for w in wholes if w.sentence == v.sentence]
    if same_sentence:
        wholes = same_sentence if len(same_sentence) == 1 else [w for w in same_sentence if w.year == v.year]
    if len(wholes) != 1:
        return None
    whole = wholes[0]
    if whole.year is not None and v.year is not None and whole.year != v.year:
        return None
    subject = core(window[:at])
    before = [w for w in prose.values if w.start < offset_at and w.sentence == v.sentence and w.index != whole.index]
    if subject:
        parts = [w for w in before if key(w.label) == key(subject) and _is_additive(w)]
        if not parts:
            return None
        part = parts[-1]
    else:
        if not before:
            return None
        part = before[-1]
        if v.clause - part.clause != 1 or not _is_additive(part):
            return None
    if not _same_family(part.q, whole.q) or part.in_comparison:
        return None
    return ShareClaim(
        stated=prose.operand(v, label=f"占{den}"),
        part=prose.operand(part),
        whole=prose.operand(whole),
        source="prose",
        context=_context(prose, v.start),
    )


def _rate_of(prose: Prose, v: Value) -> ShareClaim | None:
    """…A人…，…B人…，X率Y%: the rate's stem names one count (the part), the other is the whole."""
    label = core(v.label)
    if not label.endswith("率") or "占" in v.label:
        return None
    if any(label.endswith(w) for w in vocab().words("direction", "rate_up") + vocab().words("direction", "rate_down")):
        return None  # 增长率/下降率: a change, not a share of the counts before it
    stem = label[:-1]
    for p in vocab().words("share", "rate_prefixes"):
        if stem.startswith(p) and len(stem) > len(p) + 1:
            stem = stem[len(p):]
    if len(stem) < 2:
        return None
    scope = []
    for w in prose.values:
        if w.sentence != v.sentence or w.start >= v.start:
            continue
        if w.q.is_percent or w.q.is_ratio:
            scope = []  # an earlier rate closes the previous group
            continue
        scope.append(w)
    scope = [w for w in scope if not w.in_comparison and w.year == v.year]
    if len(scope) != 2 or not _same_family(scope[0].q, scope[1].q):
        return None
    if not all(_is_additive(w) for w in scope):
        return None

    def names_stem(w: Value) -> bool:
        text = w.label + "|" + w.after
        return stem in text and not regex.search(rf"[不未非]{regex.escape(stem)}", text)

    parts = [w for w in scope if names_stem(w)]
    if len(parts) != 1:
        return None
    part = parts[0]
    whole = scope[0] if scope[1] is part else scope[1]
    return ShareClaim(
        stated=prose.operand(v, label=label),
        part=prose.operand(part),
        whole=prose.operand(whole),
        source="prose",
        context=_context(prose, v.start),
    )


# ---------------------------------------------------------------- totals, parts, shares of 100%


def total_claims(prose: Prose) -> Iterable[Claim]:
    yield from _breakdowns(prose)
    yield from _closing_totals(prose)
    yield from _answer_scales(prose)
    yield from _complete_sets(prose)


def _breakdowns(prose: Prose) -> Iterable[Claim]:
    """W…，其中A a，B b: a Sum when W is announced as a total (共计) and the parts are ≥ 2, else a
    Part claim (the parts must not exceed W)."""
    for m in regex.finditer(alternation("total", "breakdown"), prose.norm):
        at = m.start()
        sentence = prose.sentence_of(at)
        parts = _parts_after(prose, m.end(), sentence)
        if not parts:
            continue
        family = unit_family(parts[0].q)
        starts_sentence = not prose.norm[prose.sentence_span(sentence)[0] : at].strip("，, ")
        allowed = {sentence - 1, sentence} if starts_sentence else {sentence}
        candidates = [
            w for w in prose.values
            if w.start < at and w.sentence in allowed and unit_family(w.q) == family and _is_additive(w)
        ]
        if not candidates:
            continue
        whole = candidates[-1]
        if whole.in_comparison or _is_change_value(prose, whole):
            continue
        announced = _announced(whole)
        if len(candidates) > 1 and not announced:
            continue  # 专任教师185人，兼职教师24人，其中…: which figure the breakdown is of is not clear
        if whole.q.hedge is not None or any(p.q.hedge is not None for p in parts):
            continue
        if _modal(prose, whole.start):
            continue
        context = _context(prose, whole.start)
        if announced and len(parts) >= 2:
            operands = tuple(prose.operand(p) for p in parts)
            yield SumClaim(stated=prose.operand(whole), parts=operands, source="prose", context=context)
        else:
            # Not announced as a partition: the parts may overlap (本科学历, 高级职称, 双师型 of the same
            # teachers), so each part on its own must not exceed the whole.
            for p in parts:
                yield PartClaim(stated=prose.operand(whole), parts=(prose.operand(p),), source="prose",
                                context=context)


def _announced(whole: Value) -> bool:
    """The whole is presented as a total: 共计222门, 学校共开设课程230门, 合计…"""
    label = whole.label.replace(" ", "")
    for word in vocab().words("total", "not_markers"):
        label = label.replace(word, "")
    return any(mk in label for mk in vocab().words("total", "whole_markers"))


def _is_change_value(prose: Prose, v: Value) -> bool:
    before = prose.norm[max(0, v.start - 6) : v.start]
    before = regex.sub(r"(?:了|约|达|为)$", "", before)
    return any(before.endswith(w) for w, _ in _direction_words())


def _parts_after(prose: Prose, start: int, sentence: int) -> list[Value]:
    """The values of a 其中 list: consecutive clauses from ``start``, each holding values of the
    first part's unit; the list ends at a clause with none, a rate, a change or a nested 其中."""
    parts: list[Value] = []
    family = None
    clause = prose.clause_of(start)
    _, end = prose.sentence_span(sentence)
    while True:
        a, b = prose.clause_span(clause)
        a = max(a, start)
        if a >= end:
            break
        text = prose.norm[a:b]
        if parts and regex.search(alternation("total", "breakdown"), text):
            break
        if parts and any(text.lstrip().startswith(w) for w in vocab().words("total", "list_breakers")):
            break
        inside = [v for v in prose.values if a <= v.start < b]
        if any(v.q.is_percent or v.q.is_ratio for v in inside):
            break
        if family is None and inside:
            family = unit_family(next((v.q for v in inside if _is_additive(v)), inside[0].q))
        mine = [v for v in inside if unit_family(v.q) == family and _is_additive(v)]
        if not mine or any(_is_change_value(prose, v) for v in mine):
            break
        parts.extend(mine)
        if b >= end or prose.norm[b - 1] in SENTENCE_END:
            break
        clause += 1
    return parts


def _closing_totals(prose: Prose) -> Iterable[Claim]:
    """A a，B b，C c，合计：N — every clause back to the list opener (：) or the sentence start
    must hold exactly one value of N's unit."""
    markers = vocab().words("total", "closing_markers")
    for v in prose.values:
        a, _ = prose.clause_span(v.clause)
        head = prose.norm[a : v.start].strip(" ：:")
        if head not in markers:
            if not (prose.norm[max(0, a - 1)] in "：:" and prose.norm[prose.clause_span(v.clause - 1)[0]:a - 1].strip() in markers):
                continue
            first_clause = v.clause - 1
        else:
            first_clause = v.clause
        if not _is_additive(v) or v.q.hedge is not None:
            continue
        s_start, _ = prose.sentence_span(v.sentence)
        parts: list[Value] = []
        clause = first_clause - 1
        clean = True
        while clause >= 0:
            ca, cb = prose.clause_span(clause)
            if ca < s_start:
                break
            inside = [w for w in prose.values if ca <= w.start < cb]
            text = prose.norm[ca:cb]
            if text.rstrip().endswith(("：", ":")) and not inside:
                break
            if len(inside) != 1 or not _same_family(inside[0].q, v.q) or not _is_additive(inside[0]):
                clean = False
                break
            if inside[0].q.hedge is not None:
                clean = False
                break
            parts.insert(0, inside[0])
            if text.rstrip().endswith(("：", ":")):
                break
            clause -= 1
        if clean and len(parts) >= 2:
            yield SumClaim(
                stated=prose.operand(v, label=core(prose.norm[a : v.start]) or "合计"),
                parts=tuple(prose.operand(p) for p in parts),
                source="prose",
                context=_context(prose, v.start),
            )


def _category(label: str) -> tuple[str, str] | None:
    v = vocab()
    words = [(w, "negative") for w in v.words("shares100", "negative")]
    words += [(w, "neutral") for w in v.words("shares100", "neutral")]
    words += [(w, "positive") for w in v.words("shares100", "positive")]
    words.sort(key=lambda t: len(t[0]), reverse=True)
    for w, kind in words:
        if w in label:
            return w, kind
    return None


def _answer_scales(prose: Prose) -> Iterable[Claim]:
    """比较满意 87.61%，不满意 4.22%，无法评估 9.17%: one answer scale (a positive, a neutral and a
    negative category, each once) in one sentence adds up to 100%."""
    by_sentence: dict[int, list[Value]] = {}
    for v in prose.values:
        if v.q.is_percent and v.q.unit == "%":
            by_sentence.setdefault(v.sentence, []).append(v)
    for values in by_sentence.values():
        group: list[tuple[Value, tuple[str, str]]] = []
        for v in values:
            cat = _category(v.label)
            if cat is None:
                group = []
                continue
            group.append((v, cat))
        # Only the sentence's last run of categorised values, and only if it is the whole sentence.
        if len(group) < 3 or len(group) != len(values):
            continue
        words = [c[0] for _, c in group]
        kinds = {c[1] for _, c in group}
        if len(set(words)) != len(words) or kinds != {"positive", "neutral", "negative"}:
            continue
        if any(v.q.hedge is not None or v.in_comparison for v, _ in group):
            continue
        ops = tuple(prose.operand(v, label=c[0]) for v, c in group)
        yield SumClaim(stated=ops[0], parts=ops, kind="shares100", source="prose",
                       context=_context(prose, group[0][0].start))


def _complete_sets(prose: Prose) -> Iterable[Claim]:
    """高一、高二、高三年级学生分别占在校生总数的30.6%、31.9%、37.5%: a complete set of groups."""
    sets = vocab().sets("shares100", "complete_sets")
    for m in regex.finditer(r"分别占", prose.norm):
        a, _ = prose.clause_span(prose.clause_of(m.start()))
        subjects = [s for s in regex.split(r"、|和|及", prose.norm[a : m.start()]) if s.strip()]
        after = [v for v in prose.values if v.start > m.end() and v.sentence == prose.sentence_of(m.start())]
        shares: list[Value] = []
        for v in after:
            if not v.q.is_percent or v.q.unit != "%":
                break
            if shares and prose.norm[shares[-1].end : v.start].strip() not in ("、", "，", ",", "和", "及"):
                break
            shares.append(v)
        if len(shares) != len(subjects) or len(shares) < 2:
            continue
        complete = False
        for group in sets:
            if len(group) != len(subjects):
                continue
            if all(sum(1 for s in subjects if g in s) == 1 for g in group):
                complete = True
        if not complete or any(v.q.hedge for v in shares):
            continue
        ops = tuple(prose.operand(v, label=s.strip()) for v, s in zip(shares, subjects, strict=True))
        yield SumClaim(stated=ops[0], parts=ops, kind="shares100", source="prose",
                       context=_context(prose, shares[0].start))


# ---------------------------------------------------------------- net changes


def _net_parts(prose: Prose, v: Value) -> tuple[list[Value], list[Value]] | None:
    """After 增加6个，其中…: the values next to a gross-addition word and those next to a removal word."""
    m = regex.match(r"[^，。；,;]{0,3}[，,]\s*其中", prose.norm[v.end :])
    if not m:
        return None
    start = v.end + m.end()
    _, end = prose.sentence_span(v.sentence)
    plus_words, minus_words = alternation("direction", "gross_plus"), alternation("direction", "gross_minus")
    plus: list[Value] = []
    minus: list[Value] = []
    for w in prose.values:
        if not (start <= w.start < end) or not _same_family(w.q, v.q):
            continue
        ca, _ = prose.clause_span(w.clause)
        clause = prose.norm[max(ca, start) : w.start]
        if regex.search(minus_words, clause):
            minus.append(w)
        elif regex.search(plus_words, clause):
            plus.append(w)
        else:
            break
    if not plus or not minus:
        return None
    return plus, minus


def net_change_claims(prose: Prose) -> Iterable[Claim]:
    for ch in _changes(prose):
        v = ch.value
        if v is None or _modal(prose, ch.start):
            continue
        found = _net_parts(prose, v)
        if found is None:
            continue
        plus, minus = found
        yield NetChangeClaim(
            stated=prose.operand(v, label=ch.word, quantity=_folded(v.q, ch.down)),
            plus=tuple(prose.operand(w) for w in plus),
            minus=tuple(prose.operand(w) for w in minus),
            source="prose",
            context=_context(prose, v.start),
        )


# ---------------------------------------------------------------- counts of listed items

_CN = "零〇一二两三四五六七八九十"


def _count_pattern() -> regex.Pattern:
    classifiers = alternation("count", "classifiers")
    return regex.compile(rf"(?P<num>[{_CN}]{{1,3}}|(?<![0-9.])[0-9]{{1,2}}(?![0-9.]))\s?(?P<cls>{classifiers})")


def _split_items(text: str) -> list[str]:
    """Split a list at top-level 、 (not inside brackets or quotes)."""
    items, depth, current = [], 0, ""
    for ch in text:
        if ch in "(（《“【〔[":
            depth += 1
        elif ch in ")）》”】〕]" and depth > 0:
            depth -= 1
        if ch == "、" and depth == 0:
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    return [i for i in items if i.strip()]


def _joined(items: list[str]) -> int:
    """How many more items there may be if 和/及/以及 join two of them."""
    joiners = vocab().words("count", "last_joiners")
    extra = 0
    for item in items:
        text = item
        for j in joiners:
            n = text.count(j)
            if n:
                extra += n
                text = text.replace(j, "")
    return extra


def count_claims(prose: Prose) -> Iterable[Claim]:
    v = vocab()
    between = v.words("count", "between")
    for m in _count_pattern().finditer(prose.norm):
        num_text, cls = m.group("num"), m.group("cls")
        n = int(num_text) if num_text.isdigit() else parse_cn_int(num_text)
        if n is None or n < 2 or n > 30:
            continue
        prev_char = prose.norm[m.start() - 1 : m.start()]
        if prev_char in "第“\"‘'《【[(（" or prose.norm[m.end() : m.end() + 1] in "”\"’'》":
            continue
        if num_text in ("一", "十") or _in_word(prose.norm, m):
            continue
        claim = _listed_before(prose, m, n, cls, between) or _listed_after(prose, m, n, cls)
        if claim is not None:
            yield claim


def _in_word(norm: str, m: regex.Match) -> bool:
    """三方协议, 一体化: a Chinese numeral that is part of a word, not a count (heuristic: the count must
    be followed by its classifier and the classifier by a noun or punctuation, which the pattern
    already requires; here only idioms with a numeral right before are ruled out)."""
    return norm[max(0, m.start() - 1) : m.start()] in _CN


def _count_operand(prose: Prose, m: regex.Match, n: int, cls: str) -> Operand:
    q = Quantity(
        text=prose.text[m.start("num") : m.end("cls")],
        start=m.start("num"),
        end=m.end("cls"),
        mantissa=Decimal(n),
        decimals=0,
        unit=cls,
    )
    return Operand(label=cls, quantity=q, location=prose.location(m.start()))


def _listed_before(prose: Prose, m: regex.Match, n: int, cls: str, between: tuple[str, ...]) -> Claim | None:
    a, _ = prose.clause_span(prose.clause_of(m.start()))
    text = prose.norm[a : m.start()].rstrip()
    partial = False
    for w in between:
        if text.endswith(w):
            text = text[: -len(w)]
            partial = "等" in w
            break
    items = _restart_after_etc(_split_items(text))
    if len(items) < 2:
        return None
    if any(_has_value(prose, a, item) for item in items):
        return None
    if any(len(i.strip()) > 40 for i in items):
        return None
    extra = _joined(items[-1:]) if not partial else _joined(items)
    return CountClaim(
        stated=_count_operand(prose, m, n, cls),
        items=tuple(i.strip() for i in items),
        partial=partial,
        extra=extra,
        source="prose",
        context=_context(prose, m.start()),
    )


def _listed_after(prose: Prose, m: regex.Match, n: int, cls: str) -> Claim | None:
    """两个专业开展了校企合作，分别是A和B / 五个版块：A、B、C."""
    openers = vocab().words("count", "list_openers")
    clause = prose.clause_of(m.start())
    _, b = prose.clause_span(clause)
    rest = prose.norm[m.end() : b]
    nxt_a, nxt_b = prose.clause_span(clause + 1) if clause + 1 < len(prose.clause_starts) else (b, b)
    if rest.endswith(("：", ":")) and len(rest) <= 12:
        body = prose.norm[nxt_a:nxt_b]
    else:
        if prose.norm[b - 1 : b] not in "，,":
            return None
        nxt = prose.norm[nxt_a:nxt_b]
        opener = next((o for o in openers if nxt.startswith(o) and o not in ("：", ":")), None)
        if opener is None:
            return None
        body = nxt[len(opener):]
    body = body.rstrip("。；;，,：: ")
    if not body or any(ch.isdigit() for ch in body):
        return None
    items = _split_items(body)
    if len(items) > 20:
        return None
    partial = body.endswith("等")
    return CountClaim(
        stated=_count_operand(prose, m, n, cls),
        items=tuple(i.strip() for i in items),
        partial=partial,
        extra=_joined(items),
        source="prose",
        context=_context(prose, m.start()),
    )


def _restart_after_etc(items: list[str]) -> list[str]:
    """…A、B等涉及C、D四大类: an earlier list closed by 等 is not part of this one."""
    for i in range(len(items) - 2, -1, -1):
        if "等" in items[i].rstrip("等"):
            head = items[i][items[i].rindex("等") + 1 :]
            return [head] + items[i + 1 :]
    return items


def _has_value(prose: Prose, offset: int, item: str) -> bool:
    """An item holding a figure or a count (A 31间、B 4间; 四大类19个) is not an item of a list."""
    return bool(regex.search(r"\d", item)) or bool(_count_pattern().search(item))


# ---------------------------------------------------------------- floor and ceiling claims


def _bound_op(head: str, tail: str) -> str | None:
    v = vocab()
    op = None
    if any(tail.startswith(w) for w in v.words("bound", "at_least_after")):
        op = ">="
    elif any(tail.startswith(w) for w in v.words("bound", "at_most_after")):
        op = "<="
    for w in v.words("bound", "at_least_before"):
        if head.rstrip().endswith(w):
            op = ">" if w in ("高于", "超过") else ">="
    for w in v.words("bound", "at_most_before"):
        if head.rstrip().endswith(w):
            op = "<" if w in ("低于", "不到", "少于") else "<="
    return op


def bound_claims(prose: Prose) -> Iterable[Claim]:
    """所有项目满意率都在91%之上，其中A为96%…(items after) / 各专业就业率分别为A、B和C，均在90%以上
    (items before): every listed item must satisfy the bound."""
    v = vocab()
    quant = alternation("bound", "quantifiers")
    adverbs = alternation("bound", "adverbs")
    for value in prose.values:
        if not value.q.is_percent:
            continue
        a, b = prose.clause_span(value.clause)
        clause = prose.norm[a:b]
        head = prose.norm[a : value.start]
        op = _bound_op(head, prose.norm[value.end : value.end + 2])
        if op is None or not regex.search(rf"(?:{adverbs})", head):
            continue
        _, s_end = prose.sentence_span(value.sentence)
        items: list[Value] = []
        if regex.search(quant, head):
            # The items: listed right after the claim (其中… / 分别为…) in the same sentence.
            nxt = value.clause + 1
            if nxt >= len(prose.clause_starts):
                continue
            na, _ = prose.clause_span(nxt)
            if prose.sentence_of(na) != value.sentence:
                continue
            if not any(prose.norm[na:].startswith(o) for o in v.words("bound", "item_openers")):
                continue
            items = [w for w in prose.values if na <= w.start < s_end]
        elif regex.match(rf"^\s*(?:{adverbs})(?:保持在|在|为|达到|达)?\s*$", head) and value.clause > 0:
            pa, pb = prose.clause_span(value.clause - 1)
            previous = prose.norm[pa:pb]
            if prose.sentence_of(pa) != value.sentence or not regex.search(rf"分别|{quant}", previous):
                continue
            items = [w for w in prose.values if pa <= w.start < pb]
        if len(items) < 2 or not all(w.q.is_percent and w.q.hedge is None and not w.q.sign for w in items):
            continue
        phrase = clause.strip("，,。；; ")
        yield BoundClaim(
            stated=prose.operand(value, label=phrase),
            op=op,
            items=tuple(prose.operand(w) for w in items),
            phrase=phrase,
            source="prose",
            context=_context(prose, value.start),
        )


FAMILIES: tuple[Callable[[Prose], Iterable[Claim]], ...] = (
    change_claims,
    series_claims,
    share_claims,
    total_claims,
    net_change_claims,
    count_claims,
    bound_claims,
)
