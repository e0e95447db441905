"""Batch runs: 200 generated reports with known errors, parallel = serial, stable order, exclusions,
progress only where it helps, end-of-run tables, --output for every format, and the exit policy."""

from __future__ import annotations

import json
import os
import pickle
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from qualint import batch
from qualint.batch import check_files, file_counts, render_summary, rule_counts, wants_progress
from qualint.cli import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, exit_code, main
from qualint.engine import Options, check_file
from qualint.findings import FileResult, Severity
from qualint.rulepack import load
from tests import samples
from tests.reportgen import ERRORS, generate, write_batch


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def batch_200(tmp_path_factory) -> list:
    return write_batch(tmp_path_factory.mktemp("batch") / "reports", 200)


def test_generator_covers_every_error_kind(batch_200):
    assert {r.rule for _, r in batch_200} == set(ERRORS.values())
    assert all(r.line for _, r in batch_200)


def test_200_reports_jobs_2_same_findings_as_jobs_1(batch_200):
    folder = str(batch_200[0][0].parent)
    serial = run("check", folder, "--format", "json", "--jobs", "1")
    parallel = run("check", folder, "--format", "json", "--jobs", "2")
    assert serial.exit_code == parallel.exit_code == EXIT_FINDINGS
    assert parallel.stdout == serial.stdout
    doc = json.loads(parallel.stdout)
    assert [Path(f["path"]).name for f in doc["files"]] == [p.name for p, _ in batch_200]
    for entry, (_, report) in zip(doc["files"], batch_200, strict=True):
        found = [(f["rule"], f["line"]) for f in entry["findings"] if f["severity"] != "info"]
        assert found == [(report.rule, report.line)], entry["path"]
    assert doc["summary"]["errors"] == 200


def test_pool_results_equal_serial_results(batch_200):
    files = [str(p) for p, _ in batch_200[:40]]
    assert check_files(files, Options(), jobs=2) == check_files(files, Options(), jobs=1)


def _slow_first(path, options):
    """Early files finish last, so completion order is the reverse of input order."""
    index = int(Path(path).stem.rsplit("_", 1)[1])
    time.sleep(max(0.0, 0.25 - 0.05 * index))
    return check_file(path, options)


def test_results_come_back_in_input_order(batch_200, monkeypatch):
    monkeypatch.setattr(batch, "check_file", _slow_first)
    files = [str(p) for p, _ in batch_200[:8]]
    results = check_files(files, Options(), jobs=4)
    assert [r.path for r in results] == files
    assert all(r.findings for r in results)


def _dies_on_marked_file(path, options):
    if Path(path).name.startswith("die"):
        os._exit(3)
    return check_file(path, options)


def test_a_dying_worker_becomes_a_file_error(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "check_file", _dies_on_marked_file)
    files = []
    for i in range(6):
        p = tmp_path / (f"die_{i}.md" if i == 3 else f"ok_{i}.md")
        p.write_text(generate(i, None).text, encoding="utf-8")
        files.append(str(p))
    results = check_files(files, Options(), jobs=2)
    assert [r.path for r in results] == files
    assert "process died" in results[3].error
    # the files pending when the pool broke are checked again, each on its own: only the culprit fails
    assert [r.error is None for r in results] == [True, True, True, False, True, True]


def test_file_results_are_picklable():
    results = samples.results()
    assert pickle.loads(pickle.dumps(results)) == results


