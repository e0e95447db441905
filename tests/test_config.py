"""Configuration: discovery, validation with clear errors, the policy it implies, CLI overrides."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from qualint import config
from qualint.cli import main
from qualint.config import ConfigError
from qualint.document import Location
from qualint.findings import Finding, Severity
from qualint.policy import Overrides, Plan, build
from qualint.rulepack import load

# 2021 total wrong (T101: 618) and its change cell wrong with either total (C101: 26 or 28): two errors on line 5.
TABLE_MD = """| 专业 | 2020年 | 2021年 | 增减 |
|---|---|---|---|
| 信息技术类 | 147 | 157 | 10 |
| 加工制造类 | 445 | 461 | 16 |
| 合计 | 592 | 620 | 30 |
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def rules_found(result) -> list[str]:
    doc = json.loads(result.stdout)
    return [f["rule"] for r in doc["files"] for f in r["findings"] if "suppressed" not in f]


def finding(rule: str, severity: Severity | None = None) -> Finding:
    return Finding(rule=rule, kind="other", path="r.md", location=Location(line=1), stated="1", severity=severity)


# ---------------------------------------------------------------- reading and discovery


def test_qualint_toml_with_every_key(tmp_path: Path) -> None:
    write(tmp_path / "extra.toml", "[rules.T101]\nmessage.zh = '改写'\n")
    cfg = config.load(write(tmp_path / "qualint.toml", """
select = ["T", "C"]
ignore = ["C105"]
extend-select = ["S101"]
fail-on = "warning"
lang = "en"
rule-packs = ["extra.toml"]
[severity]
T101 = "warning"
[per-file-ignores]
"old/**" = ["T101"]
[tolerance]
hedge-slack = "8%"
"""))
    assert cfg.select == ("T", "C") and cfg.ignore == ("C105",) and cfg.extend_select == ("S101",)
    assert cfg.fail_on == "warning" and cfg.lang == "en"
    assert cfg.severity == (("T101", Severity.WARNING),)
    assert cfg.per_file_ignores == (("old/**", ("T101",)),)
    assert cfg.rule_packs == (str((tmp_path / "extra.toml").resolve()),)
    assert cfg.settings_dict() == {"hedge_slack": Decimal("0.08")}


def test_pyproject_section_is_found_walking_up(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n[tool.qualint]\nignore = ['T101']\n")
    report = write(tmp_path / "a" / "b" / "r.md", TABLE_MD)
    assert config.find(report) == tmp_path / "pyproject.toml"
    assert config.for_file(report).ignore == ("T101",)


def test_pyproject_without_section_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "qualint.toml", "lang = 'en'\n")
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    report = write(tmp_path / "sub" / "r.md", TABLE_MD)
    assert config.find(report) == tmp_path / "qualint.toml"


def test_nearest_wins_and_qualint_toml_beats_pyproject_in_one_folder(tmp_path: Path) -> None:
    write(tmp_path / "qualint.toml", "lang = 'en'\n")
    write(tmp_path / "sub" / "pyproject.toml", "[tool.qualint]\nlang = 'zh'\n")
    assert config.find(tmp_path / "sub" / "r.md") == tmp_path / "sub" / "pyproject.toml"
    write(tmp_path / "sub" / "qualint.toml", "lang = 'en'\n")
    assert config.find(tmp_path / "sub" / "r.md") == tmp_path / "sub" / "qualint.toml"


def test_no_config_gives_defaults(tmp_path: Path) -> None:
    cfg = config.for_file(write(tmp_path / "r.md", TABLE_MD))
    assert cfg.select is None and cfg.ignore == () and cfg.fail_on is None


# ---------------------------------------------------------------- clear errors


@pytest.mark.parametrize(
    ("text", "needles"),
    [
        ("selct = ['T101']\n", ["key 'selct'", "did you mean 'select'"]),
        ("fail-on = 'errors'\n", ["key 'fail-on'", "'errors'", "error, warning"]),
        ("lang = 'fr'\n", ["key 'lang'", "zh, en"]),
        ("select = 'T101, C'\nignore = [1]\n", ["key 'ignore'", "list of rule ids"]),
        ("[severity]\nT101 = 'fatal'\n", ["key 'severity.T101'", "'fatal'"]),
        ("[tolerance]\nhedge-slak = 0.1\n", ["key 'tolerance.hedge-slak'", "did you mean 'hedge-slack'"]),
        ("[tolerance]\nhedge-slack = 'lots'\n", ["key 'tolerance.hedge-slack'", "between 0 and 0.5"]),
        ("[tolerance]\nhedge-slack = 2\n", ["key 'tolerance.hedge-slack'", "between 0 and 0.5"]),
        ("rule-packs = ['missing.toml']\n", ["key 'rule-packs'", "'missing.toml' not found"]),
        ("per-file-ignores = ['old/']\n", ["key 'per-file-ignores'", "expected a table"]),
        ("select = [\n", ["invalid TOML"]),
        ("[tool.qualint]\nselect = ['T']\n", ["key 'tool.qualint'", "top level"]),
    ],
)
def test_bad_qualint_toml_is_a_one_line_error_naming_file_and_key(tmp_path: Path, text: str, needles: list[str]) -> None:
    path = write(tmp_path / "qualint.toml", text)
    with pytest.raises(ConfigError) as err:
        config.load(path)
    message = str(err.value)
    assert "\n" not in message
    assert message.startswith(str(path.resolve()))
    for needle in needles:
        assert needle in message


