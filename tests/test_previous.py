"""``--previous``: earlier-year figures quoted in this year's report against last year's report (X102).

First the comparison on hand-built ``MentionClaim``s (the interface every extractor emits), then the
check inside the pipeline (engine, process pool, suppressions), then end to end from Markdown tables
whose year columns give the mentions, through the CLI and the machine formats.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from qualint.batch import check_files
from qualint.claims.model import MentionClaim, Operand
from qualint.cli import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, main
from qualint.document import Document, Location
from qualint.engine import Options, check_document
from qualint.previous import (
    PREVIOUS_KEY,
    PreviousReport,
    agree,
    compare,
    load_previous,
    previous_report,
    with_previous,
)
from qualint.quantities import scan
from qualint.rulepack import load, render_message


def q(text: str):
    (quantity,) = [t for t in scan(text) if t.role == "value"]
    return quantity


def mention(indicator: str, year: int | None, text: str, scope: str = "", line: int = 1, **kw) -> MentionClaim:
    return MentionClaim(
        stated=Operand(label=f"{indicator}·{year}", quantity=q(text), location=Location(line=line)),
        indicator=indicator, year=year, scope=scope, context=f"{indicator}|{year}|{scope}", **kw)


LAST_YEAR = PreviousReport("2020.md", (
    mention("在校生", 2020, "2300", line=9),
    mention("在校生", 2019, "2100", line=9),
    mention("在校生", 2020, "2280", scope="全日制", line=3),
    mention("教学仪器设备值", 2020, "900.50万元", line=11),
))


# ---------------------------------------------------------------- agreement of two statements


@pytest.mark.parametrize(("a", "b"), [
    ("95.3%", "95.30%"),      # same number, more decimals
    ("95%", "95.3%"),         # rounded to fewer decimals
    ("95.36%", "95.3%"),      # truncated
    ("4.2万人", "42180人"),    # scale word
    ("845.25万元", "8452500元"),
    ("约2300人", "2350人"),     # hedge
    ("845.25", "845.25万元"),  # a bare cell whose 万 sat in a header
])
def test_agreeing_statements(a, b):
    assert agree(q(a), q(b)) and agree(q(b), q(a))


@pytest.mark.parametrize(("a", "b"), [
    ("2350", "2300"),
    ("95.3%", "96.1%"),
    ("900.5万元", "905.5万元"),
    ("4.2万人", "43500人"),
])
def test_disagreeing_statements(a, b):
    assert not agree(q(a), q(b)) and not agree(q(b), q(a))


# ---------------------------------------------------------------- compare


def test_mismatch_found_with_related_place_in_the_other_file():
    (f,) = compare([mention("在校生", 2020, "2350", line=7)], LAST_YEAR, "2021.md")
    assert (f.rule, f.path, f.line, f.stated, f.expected) == ("X102", "2021.md", 7, "2350", "2300")
    (rel,) = f.related
    assert (rel.path, rel.line) == ("2020.md", 9)
    params = dict(f.params)
    assert params["label"] == "2020年在校生" and params["other_path"] == "2020.md" and params["other_line"] == "9"
    pack = load()
    assert render_message(pack, f, "zh") == "2020年在校生 此处为 2350，而上年报告 2020.md 第9行为 2300"
    assert render_message(pack, f, "en") == "2020年在校生 is 2350 here but 2300 in last year's report 2020.md at line 9"


def test_matching_figures_and_other_keys_are_quiet():
    quiet = [
        mention("在校生", 2020, "2300"),                  # the same
        mention("在校生", 2019, "2100.0"),                # the same, printed differently
        mention("在校生", 2021, "2442"),                  # this year: last year's report has no such figure
        mention("在校生", 2018, "1900人"),                # a year last year's report did not state
        mention("专任教师", 2020, "150"),                 # an indicator it did not state
        mention("在校生", 2020, "2280", scope="全日制"),  # its own scope
        mention("在校生", None, "9999"),                  # no year: not comparable
        mention("教学仪器设备值", 2020, "900.5万元"),
    ]
    assert compare(quiet, LAST_YEAR, "2021.md") == []


def test_scope_is_part_of_the_key():
    (f,) = compare([mention("在校生", 2020, "2300", scope="全日制", line=4)], LAST_YEAR, "2021.md")
    assert f.expected == "2280" and dict(f.params)["label"] == "2020年全日制在校生"


def test_a_figure_stated_twice_in_last_years_report_is_matched_against_each():
    twice = PreviousReport("2020.md", (mention("招生", 2020, "800", line=5), mention("招生", 2020, "812", line=30)))
    assert compare([mention("招生", 2020, "812")], twice, "2021.md") == []
    assert compare([mention("招生", 2020, "800")], twice, "2021.md") == []
    (f,) = compare([mention("招生", 2020, "830")], twice, "2021.md")
    assert f.expected == "800"


def test_different_units_and_ratios_are_not_compared():
    report = PreviousReport("2020.md", (mention("生师比", 2020, "18.5:1"), mention("占地面积", 2020, "12万平方米")))
    assert compare([mention("生师比", 2020, "20")], report, "2021.md") == []
    assert compare([mention("占地面积", 2020, "150亩")], report, "2021.md") == []


def test_kinds_x101_does_not_compare_are_left_alone():
    from dataclasses import dataclass

    @dataclass(frozen=True, kw_only=True)
    class RateMention(MentionClaim):
        kind: str = "rate"

    rate = RateMention(stated=Operand(label="就业率", quantity=q("95.0%"), location=Location(line=2)),
                       indicator="就业率", year=2020)
    report = previous_report("2020.md", [RateMention(stated=Operand(label="就业率", quantity=q("97.0%"),
                                                                    location=Location(line=2)),
                                                     indicator="就业率", year=2020)])
    assert report.mentions == ()
    assert compare([rate], report, "2021.md") == []


def test_the_same_file_as_previous_is_not_compared(tmp_path):
    p = tmp_path / "r.md"
    p.write_text("x", encoding="utf-8")
    report = PreviousReport(str(p), (mention("在校生", 2020, "2300"),))
    assert compare([mention("在校生", 2020, "2350")], report, str(p)) == []


# ---------------------------------------------------------------- in the pipeline


def test_check_runs_only_with_a_previous_report():
    doc = Document(path="2021.md", blocks=())
    claims = [mention("在校生", 2020, "2350", line=7)]
    assert [f.rule for f in check_document(doc, Options(), claims=claims)] == []
    options = with_previous(Options(settings={"tolerance": 1}), LAST_YEAR)
    assert options.settings["tolerance"] == 1 and options.settings[PREVIOUS_KEY] is LAST_YEAR
    assert [f.rule for f in check_document(doc, options, claims=claims)] == ["X102"]


LAST_YEAR_MD = """# 某职业学校2020年质量年度报告

