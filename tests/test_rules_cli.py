"""``qualint rules`` / ``qualint explain`` and user rule packs (``--rules PATH``, config ``rule-packs``)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from qualint.cli import main
from qualint.rulepack import VOCABULARY_KEYS, PackError, load, rules_dir, using_packs

PACK = load()

TABLE_MD = """| 专业 | 2020年 | 2021年 |
|---|---|---|
| 信息技术类 | 147 | 157 |
| 加工制造类 | 445 | 461 |
| 合计 | 592 | 620 |
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def listing(output: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split() for line in output.splitlines() if line.strip()}


# ---------------------------------------------------------------- qualint rules


def test_rules_lists_every_rule_with_name_severity_and_state(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("rules", "--lang", "en")
    assert result.exit_code == 0
    rows = listing(result.stdout)
    assert sorted(rows) == sorted(PACK.rules)
    assert rows["T101"][:4] == ["T101", "total-mismatch", "error", "on"]
    assert rows["C105"][2] == "warning"
    assert "Total differs from the sum of its parts" in result.stdout


def test_rules_follow_the_configuration(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "qualint.toml", "ignore = ['C']\n[severity]\nT101 = 'warning'\n")
    rows = listing(run("rules", "--lang", "en").stdout)
    assert rows["C101"][3] == "off" and rows["T101"][2:4] == ["warning", "on"]
    rows = listing(run("rules").stdout)  # Chinese by default
    assert rows["C101"][3] == "关闭" and rows["T102"][3] == "启用"


def test_rules_with_a_config_typo_exits_2(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "qualint.toml", "[severity]\nT1O1 = 'warning'\n")
    result = run("rules")
    assert result.exit_code == 2 and "key 'severity.T1O1': unknown rule" in result.stderr


# ---------------------------------------------------------------- qualint explain


@pytest.mark.parametrize("rule_id", sorted(PACK.rules))
def test_explain_every_rule_in_both_languages(rule_id: str) -> None:
    rule = PACK.rules[rule_id]
    zh = run("explain", rule_id)
    en = run("explain", rule_id, "--lang", "en")
    assert zh.exit_code == 0 and en.exit_code == 0
    assert zh.stdout.startswith(f"{rule_id} {rule.name}")
    assert rule.summary["zh"] in zh.stdout and rule.description["zh"] in zh.stdout
    assert rule.summary["en"] in en.stdout and rule.description["en"] in en.stdout
    assert "示例" in zh.stdout and "应报告" in zh.stdout and "不应报告" in zh.stdout
    assert "Examples:" in en.stdout and "does not fire" in en.stdout
    first_line = rule.examples[0].text.strip().splitlines()[0].replace("\t", "    ").strip()
    assert first_line in zh.stdout


def test_explain_by_name_and_unknown_rule() -> None:
    assert run("explain", "total-mismatch").stdout.startswith("T101 total-mismatch")
    assert run("explain", "t101").stdout.startswith("T101 ")
    result = run("explain", "T999")
    assert result.exit_code == 2 and "unknown rule 'T999'" in result.stderr


# ---------------------------------------------------------------- user packs


def test_user_pack_rewords_a_message_and_adds_a_cause(tmp_path: Path) -> None:
    pack_file = write(tmp_path / "school.toml", """
[pack]
name = "school"
extend = "core"
[rules.T101]
message.zh = "合计 {stated} 不等于分项之和 {expected}，请与财务科核对"
[causes.policy_note]
zh = "按局里口径"
""")
    pack = load((str(pack_file),))
    assert pack.rules["T101"].message["zh"].endswith("请与财务科核对")
    assert pack.rules["T101"].message["en"] == PACK.rules["T101"].message["en"]  # the rest is kept
    assert pack.rules["T101"].severity == PACK.rules["T101"].severity
    assert pack.rules["T101"].examples == PACK.rules["T101"].examples
    assert "policy_note" in pack.causes and "digit_typo" in pack.causes
    report = write(tmp_path / "r.md", TABLE_MD)
    result = run("check", "--format", "json", "--rules", str(pack_file), str(report))
    assert json.loads(result.stdout)["files"][0]["findings"][0]["message"] == "合计 620 不等于分项之和 618，请与财务科核对"


def test_pack_extends_another_pack_by_path(tmp_path: Path) -> None:
    write(tmp_path / "base.toml", "[rules.T101]\nseverity = 'warning'\n")
    top = write(tmp_path / "sub" / "top.toml", "[pack]\nextend = '../base.toml'\n[rules.T101]\nmessage.en = 'mine'\n")
    pack = load((str(top),))
    assert pack.rules["T101"].severity.value == "warning" and pack.rules["T101"].message["en"] == "mine"
    assert [Path(s).name for s in pack.sources] == ["core.toml", "base.toml", "top.toml"]


def test_pack_extend_cycle_and_missing_base_are_errors(tmp_path: Path) -> None:
    write(tmp_path / "a.toml", "[pack]\nextend = 'b.toml'\n")
    write(tmp_path / "b.toml", "[pack]\nextend = 'a.toml'\n")
    with pytest.raises(PackError, match="pack.extend: cycle"):
        load((str(tmp_path / "a.toml"),))
    write(tmp_path / "c.toml", "[pack]\nextend = 'nowhere.toml'\n")
    with pytest.raises(PackError, match=r"c\.toml: pack\.extend: pack 'nowhere\.toml' not found"):
        load((str(tmp_path / "c.toml"),))


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[rulez.T101]\nname = 'x'\n", "unknown key 'rulez'"),
        ("[rules.T101]\nsevertiy = 'warning'\n", "rules.T101: unknown key 'severtiy'"),
        ("[rules.T101]\nseverity = 'fatal'\n", "rules.T101.severity: must be error, warning or info"),
        ("[rules.Z900]\nkind = 'other'\n", "rules.Z900: missing 'name'"),
        ("[rules.Z900]\nname = 'z'\nkind = 'sum'\n", "rules.Z900.kind: 'sum' is not one of"),
        ("[rules.total]\nname = 'z'\n", "rules.total: rule ids are a family prefix and a number"),
        ("[[rules.T101.examples]]\ntext = 'x'\n", "rules.T101.examples[0].fires: expected true or false"),
        ("[[rules.T101.examples]]\ntext = 'x'\nfires = true\nformat = 'docx'\n", "examples[0].format: 'docx'"),
        ("[pack]\nextends = 'core'\n", "pack.extends: unknown key"),
        ("[rules.T101\n", "invalid TOML"),
        ("[indicators.在校生]\naliases = ['x']\n", 'need quotes, as in [indicators."在校生"]'),
    ],
)
def test_bad_user_packs_name_file_and_key(tmp_path: Path, text: str, needle: str) -> None:
    path = write(tmp_path / "mine.toml", text)
    with pytest.raises(PackError) as err:
        load((str(path),))
    assert str(path) in str(err.value) and needle in str(err.value) and "\n" not in str(err.value)


