"""``--format sarif``: valid SARIF 2.1.0 (pydantic-sarif, generated from the official schema), stable
fingerprints, rule metadata from the pack, relative physical locations, values as properties."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from pydantic_sarif.model import StaticAnalysisResultsFormatSarifVersion210JsonSchema as SarifLog

from qualint.cli import main
from qualint.document import Location
from qualint.reporters import sarif
from qualint.rulepack import load, render_message
from tests import samples
from tests.reportgen import generate

# RFC 3986 URI reference characters (after percent-encoding nothing else may appear).
URI_REFERENCE = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


@pytest.fixture
def log(tmp_path, monkeypatch) -> dict:
    monkeypatch.chdir(tmp_path)
    return json.loads(sarif.render(samples.results(), load(), "zh"))


def validate(log: dict) -> SarifLog:
    return SarifLog.model_validate(log)


def test_sample_log_validates_against_the_schema(log):
    model = validate(log)
    assert model.version.value == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")


def test_one_result_per_finding_with_levels(log):
    results = log["runs"][0]["results"]
    expected = [f for r in samples.results() for f in r.findings]
    assert [r["ruleId"] for r in results] == [f.rule for f in expected]
    levels = {(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]): r["level"] for r in results}
    assert levels[("C102", 12)] == "error"
    assert levels[("C105", 14)] == "warning"
    assert levels[("Q101", 15)] == "note"
    assert levels[("C101", 50)] == "warning"  # a finding's own severity overrides the rule's


def test_rule_metadata_comes_from_the_pack(log):
    pack = load()
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "qualint"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(pack.rules)
    for result in log["runs"][0]["results"]:
        rule = driver["rules"][result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
    t101 = driver["rules"][ids.index("T101")]
    assert t101["name"] == "total-mismatch"
    assert t101["shortDescription"]["text"] == pack.rules["T101"].summary["zh"]
    assert t101["fullDescription"]["text"] == pack.rules["T101"].description["zh"]
    assert t101["help"]["text"] == pack.rules["T101"].description["zh"]
    assert t101["defaultConfiguration"]["level"] == "error"
    assert driver["rules"][ids.index("Q101")]["defaultConfiguration"]["level"] == "note"


def test_english_metadata_and_messages(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pack = load()
    log = json.loads(sarif.render(samples.results(), pack, "en"))
    validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    t101 = next(r for r in driver["rules"] if r["id"] == "T101")
    assert t101["shortDescription"]["text"] == "Total differs from the sum of its parts"
    first = samples.results()[0].findings[0]
    assert log["runs"][0]["results"][0]["message"]["text"] == render_message(pack, first, "en")


def test_physical_locations_are_relative_percent_encoded_uris(log):
    for result in log["runs"][0]["results"]:
        loc = result["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert URI_REFERENCE.match(uri), uri
        assert not uri.startswith("/") and loc["artifactLocation"]["uriBaseId"] == "SRCROOT"
        region = loc["region"]
        assert region["startLine"] >= 1 and region["endLine"] >= region["startLine"]
    first = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert unquote(first["artifactLocation"]["uri"]) == samples.REPORT
    total = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "T101")
    assert total["locations"][0]["physicalLocation"]["region"] == {"startLine": 20, "endLine": 22}
    base = log["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert base.startswith("file:///") and base.endswith("/")


def test_paths_outside_the_working_folder_become_file_uris(tmp_path, monkeypatch):
    inside = tmp_path / "work"
    inside.mkdir()
    monkeypatch.chdir(inside)
    outside = str(tmp_path / "其他" / "r.md")
    result = replace(samples.results()[0], path=outside)
    log = json.loads(sarif.render([result], load(), "zh"))
    validate(log)
    loc = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc["uri"] == Path(outside).as_uri() and "uriBaseId" not in loc


def test_values_are_result_properties(log):
    first = log["runs"][0]["results"][0]
    props = first["properties"]
    assert props["stated"] == "6.8%"
    assert props["recomputed"] == "5.9%"
    assert props["formula"] == "(1300-1228)/1228"
    assert props["interval"] == ["5.85", "5.95"]
    assert props["inputs"] == [{"label": "2020年", "value": "1228"}, {"label": "2021年", "value": "1300"}]
    assert props["cause"] == "current_year_denominator"
    assert "(1300-1228)/1300" in props["diagnosis"]
    assert props["cell"] == {"table": 1, "row": 3, "column": 5}


def test_fingerprints_are_the_findings_and_ignore_line_numbers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pack = load()
    f = samples.finding()
    moved = replace(f, location=replace(f.location, line=f.location.line + 7))
    results = [samples.results()[0].__class__(path=samples.REPORT, findings=(f, moved))]
    log = json.loads(sarif.render(results, pack))
    prints = [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in log["runs"][0]["results"]]
    assert prints == [f.fingerprint(), f.fingerprint()]
    other = replace(f, stated="6.9%")
    assert other.fingerprint() != f.fingerprint()
    again = json.loads(sarif.render(results, pack))
    assert again["runs"][0]["results"] == log["runs"][0]["results"]


def test_related_location_in_another_file(log):
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "X102")
    (related,) = result["relatedLocations"]
    assert unquote(related["physicalLocation"]["artifactLocation"]["uri"]) == "reports/2020.md"
    assert related["physicalLocation"]["region"]["startLine"] == 8
    assert related["message"]["text"] == "就业率 2020: 96.1%"


def test_suppressed_findings_carry_a_suppression(log):
    suppressed = [r for r in log["runs"][0]["results"] if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"] == [{"kind": "inSource", "justification": "经核实为口径差异"}]


def test_unreadable_files_are_notifications(log):
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "broken.docx" in note["message"]["text"]


def test_empty_run_validates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    log = json.loads(sarif.render([], load()))
    validate(log)
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_cli_sarif_end_to_end(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = generate(3, "total")
    Path("报告.md").write_text(report.text, encoding="utf-8")
    out = CliRunner().invoke(main, ["check", "报告.md", "--format", "sarif"])
    assert out.exit_code == 1, out.output
    log = json.loads(out.stdout)
    validate(log)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == report.rule == "T101"
    loc = result["locations"][0]["physicalLocation"]
    assert unquote(loc["artifactLocation"]["uri"]) == "报告.md"
    assert loc["region"]["startLine"] == report.line
    assert result["properties"]["stated"] and result["properties"]["recomputed"]


def test_location_line_zero_is_clamped(tmp_path, monkeypatch):
    """A reader that could not place a finding (line 0) must not produce an invalid region."""
    monkeypatch.chdir(tmp_path)
    f = samples.finding(location=Location(line=0))
    log = json.loads(sarif.render([samples.results()[0].__class__(path="a.md", findings=(f,))], load()))
    validate(log)
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
