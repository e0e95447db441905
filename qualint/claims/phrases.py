"""The words and the sentence layout the prose extractor works with.

``vocab()`` loads ``rules/prose/phrases.toml`` once (the words are data). ``analyse(paragraph)`` turns a
paragraph into a ``Prose``: its normalised text, its sentences and clauses, and every data value with
the label written in front of it, the words written after it and the year it belongs to. Families of
claims (``qualint.claims.prose``) only look at this view.
"""

from __future__ import annotations

import tomllib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

from qualint.claims.model import Operand
from qualint.document import Location, Paragraph
from qualint.quantities import Quantity, scan
from qualint.textnorm import normalise

SENTENCE_END = "。；;！？!?\n"
CLAUSE_END = SENTENCE_END + "，,：:"
# Where a label stops when read backwards from its number.
LABEL_STOP = CLAUSE_END + "、（()）《》【】〔〕\t"
_QUOTES = "“”\"'‘’「」『』 \u3000"


@dataclass(frozen=True)
class Vocab:
    raw: dict
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    def words(self, section: str, key: str) -> tuple[str, ...]:
        """A word list, longest first (so 人次 is tried before 人)."""
        found = self._cache.get((section, key))
        if found is None:
            found = tuple(sorted(self.raw.get(section, {}).get(key, []), key=len, reverse=True))
            self._cache[(section, key)] = found
        return found

    def sets(self, section: str, key: str) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(s) for s in self.raw.get(section, {}).get(key, []))


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    from qualint.rulepack import rules_dir

    with open(rules_dir() / "prose" / "phrases.toml", "rb") as fh:
        return Vocab(tomllib.load(fh))


@lru_cache(maxsize=256)
def alternation(section: str, key: str) -> str:
    """A regex alternation of a word list (longest first), for building patterns."""
    return "|".join(regex.escape(w) for w in vocab().words(section, key))


def strip_words(text: str, leading: tuple[str, ...] = (), trailing: tuple[str, ...] = ()) -> str:
    """Remove filler words from both ends, repeatedly (longest first)."""
    changed = True
    while changed and text:
        changed = False
        for w in leading:
            if text.startswith(w) and len(text) > len(w):
                text, changed = text[len(w):], True
                break
        for w in trailing:
            if text.endswith(w) and len(text) > len(w):
                text, changed = text[: -len(w)], True
                break
    return text


@lru_cache(maxsize=8192)
def core(label: str) -> str:
    """A label reduced to what it names: quotes, spaces and filler words removed."""
    v = vocab()
    text = "".join(ch for ch in label if ch not in _QUOTES)
    return strip_words(text, v.words("labels", "leading"), v.words("labels", "trailing"))


@lru_cache(maxsize=8192)
def key(label: str) -> str:
    """``core`` without count suffixes: 专任教师数 and 专任教师 give the same key."""
    text = core(label)
    for suffix in vocab().words("share", "count_suffixes"):
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


def labels_match(a: str, b: str) -> bool:
    """Two labels name the same figure when one contains the other (at least two characters)."""
    ka, kb = key(a), key(b)
    if len(ka) < 2 or len(kb) < 2:
        return False
    return ka in kb or kb in ka


@lru_cache(maxsize=1024)
def unit_family(q: Quantity) -> str:
    """The unit a value counts in, with synonyms folded (名 = 人) and percent kept apart."""
    if q.is_ratio:
        return ":"
    unit = q.unit or ""
    for group in vocab().sets("labels", "same_units"):
        if unit in group:
            return group[0]
    return unit


@dataclass(frozen=True)
class Value:
    """A data value in a paragraph with what the sentence says about it."""

    q: Quantity
    index: int
    sentence: int
    clause: int
    label: str  # the words in front of it, back to the previous number or punctuation
    after: str  # the words after it (and its unit), up to the next punctuation or number
    year: int | None
    in_comparison: bool = False  # inside 比/较 …: the previous period's value
    dated: bool = False  # its year is named in its own sentence (not carried over from an earlier one)

    @property
    def start(self) -> int:
        return self.q.start

    @property
    def end(self) -> int:
        return self.q.end


@dataclass(frozen=True)
class Prose:
    """One paragraph seen as sentences, clauses and labelled values."""

    paragraph: Paragraph
    text: str
    norm: str
    values: tuple[Value, ...]
    tokens: tuple[Quantity, ...]
    sentence_starts: tuple[int, ...]
    clause_starts: tuple[int, ...]
    _years: tuple[tuple[int, int], ...] = field(default=())

    def sentence_of(self, offset: int) -> int:
        return _bisect(self.sentence_starts, offset)

    def clause_of(self, offset: int) -> int:
        return _bisect(self.clause_starts, offset)

    def sentence_span(self, index: int) -> tuple[int, int]:
        start = self.sentence_starts[index]
        end = self.sentence_starts[index + 1] if index + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def clause_span(self, index: int) -> tuple[int, int]:
        start = self.clause_starts[index]
        end = self.clause_starts[index + 1] if index + 1 < len(self.clause_starts) else len(self.text)
        return start, end

    def sentence_text(self, offset: int) -> str:
        a, b = self.sentence_span(self.sentence_of(offset))
        return " ".join(self.norm[a:b].split()).strip(SENTENCE_END + "，, ")

    def location(self, offset: int) -> Location:
        p = self.paragraph.location
        return Location(line=self.paragraph.line_of(offset), heading=p.heading, page=p.page)

    def operand(self, value: Value, label: str | None = None, quantity: Quantity | None = None) -> Operand:
        return Operand(
            label=label if label is not None else (core(value.label) or core(value.after)),
            quantity=quantity if quantity is not None else value.q,
            location=self.location(value.start),
        )

    def year_at(self, offset: int) -> int | None:
        """The running year at ``offset`` (the last year named before it, comparisons excluded)."""
        i = bisect_right(self._years, (offset, 10**9))
        return self._years[i - 1][1] if i else None