def test_bad_user_pack_on_the_command_line_exits_2(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.toml", "[rules.T101]\nsevertiy = 'warning'\n")
    report = write(tmp_path / "r.md", TABLE_MD)
    result = run("check", "--rules", str(path), str(report))
    assert result.exit_code == 2 and "unknown key 'severtiy'" in result.stderr
    result = run("check", "--rules", str(tmp_path / "none.toml"), str(report))
    assert result.exit_code == 2 and "--rules: rule pack" in result.stderr


def test_config_rule_packs_reach_check_rules_and_explain(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "packs" / "ours.toml", "[rules.T101]\nseverity = 'warning'\nsummary.en = 'Our total rule'\n")
    write(tmp_path / "qualint.toml", "rule-packs = ['packs/ours.toml']\n")
    report = write(tmp_path / "r.md", TABLE_MD)
    result = run("check", "--format", "json", str(report))
    assert result.exit_code == 0  # T101 is a warning in our pack
    assert json.loads(result.stdout)["files"][0]["findings"][0]["severity"] == "warning"
    assert listing(run("rules", "--lang", "en").stdout)["T101"][2] == "warning"
    assert "Our total rule" in run("explain", "T101", "--lang", "en").stdout


# ---------------------------------------------------------------- packs and the indicator vocabulary


def test_pack_validation_accepts_every_vocabulary_table() -> None:
    for path in sorted((rules_dir() / "vocabulary").glob("*.toml")):
        with open(path, "rb") as fh:
            assert set(tomllib.load(fh)) <= set(VOCABULARY_KEYS), path


def test_alias_pack_reaches_the_vocabulary_of_the_check_in_progress(tmp_path: Path) -> None:
    from qualint.claims import vocabulary

    pack = write(tmp_path / "aliases.toml", '[indicators."在校生"]\naliases = ["在读学员", "在读学员数"]\n')
    load((str(pack),))  # a vocabulary-only pack is a valid rule pack
    assert vocabulary.load().lookup("在读学员") is None
    with using_packs((str(pack),)):
        found = vocabulary.load().lookup("全日制在读学员数")
    assert found is not None and found[0].name == "在校生" and found[1] == "全日制"
    assert vocabulary.load().lookup("在读学员") is None  # only while that check runs


def test_reviewer_adds_an_alias_using_only_files(tmp_path: Path, monkeypatch) -> None:
    """Done-when scenario: the report calls its students 在读学员 in one place and 在校生 in another,
    with different figures. qualint does not know the word; a reviewer adds it to a pack named in
    qualint.toml, and the disagreement is found, with no Python."""
    monkeypatch.chdir(tmp_path)
    report = write(tmp_path / "r.md", "# 2021年质量年度报告\n\n学校现有全日制在读学员1259人，专任教师121人。\n\n全校全日制在校生共1289人，分布在7个专业类别。\n")
    before = json.loads(run("check", "--format", "json", str(report)).stdout)["files"][0]["findings"]
    assert [f["rule"] for f in before if f["rule"] == "X101"] == []
    write(tmp_path / "rules" / "aliases.toml", '[indicators."在校生"]\naliases = ["在读学员"]\n')
    write(tmp_path / "qualint.toml", "rule-packs = ['rules/aliases.toml']\n")
    after = json.loads(run("check", "--format", "json", str(report)).stdout)["files"][0]["findings"]
    x101 = [f for f in after if f["rule"] == "X101"]
    assert len(x101) == 1
    assert {x101[0]["line"], *(r["line"] for r in x101[0].get("related", []))} == {3, 5}


def test_alias_pack_also_reads_last_years_report(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    last = write(tmp_path / "2020.md", "# 2020年质量年度报告\n\n学校现有在读学员1589人，专任教师115人。\n")
    now = write(tmp_path / "2021.md", "| 指标 | 2020年 | 2021年 |\n|---|---|---|\n| 在校生（人） | 1598 | 1289 |\n"
                                       "| 专任教师（人） | 115 | 121 |\n")

    def x102() -> list[str]:
        result = run("check", "--format", "json", "--previous", str(last), str(now))
        return [f["stated"] for f in json.loads(result.stdout)["files"][0]["findings"] if f["rule"] == "X102"]

    assert x102() == []  # 在读学员 is not a known name for students yet
    write(tmp_path / "aliases.toml", '[indicators."在校生"]\naliases = ["在读学员"]\n')
    write(tmp_path / "qualint.toml", "rule-packs = ['aliases.toml']\n")
    assert x102() == ["1598"]
