"""Checks turn claims into findings. Each module registers its check functions with ``register``.

A check function takes every claim of the document and the context and yields findings; it picks the
claim types it understands. Rule ids and wording come from the rule pack; checks only decide.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from qualint.claims.model import Claim
from qualint.document import Document
from qualint.findings import Finding


@dataclass(frozen=True)
class CheckContext:
    """What a check may know besides the claims: the document (for diagnosis, e.g. to find where a
    copied value came from) and tolerance settings."""

    document: Document
    path: str
    settings: dict = field(default_factory=dict)


CheckFn = Callable[[Sequence[Claim], CheckContext], Iterable[Finding]]

_REGISTRY: list[CheckFn] = []

# Every module that registers checks. Imported on first use only.
MODULES = (
    "qualint.checks.totals",
    "qualint.checks.changes",
    "qualint.checks.shares",
    "qualint.checks.means",
    "qualint.checks.notes",
    "qualint.checks.crossref",
    "qualint.checks.per_capita",
    "qualint.checks.ratios",
    "qualint.checks.denominators",
    "qualint.checks.direction",
    "qualint.checks.counts",
    "qualint.checks.bounds",
    "qualint.checks.conversions",
    "qualint.checks.products",
    "qualint.previous",
)


def register(fn: CheckFn) -> CheckFn:
    _REGISTRY.append(fn)
    return fn


def all_checks() -> list[CheckFn]:
    # Import every module (not "until something registered": a module imported early for its
    # helpers, e.g. qualint.previous by the CLI, must not hide the others).
    for name in MODULES:
        importlib.import_module(name)
    return list(_REGISTRY)
