"""``--format junit``: JUnit XML for CI test report views (GitLab, Jenkins, Azure), one test case per file.

A file with error or warning findings is a failing test case with one ``<failure>`` per finding; an
unreadable file is an ``<error>``; info findings and suppressed ones go to ``<system-out>`` so that they
do not fail anything. Built with ``xml.etree`` (which escapes markup); characters that XML 1.0 cannot
carry at all (control characters from broken exports) are dropped first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from qualint.findings import FileResult, Finding, Severity
from qualint.reporters.model import display_path
from qualint.rulepack import RulePack, render_diagnosis, render_message, severity_of

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_WORDS = {
    "zh": {"stated": "报告值", "expected": "重算值", "formula": "算式", "cause": "可能原因", "line": "第{line}行",
           "suppressed": "已忽略"},
    "en": {"stated": "stated", "expected": "recomputed", "formula": "formula", "cause": "likely cause",
           "line": "line {line}", "suppressed": "suppressed"},
}


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (escaping of <, & and quotes is ElementTree's)."""
    return _NOT_XML.sub("", text)


def _describe(f: Finding, pack: RulePack, lang: str) -> tuple[str, str]:
    """(one-line message, detailed body) of a finding."""
    words = _WORDS.get(lang, _WORDS["zh"])
    where = words["line"].format(line=f.location.line)
    message = f"{where}: {f.rule} {render_message(pack, f, lang)}"
    body = [message, f"{words['stated']}: {f.stated}"]
    if f.expected:
        body.append(f"{words['expected']}: {f.expected}")
    if f.formula:
        body.append(f"{words['formula']}: {f.formula}")
    diagnosis = render_diagnosis(pack, f, lang)
    if diagnosis:
        body.append(f"{words['cause']}: {diagnosis}")
    return message, "\n".join(body)


def build(results: list[FileResult], pack: RulePack, lang: str = "zh") -> ET.Element:
    words = _WORDS.get(lang, _WORDS["zh"])
    suite = ET.Element("testsuite", name="qualint")
    failures = errors = 0
    for r in results:
        path = display_path(r.path)
        case = ET.SubElement(suite, "testcase", classname="qualint", name=xml_text(path), file=xml_text(path))
        if r.error:
            errors += 1
            error = ET.SubElement(case, "error", message=xml_text(r.error), type="unreadable")
            error.text = xml_text(r.error)
            continue
        notes = []
        failed = False
        for f in r.findings:
            message, body = _describe(f, pack, lang)
            sev = severity_of(pack, f)
            if f.suppressed is not None:
                notes.append(f"[{words['suppressed']}: {f.suppressed.reason}] {body}")
            elif sev is Severity.INFO:
                notes.append(body)
            else:
                failed = True
                failure = ET.SubElement(case, "failure", message=xml_text(message), type=f"{sev.value} {f.rule}")
                failure.text = xml_text(body)
        failures += failed
        if notes:
            ET.SubElement(case, "system-out").text = xml_text("\n\n".join(notes))
    counts = {"tests": str(len(results)), "failures": str(failures), "errors": str(errors), "skipped": "0"}
    suite.attrib.update(counts)
    root = ET.Element("testsuites", name="qualint", **{k: v for k, v in counts.items() if k != "skipped"})
    root.append(suite)
    return root


def render(results: list[FileResult], pack: RulePack, lang: str = "zh") -> str:
    root = build(results, pack, lang)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
