"""Claims: typed numeric relations a report asserts, whether in a table or in a sentence.

Extraction (tables.py, prose.py) turns the document into claims; checks turn claims into findings.
A claim only says what the report asserts and where; it does not judge it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from qualint.document import Location
from qualint.quantities import Quantity


@dataclass(frozen=True, kw_only=True)
class Operand:
    """One number taking part in a relation. A blank table cell is an operand with ``quantity=None``
    and ``blank=True`` (it counts as zero in a sum but makes a change from it undefined)."""

    label: str
    quantity: Quantity | None
    location: Location
    blank: bool = False

    @property
    def value(self) -> Decimal:
        return self.quantity.value if self.quantity is not None else Decimal(0)

    @property
    def text(self) -> str:
        return self.quantity.text if self.quantity is not None else ""

    @property
    def line(self) -> int:
        return self.location.line


@dataclass(frozen=True, kw_only=True)
class Claim:
    """Base of every claim. ``stated`` is the value the report asserts (where a finding points);
    ``context`` is stable text (row label, column header, sentence) used for fingerprints."""

    stated: Operand
    source: str = "table"  # table | prose
    context: str = ""


@dataclass(frozen=True, kw_only=True)
class SumClaim(Claim):
    """``stated`` = sum of ``parts``. ``others`` are sibling operands outside the sum (other rows of
    the same column, other totals) that diagnosis may try (a row counted twice, a copied total)."""

    parts: tuple[Operand, ...]
    others: tuple[Operand, ...] = ()
    kind: str = "total"


@dataclass(frozen=True, kw_only=True)
class PartClaim(Claim):
    """``parts`` (a 其中 breakdown, possibly partial) must not exceed ``stated`` (the whole)."""

    parts: tuple[Operand, ...]
    kind: str = "total"


@dataclass(frozen=True, kw_only=True)
class ChangeClaim(Claim):
    """``stated`` is the change from ``previous`` to ``current``.

    ``mode``: ``abs`` (增加 128), ``pct`` (增长 6.8%), ``pp`` (提高 1.1 个百分点, or a change column
    over two rates), or ``auto`` (a change column: decided from the stated unit and the operands).
    ``signed``: whether the stated value's sign is meaningful (a change column with +/−) or the
    direction is carried by a word (增加/减少) already folded into the sign.
    ``accepted``: other (previous, current) readings that are just as valid — in a 合计 row, the sums
    of the column parts, in case a printed total is the wrong number and the change is right.
    """

    previous: Operand
    current: Operand
    mode: str = "auto"
    signed: bool = True
    accepted: tuple[tuple[Operand, Operand], ...] = ()


@dataclass(frozen=True, kw_only=True)
class ShareClaim(Claim):
    """``stated`` (a percent, or a fraction) = ``part`` / ``whole``. ``candidates`` are other
    plausible denominators stated in the report, tried when ``whole`` does not fit (for diagnosis).
    ``accepted`` are other (part, whole) readings that are just as valid: in a 合计 row, the sums of
    the column parts, in case the printed total is the wrong number and the rate is right."""

    part: Operand
    whole: Operand | None
    candidates: tuple[Operand, ...] = ()
    accepted: tuple[tuple[Operand, Operand], ...] = ()
    kind: str = "share"


@dataclass(frozen=True, kw_only=True)
class PerCapitaClaim(Claim):
    """``stated`` = ``amount`` / ``count`` (生均, 人均, 师均), in the stated unit."""

    amount: Operand
    count: Operand | None
    candidates: tuple[Operand, ...] = ()
    label: str = ""


@dataclass(frozen=True, kw_only=True)
class RatioClaim(Claim):
    """``stated`` is a ratio a:b (or a quotient) that should equal ``numerator`` / ``denominator``."""

    numerator: Operand
    denominator: Operand | None
    candidates: tuple[Operand, ...] = ()
    label: str = ""


@dataclass(frozen=True, kw_only=True)
class MeanClaim(Claim):
    items: tuple[Operand, ...]


@dataclass(frozen=True, kw_only=True)
class DirectionClaim(Claim):
    """A direction word (``word``: 提高, 下降, 持平, 逐年上升 …) about a change from ``previous`` to
    ``current`` (or over ``series`` for 逐年). ``expected`` is up, down, flat or rising."""

    word: str
    expected: str
    previous: Operand | None = None
    current: Operand | None = None
    series: tuple[tuple[Operand, Operand], ...] = ()


@dataclass(frozen=True, kw_only=True)
class MentionClaim(Claim):
    """An indicator value for cross-referencing: ``indicator`` (canonical name), ``year`` and
    ``scope`` (全日制, a school, a major …) identify it."""

    indicator: str
    year: int | None = None
    scope: str = ""


@dataclass(frozen=True, kw_only=True)
class NetChangeClaim(Claim):
    plus: tuple[Operand, ...]
    minus: tuple[Operand, ...]


@dataclass(frozen=True, kw_only=True)
class CountClaim(Claim):
    """A stated count of listed items (A、B、C三个专业). ``partial``: the list ends with 等, so it may
    name fewer items than the count. ``extra``: how many more items there are if each 和/及 inside the
    items joins two of them (和 may also belong to a name), so the count may lie in
    ``len(items) … len(items) + extra``."""

    items: tuple[str, ...]
    partial: bool = False
    extra: int = 0


@dataclass(frozen=True, kw_only=True)
class BoundClaim(Claim):
    """A floor or ceiling claim: every item ``op`` bound (op is >=, >, <=, <); ``stated`` is the bound."""

    op: str
    items: tuple[Operand, ...]
    phrase: str = ""


@dataclass(frozen=True, kw_only=True)
class TableNote(Claim):
    """Not a relation: a table (or a part of one) the extractor could not understand, so it was not
    checked. Reported as Q104 (info) so that silence is never mistaken for a pass."""

    reason: str
    reason_en: str = ""



@dataclass(frozen=True, kw_only=True)
class ConversionClaim(Claim):
    """A value restated in another unit right after it: 42193.63平方米（65亩）. ``stated`` is the
    restatement, ``original`` the value it converts."""

    original: Operand


@dataclass(frozen=True, kw_only=True)
class ProductClaim(Claim):
    """``stated`` = the product of ``factors``: a count times a standard per head or per session
    (资助1414人，每人1500元，共计212.1万元; 培训4期，每期35人，共140人次)."""

    factors: tuple[Operand, ...]
