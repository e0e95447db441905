"""``--format sarif``: SARIF 2.1.0 for code-scanning tools (GitHub code scanning, VS Code SARIF viewer).

One run, with every rule of the pack as rule metadata (so ``ruleIndex`` is stable between runs), one
result per finding with a physical location relative to ``SRCROOT`` (the working folder), a
``partialFingerprints`` entry from ``Finding.fingerprint()`` (no line numbers, so a finding keeps its
identity when the report is edited elsewhere) and the stated / recomputed values as result
properties. Unreadable files become tool execution notifications.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from qualint import __version__
from qualint.findings import FileResult, Finding, Related, Severity
from qualint.reporters.model import display_path, finding_dict
from qualint.rulepack import Rule, RulePack, severity_of

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
FINGERPRINT_KEY = "qualint/v1"
SRCROOT = "SRCROOT"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

#: finding_dict keys carried as result properties (the message and location live in SARIF fields).
_PROPERTY_KEYS = ("name", "kind", "severity", "stated", "expected", "interval", "formula", "inputs",
                  "diagnosis", "cause", "cell", "page", "heading")


def artifact_location(path: str) -> dict:
    """A relative URI under ``SRCROOT`` for files inside the working folder, else a ``file:`` URI.
    Non-ASCII names (Chinese file names are the rule) are percent-encoded as RFC 3986 requires."""
    shown = display_path(path)
    if os.path.isabs(shown):
        return {"uri": Path(shown).as_uri()}
    return {"uri": quote(shown, safe="/"), "uriBaseId": SRCROOT}


def _region(line: int, end_line: int | None) -> dict:
    line = max(line, 1)
    return {"startLine": line, "endLine": max(end_line or line, line)}


def rule_descriptor(rule: Rule, lang: str) -> dict:
    def text(table: dict[str, str]) -> str:
        return table.get(lang) or table.get("zh") or rule.name

    full = text(rule.description) or text(rule.summary)
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": text(rule.summary)},
        "fullDescription": {"text": full},
        "help": {"text": full, "markdown": f"**{rule.id} {rule.name}**: {full}"},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.kind, rule.pack], "kind": rule.kind},
    }


def _related_location(index: int, rel: Related, path: str) -> dict:
    loc = {
        "id": index,
        "physicalLocation": {
            "artifactLocation": artifact_location(rel.path or path),
            "region": _region(rel.line, rel.location.end_line if rel.location else None),
        },
    }
    if rel.text:
        loc["message"] = {"text": rel.text}
    return loc


def result(f: Finding, path: str, pack: RulePack, lang: str, rule_index: dict[str, int]) -> dict:
    d = finding_dict(f, pack, lang)
    props = {k: d[k] for k in _PROPERTY_KEYS if d.get(k) not in (None, "", [])}
    if "expected" in props:
        props["recomputed"] = props.pop("expected")
    out: dict = {
        "ruleId": f.rule,
        "level": LEVELS[severity_of(pack, f)],
        "message": {"text": d["message"]},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact_location(path),
                "region": _region(d["line"], d["end_line"]),
            }
        }],
        "partialFingerprints": {FINGERPRINT_KEY: d["fingerprint"]},
        "properties": props,
    }
    if f.rule in rule_index:
        out["ruleIndex"] = rule_index[f.rule]
    if f.related:
        out["relatedLocations"] = [_related_location(i, r, path) for i, r in enumerate(f.related, 1)]
    if f.suppressed is not None:
        out["suppressions"] = [{"kind": "inSource", "justification": f.suppressed.reason}]
    return out


def build(results: list[FileResult], pack: RulePack, lang: str = "zh") -> dict:
    """The SARIF log as plain data (validated in the tests against the 2.1.0 schema)."""
    rules = [pack.rules[k] for k in sorted(pack.rules)]
    rule_index = {r.id: i for i, r in enumerate(rules)}
    sarif_results = [result(f, r.path, pack, lang, rule_index) for r in results for f in r.findings]
    notifications = [
        {
            "level": "error",
            "message": {"text": f"{r.path}: {r.error}"},
            "locations": [{"physicalLocation": {"artifactLocation": artifact_location(r.path)}}],
        }
        for r in results
        if r.error
    ]
    invocation: dict = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    cwd_uri = Path(os.getcwd()).as_uri().rstrip("/") + "/"
    run = {
        "tool": {
            "driver": {
                "name": "qualint",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rule_descriptor(r, lang) for r in rules],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": cwd_uri}},
        "invocations": [invocation],
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render(results: list[FileResult], pack: RulePack, lang: str = "zh") -> str:
    return json.dumps(build(results, pack, lang), ensure_ascii=False, indent=2) + "\n"
