"""The pipeline for one file: read → document → claims → checks → findings.

Each file is independent (cross-file checks such as ``--previous`` work on documents the caller
passes in), so files can be checked in parallel processes. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from qualint import suppress
from qualint.checks import CheckContext, all_checks
from qualint.claims import extract_claims
from qualint.claims.model import Claim
from qualint.document import Document
from qualint.errors import InputError, first_line
from qualint.findings import FileResult, Finding
from qualint.intervals import tolerances
from qualint.readers import DEFAULT_MAX_BYTES, read
from qualint.rulepack import using_packs

if TYPE_CHECKING:
    from qualint.policy import Policy


@dataclass(frozen=True)
class Options:
    """What the caller chose that changes what is found (not how it is shown)."""

    max_bytes: int = DEFAULT_MAX_BYTES
    settings: dict = field(default_factory=dict)
    debug: bool = False
    #: rules on/off, severities and per-file ignores from the configuration (None: every rule, as packed)
    policy: Policy | None = None


def check_document(doc: Document, options: Options = Options(), claims: Sequence[Claim] | None = None) -> list[Finding]:
    """All findings for one document, deduplicated and in source order; inline suppressions marked
    (with Q102/Q103 for the directives themselves), then the configured policy applied."""
    ctx = CheckContext(document=doc, path=doc.path, settings=options.settings)
    found: dict[tuple, Finding] = {}
    # user packs reach the vocabulary, configured tolerances reach every verdict
    with using_packs(options.settings.get("rule_packs", ())), tolerances(options.settings.get("hedge_slack")):
        if claims is None:
            claims = extract_claims(doc)
        for check in all_checks():
            for f in check(claims, ctx):
                key = (f.rule, f.location.line, f.location.column, f.stated)
                found.setdefault(key, f)
    findings = suppress.apply(doc.path, doc.suppressions, found.values())
    if options.policy is not None:
        findings = options.policy.apply(doc.path, findings)
    return findings


def check_file(path: str | Path, options: Options = Options()) -> FileResult:
    """Read and check one file. Unreadable or hostile input becomes ``FileResult.error`` (a one-line
    reason), never an exception, unless ``options.debug`` asks for the traceback."""
    try:
        doc = read(path, max_bytes=options.max_bytes)
    except InputError as exc:
        return FileResult(path=str(path), error=str(exc))
    except RecursionError:
        return FileResult(path=str(path), error="document nested too deeply")
    except MemoryError:
        return FileResult(path=str(path), error="out of memory while reading")
    except Exception as exc:  # a reader bug must not take the other files down
        if options.debug:
            raise
        return FileResult(path=str(path), error=f"cannot read ({describe_error(exc)})")
    try:
        with using_packs(options.settings.get("rule_packs", ())):
            claims = extract_claims(doc)
        findings = check_document(doc, options, claims)
    except Exception as exc:
        if options.debug:
            raise
        return FileResult(path=str(path), error=f"internal error while checking ({describe_error(exc)})")
    return FileResult(path=str(path), findings=tuple(findings), encoding=doc.encoding, stats=coverage(doc, claims))


def coverage(doc: Document, claims: Sequence[Claim]) -> tuple[tuple[str, int], ...]:
    """What was recognised, so that silence is never mistaken for a pass: relations found in tables
    and in prose, and how many tables gave none."""
    from qualint.claims.model import TableNote

    relations = [c for c in claims if not isinstance(c, TableNote)]
    tables_read = {c.stated.location.table for c in relations if c.source == "table"}
    tables = sum(1 for _ in doc.tables())
    return (
        ("relations", len(relations)),
        ("table_relations", sum(1 for c in relations if c.source == "table")),
        ("prose_relations", sum(1 for c in relations if c.source == "prose")),
        ("tables", tables),
        ("tables_checked", len(tables_read - {None})),
        ("paragraphs", sum(1 for _ in doc.paragraphs())),
    )


#: One short line for an exception, as shown beside an unreadable file.
describe_error = first_line
