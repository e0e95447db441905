"""Indicator mentions: every place the report states the value of a named figure (在校生 2442人, a
table cell under 招生数 in the 2019年 row), with the year and scope it is stated for.

Mentions feed the cross-reference check (the same figure stated differently in two places) and the
formula checks (生均X = X / 在校生, 生师比 = 在校生 / 专任教师), which look their operands up here.

Precision over recall: a mention is only produced when the figure, its year and its scope can all be
read without guessing. In prose that means the indicator name is followed directly by the number
(「在校生2442人」, 「专任教师达到1458人」), the year is stated in the same sentence (or the paragraph
names no year at all and the report has a title year), and nothing narrows the population except
known scope words (全日制, 学历教育 …), which become part of the scope. Plans (将达到, 预计),
the past (原有, 上年), standards (不低于, 要求) and distributive subjects (各专业, 每个班) are dropped.
In tables a mention needs a year axis (year rows or year columns) or a single year in the caption,
and an indicator name in the column header, the row label or the caption.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

import regex

from qualint.claims import vocabulary as vocab_mod
from qualint.claims.model import Claim, MentionClaim, Operand
from qualint.claims.table_view import build_view, squash
from qualint.claims.vocabulary import Indicator, Vocabulary, label_key
from qualint.document import Document, Location, Paragraph, Table
from qualint.quantities import SCALES, Quantity, scan
from qualint.textnorm import normalise


@dataclass(frozen=True, kw_only=True)
class IndicatorMention(MentionClaim):
    """A ``MentionClaim`` with what comparing two mentions needs besides indicator, year and scope:
    ``period`` ("" for calendar/report years, "学年" for school years), the effective ``unit`` (from
    the number, the column header or the indicator), whether the year was only inferred from the
    report title, and where it came from (``prose``, ``table``)."""

    unit: str = ""
    period: str = ""
    year_inferred: bool = False
    kind: str = "count"

    @property
    def key(self) -> tuple:
        return (self.indicator, self.year, self.period, self.scope, self.unit)


# --------------------------------------------------------------------------- text helpers

_BRACKETS = regex.compile(r"《[^《》]*》|〈[^〈〉]*〉|【[^【】]*】|\[[^\[\]]*\]|〔[^〔〕]*〕|\([^()]*\)|（[^（）]*）")
_YEAR = regex.compile(
    r"(?P<y1>(?:19|20)\d\d)(?P<d1>\.\d{1,2}(?:\.\d{1,2})?)?\s*"
    r"(?:(?P<k1>年度|年)?\s*[-~～—至到]+\s*(?P<y2>(?:19|20)\d\d)(?P<d2>\.\d{1,2}(?:\.\d{1,2})?)?\s*)?"
    r"(?P<kind>学年度|学年|年度|年|届|级)"
)
_SCOPE_NOTE = regex.compile(r"\s*[(（【\[][^()（）]{0,20}?(?:含|包括|不计|其中|全日制|在编|外聘|兼职|合计)")
_QUOTES = "“”\"‘’'「」『』 \t\u3000"
_SENTENCE_END = "。！？!?\n"
_SEGMENT_END = "；;"
_CLAUSE_END = "，,、:：；;。！？!?\n"
_LINKER = regex.compile(
    r"(?:的)?(?:总数|总量|总额|总值|人数|数量|数|规模)?\s*(?:一共|共计|合计|总计|共有|共|为|是|有|达到|已达到|已达|达|约为|约|近|将近|超过|逾|计|:|：)*\s*(?:了)?\s*"
)
_DISTRIBUTIVE = regex.compile(r"各|每个|每所|每班|每位|分别|平均|人均|均为|其余|剩余|另外")
_ORG_SUFFIX = regex.compile(r"学校|职校|院校|学院|分校|校区|中心|中学|大学|集团|公司|企业|中专|职专|职中|技校|职高|医院|幼儿园|小学")
_ORG_STOP = set("是有在为和的对将把被由从向与及了，,、:：;；。（）() ")
_YEARISH = regex.compile(r"(?:19|20)\d\d\s*(?:学年度|学年|年度|年)?")


def _orgs(text: str) -> list[str]:
    """Organisation names in ``text`` (a school, a company, another college): the org word with the
    Han characters before it up to a verb or particle (「共有高中阶段学校」 → 高中阶段学校)."""
    text = _YEARISH.sub("，", text)
    out = []
    for m in _ORG_SUFFIX.finditer(text):
        i = m.start()
        if text.startswith("其中", i - 1):
            continue  # 其中专任教师, 其中学生, 其中心理…: not 中专/中学/中心
        while i > 0 and m.start() - i < 12 and text[i - 1] not in _ORG_STOP and regex.match(r"\p{Han}", text[i - 1]):
            i -= 1
        out.append(text[i : m.end()])
    return out
_REPORT_TITLE = regex.compile(
    r"^(?P<subject>.{0,40}?)\s*(?P<year>(?:19|20)\d\d)\s*(?:[-~～—至到]\s*(?:19|20)?\d\d\s*)?(?:学?年度?)?\s*(?:的)?\s*(?:[\p{Han}]{0,8})?质量(?:年度)?报告"
)
_REPORT_TITLE_AFTER = regex.compile(r"质量(?:年度)?报告\s*[(（]\s*(?P<year>(?:19|20)\d\d)\s*(?:学?年度?)?\s*[)）]")


def scan_values(text: str) -> tuple[Quantity, ...]:
    """``quantities.scan`` for prose, empty when the scanner cannot read the text (it raises on
    non-ASCII digits such as U+11F50; reported upstream) — one odd paragraph must not stop the file."""
    try:
        return scan(text)
    except (ValueError, ArithmeticError):
        return ()


def _compact(text: str) -> tuple[str, list[int]]:
    """``text`` without quotes and spaces, and for each kept character its offset in ``text``."""
    chars, offsets = [], []
    for i, ch in enumerate(text):
        if ch in _QUOTES:
            continue
        chars.append(ch)
        offsets.append(i)
    return "".join(chars), offsets


def _blank_brackets(text: str) -> str:
    """Brackets (book titles, document numbers, notes) replaced by spaces: their years and names
    are not the subject of the sentence."""
    for _ in range(2):
        text = _BRACKETS.sub(lambda m: " " * len(m.group(0)), text)
    return text


def _last_index(text: str, chars: str, end: int) -> int:
    return max(text.rfind(ch, 0, end) for ch in chars)


@dataclass(frozen=True)
class YearRead:
    year: int | None
    period: str = ""
    certain: bool = True


def read_year(prefix: str, vocab: Vocabulary) -> YearRead | None:
    """The year a figure belongs to from the text before it (already cut at the sentence start):
    the nearest year expression. None when there is none; ``certain=False`` when the nearest year is
    a point of comparison (比2018年, 与2019年相比, 在2018学年…的基础上), a date or a cohort."""
    found = list(_YEAR.finditer(prefix))
    if not found:
        return None
    m = found[-1]
    kind = m.group("kind")
    y2 = m.group("y2")
    year = int(y2 or m.group("y1"))
    before = prefix[max(0, m.start() - 3) : m.start()].strip()
    after = prefix[m.end() : m.end() + 4]
    if any(before.endswith(w) for w in vocab.comparison_before_year) or any(after.startswith(w) for w in vocab.comparison_after_year):
        return YearRead(year, certain=False)
    if kind in ("届", "级"):
        return YearRead(year, certain=False)
    if regex.match(r"[上下]半年|秋季?|春季?|[一二三四1-4]季度|\d{1,2}月|初|底|末|[上下]学期|第[一二]学期", prefix[m.end() : m.end() + 4]):
        return YearRead(year, certain=False)
    if y2 or m.group("d1"):
        # 2018-2019年 is a span and 2019.8 a date: neither names one year of the figure; nor does
        # 2020-2021学年 (some call it 2020学年, others 2021学年).
        return YearRead(year, certain=False)
    if kind.startswith("学年"):
        return YearRead(year, "学年")
    return YearRead(year, "")


def report_year(document: Document) -> tuple[int | None, str]:
    """The year in the report's title (「XX学校2019年度质量报告」, 「质量年度报告（2021）」) and the
    subject named before it; (None, "") when the first lines name no such title."""
    for i, p in enumerate(document.paragraphs()):
        if i >= 6:
            break
        text = normalise(p.text).strip()
        if len(text) > 80:
            continue
        m = _REPORT_TITLE.search(text)
        if m:
            return int(m.group("year")), m.group("subject").strip()
        m = _REPORT_TITLE_AFTER.search(text)
        if m:
            return int(m.group("year")), text[: text.find("质量")].strip()
    return None, ""


# --------------------------------------------------------------------------- prose

@dataclass(frozen=True)
class _DocInfo:
    year: int | None
    subject: str
    section: str = ""  # organisation named by the nearest heading-like line (（一）某某职业学校)


def _neutral_org(org: str, info: _DocInfo, vocab: Vocabulary) -> bool:
    org = org.strip()
    if not org:
        return True
    for w in sorted(vocab.neutral, key=len, reverse=True):
        if org.startswith(w) and org != w:
            org = org[len(w):]
            break
    if org in vocab.neutral or org in ("学校", "我校", "本校", "全校", "该校", "校") or _ORG_SUFFIX.fullmatch(org):
        return True
    return bool(info.subject) and (org in info.subject or info.subject.endswith(org))


def _scope_from_left(left: str, vocab: Vocabulary) -> str | None:
    """Scope words directly before the indicator name in its clause (neutral words and a year
    dropped): "" when nothing narrows it, the scope words when only those do, None when an unknown
    modifier stands there (the mention is then not used)."""
    rest = regex.sub(r"(?:19|20)\d\d\s*(?:学年度|学年|年度|年)?", "", left).strip()
    changed = True
    neutral = sorted(vocab.neutral, key=len, reverse=True)
    scopes: list[str] = []
    while rest and changed:
        changed = False
        for w in neutral:
            if rest.endswith(w):
                rest = rest[: -len(w)].rstrip()
                changed = True
                break
        else:
            for w in sorted(vocab.scope_words, key=len, reverse=True):
                if rest.endswith(w):
                    scopes.append(w)
                    rest = rest[: -len(w)].rstrip()
                    changed = True
                    break
    if rest and _ORG_SUFFIX.search(rest[-2:]):
        rest = ""  # a school or company named just before: the organisation scope covers it
    if rest and regex.search(r"[\p{Han}A-Za-z0-9]$", rest):
        # "专任教师中双师型教师": a subset named by its superset is the same figure.
        m = regex.search(r"(" + vocab.alias_pattern.pattern + r")[中里内]$", rest)
        if not m:
            return None
    return "+".join(sorted(scopes))


@dataclass(frozen=True)
class RawValue:
    """An indicator name directly followed by its value in prose, before year and scope are read."""

    start: int  # offset of the indicator name in the paragraph
    alias: str
    indicator: Indicator
    quantity: Quantity


def raw_values(p: Paragraph, vocab: Vocabulary) -> tuple[str, list[RawValue]]:
    """The paragraph text (normalised, brackets blanked) and every 「name + value」 in it."""
    text = p.text
    if not text.strip() or len(text) > 20000:
        return "", []
    norm = _blank_brackets(normalise(text))
    compact, offsets = _compact(norm)
    quantities = {q.start: q for q in scan_values(text) if q.role == "value"}
    out: list[RawValue] = []
    for m in vocab.alias_pattern.finditer(compact):
        start, end = offsets[m.start()], offsets[m.end() - 1] + 1
        alias = m.group(0)
        ind = vocab.indicator(vocab.alias_index[alias])
        if ind is None:
            continue
        link = _LINKER.match(norm, end)
        pos = link.end() if link else end
        q = quantities.get(pos)
        if q is None and pos < len(norm) and norm[pos] in _QUOTES:
            q = quantities.get(pos + 1)
        if q is None or q.is_ratio or q.sign or not ind.accepts_unit(q.unit):
            continue
        if q.is_percent != (ind.kind == "rate"):
            continue
        tail = norm[q.end : q.end + 3]
        if regex.match(r"\s*(?:[/／]|以上|以下|以内|左右|之间|比例|%)", tail):
            continue
        raw_text = normalise(text)
        if _SCOPE_NOTE.match(raw_text, q.end) or _SCOPE_NOTE.match(raw_text, end):
            continue  # 在校生2442人（含非全日制630人）: the note changes what is counted
        out.append(RawValue(start=start, alias=alias, indicator=ind, quantity=q))
    return norm, out


def _prose_mentions(p: Paragraph, info: _DocInfo, vocab: Vocabulary) -> list[IndicatorMention]:
    norm, raws = raw_values(p, vocab)
    out: list[IndicatorMention] = []
    unknown_subject: set[int] = set()  # segments whose first figure has a subject we cannot read
    for r in raws:
        seg_start, left = _segment_and_left(norm, r.start)
        if seg_start in unknown_subject and _bare(left, vocab):
            continue  # 「本部在校生1620人，专任教师102人」: the second figure is 本部's too
        if _scope_from_left(left, vocab) is None and _names_subunit(left, vocab):
            unknown_subject.add(seg_start)
        mention = _prose_context(norm, r.start, p, r.quantity, r.alias, r.indicator, info, vocab)
        if mention is not None:
            out.append(mention)
    return out


_WHOLE_SCHOOL = ("学校", "我校", "本校", "全校", "全院", "我院", "本院", "学院")


def _strip_neutral(text: str, vocab: Vocabulary) -> str:
    text = regex.sub(r"(?:19|20)\d\d\s*(?:学年度|学年|年度|年)?", "", text).strip()
    words = sorted(vocab.neutral, key=len, reverse=True)
    while True:
        w = next((w for w in words if text.endswith(w) and w not in _WHOLE_SCHOOL), None)
        if w is None:
            return text
        text = text[: -len(w)]


def _bare(left: str, vocab: Vocabulary) -> bool:
    """No subject of its own before the indicator name (nothing, or only 其中/共有…)."""
    return not _strip_neutral(left, vocab)


def _names_subunit(left: str, vocab: Vocabulary) -> bool:
    """The clause opens with the name of a part of the school (本部, 机电系现有, 护理专业)."""
    rest = _strip_neutral(left, vocab)
    return any(rest.endswith(w) for w in vocab.subunits)


def _segment_and_left(norm: str, start: int) -> tuple[int, str]:
    """Where the segment (up to a ；or a sentence end) holding ``start`` begins, and the clause text
    before the indicator name."""
    sent_start = _last_index(norm, _SENTENCE_END, start) + 1
    seg_start = max(sent_start, _last_index(norm, _SEGMENT_END, start) + 1)
    clause_start = max(seg_start, _last_index(norm, _CLAUSE_END, start) + 1)
    return seg_start, _compact(norm[clause_start:start])[0]


def _prose_context(norm: str, start: int, p: Paragraph, q: Quantity, alias: str, ind: Indicator,
                   info: _DocInfo, vocab: Vocabulary) -> IndicatorMention | None:
    sent_start = _last_index(norm, _SENTENCE_END, start) + 1
    seg_start = max(sent_start, _last_index(norm, _SEGMENT_END, start) + 1)
    clause_start = max(seg_start, _last_index(norm, _CLAUSE_END, start) + 1)
    segment = norm[seg_start:start]
    sentence = norm[sent_start:start]
    left = _compact(norm[clause_start:start])[0]
    if any(w in segment for w in vocab.not_now) or any(w in norm[q.end : q.end + 4] for w in ("左右", "以上", "以下")):
        return None
    if _DISTRIBUTIVE.search(left) or _DISTRIBUTIVE.match(_compact(segment)[0][:6].lstrip("，,0123456789年度")):
        return None
    scope = _scope_from_left(left, vocab)
    if scope is None:
        return None
    for org in _orgs(_compact(segment)[0]):
        if not _neutral_org(org, info, vocab):
            scope = "+".join(x for x in (scope, "@" + org) if x)
    if info.section:
        scope = "+".join(x for x in (scope, "§" + info.section) if x)
    yr = read_year(segment, vocab) or read_year(sentence, vocab)
    year, period, inferred = None, "", False
    if yr is not None:
        if not yr.certain:
            return None
        year, period = yr.year, yr.period
    else:
        if read_year(norm[:sent_start], vocab) is not None:
            return None  # an earlier sentence of the paragraph names a year: which one applies is unclear
        year, inferred = info.year, True
    unit = _unit_key(q.unit, ind)
    loc = Location(line=p.line_of(q.start), heading=p.location.heading)
    stated = Operand(label=alias, quantity=q, location=loc)
    return IndicatorMention(
        stated=stated, source="prose", context=f"{ind.name}|{year}{period}|{scope}|{_snippet(norm, start, q.end)}",
        indicator=ind.name, year=year, scope=scope, unit=unit, period=period, year_inferred=inferred, kind=ind.kind,
    )


def _snippet(norm: str, start: int, end: int) -> str:
    return "".join(norm[max(0, start - 6) : end].split())


def _unit_key(unit: str | None, ind: Indicator) -> str:
    return ind.unit_key(unit)


# --------------------------------------------------------------------------- tables

_PURE_YEAR = regex.compile(r"^(?P<y>(?:19|20)\d\d)\s*(?:年度|年|学年度|学年)?$")
_HEADER_UNIT = regex.compile(r"[(（]\s*(?P<u>[^()（）]{1,6})\s*[)）]\s*$")
_TOTAL_LABEL = regex.compile(r"^(?:合计|总计|全校|全校合计|总数|共计)$")


def _header_unit(header: str) -> tuple[Decimal, str]:
    """Scale and unit a column header declares: 金额（万元） → (10000, 元)."""
    m = _HEADER_UNIT.search(header)
    if not m:
        return Decimal(1), ""
    u = m.group("u").strip()
    for word, scale in sorted(SCALES.items(), key=lambda kv: -len(kv[0])):
        if u.startswith(word) and len(u) > len(word):
            return scale, u[len(word):]
    return Decimal(1), u


def _with_header_unit(q: Quantity, header: str, ind: Indicator) -> Quantity | None:
    scale, unit = _header_unit(header)
    if q.unit and unit and q.unit != unit:
        return None
    if q.is_percent:
        return q if ind.kind in ("rate", "per_capita") or unit == "%" else None
    if scale != 1 and q.scale == 1:
        q = replace(q, scale=scale, unit=q.unit or unit or None)
    elif unit and not q.unit:
        q = replace(q, unit=unit)
    return q


def _table_year(text: str) -> tuple[int, str] | None:
    m = _PURE_YEAR.match(text)
    if not m:
        return None
    return int(m.group("y")), ("学年" if "学年" in text else "")


def _caption_info(table: Table, info: _DocInfo, vocab: Vocabulary) -> tuple[set[int], str, str | None]:
    """Years named in the caption, its period (学年) and the scope it sets (None: a scope we do not
    understand, e.g. another school or "各专业…" when rows are not the whole)."""
    cap = normalise(table.caption or "")
    cap_years = {int(y) for y in regex.findall(r"(?:19|20)\d\d", cap)}
    period = "学年" if "学年" in cap else ""
    body = regex.sub(r"^\s*表\s*[\d\-.]+\s*[:：]?", "", cap)
    scope = ""
    compact = _compact(body)[0]
    if regex.search(r"(?<![各分全本])(?:[\p{Han}]{2,8})(?:专业|班|系|部|年级)(?!设置|建设|群|布局|调整|结构|分布)", compact) \
            and not regex.search(r"各专业|分专业|各年级|分年级|各系|各班|各部门", compact):
        return cap_years, period, None  # one major's (class's) table: its 合计 is not the school's
    if info.section:
        return cap_years, period, None
    for org in _orgs(compact):
        if not _neutral_org(org, info, vocab):
            return cap_years, period, None
    for m in vocab.alias_pattern.finditer(compact):
        before = _YEARISH.sub("", compact[: m.start()])
        words = []
        for w in sorted(vocab.scope_words, key=len, reverse=True):
            while before.endswith(w):
                words.append(w)
                before = before[: -len(w)]
        scope = _join(scope, *words)
    return cap_years, period, scope


def _caption_indicator(table: Table, vocab: Vocabulary) -> Indicator | None:
    cap = _compact(normalise(table.caption or ""))[0]
    names = {vocab.alias_index[m.group(0)] for m in vocab.alias_pattern.finditer(cap)}
    if len(names) != 1:
        return None
    return vocab.indicator(names.pop())


def _table_mentions(table: Table, info: _DocInfo, vocab: Vocabulary) -> list[IndicatorMention]:
    view = build_view(table)
    if view is None:
        return []
    cap_years, cap_period, cap_scope = _caption_info(table, info, vocab)
    if cap_scope is None:
        return []
    roles = view.row_roles
    rows = [r for r, role in enumerate(roles) if role in ("data", "year", "total")]
    out: list[IndicatorMention] = []

    def emit(r: int, c: int, ind: Indicator, header: str, year: int, period: str, scope: str) -> None:
        slot = view.grid[r][c]
        if slot.quantity is None or slot.cell is None or slot.quantity.is_ratio and ind.kind != "ratio":
            return
        q = _with_header_unit(slot.quantity, header, ind)
        if q is None or q.sign:
            return
        if ind.kind not in ("per_capita",) and not ind.accepts_unit(q.unit) and not (q.is_percent and ind.kind == "rate"):
            return
        stated = Operand(label=squash(view.label(r) + "·" + view.headers[c]), quantity=q, location=slot.cell.location)
        out.append(IndicatorMention(
            stated=stated, source="table", context=f"{ind.name}|{year}{period}|{scope}|{squash(table.caption or '')}",
            indicator=ind.name, year=year, scope=scope, unit=_unit_key(q.unit, ind), period=period or cap_period,
            kind=ind.kind,
        ))

    # (a) rows are years, columns name indicators.
    year_rows = {r: _table_year(view.label(r)) for r in rows}
    year_rows = {r: y for r, y in year_rows.items() if y is not None}
    if year_rows:
        for c in range(view.width):
            if c == view.label_col or c in view.index_cols or view.is_change_col(c):
                continue
            hit = _indicator_of(view.headers[c], vocab)
            if hit is None:
                continue
            ind, scope = hit
            for r, (y, per) in year_rows.items():
                emit(r, c, ind, view.headers[c], y, per, _join(cap_scope, scope))
        return out

    # (b) columns are years (pure, or a year group over sub-columns naming the indicator).
    year_cols: dict[int, tuple[int, str, str]] = {}
    for c in range(view.width):
        if c == view.label_col or c in view.index_cols:
            continue
        h = view.headers[c]
        y = _table_year(h)
        if y is not None:
            year_cols[c] = (y[0], y[1], "")
            continue
        m = regex.match(r"^(?P<y>(?:19|20)\d\d)\s*(?P<k>学年度|学年|年度|年)(?P<rest>.+)$", h)
        if m:
            year_cols[c] = (int(m.group("y")), "学年" if "学年" in m.group("k") else "", m.group("rest"))
    if year_cols:
        label_hits = {r: _indicator_of(view.label(r), vocab) for r in rows}
        label_hits = {r: h for r, h in label_hits.items() if h is not None}
        if len(label_hits) >= 2 and all(not rest for _, _, rest in year_cols.values()):
            for r, (ind, scope) in label_hits.items():
                for c, (y, per, _) in year_cols.items():
                    emit(r, c, ind, view.label(r), y, per, _join(cap_scope, scope))
            return out
        cap_ind = _caption_indicator(table, vocab)
        for c, (y, per, rest) in year_cols.items():
            hit = _indicator_of(rest, vocab) if rest else ((cap_ind, "") if cap_ind is not None else None)
            if hit is None:
                continue
            ind, scope = hit
            for r in rows:
                if roles[r] == "total" and _TOTAL_LABEL.match(squash(view.label(r)) or "合计"):
                    emit(r, c, ind, rest or view.headers[c], y, per, _join(cap_scope, scope))
        return out

    # (c) one year in the caption, columns name indicators, a total row is the whole.
    if len(cap_years) == 1:
        y = cap_years.pop()
        for c in range(view.width):
            if c == view.label_col or c in view.index_cols or view.is_change_col(c):
                continue
            hit = _indicator_of(view.headers[c], vocab)
            if hit is None:
                continue
            ind, scope = hit
            for r in rows:
                if roles[r] == "total" and _TOTAL_LABEL.match(squash(view.label(r)) or "合计"):
                    emit(r, c, ind, view.headers[c], y, cap_period, _join(cap_scope, scope))
    return out


def _indicator_of(label: str, vocab: Vocabulary) -> tuple[Indicator, str] | None:
    hit = vocab.lookup(label)
    if hit is not None:
        return hit
    pc = vocab.per_capita_prefix(label_key(label))
    if pc is not None:
        base = vocab.lookup(label_key(label)[len(pc[0]):])
        if base is not None:
            return per_capita_indicator(base[0], pc[0]), base[1]
    return None


def per_capita_indicator(base: Indicator, prefix: str) -> Indicator:
    """生均X as an indicator of its own (for cross-referencing two statements of 生均X)."""
    return Indicator(name=f"{prefix}{base.name}", aliases=(), unit="", units=(), kind="per_capita")


def _join(*scopes: str) -> str:
    parts = sorted({p for s in scopes if s for p in s.split("+") if p})
    return "+".join(parts)



# --------------------------------------------------------------------------- per-capita mentions in prose

_PER_CAPITA_PROSE = regex.compile(r"(?P<prefix>生均|师均)(?P<name>[\p{Han}]{0,12}?)(?:数)?(?:为|是|达到|达|约|:)*\s*$")


def _per_capita_mentions(p: Paragraph, info: _DocInfo, vocab: Vocabulary, base: list[IndicatorMention]) -> list[IndicatorMention]:
    """生均X values in prose as mentions of the indicator 生均X (so 生均占地面积 39.15 and 30.66 in
    two sections are compared). A bare 生均 takes X from the figure just before it in the clause
    chain (「占地面积70940平方米，生均39.15平方米」)."""
    text = p.text
    norm = _blank_brackets(normalise(text))
    out: list[IndicatorMention] = []
    for q in scan_values(text):
        if q.role != "value" or q.is_ratio or q.sign:
            continue
        before = _compact(norm[max(0, q.start - 20) : q.start])[0]
        m = _PER_CAPITA_PROSE.search(before)
        if not m:
            continue
        name = m.group("name")
        if name:
            hit = vocab.lookup(name) or vocab.lookup(name + "数")
            if hit is None or hit[1]:
                continue
            ind = per_capita_indicator(hit[0], m.group("prefix"))
            mention = _prose_context(norm, q.start - len(m.group(0)), p, q, m.group(0), ind, info, vocab)
            if mention is not None:
                out.append(replace(mention, unit=q.unit or ""))
            continue
        prev = [b for b in base if b.stated.quantity is not None and b.stated.quantity.end <= q.start
                and q.start - b.stated.quantity.end <= 4 and b.kind in ("count", "amount", "area")]
        if not prev or regex.search(r"[。；;]", norm[prev[-1].stated.quantity.end : q.start]):
            continue
        base_ind = vocab.indicator(prev[-1].indicator)
        if base_ind is None:
            continue
        ind = per_capita_indicator(base_ind, m.group("prefix"))
        loc = Location(line=p.line_of(q.start), heading=p.location.heading)
        out.append(replace(
            prev[-1], stated=Operand(label=m.group("prefix"), quantity=q, location=loc), indicator=ind.name,
            unit=q.unit or "", kind=ind.kind, context=f"{ind.name}|{prev[-1].year}|{prev[-1].scope}|{_snippet(norm, q.start - 8, q.end)}",
        ))
    return out


# --------------------------------------------------------------------------- document

def section_info(p: Paragraph, info: _DocInfo, vocab: Vocabulary) -> _DocInfo:
    """A heading-like line (short, no sentence punctuation) opens a section; when it names another
    organisation (（一）柳州市第一职业技术学校) the figures under it belong to that organisation."""
    text = normalise(p.text).strip()
    if not text or len(text) > 40 or regex.search(r"[。；;！？!?]", text):
        return info
    orgs = [o for o in _orgs(_compact(_blank_brackets(text))[0]) if not _neutral_org(o, info, vocab)]
    section = orgs[-1] if orgs else ""
    return _DocInfo(year=info.year, subject=info.subject, section=section) if section != info.section else info


_CACHE: list[tuple[Document, tuple[IndicatorMention, ...]]] = []


def mentions(document: Document, vocab: Vocabulary | None = None) -> tuple[IndicatorMention, ...]:
    """All indicator mentions of ``document`` in reading order (cached for the last document)."""
    for doc, found in _CACHE:
        if doc is document:
            return found
    vocab = vocab or vocab_mod.load()
    year, subject = report_year(document)
    info = _DocInfo(year=year, subject=subject)
    out: list[IndicatorMention] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            info = section_info(block, info, vocab)
            base = _prose_mentions(block, info, vocab)
            out.extend(base)
            out.extend(_per_capita_mentions(block, info, vocab, base))
        elif isinstance(block, Table):
            out.extend(_table_mentions(block, info, vocab))
    found = tuple(out)
    _CACHE[:] = [(document, found)]
    return found


def extract(document: Document) -> list[Claim]:
    return list(mentions(document))
