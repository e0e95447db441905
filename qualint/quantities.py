"""Numbers in report text → ``Quantity`` values with their printed precision, unit, scale and role.

Written by hand because no library does this well for Chinese reports (cn2an's sentence mode turns
一职校 into 1职校; pint misreads full-width input). The text is normalised with a 1:1 translation so
every offset stays valid: ``quantity.text == line[quantity.start:quantity.end]`` always holds.

Every numeric token gets a *role*. Only ``value`` tokens are data; the rest (years, dates, ranges,
ordinals, document references, list numbering, codes) are recognised so that they are never checked.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex

from qualint.textnorm import normalise

SCALES = {"万": Decimal(10000), "亿": Decimal(100000000), "千": Decimal(1000), "百万": Decimal(1000000), "千万": Decimal(10000000)}

def scale_word(scale: Decimal) -> str:
    """The word a scale is printed with (10000 → 万), or "" for 1."""
    for word in ("亿", "万", "千万", "百万", "千"):
        if SCALES[word] == scale:
            return word
    return ""


# Longest first so that 人次 wins over 人 and 个百分点 over 个.
UNITS = sorted(
    """个百分点 百分点 % ‰ 元/生 元/人 元 人次 人 平方米 平米 ㎡ m² 亩 公顷 册 台 套 个 门 间 名 所 项 次 件 部 本 篇
    位 家 期 天 小时 课时 学时 学分 分 岁 年 月 日 周 倍 班 支 条 处 座 张 种 类 批 场 节 辆 架 千米 公里 米 户 组 册次 人天
    课 届 栋 层 GB G M 兆 万""".split(),
    key=len,
    reverse=True,
)

HEDGE_BEFORE = {
    "约": "approx", "大约": "approx", "近": "approx", "将近": "approx", "接近": "approx", "大概": "approx",
    "超过": "over", "逾": "over", "多于": "over", "高于": "over",
    "不足": "under", "不到": "under", "少于": "under", "低于": "under",
    "不低于": "atleast", "不少于": "atleast", "至少": "atleast", "以上": "atleast",
    "不超过": "atmost", "不高于": "atmost", "至多": "atmost", "最多": "atmost",
}
HEDGE_AFTER = {"多": "over", "余": "over", "以上": "atleast", "以下": "atmost", "左右": "approx", "上下": "approx"}

_UNIT_ALT = "|".join(regex.escape(u) for u in UNITS)
# Spaces inside a token ("100 人", "15.7 : 1") never include a line break: in a paragraph joined from
# several source lines (Markdown) a token must stay on its line, or its finding points at the wrong one.
_TOKEN = regex.compile(
    r"""
    (?:(?<![A-Za-z0-9_.\-~～—])(?P<sign>[+\-↑↓])[^\S\r\n]?(?=\d))?
    (?<![A-Za-z0-9_.])
    (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
    (?![A-Za-z_])
    (?P<arrow>[^\S\r\n]?[↑↓])?
    (?:[^\S\r\n]?:[^\S\r\n]?(?P<num2>\d+(?:\.\d+)?)(?![\d.]))?
    (?P<post>多|余)?
    (?P<scale>千万|百万|万|亿)?
    (?P<unit>[^\S\r\n]?(?:""" + _UNIT_ALT + r"""))?
    """,
    regex.VERBOSE | regex.ASCII,  # ASCII digits only: full-width ones are folded first, other scripts are not numbers here
)
_YEAR_NEXT = regex.compile(r"^(?:年|学年|届|级|\s*[-~～—至到]+\s*(?:19|20)\d\d|\.\d{1,2}(?:\.\d{1,2})?(?!\d))")
_RANGE_NEXT = regex.compile(r"^\s?(?:[~～—]|-{1,2}|至|到)\s?[+\-]?\d")
_RANGE_PREV = regex.compile(r"\d\s?(?:[~～—]|-{1,2}|至|到)\s?[+\-]?$")
_REF_PREV = regex.compile(r"(?:第|表|图|附件|附表|案例|序号|编号|No\.?|NO\.?|#)\s?$")
_REF_NEXT = regex.compile(r"^(?:号|期|版|届|级|楼|栋|室|路|街|条(?!件)|章|节(?!课)|款)")
_BRACKET_PREV = regex.compile(r"[〔【\[]\s?$")
_NUMBERING = regex.compile(r"^\s*(?:[(（]?\d{1,2}[)）]|\d{1,2}(?:\.\d{1,2})*[.、．]?)(?=\s*[\p{Han}“\"《【])")
_COMPOUND = regex.compile(r"[“\"'‘]\s?\d+(?:\s?[+×xX]\s?[\dA-Za-z]+)+\s?[”\"'’]|\d+\s?\+\s?[A-Za-z]")
_DATE = regex.compile(r"(?:19|20)\d\d\.(?:0?[1-9]|1[0-2])(?:\.(?:[0-2]?\d|3[01]))?(?![\d.])")


@dataclass(frozen=True)
class Quantity:
    """A number as printed. ``mantissa`` is the printed number with its sign; ``value`` applies the
    scale (万/亿). ``decimals`` counts printed decimals, trailing zeros included, so 100.00% has 2.

    ``role`` is ``value`` for data, else year/date/range/ordinal/ref/numbering/code/compound.
    ``unit`` is normalised (平米 → 平方米, ％ → %); ``pp`` marks 个百分点.
    """

    text: str
    start: int
    end: int
    mantissa: Decimal
    decimals: int
    scale: Decimal = Decimal(1)
    unit: str | None = None
    sign: str | None = None
    hedge: str | None = None
    role: str = "value"
    denominator: Decimal | None = None  # for ratios a:b, the b

    @property
    def value(self) -> Decimal:
        return self.mantissa * self.scale

    @property
    def is_percent(self) -> bool:
        return self.unit in ("%", "个百分点")

    @property
    def is_ratio(self) -> bool:
        return self.denominator is not None

    @property
    def half_unit(self) -> Decimal:
        """Half of the last printed digit, in value units. Zero for exact counts (whole numbers with
        no scale and no percent), since a head count printed as 2442 is exact."""
        if self.decimals == 0 and self.scale == 1 and not self.is_percent and not self.is_ratio:
            return Decimal(0)
        return Decimal(5).scaleb(-(self.decimals + 1)) * self.scale

    @property
    def exact(self) -> bool:
        return self.half_unit == 0 and self.hedge is None


def parse_decimal(digits: str) -> tuple[Decimal, int]:
    """'1,234.50' → (Decimal('1234.50'), 2)."""
    plain = digits.replace(",", "")
    try:
        value = Decimal(plain)
    except InvalidOperation as exc:  # pragma: no cover - the regex only lets digits through
        raise ValueError(digits) from exc
    decimals = len(plain.split(".", 1)[1]) if "." in plain else 0
    return value, decimals


_UNIT_ALIASES = {"平米": "平方米", "㎡": "平方米", "m²": "平方米", "百分点": "个百分点", "G": "GB"}


# The checks that look after a number, matched at its end offset (``pattern.match(norm, pos)``) so
# that no slice of the rest of the line is copied: a 1 MB line stays linear, not quadratic.
_YEAR_AFTER = regex.compile(_YEAR_NEXT.pattern[1:])
_REF_AFTER = regex.compile(_REF_NEXT.pattern[1:])
_YEAR_RANGE_AFTER = regex.compile(r"\s*(?:[-~～—至到]|$)")
_YEAR_RANGE_BEFORE = regex.compile(r"[-~～—至到]\s?$")
_YEAR_DASH_BEFORE = regex.compile(r"(?:年|年度|学年|\d)\s?-\s?$")
_DAY_AFTER = regex.compile(r"\s?(?:月|日|时|点|分钟|号)")
_YEAR_BEFORE = regex.compile(r"(?:19|20)\d\d\s?(?:年|\.)\s?$")
_ORDINAL_AFTER = regex.compile(r"\s?(?:级|届)(?!\S*(?:人|名))")
_LEADING_SPACE = regex.compile(r"\s*")
#: How far before a number the patterns that end at it (第, 表, 2019年, 2019-) can reach; each of them
#: matches at most 8 characters, so a 16-character window gives the same answers as the whole prefix.
_BEFORE_WINDOW = 16
#: How far after 3级 the ordinal test looks for 人/名 (3级学生120人 is a count, not an ordinal).
_ORDINAL_LOOKAHEAD = 40


#: Lengths of the hedge words, longest first (不低于 before 低于): a suffix lookup per length replaces
#: trying every word with ``endswith``.
_HEDGE_LENGTHS = sorted({len(w) for w in HEDGE_BEFORE}, reverse=True)
#: Hedges that follow a number and are not part of its token (多/余 are matched by the token itself).
_HEDGE_AFTER_WORDS = {w: h for w, h in HEDGE_AFTER.items() if w not in ("多", "余")}
assert all(len(w) == 2 for w in _HEDGE_AFTER_WORDS)  # looked up as the two characters after the token
_DIGIT = regex.compile(r"[0-9]")


def _hedge_before(norm: str, start: int) -> str | None:
    window = norm[max(0, start - 4) : start].rstrip()
    for length in _HEDGE_LENGTHS:
        hedge = HEDGE_BEFORE.get(window[-length:]) if len(window) >= length else None
        if hedge is not None:
            return hedge
    return None


class _Line:
    """Per-text facts computed once per scan so that each token's role costs O(1), not O(len).
    (A plain slotted class: built once per scanned text, where a frozen dataclass costs more.)"""

    __slots__ = ("norm", "compound_starts", "compound_ends", "leading_regex_space", "leading_str_space")

    def __init__(self, norm: str):
        spans = [c.span() for c in _COMPOUND.finditer(norm)] if ("+" in norm or "×" in norm) else []
        self.norm = norm
        self.compound_starts = tuple(a for a, _ in spans)
        self.compound_ends = tuple(b for _, b in spans)
        self.leading_regex_space = _LEADING_SPACE.match(norm).end()  # end of the leading run of regex \s
        self.leading_str_space = len(norm) - len(norm.lstrip())  # end of what str.strip removes

    def in_compound(self, pos: int) -> bool:
        i = bisect_right(self.compound_starts, pos) - 1
        return i >= 0 and pos < self.compound_ends[i]


def _role(line: _Line, m: regex.Match, num: str) -> str:
    norm = line.norm
    start, end, num_end = m.start("num"), m.end(), m.end("num")
    before = norm[max(0, start - _BEFORE_WINDOW) : start]
    sign = m.group("sign") or ""
    unit = (m.group("unit") or "").strip()
    if line.in_compound(start):
        return "compound"
    if _DATE.match(norm, start) and not unit and not m.group("scale") and not m.group("num2"):
        return "date"
    if _REF_PREV.search(before) or _BRACKET_PREV.search(before):
        return "ref"
    if _REF_AFTER.match(norm, num_end):
        return "ref"
    integer = "." not in num and "," not in num
    # 2020年-2021年: the dash joins two years, it is not a minus sign.
    year_range_dash = sign == "-" and _YEAR_DASH_BEFORE.search(before) is not None
    if integer and len(num) == 4 and num[:2] in ("19", "20") and (not sign or year_range_dash) and not m.group("scale"):
        if unit in ("年",) or _YEAR_AFTER.match(norm, num_end):
            return "year"
        if (unit == "" and _YEAR_RANGE_AFTER.match(norm, num_end)
                and (start <= line.leading_regex_space or _YEAR_RANGE_BEFORE.search(before))):
            return "year"
    if _DAY_AFTER.match(norm, num_end) and integer and len(num) <= 2:
        return "date"
    if _YEAR_BEFORE.search(before) and integer and len(num) <= 2:
        return "date"
    if _RANGE_PREV.search(before[-6:]) and not sign:
        return "range"
    if _RANGE_NEXT.match(norm[end : end + 8]):
        return "range"
    if integer and len(num) >= 11 and num[0] in "01":
        return "code"
    if integer and len(num) <= 2 and _ORDINAL_AFTER.match(norm, num_end, num_end + _ORDINAL_LOOKAHEAD):
        return "ordinal"
    if not unit and not sign and _line_start(line, start) and _NUMBERING.match(norm, 0, num_end + 8):
        return "numbering"
    return "value"


def _line_start(line: _Line, start: int) -> bool:
    """Only blanks before ``start``, or ``start`` begins a source line of a multi-line paragraph."""
    return start <= line.leading_str_space or line.norm[start - 1] == "\n"


# Every layer (tables, indicators, prose) scans the same cells and sentences; the cache must hold a
# whole report's texts or a long report rescans them all (at 4096 a 1 MB report missed most).
@lru_cache(maxsize=65536)
def _scan(text: str) -> tuple[Quantity, ...]:
    norm = normalise(text)
    if not _DIGIT.search(norm):  # most cells and many lines hold no number at all
        return ()
    out: list[Quantity] = []
    line = _Line(norm)
    for m in _TOKEN.finditer(norm):
        num, sign, arrow, num2, post, scale_word, unit = m.group("num", "sign", "arrow", "num2", "post", "scale", "unit")
        mantissa, decimals = parse_decimal(num)
        arrow = (arrow or "").strip() or None
        if sign in ("-", "↓") or arrow == "↓":
            mantissa = -mantissa
        unit = (unit or "").strip() or None
        scale = SCALES.get(scale_word or "", Decimal(1))
        if unit == "万":  # a bare 万 matched as unit after an explicit scale never happens; as unit it is a scale
            scale, unit = SCALES["万"], None
        unit = _UNIT_ALIASES.get(unit, unit) if unit else None
        hedge = _hedge_before(norm, m.start())
        if post:
            hedge = HEDGE_AFTER[post]
        hedge = _HEDGE_AFTER_WORDS.get(norm[m.end() : m.end() + 2], hedge)
        denominator = None
        if num2 is not None:
            denominator, _ = parse_decimal(num2)
        role = _role(line, m, num)
        if denominator is not None and role != "value":
            denominator = None
        start = m.start("sign") if sign else m.start("num")
        end = m.end()
        # Trim trailing whitespace captured before a unit that did not match.
        while end > start and norm[end - 1].isspace():
            end -= 1
        out.append(
            Quantity(
                text=text[start:end],
                start=start,
                end=end,
                mantissa=mantissa,
                decimals=decimals,
                scale=scale,
                unit=unit,
                sign=sign or arrow,
                hedge=hedge,
                role=role,
                denominator=denominator,
            )
        )
    return tuple(out)


def scan(text: str) -> tuple[Quantity, ...]:
    """All numeric tokens in ``text`` with their roles, in order."""
    if len(text) > 20000:  # long lines are scanned uncached to keep the cache small
        return _scan.__wrapped__(text)
    return _scan(text)


def extract(text: str) -> list[Quantity]:
    """Only the data values in ``text``."""
    return [q for q in scan(text) if q.role == "value"]


def years(text: str) -> list[int]:
    """Calendar years named in ``text`` (2019年, 2020年度, 2018-2019学年 → both ends)."""
    return [int(q.mantissa) for q in scan(text) if q.role == "year"]


_CELL_SUFFIX = regex.compile(r"[(（]?[\p{Han}]{0,3}[)）]?|[*＊]")


def parse_cell(text: str) -> Quantity | None:
    """The single data value of a table cell, or None when the cell is not one number.

    A cell such as ``+6.9%`` or ``2442`` or ``15.12:1`` gives its value; ``1000～1500`` (a range),
    ``2019.8`` (a date) and cells with more than one number give None.
    """
    stripped = text.strip()
    if not stripped or len(stripped) > 40:
        return None
    tokens = scan(stripped)
    if len(tokens) != 1:
        return None
    q = tokens[0]
    if q.role != "value":
        return None
    prefix, suffix = stripped[: q.start].strip(), stripped[q.end :].strip()
    if prefix and prefix not in HEDGE_BEFORE:
        return None  # 基地1, 表3: a name with a number in it, not a value
    if suffix and not _CELL_SUFFIX.fullmatch(suffix):
        return None
    return q


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def parse_cn_int(text: str) -> int | None:
    """Small Chinese numerals (一 … 九十九, 两) → int; None if ``text`` is not one."""
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_DIGITS.get(tens, None) if tens else 1
        o = _CN_DIGITS.get(ones, 0) if ones else 0
        if t is None or (ones and ones not in _CN_DIGITS):
            return None
        return t * 10 + o
    if len(text) == 1:
        return _CN_DIGITS[text]
    return None
