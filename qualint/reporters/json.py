"""``--format json`` (one document, the version-1 contract) and ``--format jsonl`` (one finding a line)."""

from __future__ import annotations

import json

from qualint.findings import FileResult
from qualint.reporters.model import finding_dict, summary
from qualint.rulepack import RulePack


def render(results: list[FileResult], pack: RulePack, lang: str = "zh") -> str:
    files = []
    for r in results:
        entry: dict = {"path": r.path, "findings": [finding_dict(f, pack, lang) for f in r.findings]}
        if r.error:
            entry["error"] = r.error
        if r.encoding:
            entry["encoding"] = r.encoding
        if r.stats:
            entry["stats"] = dict(r.stats)
        files.append(entry)
    doc = {"version": 1, "files": files, "summary": summary(results, pack)}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render_lines(results: list[FileResult], pack: RulePack, lang: str = "zh") -> str:
    out = []
    for r in results:
        if r.error:
            out.append(json.dumps({"path": r.path, "error": r.error}, ensure_ascii=False))
        for f in r.findings:
            out.append(json.dumps({"path": r.path, **finding_dict(f, pack, lang)}, ensure_ascii=False))
    return "\n".join(out) + ("\n" if out else "")
