"""Stated unit conversions: 「占地面积42193.63平方米（65亩）」 — a value followed by the same amount in
another unit of the same dimension, in brackets. Which units convert is pint's business (units.txt);
here only the shape is recognised, so pint is not loaded unless a conversion is stated."""

from __future__ import annotations

import regex

from qualint.claims.model import Claim, ConversionClaim, Operand
from qualint.document import Document, Location, Paragraph
from qualint.quantities import Quantity
from qualint.quantities import extract as values_in

_OPEN = regex.compile(r"\s*[（(]\s*(?:约|合|折合|即|计)?\s*$")
_CLOSE = regex.compile(r"^\s*[）)]")
#: Units that measure something convertible; counts (人, 个 …) are never restated in another unit.
CONVERTIBLE = {"平方米", "亩", "公顷", "米", "千米", "公里", "元", "吨", "千克", "公斤"}


def _pairs(text: str) -> list[tuple[Quantity, Quantity]]:
    qs = values_in(text)
    out = []
    for a, b in zip(qs, qs[1:], strict=False):
        if not (a.unit in CONVERTIBLE and b.unit in CONVERTIBLE) or (a.unit == b.unit and a.scale == b.scale):
            continue  # 845.25万元（8452500元） is a restatement too: same unit, another scale
        if a.hedge or (b.hedge and b.hedge != "approx"):
            continue
        if _OPEN.search(text[a.end : b.start]) and _CLOSE.match(text[b.end : b.end + 3]):
            out.append((a, b))
    return out


def extract_from_paragraph(p: Paragraph) -> list[Claim]:
    claims: list[Claim] = []
    for a, b in _pairs(p.text):
        loc_a = Location(line=p.line_of(a.start), heading=p.location.heading)
        loc_b = Location(line=p.line_of(b.start), heading=p.location.heading)
        claims.append(ConversionClaim(
            stated=Operand(label=f"{b.unit}", quantity=b, location=loc_b),
            original=Operand(label=f"{a.unit}", quantity=a, location=loc_a),
            source="prose",
            context=f"{a.text}|{b.text}",
        ))
    return claims


def extract(document: Document) -> list[Claim]:
    claims: list[Claim] = []
    for p in document.paragraphs():
        if "（" in p.text or "(" in p.text:
            claims.extend(extract_from_paragraph(p))
    for t in document.tables():
        for row in t.rows:
            for cell in row:
                if "（" in cell.text or "(" in cell.text:
                    for a, b in _pairs(cell.text):
                        claims.append(ConversionClaim(
                            stated=Operand(label=b.unit or "", quantity=b, location=cell.location),
                            original=Operand(label=a.unit or "", quantity=a, location=cell.location),
                            source="table", context=f"{a.text}|{b.text}"))
    return claims
