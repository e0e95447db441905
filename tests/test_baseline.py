"""Baselines: record today's findings, report only new ones, survive edits elsewhere in the report."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from qualint import baseline
from qualint.cli import main
from qualint.document import Location
from qualint.findings import FileResult, Finding, Suppression

OLD_TABLE = """各专业人数如下：

| 专业 | 2020年 | 2021年 |
|---|---|---|
| 信息技术类 | 147 | 157 |
| 加工制造类 | 445 | 461 |
| 合计 | 592 | 620 |
"""

NEW_TABLE = """教师情况如下：

| 类别 | 2020年 | 2021年 |
|---|---|---|
| 专任教师 | 100 | 121 |
| 兼职教师 | 20 | 18 |
| 合计 | 120 | 140 |
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check_json(*args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, [f for r in json.loads(result.stdout)["files"] for f in r["findings"]]


def f(rule: str, line: int, context: str, stated: str, suppressed: bool = False) -> Finding:
    return Finding(rule=rule, kind="total", path="r.md", location=Location(line=line), stated=stated, context=context,
                   suppressed=Suppression("ok", 1) if suppressed else None)


# ---------------------------------------------------------------- unit


def test_entries_count_identical_findings_and_skip_suppressed(tmp_path: Path) -> None:
    results = [FileResult(path=str(tmp_path / "r.md"), findings=(
        f("T101", 5, "合计 2021年", "620"), f("T101", 9, "合计  2021年", "620"), f("T101", 12, "合计", "7", True)))]
    (entry,) = baseline.entries(results, tmp_path)
    assert entry["path"] == "r.md" and entry["count"] == 2 and entry["rule"] == "T101"


def test_filter_uses_content_not_lines_and_respects_multiplicity(tmp_path: Path) -> None:
    path = str(tmp_path / "r.md")
    target = tmp_path / "baseline.json"
    baseline.write(target, [FileResult(path=path, findings=(f("T101", 5, "合计 2021年", "620"),))])
    accepted = baseline.load(target)
    moved = FileResult(path=path, findings=(
        f("T101", 40, "合计 2021年", "620"),   # same content, other line: accepted
        f("T101", 55, "合计 2021年", "620"),   # a second identical slip: new
        f("T101", 60, "合计 2021年", "621"),   # other stated value: new
    ))
    (kept,), hidden = accepted.filter([moved])
    assert hidden == 1
    assert [(x.line, x.stated) for x in kept.findings] == [(55, "620"), (60, "621")]


def test_paths_are_relative_to_the_baseline_file(tmp_path: Path, monkeypatch) -> None:
    report = write(tmp_path / "reports" / "r.md", OLD_TABLE)
    target = tmp_path / "baseline.json"
    baseline.write(target, [FileResult(path=str(report), findings=(f("T101", 7, "合计", "620"),))])
    assert json.loads(target.read_text(encoding="utf-8"))["findings"][0]["path"] == "reports/r.md"
    monkeypatch.chdir(tmp_path / "reports")
    (kept,), hidden = baseline.load(target).filter([FileResult(path="r.md", findings=(f("T101", 9, "合计", "620"),))])
    assert hidden == 1 and kept.findings == ()


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("{not json", "invalid JSON"),
        ('{"findings": []}', "not a qualint baseline"),
        ('{"tool": "qualint", "version": 9, "findings": []}', "version 9"),
        ('{"tool": "qualint", "version": 1, "findings": [{"path": "r.md"}]}', "findings[0]"),
        ('{"tool": "qualint", "version": 1, "findings": [{"path": "r.md", "fingerprint": "x", "count": 0}]}',
         "findings[0].count"),
    ],
)
def test_bad_baseline_files_are_one_line_errors(tmp_path: Path, content: str, needle: str) -> None:
    target = write(tmp_path / "b.json", content)
    with pytest.raises(baseline.BaselineError) as err:
        baseline.load(target)
    assert str(err.value).startswith(str(target)) and needle in str(err.value) and "\n" not in str(err.value)


# ---------------------------------------------------------------- command line


def test_write_then_check_reports_only_new_findings(tmp_path: Path) -> None:
    report = write(tmp_path / "r.md", OLD_TABLE)
    target = tmp_path / "qualint-baseline.json"
    code, found = check_json(str(report))
    assert code == 1 and [x["rule"] for x in found] == ["T101"]

    result = CliRunner().invoke(main, ["check", "--write-baseline", str(target), str(report)])
    assert result.exit_code == 0
    assert "1 finding(s) recorded" in result.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["findings"][0]["rule"] == "T101"
    assert check_json("--baseline", str(target), str(report)) == (0, [])

    # A new error in a new table is reported; the accepted one is not.
    write(report, OLD_TABLE + "\n" + NEW_TABLE)
    code, found = check_json("--baseline", str(target), str(report))
    assert code == 1
    assert [(x["rule"], x["stated"]) for x in found] == [("T101", "140")]


def test_baseline_survives_inserted_lines(tmp_path: Path) -> None:
    report = write(tmp_path / "r.md", OLD_TABLE)
    target = tmp_path / "baseline.json"
    assert CliRunner().invoke(main, ["check", "--write-baseline", str(target), str(report)]).exit_code == 0
    inserted = "# 2021年质量年度报告\n\n学校概况：本校创办于1985年，现有教职工150人。\n\n新增的一段说明文字。\n\n"
    write(report, inserted + OLD_TABLE)
    code, found = check_json(str(report))
    assert [x["line"] for x in found] == [13]  # the finding moved by six lines…
    assert check_json("--baseline", str(target), str(report)) == (0, [])  # …and stays accepted


def test_baseline_and_write_baseline_cannot_be_combined(tmp_path: Path) -> None:
    report = write(tmp_path / "r.md", OLD_TABLE)
    result = CliRunner().invoke(main, ["check", "--baseline", "a.json", "--write-baseline", "b.json", str(report)])
    assert result.exit_code == 2


def test_missing_baseline_exits_2(tmp_path: Path) -> None:
    report = write(tmp_path / "r.md", OLD_TABLE)
    result = CliRunner().invoke(main, ["check", "--baseline", str(tmp_path / "none.json"), str(report)])
    assert result.exit_code == 2 and "baseline not found" in result.stderr


def test_suppressed_findings_are_not_recorded(tmp_path: Path) -> None:
    report = write(tmp_path / "r.md", "<!-- qualint: ignore[T101] 已说明 -->\n" + OLD_TABLE.split("\n\n", 1)[1])
    target = tmp_path / "b.json"
    CliRunner().invoke(main, ["check", "--write-baseline", str(target), str(report)])
    assert json.loads(target.read_text(encoding="utf-8"))["findings"] == []
    assert Counter(x["rule"] for x in check_json(str(report))[1]) == Counter({"T101": 1})


def test_write_baseline_never_overwrites_a_report(tmp_path: Path) -> None:
    report = write(tmp_path / "r.md", OLD_TABLE)
    result = CliRunner().invoke(main, ["check", "--write-baseline", str(report), str(report)])
    assert result.exit_code == 2 and "never writes over its input" in result.output
    assert report.read_text(encoding="utf-8") == OLD_TABLE
