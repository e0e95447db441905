"""Inline suppressions: ``qualint: ignore[T101,C102] 理由`` accepts known findings, with a reason.

Readers collect the raw directives (``Document.suppressions``) and the lines each one covers: its own
line when it ends a line, the next block when it stands alone (a whole table when right before one),
the anchored paragraph or cell for a Word comment. Here they are interpreted:

- a finding of a listed rule on a covered line is kept but marked ``suppressed`` with the reason, so
  reports still show it (JSON ``"suppressed": {"reason": …}``) and it does not count for the exit code;
- a directive without a reason still suppresses, but is itself a Q102 warning: accepting a figure is
  a decision someone must be able to read later;
- a directive (or a rule id in it) that suppresses nothing is a Q103 warning, like ruff's RUF100, so
  stale suppressions do not pile up and hide tomorrow's real errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import regex

from qualint.document import Directive, Location
from qualint.findings import Finding, Suppression

UNREASONED = "Q102"
UNUSED = "Q103"

_IGNORE = regex.compile(
    r"^\s*(?:qualint\s*[:：]\s*)?ignore\s*[\[［](?P<ids>[^\]］]*)[\]］]\s*[:：\-—–]*\s*(?P<reason>.*?)\s*$",
    regex.IGNORECASE | regex.DOTALL,
)
_ID_SEPARATORS = regex.compile(r"[\s,，、;；]+")


@dataclass(frozen=True)
class Ignore:
    """A parsed ``ignore[...]`` directive."""

    rules: tuple[str, ...]
    reason: str
    line: int
    first: int
    last: int
    text: str

    def covers(self, finding: Finding) -> bool:
        return finding.rule in self.rules and self.first <= finding.location.line <= self.last

    @property
    def label(self) -> str:
        return f"ignore[{','.join(self.rules)}]"


def parse(directive: Directive) -> Ignore | None:
    """The ignore directive in ``directive.text`` (with or without the ``qualint:`` prefix), or
    None when the text is not a well-formed ``ignore[ID…]``."""
    m = _IGNORE.match(directive.text)
    if m is None:
        return None
    rules = tuple(dict.fromkeys(r.upper() for r in _ID_SEPARATORS.split(m.group("ids")) if r))
    if not rules:
        return None
    first, last = directive.applies_to
    return Ignore(rules=rules, reason=m.group("reason").strip(), line=directive.line, first=first,
                  last=max(first, last), text=directive.text.strip())


def _own_finding(rule: str, path: str, line: int, stated: str, context: str) -> Finding:
    return Finding(rule=rule, kind="other", path=path, location=Location(line=line), stated=stated,
                   context=context)


def apply(path: str, directives: Sequence[Directive], findings: Iterable[Finding]) -> list[Finding]:
    """Mark the findings the directives cover as suppressed, and add Q102/Q103 findings for the
    directives themselves (in source order with the rest)."""
    ignores = [(d, parse(d)) for d in directives]
    used: dict[int, set[str]] = {i: set() for i in range(len(ignores))}
    out: list[Finding] = []
    for f in findings:
        if f.suppressed is None:
            for i, (_, ig) in enumerate(ignores):
                if ig is not None and ig.covers(f):
                    f = replace(f, suppressed=Suppression(reason=ig.reason, line=ig.line))
                    used[i].add(f.rule)
                    break
        out.append(f)
    for i, (d, ig) in enumerate(ignores):
        if ig is None:
            text = d.text.strip()
            out.append(_own_finding(UNUSED, path, d.line, f"qualint: {text}", f"qualint: {text}"))
            continue
        if not ig.reason:
            out.append(_own_finding(UNREASONED, path, ig.line, ig.label, ig.text))
        unused = [r for r in ig.rules if r not in used[i]]
        if unused:
            out.append(_own_finding(UNUSED, path, ig.line, f"ignore[{','.join(unused)}]", ig.text))
    return sorted(out, key=Finding.sort_key)
