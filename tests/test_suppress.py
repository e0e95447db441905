"""Inline suppressions: ``qualint: ignore[ID] 理由`` marks findings, Q102 without a reason, Q103 unused."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from qualint import suppress
from qualint.cli import main
from qualint.document import Directive, Location
from qualint.engine import check_document
from qualint.findings import Finding
from qualint.readers import markdown, text

# A table whose 2021 total is wrong (157 + 461 = 618, not 620): one T101 on line 5 of the table.
TABLE_MD = """| 专业 | 2020年 | 2021年 |
|---|---|---|
| 信息技术类 | 147 | 157 |
| 加工制造类 | 445 | 461 |
| 合计 | 592 | 620 |
"""


def finding(rule: str, line: int, stated: str = "1") -> Finding:
    return Finding(rule=rule, kind="total", path="r.md", location=Location(line=line), stated=stated)


def rules_of(findings, suppressed: bool | None = None) -> list[str]:
    return [f.rule for f in findings if suppressed is None or (f.suppressed is not None) == suppressed]


# ---------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("body", "rules", "reason"),
    [
        ("ignore[T101] 合计含撤销专业", ("T101",), "合计含撤销专业"),
        ("ignore[T101,C102]：按教育局口径", ("T101", "C102"), "按教育局口径"),
        ("ignore[T101, c102 、S101] 口径不同", ("T101", "C102", "S101"), "口径不同"),
        ("qualint: ignore[T101] 已核实", ("T101",), "已核实"),
        ("ignore［T101］ 全角括号", ("T101",), "全角括号"),
        ("ignore[T101]", ("T101",), ""),
        ("ignore[T101] - ", ("T101",), ""),
    ],
)
def test_parse_ignore_directives(body: str, rules: tuple[str, ...], reason: str) -> None:
    ig = suppress.parse(Directive(text=body, line=3, applies_to=(4, 8)))
    assert ig is not None
    assert ig.rules == rules
    assert ig.reason == reason
    assert (ig.first, ig.last) == (4, 8)


@pytest.mark.parametrize("body", ["ignore T101 理由", "ignore[] 理由", "disable[T101] 理由", "忽略T101"])
def test_malformed_directives_do_not_parse(body: str) -> None:
    assert suppress.parse(Directive(text=body, line=1, applies_to=(2, 2))) is None


# ---------------------------------------------------------------- applying


def test_covered_finding_is_marked_with_reason_and_kept() -> None:
    d = Directive(text="ignore[T101] 已核实", line=3, applies_to=(4, 8))
    out = suppress.apply("r.md", [d], [finding("T101", 6), finding("T101", 9), finding("C102", 6)])
    by_line = {(f.rule, f.line): f for f in out}
    assert by_line[("T101", 6)].suppressed is not None
    assert by_line[("T101", 6)].suppressed.reason == "已核实"
    assert by_line[("T101", 6)].suppressed.line == 3
    assert by_line[("T101", 9)].suppressed is None  # outside the covered lines
    assert by_line[("C102", 6)].suppressed is None  # another rule
    assert "Q102" not in rules_of(out) and "Q103" not in rules_of(out)


def test_directive_without_reason_still_suppresses_but_warns_q102() -> None:
    d = Directive(text="ignore[T101]", line=3, applies_to=(4, 8))
    out = suppress.apply("r.md", [d], [finding("T101", 5)])
    assert rules_of(out, suppressed=True) == ["T101"]
    q102 = [f for f in out if f.rule == "Q102"]
    assert len(q102) == 1 and q102[0].line == 3 and q102[0].stated == "ignore[T101]"
    assert "Q103" not in rules_of(out)


def test_directive_that_suppresses_nothing_is_q103_naming_the_unused_ids() -> None:
    d = Directive(text="ignore[T101,C102] 旧说明", line=3, applies_to=(4, 8))
    out = suppress.apply("r.md", [d], [finding("T101", 5)])
    q103 = [f for f in out if f.rule == "Q103"]
    assert len(q103) == 1
    assert q103[0].stated == "ignore[C102]" and q103[0].line == 3
    assert rules_of(out, suppressed=True) == ["T101"]


def test_malformed_directive_is_reported_as_unused() -> None:
    d = Directive(text="ignore T101 理由", line=2, applies_to=(3, 3))
    out = suppress.apply("r.md", [d], [finding("T101", 3)])
    assert rules_of(out, suppressed=True) == []
    assert [f.rule for f in out if f.rule == "Q103"] == ["Q103"]


def test_one_finding_is_suppressed_once_even_under_two_directives() -> None:
    a = Directive(text="ignore[T101] 第一条", line=1, applies_to=(2, 9))
    b = Directive(text="ignore[T101] 第二条", line=5, applies_to=(6, 6))
    out = suppress.apply("r.md", [a, b], [finding("T101", 6)])
    assert [f.suppressed.reason for f in out if f.rule == "T101"] == ["第一条"]
    assert [f.stated for f in out if f.rule == "Q103"] == ["ignore[T101]"]


# ---------------------------------------------------------------- through the readers and the engine


def test_pipeline_finds_the_fixture_error() -> None:
    found = check_document(markdown.build_document("r.md", TABLE_MD))
    assert [f.rule for f in found] == ["T101"]


def test_markdown_comment_before_a_table_covers_the_whole_table() -> None:
    doc = markdown.build_document("r.md", "<!-- qualint: ignore[T101] 合计含已撤销专业 -->\n" + TABLE_MD)
    found = check_document(doc)
    assert [(f.rule, f.suppressed.reason if f.suppressed else None) for f in found] == [("T101", "合计含已撤销专业")]


def test_inline_comment_at_the_end_of_a_row_covers_that_row_only() -> None:
    lines = TABLE_MD.splitlines()
    lines[4] += " <!-- qualint: ignore[T101] 按上报口径 -->"
    found = check_document(markdown.build_document("r.md", "\n".join(lines) + "\n"))
    assert [(f.rule, f.suppressed is not None) for f in found] == [("T101", True)]
    lines[4] = lines[4].split("<!--")[0]
    lines[2] += " <!-- qualint: ignore[T101] 放错了行 -->"
    found = check_document(markdown.build_document("r.md", "\n".join(lines) + "\n"))
    assert sorted((f.rule, f.suppressed is not None) for f in found) == [("Q103", False), ("T101", False)]


def test_bare_directive_line_in_a_plain_text_report() -> None:
    report = (
        "各专业人数如下：\n"
        "qualint: ignore[T101] 合计按教育局口径填报\n"
        "\t专业\n\t2020年\n\t2021年\n\n"
        "\t信息技术类\n\t147\n\t157\n\n"
        "\t加工制造类\n\t445\n\t461\n\n"
        "\t合计\n\t592\n\t620\n\n\n"
        "以上为各专业人数。\n"
    )
    found = check_document(text.build_document("r.txt", report))
    assert [(f.rule, f.suppressed.reason if f.suppressed else None) for f in found] == [("T101", "合计按教育局口径填报")]


def test_cli_json_shows_the_reason_and_suppressed_errors_do_not_fail(tmp_path) -> None:
    report = tmp_path / "r.md"
    report.write_text("<!-- qualint: ignore[T101] 合计含已撤销专业的学生 -->\n" + TABLE_MD, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(report)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    (f,) = doc["files"][0]["findings"]
    assert f["rule"] == "T101"
    assert f["suppressed"]["reason"] == "合计含已撤销专业的学生"
    assert doc["summary"]["errors"] == 0 and doc["summary"]["suppressed"] == 1


def test_cli_unreasoned_suppression_is_a_warning(tmp_path) -> None:
    report = tmp_path / "r.md"
    report.write_text("<!-- qualint: ignore[T101] -->\n" + TABLE_MD, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["check", "--format", "json", str(report)])
    assert result.exit_code == 0  # a warning does not fail under the default fail-on=error
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["severity"], "suppressed" in f) for f in findings] == [
        ("Q102", "warning", False), ("T101", "error", True)]
    assert runner.invoke(main, ["check", "--fail-on", "warning", str(report)]).exit_code == 1


def test_reviewer_accepts_one_finding_with_a_reason_using_only_files(tmp_path) -> None:
    """Done-when scenario: the report has two errors; the reviewer accepts one (a comment in the
    report, with a reason), and only the other is still reported."""
    report = tmp_path / "r.md"
    second = TABLE_MD.replace("| 合计 | 592 | 620 |", "| 合计 | 590 | 618 |")  # 2020 total wrong instead
    report.write_text(TABLE_MD + "\n另一张表：\n\n" + second, encoding="utf-8")
    before = json.loads(CliRunner().invoke(main, ["check", "--format", "json", str(report)]).stdout)
    assert [f["line"] for f in before["files"][0]["findings"]] == [5, 13]
    lines = report.read_text(encoding="utf-8").splitlines()
    lines[4] += " <!-- qualint: ignore[T101] 2021年合计含转学学生2人，已向教育局说明 -->"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(report)])
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["line"], f.get("suppressed", {}).get("reason")) for f in findings] == [
        (5, "2021年合计含转学学生2人，已向教育局说明"), (13, None)]
    assert result.exit_code == 1  # the other error still counts


def test_word_comment_on_the_total_cell_accepts_it(tmp_path) -> None:
    from tests.builders import P, T, to_docx

    rows = (("专业", "2020年", "2021年"), ("信息技术类", "147", "157"), ("加工制造类", "445", "461"),
            ("合计", "592", "620"))
    report = tmp_path / "r.docx"
    to_docx([P("各专业人数如下："), T(rows=rows, comments={(3, 2): "qualint: ignore[T101] 含转学学生2人"})], report)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(report)])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["files"][0]["findings"]
    assert [(f["rule"], f.get("suppressed", {}).get("reason")) for f in findings] == [("T101", "含转学学生2人")]
    to_docx([P("各专业人数如下："), T(rows=rows, comments={(1, 2): "qualint: ignore[T101] 放错了格"})], report)
    findings = json.loads(CliRunner().invoke(main, ["check", "--format", "json", str(report)]).stdout)["files"][0]["findings"]
    assert sorted((f["rule"], "suppressed" in f) for f in findings) == [("Q103", False), ("T101", False)]
