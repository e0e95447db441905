"""``--format html``: one self-contained review page with the report's text and tables, each wrong
number highlighted and its finding beside it, and a summary; checked as rendered by headless
Chromium (skipped only when chromium is not installed), with a screenshot kept in test-artifacts/."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from qualint.cli import main
from qualint.document import Location
from qualint.engine import check_file
from qualint.findings import FileResult, Finding
from qualint.reporters import html as html_reporter
from qualint.rulepack import load
from tests.builders import sample_report, to_docx, to_text

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture
def reports(tmp_path: Path) -> list[Path]:
    docx_path = tmp_path / "报告.docx"
    to_docx(sample_report(), docx_path)
    txt_path = tmp_path / "报告.txt"
    txt_path.write_text(to_text(sample_report()), encoding="utf-8")
    return [docx_path, txt_path]


def page_for(paths: list[Path], lang: str = "zh") -> str:
    return html_reporter.render([check_file(p) for p in paths], load(), lang)


def marks(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<mark class="(\w+)"[^>]*>([^<]*)</mark>', page)


def test_page_is_self_contained(reports: list[Path]) -> None:
    page = page_for(reports)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r'\b(?:src|href)="(?!#)', page), "only in-page links"
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert "<style>" in page and "<script>" in page


def test_wrong_numbers_highlighted_with_findings_beside(reports: list[Path]) -> None:
    page = page_for(reports)
    assert marks(page) == [("error", "5.2%"), ("error", "676"), ("error", "6.4%")] * 2
    assert page.count('class="note error"') == 6
    assert "比上年的1200人增长<mark" in page  # the prose number is marked where it stands
    for needed in ("T101", "C102", "461+157+48=666", "(157-147)/147", "可能原因", "第1个表格 第5行第4列"):
        assert needed in page
    assert re.search(r'<span class="error">错误 6</span>', page)  # the summary at the top
    assert "学校现有全日制在籍学生1259人" in page  # the report's text is there


def test_prose_number_highlighted_in_its_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text("1.2学生情况\n在籍学生1259人，比上年增长3.5%，毕业生446人。\n<script>alert(1)</script> 12%\n",
                    encoding="utf-8")
    findings = (
        Finding(rule="C102", kind="change", path=str(path), location=Location(line=2), stated="3.5%", expected="+4.1%",
                formula="(1259-1209)/1209"),
        Finding(rule="C101", kind="change", path=str(path), location=Location(line=3), stated="12%", expected="11%"),
        Finding(rule="T101", kind="total", path=str(path), location=Location(line=40), stated="9", expected="8"),
    )
    page = html_reporter.render([FileResult(path=str(path), findings=findings)], load(), "en")
    assert ("error", "3.5%") in marks(page) and ("error", "12%") in marks(page)
    assert "在籍学生1259人，比上年增长<mark" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Findings not placed in the text" in page  # line 40 does not exist
    assert "recomputed" in page and "stated" in page


def test_unreadable_and_vanished_files(tmp_path: Path, reports: list[Path]) -> None:
    results = [check_file(reports[0]), FileResult(path=str(tmp_path / "gone.docx"), error="file not found")]
    reports[0].unlink()  # checked, then removed before the page is written
    page = html_reporter.render(results, load(), "zh")
    assert "file not found" in page
    assert "无法重新读取正文" in page and page.count('class="note error"') == 3


def test_cli_format_html(reports: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    result = CliRunner().invoke(main, ["check", "--format", "html", "-o", str(out), *map(str, reports)])
    assert result.exit_code == 1, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = CliRunner().invoke(main, ["check", "--format", "html", "--lang", "en", str(reports[1])])
    assert result.output.startswith("<!DOCTYPE html>") and "qualint review" in result.output


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _chromium_run(url: str, *extra: str) -> subprocess.CompletedProcess:
    binary = _chromium()
    assert binary is not None
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", *extra, url],
            capture_output=True, text=True, timeout=120,
        )


@pytest.mark.skipif(_chromium() is None, reason="chromium not installed (.ci/run installs Debian's chromium)")
def test_page_in_headless_chromium(reports: list[Path], tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    page.write_text(page_for(reports), encoding="utf-8")
    dom = _chromium_run(page.as_uri(), "--dump-dom")
    assert dom.returncode == 0, dom.stderr[-2000:]
    rendered = dom.stdout
    assert re.findall(r'<mark class="error"[^>]*>([^<]*)</mark>', rendered) == ["5.2%", "676", "6.4%"] * 2
    assert rendered.count('class="note error"') == 6
    assert 'id="summary"' in rendered and "错误 6" in rendered
    assert 'class="hide-info"' in rendered  # the script ran without breaking the page
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "html-review.png"
    if shot.exists():
        shot.unlink()
    result = _chromium_run(page.as_uri(), f"--screenshot={shot}", "--window-size=1300,1400", "--hide-scrollbars")
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.is_file() and shot.stat().st_size > 20_000
