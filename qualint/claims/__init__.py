"""Claim extraction: the document model → typed numeric relations (see ``model``).

Each extractor module exposes ``extract(document) -> list[Claim]``; they are listed here and imported
on first use.
"""

from __future__ import annotations

import importlib

from qualint.claims.model import Claim
from qualint.document import Document

EXTRACTORS = (
    "qualint.claims.tables",
    "qualint.claims.indicators",
    "qualint.claims.derived",
    "qualint.claims.prose",
    "qualint.claims.conversions",
    "qualint.claims.products",
)


def extract_claims(document: Document) -> list[Claim]:
    claims: list[Claim] = []
    for name in EXTRACTORS:
        claims.extend(importlib.import_module(name).extract(document))
    return claims
