"""Baselines: adopt qualint on old reports without drowning in old findings.

``qualint check --write-baseline FILE`` records today's findings; ``--baseline FILE`` then reports only
findings that are not in it. An entry is keyed by the report's path (relative to the baseline file)
and the finding's content fingerprint (rule, normalised context, stated value; never a line number),
with a count, so inserting or deleting lines elsewhere does not resurrect an accepted finding, and a
second identical slip in the same report is still reported. Suppressed findings are not recorded:
they are already accepted, with a reason, in the report itself.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from qualint.findings import FileResult, Finding

FORMAT_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be used; one line naming the file."""


def _key_path(report: str, base_dir: Path) -> str:
    """The report's path as stored: relative to the baseline's folder when below it, POSIX style."""
    absolute = Path(report).resolve()
    try:
        return absolute.relative_to(base_dir).as_posix()
    except ValueError:
        return Path(os.path.relpath(absolute, base_dir)).as_posix()


@dataclass
class Baseline:
    """Accepted findings: (report path, fingerprint) → how many."""

    base_dir: Path
    counts: Counter = field(default_factory=Counter)

    def filter(self, results: Iterable[FileResult]) -> tuple[list[FileResult], int]:
        """Results without the findings the baseline accepts; and how many were left out. Each
        entry absorbs at most its count of findings (in source order)."""
        remaining = Counter(self.counts)
        out, hidden = [], 0
        for r in results:
            key_path = _key_path(r.path, self.base_dir)
            kept: list[Finding] = []
            for f in r.findings:
                key = (key_path, f.fingerprint())
                if f.suppressed is None and remaining[key] > 0:
                    remaining[key] -= 1
                    hidden += 1
                    continue
                kept.append(f)
            out.append(replace(r, findings=tuple(kept)) if len(kept) != len(r.findings) else r)
        return out, hidden


def entries(results: Iterable[FileResult], base_dir: Path) -> list[dict]:
    """The baseline entries for ``results``: one per distinct finding, with a count. ``rule``,
    ``stated`` and ``context`` are kept only so that a person can read the file."""
    grouped: dict[tuple[str, str], dict] = {}
    for r in results:
        key_path = _key_path(r.path, base_dir)
        for f in r.findings:
            if f.suppressed is not None:
                continue
            key = (key_path, f.fingerprint())
            if key in grouped:
                grouped[key]["count"] += 1
            else:
                grouped[key] = {"path": key_path, "fingerprint": key[1], "rule": f.rule, "stated": f.stated,
                                "context": " ".join(f.context.split())[:120], "count": 1}
    return [grouped[k] for k in sorted(grouped)]


def write(path: str | Path, results: Iterable[FileResult]) -> int:
    """Write the baseline atomically; the number of findings recorded."""
    from qualint.atomic import write_text

    target = Path(path)
    items = entries(results, target.resolve().parent)
    doc = {"tool": "qualint", "version": FORMAT_VERSION, "findings": items}
    write_text(target, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return sum(e["count"] for e in items)


def load(path: str | Path) -> Baseline:
    p = Path(path)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{p}: baseline not found (create it with --write-baseline)") from None
    except OSError as exc:
        raise BaselineError(f"{p}: cannot read baseline ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{p}: not a qualint baseline (invalid JSON: {str(exc).splitlines()[0]})") from None
    if not isinstance(doc, dict) or doc.get("tool") != "qualint" or not isinstance(doc.get("findings"), list):
        raise BaselineError(f"{p}: not a qualint baseline (expected {{\"tool\": \"qualint\", \"findings\": [...]}})")
    if doc.get("version") != FORMAT_VERSION:
        raise BaselineError(f"{p}: baseline version {doc.get('version')!r} is not supported (expected {FORMAT_VERSION})")
    counts: Counter = Counter()
    for i, e in enumerate(doc["findings"]):
        if not (isinstance(e, dict) and isinstance(e.get("path"), str) and isinstance(e.get("fingerprint"), str)):
            raise BaselineError(f"{p}: findings[{i}]: expected path and fingerprint")
        count = e.get("count", 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise BaselineError(f"{p}: findings[{i}].count: expected a whole number ≥ 1")
        counts[(e["path"], e["fingerprint"])] += count
    return Baseline(base_dir=p.resolve().parent, counts=counts)
