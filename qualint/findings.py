"""Findings: what a check reports, in a form every reporter can render in Chinese or English.

A finding carries the stated value, the recomputed value with its interval, the formula with its inputs,
and a diagnosis. Wording lives in the rule catalogue (``rules/core.toml``), so a finding stores only the
rule id and the parameters of its message; ``render`` fills the template in the chosen language.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from qualint.document import Location


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Related:
    """Another place that takes part in the finding (the other mention of a cross-reference, the
    base value of a change stated in another paragraph). ``path`` is set when that place is in
    another file (``--previous``)."""

    line: int
    text: str
    location: Location | None = None
    path: str | None = None


@dataclass(frozen=True)
class Diagnosis:
    """A likely cause from the catalogue (``[causes.*]`` in the rule pack) with its parameters."""

    cause: str
    params: tuple[tuple[str, str], ...] = ()

    def param_dict(self) -> dict[str, str]:
        return dict(self.params)


@dataclass(frozen=True)
class Suppression:
    reason: str
    line: int


@dataclass(frozen=True)
class Finding:
    rule: str
    kind: str
    path: str
    location: Location
    stated: str
    expected: str | None = None
    interval: tuple[Decimal, Decimal] | None = None
    formula: str = ""
    inputs: tuple[tuple[str, str], ...] = ()
    diagnosis: Diagnosis | None = None
    params: tuple[tuple[str, str], ...] = ()
    related: tuple[Related, ...] = ()
    context: str = ""
    severity: Severity | None = None  # None: the rule's configured severity
    end_line: int | None = None
    suppressed: Suppression | None = None

    @property
    def line(self) -> int:
        return self.location.line

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def fingerprint(self) -> str:
        """Content key that survives edits elsewhere in the report: rule, normalised context and
        stated value, never the line number."""
        ctx = "".join(self.context.split())
        raw = f"{self.rule}\x1f{ctx}\x1f{self.stated}".encode()
        return hashlib.sha256(raw).hexdigest()[:16]

    def sort_key(self) -> tuple:
        loc = self.location
        return (self.path, loc.line, loc.column or 0, self.rule, self.stated)


def params(**kwargs: object) -> tuple[tuple[str, str], ...]:
    """Freeze message parameters (all rendered as strings) for a finding."""
    return tuple((k, "" if v is None else str(v)) for k, v in kwargs.items())


@dataclass(frozen=True)
class FileResult:
    """Everything qualint has to say about one input file."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: str | None = None
    encoding: str | None = None
    stats: tuple[tuple[str, int], ...] = field(default=())
