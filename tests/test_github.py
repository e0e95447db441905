"""``--format github``: workflow commands the Actions runner parses back to what qualint meant.

The runner's rules (actions/runner, ActionCommand.cs): a command is one line ``::name k=v,k=v::data``;
data unescapes %0D %0A %25, property values also %3A %2C. The parser below applies exactly those
rules, so a test that round-trips proves the escaping (every rate in a message has a %).
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from qualint.cli import main
from qualint.reporters import github
from qualint.rulepack import load, render_message
from tests import samples
from tests.reportgen import generate

COMMAND = re.compile(r"^::(?P<name>[a-z]+)(?: (?P<props>[^:]*))?::(?P<data>.*)$")


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """One workflow command as the runner reads it."""
    m = COMMAND.match(line)
    assert m, line
    props = {}
    for pair in filter(None, (m["props"] or "").split(",")):
        key, _, value = pair.partition("=")
        props[key] = unescape_property(value)
    return m["name"], props, unescape_data(m["data"])


def test_escape_data():
    assert github.escape_data("100% 完成\r\n下一行") == "100%25 完成%0D%0A下一行"
    assert github.escape_data("a:b,c") == "a:b,c"
    assert github.escape_data("%0A") == "%250A"  # an escape sequence in the text stays literal


def test_escape_property():
    assert github.escape_property("reports/a:b,c.md") == "reports/a%3Ab%2Cc.md"
    assert github.escape_property("T101 50%,\n") == "T101 50%25%2C%0A"


@given(st.text())
def test_escaping_round_trips(text):
    data, prop = github.escape_data(text), github.escape_property(text)
    assert "\n" not in data and "\r" not in data
    assert not set(",:\r\n") & set(prop)
    assert unescape_data(data) == text
    assert unescape_property(prop) == text


def test_annotations_round_trip(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pack = load()
    results = samples.results()
    lines = github.render(results, pack, "zh").splitlines()
    commands = [parse(line) for line in lines]
    # errors and warnings of active findings, one command each; info (Q101) and suppressed ones not
    shown = [(f, r.path) for r in results for f in r.findings
             if f.suppressed is None and f.rule != "Q101"]
    assert len(commands) == len(shown) + 1  # + the unreadable file
    for (_name, props, data), (f, path) in zip(commands, shown, strict=False):
        assert props["file"] == path
        assert int(props["line"]) == f.location.line
        assert int(props["endLine"]) == (f.end_line or f.location.line)
        assert props["title"] == f"{f.rule} {pack.rules[f.rule].name}"
        assert data.splitlines()[0] == render_message(pack, f, "zh")
        assert f.stated in data
    assert commands[0][0] == "error"
    assert {name for name, _, _ in commands} == {"error", "warning"}
    name, props, data = commands[-1]
    assert (name, props["file"]) == ("error", "reports/broken.docx") and "zip" in data


def test_percent_is_escaped_in_every_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = github.render(samples.results(), load(), "en")
    first = out.splitlines()[0]
    assert "6.8%25" in first and "6.8% " not in first
    assert "%0A" in first  # the detail lines are joined by an escaped newline


def test_odd_path_escaped_in_property(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = github.render(samples.results(), load(), "en")
    line = next(x for x in out.splitlines() if "a%3Ab%2Cc.md" in x)
    assert parse(line)[1]["file"] == samples.ODD


def test_verbose_adds_notices(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = github.render(samples.results(), load(), "en", verbose=True)
    notices = [parse(x) for x in out.splitlines() if x.startswith("::notice")]
    assert [p["title"] for _, p, _ in notices] == ["Q101 fits-by-truncation"]


def test_cli_github_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = generate(6, "growth")
    Path("r.md").write_text(report.text, encoding="utf-8")
    out = CliRunner().invoke(main, ["check", "r.md", "--format", "github", "--lang", "en"])
    assert out.exit_code == 1
    (line,) = out.stdout.splitlines()
    name, props, data = parse(line)
    assert name == "error" and props["file"] == "r.md" and int(props["line"]) == report.line
    assert props["title"].startswith(report.rule)
    assert "%" in data  # a growth rate, unescaped back