def test_pyproject_keys_are_named_with_their_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.qualint]\nignore = ['T101']\nfial-on = 'warning'\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: key 'tool\.qualint\.fial-on': unknown key \(did you mean 'fail-on'\?\)"):
        config.load(path)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("select = ['T1O1']\n", "select"),
        ("ignore = ['Z']\n", "ignore"),
        ("extend-select = ['total-mismatchh']\n", "extend-select"),
        ("[severity]\nTT = 'info'\n", "severity.TT"),
        ("[per-file-ignores]\n'old/' = ['T999']\n", "per-file-ignores.old/"),
    ],
)
def test_unknown_rule_ids_are_errors_naming_the_key(tmp_path: Path, text: str, key: str) -> None:
    cfg = config.load(write(tmp_path / "qualint.toml", text))
    with pytest.raises(ConfigError, match=rf"qualint\.toml: key '{key}': unknown rule"):
        build(cfg, load())


def test_cli_config_typo_exits_2_with_one_line(tmp_path: Path) -> None:
    path = write(tmp_path / "qualint.toml", "ignroe = ['T101']\n")
    report = write(tmp_path / "r.md", TABLE_MD)
    result = run("check", str(report))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"qualint: {path.resolve()}: key 'ignroe': unknown key (did you mean 'ignore'?)"
    result = run("check", "--select", "T1O1", str(report), "--config", str(write(tmp_path / "ok.toml", "")))
    assert result.exit_code == 2 and "--select: unknown rule 'T1O1'" in result.stderr


# ---------------------------------------------------------------- policy


def test_selectors_most_specific_wins_and_ignore_wins_ties() -> None:
    pack = load()
    cfg = config.parse({"select": ["C"], "ignore": ["C105"]}, None)
    policy = build(cfg, pack)
    assert policy.is_on("C101") and not policy.is_on("C105") and not policy.is_on("T101")
    policy = build(config.parse({"select": ["C105"], "ignore": ["C"]}, None), pack)
    assert policy.is_on("C105") and not policy.is_on("C101")
    policy = build(config.parse({"select": ["T"], "ignore": ["T"]}, None), pack)
    assert not policy.is_on("T101")
    policy = build(config.parse({"ignore": ["ALL"], "extend-select": ["total-mismatch"]}, None), pack)
    assert sorted(policy.enabled) == ["T101"]


def test_command_line_select_replaces_and_ignore_adds() -> None:
    cfg = config.parse({"select": ["T"], "ignore": ["T102"]}, None)
    policy = build(cfg, load(), Overrides(select=("C",), ignore=("C105",), extend_select=("S101",)))
    assert sorted(policy.enabled) == ["C101", "C102", "C103", "C104", "C106", "S101"]


def test_configured_severity_replaces_default_but_never_raises_a_checks_choice() -> None:
    policy = build(config.parse({"severity": {"T101": "warning", "C106": "error"}}, None), load())
    out = policy.apply("r.md", [finding("T101"), finding("C106"), finding("C106", Severity.INFO)])
    assert [f.severity for f in out] == [Severity.WARNING, Severity.ERROR, Severity.INFO]
    policy = build(config.parse({"severity": {"T": "info", "T101": "warning"}}, None), load())
    assert policy.severity("T101") is Severity.WARNING and policy.severity("T102") is Severity.INFO


def test_per_file_ignores_match_gitignore_style_relative_to_the_config(tmp_path: Path) -> None:
    cfg = config.load(write(tmp_path / "qualint.toml", "[per-file-ignores]\n'old/' = ['T']\n'*.txt' = ['C101']\n"))
    policy = build(cfg, load())
    assert not policy.is_on("T101", tmp_path / "old" / "2019" / "r.md")
    assert policy.is_on("T101", tmp_path / "new" / "r.md")
    assert not policy.is_on("C101", tmp_path / "new" / "r.txt")
    assert policy.is_on("C101", tmp_path / "new" / "r.md")


def test_tolerance_reaches_the_engine_settings(tmp_path: Path) -> None:
    write(tmp_path / "qualint.toml", "[tolerance]\nhedge-slack = 0.1\n")
    report = write(tmp_path / "r.md", TABLE_MD)
    from qualint.engine import Options

    options = Plan.create().options_for(report, Options())
    assert options.settings["hedge_slack"] == Decimal("0.1")
    assert options.policy is not None


# ---------------------------------------------------------------- through the command line