def test_few_files_run_in_this_process(tmp_path, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool for two files")

    monkeypatch.setattr(batch, "_check_in_pool", no_pool)
    paths = []
    for i in range(2):
        p = tmp_path / f"r{i}.md"
        p.write_text(generate(i).text, encoding="utf-8")
        paths.append(str(p))
    assert len(check_files(paths, Options(), jobs=8)) == 2


def test_per_file_options(tmp_path):
    p = tmp_path / "big.md"
    p.write_text(generate(0).text, encoding="utf-8")
    tiny = Options(max_bytes=10)
    (result,) = check_files([str(p)], {str(p): tiny}, jobs=1)
    assert "too large" in result.error


class _Stream:
    def __init__(self, tty: bool):
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_only_on_a_terminal_with_many_files_and_not_quiet():
    many = batch.MIN_FILES_FOR_PROGRESS
    assert wants_progress(many, quiet=False, stream=_Stream(True))
    assert not wants_progress(many, quiet=True, stream=_Stream(True))
    assert not wants_progress(many, quiet=False, stream=_Stream(False))
    assert not wants_progress(many - 1, quiet=False, stream=_Stream(True))


def test_progress_bar_run_gives_the_same_results(batch_200, capsys):
    files = [str(p) for p, _ in batch_200[:25]]
    assert check_files(files, Options(), jobs=2, progress=True) == check_files(files, Options(), jobs=1)


def test_default_jobs_is_the_core_count():
    assert batch.default_jobs() >= 1
    if hasattr(os, "sched_getaffinity"):
        assert batch.default_jobs() == len(os.sched_getaffinity(0))


# ---------------------------------------------------------------- discovery with --exclude


def test_exclude_patterns(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("reports/a.md", "reports/drafts/b.md", "reports/2020/c.txt", "reports/d.bak.md", "reports/.git/e.md"):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(generate(1, None).text, encoding="utf-8")

    def checked(*args: str) -> list[str]:
        doc = json.loads(run("check", "reports", "--format", "json", *args).stdout)
        return [f["path"] for f in doc["files"]]

    assert checked() == ["reports/2020/c.txt", "reports/a.md", "reports/d.bak.md", "reports/drafts/b.md"]
    assert checked("--exclude", "drafts/", "--exclude", "*.bak.md") == ["reports/2020/c.txt", "reports/a.md"]
    assert checked("--exclude", "reports/2020/") == ["reports/a.md", "reports/d.bak.md", "reports/drafts/b.md"]
    assert checked("--exclude", "2020") == ["reports/a.md", "reports/d.bak.md", "reports/drafts/b.md"]
    assert checked("--exclude", "*.md", "--exclude", "!a.md") == ["reports/2020/c.txt", "reports/a.md"]
    # files named on the command line honour the patterns too (a hook passes file names)
    doc = json.loads(run("check", "reports/a.md", "reports/drafts/b.md", "--format", "json",
                         "--exclude", "drafts/").stdout)
    assert [f["path"] for f in doc["files"]] == ["reports/a.md"]


# ---------------------------------------------------------------- summary tables


def test_file_and_rule_counts():
    pack = load()
    results = samples.results()
    counts = file_counts(results, pack)
    assert [(c.errors, c.warnings) for c in counts] == [(3, 2), (0, 0), (1, 0), (0, 0)]
    assert counts[3].unreadable
    assert rule_counts(results, pack) == [("C102", 2, 2), ("C101", 1, 1), ("C105", 1, 1), ("T101", 1, 1), ("X102", 1, 1)]
    assert rule_counts(results, pack, top=1) == [("C102", 2, 2)]


def test_summary_tables_rendered(tmp_path):
    out = tmp_path / "out.txt"
    with open(out, "w", encoding="utf-8") as fh:
        render_summary(samples.results(), load(), "en", file=fh, color=False)
    text = out.read_text(encoding="utf-8")
    assert "findings per file" in text and "most frequent rules" in text
    assert "reports/clean.md" not in text and "1 other file(s) without problems" in text
    assert "unreadable" in text and "change-pct-mismatch" in text


def test_cli_shows_tables_for_several_files_only(batch_200):
    files = [str(p) for p, _ in batch_200[:3]]
    several = run("check", *files, "--lang", "en")
    assert "findings per file" in several.stdout and "most frequent rules" in several.stdout
    assert several.stdout.rstrip().splitlines()[-1].startswith("3 file(s) checked: 3 error(s)")
    one = run("check", files[0], "--lang", "en")
    assert "findings per file" not in one.stdout
    quiet = run("check", *files, "--lang", "en", "--quiet")
    assert quiet.stdout.strip().splitlines() == ["3 file(s) checked: 3 error(s), 0 warning(s), 0 info"]


# ---------------------------------------------------------------- --output for every format


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "github", "junit", "terminal"])
def test_output_file_gets_the_format_and_the_terminal_the_summary(fmt, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = generate(5)
    Path("r.md").write_text(report.text, encoding="utf-8")
    to_stdout = run("check", "r.md", "--format", fmt, "--lang", "en")
    to_file = run("check", "r.md", "--format", fmt, "--lang", "en", "--output", "out")
    assert to_stdout.exit_code == to_file.exit_code == EXIT_FINDINGS
    written = Path("out").read_text(encoding="utf-8")
    if fmt == "terminal":
        assert "\x1b[" not in written and written == to_stdout.stdout
    else:
        assert written == to_stdout.stdout
    assert "1 file(s) checked: 1 error(s)" in to_file.stdout
    assert report.rule in to_file.stdout  # the finding itself, as --format terminal shows it
    assert list(tmp_path.glob(".out.*")) == []  # no temporary left behind


# ---------------------------------------------------------------- exit policy


def _warning_only():
    f = samples.finding(rule="C105", stated="1.2%", expected="1.2")
    return [FileResult(path="w.md", findings=(f,))]


def test_exit_policy_by_severity():
    pack = load()
    assert pack.rules["C105"].severity is Severity.WARNING
    warn, err = _warning_only(), [FileResult(path="e.md", findings=(samples.finding(),))]
    info = [FileResult(path="i.md", findings=(samples.finding(rule="Q101"),))]
    assert exit_code(warn, pack, "error", False) == EXIT_CLEAN
    assert exit_code(warn, pack, "warning", False) == EXIT_FINDINGS
    assert exit_code(err, pack, "warning", False) == EXIT_FINDINGS
    assert exit_code(err, pack, "never", False) == EXIT_CLEAN
    assert exit_code(err, pack, "error", True) == EXIT_CLEAN
    assert exit_code(info, pack, "warning", False) == EXIT_CLEAN
    suppressed = [FileResult(path="s.md", findings=(samples.results()[0].findings[4],))]
    assert exit_code(suppressed, pack, "warning", False) == EXIT_CLEAN
    unreadable = [*err, FileResult(path="x.docx", error="corrupt")]
    for fail_on, zero in (("error", False), ("never", False), ("error", True)):
        assert exit_code(unreadable, pack, fail_on, zero) == EXIT_ERROR


def test_exit_codes_through_the_cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("bad.md").write_text(generate(1, "total").text, encoding="utf-8")
    Path("good.md").write_text(generate(2, None).text, encoding="utf-8")
    assert run("check", "good.md").exit_code == EXIT_CLEAN
    assert run("check", "good.md", "bad.md").exit_code == EXIT_FINDINGS
    assert run("check", "bad.md", "--fail-on", "never").exit_code == EXIT_CLEAN
    assert run("check", "bad.md", "--exit-zero").exit_code == EXIT_CLEAN
    assert run("check", "bad.md", "--fail-on", "warning").exit_code == EXIT_FINDINGS
    missing = run("check", "bad.md", "missing.md", "good.md", "--format", "jsonl", "--exit-zero")
    assert missing.exit_code == EXIT_ERROR
    lines = [json.loads(x) for x in missing.stdout.splitlines()]
    assert [x.get("rule") or x.get("error") for x in lines] == ["T101", "file not found"]
    for usage in (["check"], ["check", "good.md", "--format", "xml"], ["check", "good.md", "--jobs", "0"],
                  ["check", "good.md", "--fail-on", "info"], ["check", "good.md", "--bogus"]):
        assert run(*usage).exit_code == EXIT_ERROR, usage


def test_output_never_overwrites_an_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = generate(3).text
    Path("r.md").write_text(text, encoding="utf-8")
    Path("last.md").write_text(text, encoding="utf-8")
    for args in (["r.md", "-o", "./r.md"], ["r.md", "--previous", "last.md", "--output", "last.md"]):
        out = run("check", *args, "--format", "json")
        assert out.exit_code == EXIT_ERROR and "never writes over its input" in out.output
    assert Path("r.md").read_text(encoding="utf-8") == text == Path("last.md").read_text(encoding="utf-8")
