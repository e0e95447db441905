"""``--format github``: GitHub Actions workflow commands, one annotation per finding.

``::error file=…,line=…,endLine=…,title=…::message``. The runner parses these lines itself, so the
escaping rules matter: in the message ``%``, CR and LF are encoded (every rate in a report has a
``%``); in property values ``:`` and ``,`` are encoded as well. Info findings are shown only with
``--verbose`` (as on the terminal), suppressed findings never.
"""

from __future__ import annotations

from qualint.findings import FileResult, Finding, Severity
from qualint.reporters.model import active, display_path
from qualint.rulepack import RulePack, render_diagnosis, render_message, severity_of

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_WORDS = {
    "zh": {"stated": "报告值", "expected": "重算值", "formula": "算式", "cause": "可能原因"},
    "en": {"stated": "stated", "expected": "recomputed", "formula": "formula", "cause": "likely cause"},
}


def escape_data(text: str) -> str:
    """The message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A ``key=value`` property of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props: object) -> str:
    """One workflow command line; properties that are None are left out."""
    shown = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{name}{' ' + shown if shown else ''}::{escape_data(message)}"


def _message(f: Finding, pack: RulePack, lang: str) -> str:
    words = _WORDS.get(lang, _WORDS["zh"])
    lines = [render_message(pack, f, lang)]
    detail = f"{words['stated']} {f.stated}"
    if f.expected:
        detail += f" · {words['expected']} {f.expected}"
    if f.formula:
        detail += f" · {words['formula']} {f.formula}"
    lines.append(detail)
    diagnosis = render_diagnosis(pack, f, lang)
    if diagnosis:
        lines.append(f"{words['cause']}: {diagnosis}")
    return "\n".join(lines)


def render(results: list[FileResult], pack: RulePack, lang: str = "zh", verbose: bool = False) -> str:
    out = []
    for r in results:
        path = display_path(r.path)
        if r.error:
            out.append(command("error", r.error, file=path, title="qualint"))
            continue
        for f in active(r.findings):
            sev = severity_of(pack, f)
            if sev is Severity.INFO and not verbose:
                continue
            rule = pack.rules.get(f.rule)
            line = max(f.location.line, 1)
            end_line = max(f.end_line or f.location.end_line or line, line)
            out.append(command(
                COMMANDS[sev], _message(f, pack, lang),
                file=path, line=line, endLine=end_line,
                title=f"{f.rule} {rule.name}" if rule else f.rule,
            ))
    return "\n".join(out) + ("\n" if out else "")
