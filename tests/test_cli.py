"""The command line contract: JSON fields, exit codes, unreadable files among readable ones."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from qualint.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "report-2021.md"
REQUIRED = {"rule", "name", "severity", "kind", "line", "end_line", "message", "stated", "expected", "formula", "diagnosis"}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_example_report_json_contract():
    result = run("check", "--format", "json", str(EXAMPLE))
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["version"] == 1 and doc["summary"]["files"] == 1
    findings = doc["files"][0]["findings"]
    assert findings and all(REQUIRED <= set(f) for f in findings)
    by_line = {f["line"]: f for f in findings}
    assert by_line[18]["stated"] == "-93.3%" and by_line[18]["expected"] == "-48.3%"
    assert by_line[18]["formula"] == "(120-232)/232" and "分母用了本年数" in by_line[18]["diagnosis"]
    assert doc["summary"]["errors"] == sum(1 for f in findings if f["severity"] == "error")


def test_english_messages():
    doc = json.loads(run("check", "--format", "json", "--lang", "en", str(EXAMPLE)).stdout)
    f = next(f for f in doc["files"][0]["findings"] if f["line"] == 18)
    assert "denominator is the current year" in f["diagnosis"] and "percent change" in f["message"]


def test_clean_file_exits_zero(tmp_path):
    clean = tmp_path / "ok.md"
    clean.write_text("| 专业 | 2020年 | 2021年 |\n|---|---|---|\n| 甲 | 1 | 2 |\n| 乙 | 3 | 4 |\n| 合计 | 4 | 6 |\n", encoding="utf-8")
    result = run("check", str(clean))
    assert result.exit_code == 0 and "0 个错误" in result.stdout


def test_unreadable_file_exits_two_and_others_are_still_checked(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 4)
    result = run("check", "--format", "json", str(bad), str(EXAMPLE), str(tmp_path / "missing.txt"))
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    errors = {Path(f["path"]).name: f.get("error") for f in doc["files"]}
    assert "binary" in errors["bad.txt"] and "not found" in errors["missing.txt"]
    assert any(f["findings"] for f in doc["files"] if f["path"].endswith("report-2021.md"))


def test_fail_on_and_exit_zero():
    assert run("check", "--exit-zero", str(EXAMPLE)).exit_code == 0
    assert run("check", "--fail-on", "never", str(EXAMPLE)).exit_code == 0


def test_output_file_is_written_atomically_and_terminal_shows_summary(tmp_path):
    out = tmp_path / "out.json"
    result = run("check", "--format", "json", "--output", str(out), str(EXAMPLE))
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == 1
    assert "个错误" in result.output


def test_folder_is_walked(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00")
    doc = json.loads(run("check", "--format", "json", str(tmp_path)).stdout)
    assert [Path(f["path"]).name for f in doc["files"]] == ["a.md"]


@pytest.mark.parametrize("args", [["--version"], ["check", "--help"]])
def test_module_entry_point(args):
    proc = subprocess.run([sys.executable, "-m", "qualint", *args], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0 and proc.stdout


def test_coverage_is_reported():
    doc = json.loads(run("check", "--format", "json", str(EXAMPLE)).stdout)
    stats = doc["files"][0]["stats"]
    assert stats["tables"] == 3 and stats["tables_checked"] == 3 and stats["table_relations"] > 20
    assert "可核对的关系" in run("check", "-v", str(EXAMPLE)).stdout


def test_outputs_get_ordinary_file_permissions(tmp_path):
    import os

    out = tmp_path / "out.json"
    run("check", "--format", "json", "--output", str(out), str(EXAMPLE))
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