表1 办学基本情况

| 指标 | 2019年 | 2020年 |
|---|---|---|
| 在校生数（人） | 2100 | 2300 |
| 专任教师数（人） | 140 | 150 |
| 教学仪器设备值（万元） | 845.25 | 900.50 |
"""

THIS_YEAR_MD = """# 某职业学校2021年质量年度报告

表1 办学基本情况

| 指标 | 2020年 | 2021年 |
|---|---|---|
| 在校生数（人） | {enrolled} | 2442 |
| 专任教师数（人） | 150 | 158 |
| 教学仪器设备值（万元） | 900.5 | 960.00 |
"""


@pytest.fixture
def reports(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    Path("2020.md").write_text(LAST_YEAR_MD, encoding="utf-8")
    Path("2021.md").write_text(THIS_YEAR_MD.format(enrolled=2350), encoding="utf-8")
    Path("2021-ok.md").write_text(THIS_YEAR_MD.format(enrolled=2300), encoding="utf-8")
    return tmp_path


def test_previous_report_extracted_from_year_columns(reports):
    report = load_previous("2020.md")
    keys = {(m.indicator, m.year, m.stated.text) for m in report.mentions}
    assert {("在校生", 2020, "2300"), ("在校生", 2019, "2100"), ("专任教师", 2020, "150")} <= keys


def test_end_to_end_cli(reports):
    run = CliRunner().invoke
    wrong = run(main, ["check", "2021.md", "--previous", "2020.md", "--format", "json"])
    assert wrong.exit_code == EXIT_FINDINGS
    (f,) = [f for f in json.loads(wrong.stdout)["files"][0]["findings"] if f["severity"] != "info"]
    assert (f["rule"], f["line"], f["stated"], f["expected"]) == ("X102", 7, "2350", "2300")
    assert f["related"] == [{"line": 7, "text": "2020年在校生 2300", "path": "2020.md"}]
    assert run(main, ["check", "2021-ok.md", "--previous", "2020.md"]).exit_code == EXIT_CLEAN
    assert run(main, ["check", "2021.md"]).exit_code == EXIT_CLEAN  # without --previous nothing to compare
    terminal = run(main, ["check", "2021.md", "--previous", "2020.md", "--lang", "en"])
    assert "in last year's report 2020.md at line 7" in terminal.stdout and "related 2020.md line 7" in terminal.stdout


def test_end_to_end_sarif_points_at_the_other_file(reports):
    out = CliRunner().invoke(main, ["check", "2021.md", "--previous", "2020.md", "--format", "sarif"])
    (result,) = [r for r in json.loads(out.stdout)["runs"][0]["results"] if r["ruleId"] == "X102"]
    (related,) = result["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "2020.md"
    assert related["physicalLocation"]["region"]["startLine"] == 7


def test_suppressed_inline_like_any_finding(reports):
    text = THIS_YEAR_MD.format(enrolled=2350).replace(
        "| 在校生数（人） | 2350 | 2442 |", "| 在校生数（人） | 2350 | 2442 | <!-- qualint: ignore[X102] 2020年数据经教育局修订 -->")
    Path("2021-revised.md").write_text(text, encoding="utf-8")
    out = CliRunner().invoke(main, ["check", "2021-revised.md", "--previous", "2020.md", "--format", "json"])
    assert out.exit_code == EXIT_CLEAN, out.stdout
    (f,) = [f for f in json.loads(out.stdout)["files"][0]["findings"] if f["rule"] == "X102"]
    assert f["suppressed"]["reason"] == "2020年数据经教育局修订"


def test_previous_travels_to_worker_processes(reports):
    files = []
    for i in range(6):
        name = f"r{i}.md"
        Path(name).write_text(THIS_YEAR_MD.format(enrolled=2350 if i % 2 else 2300), encoding="utf-8")
        files.append(name)
    options = with_previous(Options(), load_previous("2020.md"))
    parallel = check_files(files, options, jobs=2)
    assert parallel == check_files(files, options, jobs=1)
    assert [[f.rule for f in r.findings if f.rule == "X102"] for r in parallel] == [[], ["X102"]] * 3


def test_unreadable_previous_report_is_a_usage_error(reports):
    out = CliRunner().invoke(main, ["check", "2021.md", "--previous", "missing.md"])
    assert out.exit_code == EXIT_ERROR
    assert "--previous missing.md" in out.stderr
