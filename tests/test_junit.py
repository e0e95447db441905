"""``--format junit``: well-formed JUnit XML, one test case per file, one failure per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from qualint.cli import main
from qualint.findings import FileResult
from qualint.reporters import junit
from qualint.rulepack import load
from tests import samples
from tests.reportgen import generate


def parse(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def test_one_testcase_per_file_and_counts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = parse(junit.render(samples.results(), load(), "zh"))
    assert root.tag == "testsuites"
    (suite,) = root
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [r.path for r in samples.results()]
    assert suite.get("tests") == "4" and root.get("tests") == "4"
    assert suite.get("failures") == "2" and suite.get("errors") == "1"
    assert all(c.get("classname") == "qualint" and c.get("file") == c.get("name") for c in cases)


def test_failures_per_finding_and_notes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (suite,) = parse(junit.render(samples.results(), load(), "en"))
    main_case, clean, odd, broken = suite.findall("testcase")
    failures = main_case.findall("failure")
    # C102, C105 (warning), T101, X102, C101 (warning override); not Q101 (info) nor the suppressed T101
    assert [f.get("type") for f in failures] == [
        "error C102", "warning C105", "error T101", "error X102", "warning C101"]
    assert failures[0].get("message").startswith("line 12: C102 ")
    assert "stated: 6.8%" in failures[0].text and "recomputed: 5.9%" in failures[0].text
    notes = main_case.find("system-out").text
    assert "Q101" in notes and "suppressed: 经核实为口径差异" in notes
    assert list(clean) == []
    assert len(odd.findall("failure")) == 1
    (error,) = broken.findall("error")
    assert error.get("type") == "unreadable" and "zip" in error.get("message")


def test_markup_is_escaped_and_control_characters_dropped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = junit.render(samples.results(), load(), "zh")
    (suite,) = parse(text)
    total = next(f for f in suite.iter("failure") if f.get("type") == "error T101")
    assert '一位数字写错 <b>&"</b>' in total.text  # the diagnosis, round-tripped through escaping
    assert "\x01" not in text


@settings(max_examples=60)
@given(st.text(), st.text())
def test_any_text_gives_well_formed_xml(path, error):
    results = [FileResult(path=path or "x", error=error or None),
               FileResult(path="r.md", findings=(samples.finding(stated=error, context=path),))]
    (suite,) = parse(junit.render(results, load(), "en"))
    assert len(suite.findall("testcase")) == 2
    assert suite.find("testcase/error") is not None or not error


def test_cli_junit_to_file_with_summary_on_terminal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for seed in (1, 2):
        Path(f"r{seed}.md").write_text(generate(seed, "total" if seed == 1 else None).text, encoding="utf-8")
    out = CliRunner().invoke(main, ["check", "r1.md", "r2.md", "--format", "junit", "-o", "junit.xml", "--lang", "en"])
    assert out.exit_code == 1
    (suite,) = parse(Path("junit.xml").read_text(encoding="utf-8"))
    r1, r2 = suite.findall("testcase")
    assert r1.find("failure").get("type") == "error T101" and r2.find("failure") is None
    assert "T101" in out.stdout and "2 file(s) checked: 1 error(s)" in out.stdout
    assert "<testsuite" not in out.stdout