def test_config_ignore_select_and_cli_overrides(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = write(tmp_path / "r.md", TABLE_MD)
    assert rules_found(run("check", "--format", "json", str(report))) == ["T101", "C101"]
    write(tmp_path / "qualint.toml", "ignore = ['C101']\n")
    assert rules_found(run("check", "--format", "json", str(report))) == ["T101"]
    assert rules_found(run("check", "--format", "json", "--select", "C", str(report))) == ["C101"]
    assert rules_found(run("check", "--format", "json", "--extend-select", "C101", str(report))) == ["T101", "C101"]


def test_config_severity_and_fail_on_decide_the_exit_code(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = write(tmp_path / "r.md", TABLE_MD)
    write(tmp_path / "qualint.toml", "[severity]\nT = 'warning'\nC = 'warning'\n")
    result = run("check", "--format", "json", str(report))
    assert result.exit_code == 0
    assert {f["severity"] for f in json.loads(result.stdout)["files"][0]["findings"]} == {"warning"}
    write(tmp_path / "qualint.toml", "fail-on = 'warning'\n[severity]\nT = 'warning'\nC = 'warning'\n")
    assert run("check", str(report)).exit_code == 1
    assert run("check", "--fail-on", "error", str(report)).exit_code == 0  # the flag beats the file


def test_config_lang_and_cli_lang(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = write(tmp_path / "r.md", TABLE_MD)
    write(tmp_path / "qualint.toml", "lang = 'en'\nselect = ['T101']\n")
    message = json.loads(run("check", "--format", "json", str(report)).stdout)["files"][0]["findings"][0]["message"]
    assert message.startswith("total 620 differs")
    message = json.loads(run("check", "--format", "json", "--lang", "zh", str(report)).stdout)["files"][0]["findings"][0]["message"]
    assert message.startswith("合计 620")


def test_explicit_config_applies_to_every_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "reports" / "qualint.toml", "ignore = ['T101']\n")
    report = write(tmp_path / "reports" / "r.md", TABLE_MD)
    assert rules_found(run("check", "--format", "json", str(report))) == ["C101"]
    other = write(tmp_path / "other.toml", "ignore = ['C101']\n")
    assert rules_found(run("check", "--format", "json", "--config", str(other), str(report))) == ["T101"]


def test_reviewer_switches_a_rule_off_for_one_folder_using_only_files(tmp_path: Path, monkeypatch) -> None:
    """Done-when scenario: T101 off for the reports under 2019/, still on elsewhere, with one line
    of configuration and no Python; `qualint rules PATH` shows it."""
    monkeypatch.chdir(tmp_path)
    old = write(tmp_path / "reports" / "2019" / "r.md", TABLE_MD)
    new = write(tmp_path / "reports" / "2021" / "r.md", TABLE_MD)
    write(tmp_path / "pyproject.toml", '[tool.qualint.per-file-ignores]\n"reports/2019/" = ["T101"]\n')
    result = run("check", "--format", "json", "reports")
    doc = json.loads(result.stdout)
    by_path = {Path(r["path"]).parent.name: [f["rule"] for f in r["findings"]] for r in doc["files"]}
    assert by_path == {"2019": ["C101"], "2021": ["T101", "C101"]}
    listing = run("rules", str(old)).stdout
    assert next(line for line in listing.splitlines() if line.startswith("T101")).split()[3] == "关闭"
    listing = run("rules", "--lang", "en", str(new)).stdout
    assert next(line for line in listing.splitlines() if line.startswith("T101")).split()[3] == "on"


def test_hedge_slack_changes_what_a_hedged_value_allows() -> None:
    from qualint.intervals import Interval, stated_interval, tolerances, verdict
    from qualint.quantities import extract

    (q,) = extract("约12%")
    assert q.hedge == "approx"
    assert verdict(Interval.point(Decimal("9.66")), q) == "mismatch"  # 5% of 12 by default
    with tolerances(Decimal("0.3")):
        assert verdict(Interval.point(Decimal("9.66")), q) == "ok"
        assert stated_interval(q) == Interval(Decimal("7.9"), Decimal("16.1"))  # 11.5–12.5 ± 3.6
    assert verdict(Interval.point(Decimal("9.66")), q) == "mismatch"  # only inside the block


def test_configured_hedge_slack_reaches_the_checks(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    report = write(tmp_path / "r.md", "学校教学仪器设备值845.25万元，较上年的770.80万元增长了约12%。\n")
    assert rules_found(run("check", "--format", "json", str(report))) == ["C102"]  # (845.25-770.80)/770.80 = 9.7%
    write(tmp_path / "qualint.toml", "[tolerance]\nhedge-slack = \"30%\"\n")
    assert rules_found(run("check", "--format", "json", str(report))) == []


def test_run_wide_settings_come_from_the_reports_config_when_the_current_folder_has_none(tmp_path: Path,
                                                                                          monkeypatch) -> None:
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    write(tmp_path / "repo" / "qualint.toml", "lang = 'en'\nfail-on = 'never'\n")
    report = write(tmp_path / "repo" / "reports" / "r.md", TABLE_MD)
    result = run("check", "--format", "json", str(report))
    assert result.exit_code == 0
    assert json.loads(result.stdout)["files"][0]["findings"][0]["message"].startswith("total 620")