def _bisect(starts: tuple[int, ...], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _starts(norm: str, stops: str) -> tuple[int, ...]:
    out = [0]
    for i, ch in enumerate(norm):
        if ch in stops and i + 1 < len(norm):
            if ch in ",.:" and 0 < i and norm[i - 1].isdigit() and norm[i + 1].isdigit():
                continue  # 3,046 and 16.38:1: a separator inside a number ends nothing
            out.append(i + 1)
    return tuple(out)


def _is_year_value(q: Quantity) -> bool:
    """``-2021年`` in 2020年-2021年 scans as a value; a four-digit 年 figure is a year, not data."""
    return q.unit == "年" and q.decimals == 0 and Decimal(1900) <= abs(q.mantissa) <= Decimal(2100)


def analyse(paragraph: Paragraph) -> Prose:
    text = paragraph.text
    norm = normalise(text)
    tokens = scan(text)
    sentence_starts = _starts(norm, SENTENCE_END)
    clause_starts = _starts(norm, CLAUSE_END)
    comparison = tuple(vocab().words("direction", "comparison")) + ("由", "从", "自", "在")
    # Running year: each year token moves it, unless the year is a point of comparison (比2018年);
    # then only a parenthesis right after it (与2019年（…）比较) belongs to that year.
    years: list[tuple[int, int]] = []
    comparison_spans: list[tuple[int, int, int]] = []
    running: int | None = None
    for q in tokens:
        if q.role != "year" and not _is_year_value(q):
            continue
        y = int(abs(q.mantissa))
        before = norm[max(0, q.start - 3) : q.start]
        if any(before.endswith(w) for w in comparison):
            rest = norm[q.end : q.end + 3]
            if rest[:1] in "(（" or rest[1:2] in "(（":
                close = norm.find(")", q.end)
                if close > 0:
                    comparison_spans.append((q.end, close, y))
                    years.append((q.end, y))
                    years.append((close, running if running is not None else -1))
            continue
        running = y
        years.append((q.start, y))
    years.sort()
    prose = Prose(paragraph, text, norm, (), tokens, sentence_starts, clause_starts, tuple(years))
    values: list[Value] = []
    data = [q for q in tokens if q.role == "value" and not _is_year_value(q)]
    ends = sorted(q.end for q in tokens)
    starts = sorted(q.start for q in tokens)
    for i, q in enumerate(data):
        label = _label_before(norm, q.start, ends)
        after = _words_after(norm, q.end, starts)
        y = prose.year_at(q.start)
        s_start, _ = prose.sentence_span(prose.sentence_of(q.start))
        k = bisect_right(years, (q.start, 10**9))
        dated = k > 0 and years[k - 1][0] >= s_start and years[k - 1][1] != -1
        values.append(
            Value(
                q=q,
                index=i,
                sentence=prose.sentence_of(q.start),
                clause=prose.clause_of(q.start),
                label=label,
                after=after,
                year=None if y == -1 else y,
                in_comparison=_in_comparison(norm, q.start, comparison_spans),
                dated=dated and y not in (None, -1),
            )
        )
    return Prose(paragraph, text, norm, tuple(values), tokens, sentence_starts, clause_starts, tuple(years))


def _label_before(norm: str, start: int, ends: list[int]) -> str:
    i = start
    k = bisect_right(ends, start)
    floor = ends[k - 1] if k else 0
    while i > floor and norm[i - 1] not in LABEL_STOP:
        i -= 1
    return norm[i:start].strip()


def _words_after(norm: str, end: int, starts: list[int]) -> str:
    k = bisect_left(starts, end)
    ceiling = starts[k] if k < len(starts) else len(norm)
    j = end
    while j < ceiling and norm[j] not in LABEL_STOP:
        j += 1
    return norm[end:j].strip()


_COMPARE = regex.compile(r"(?<!比)(?:比|较)(?!较|大|好|为|高|低|强|差|满意|多|少|快|慢|完善|稳定|丰富|明显|充分)")


def _in_comparison(norm: str, start: int, spans: list[tuple[int, int, int]]) -> bool:
    """A value inside 比(上年度)… / 较… before its direction word (比上年度97.3%降低了2.8%), or in the
    parenthesis of 与2019年（…）比较: the previous period's value, not this period's."""
    if any(a <= start < b for a, b, _ in spans):
        return True
    clause = max(norm.rfind(c, 0, start) for c in CLAUSE_END) + 1
    window = norm[max(clause, start - 16) : start]
    opener = None
    for m in _COMPARE.finditer(window):
        opener = m
    if opener is None:
        return False
    rest = window[opener.end() :]
    v = vocab()
    return not any(w in rest for w in v.words("direction", "up") + v.words("direction", "down"))
