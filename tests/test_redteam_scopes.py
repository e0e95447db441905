"""Red-team regressions: consistent figures of a part of the school (a campus, a department, another
school of a city report) or of an unknown year must not be flagged against the whole."""

from __future__ import annotations

from tests.indicator_docs import findings

TITLE = "某某职业学校2021年度质量报告"
SCALE = [["项目", "2019年", "2020年", "2021年"], ["招生数（人）", "986", "1015", "1102"],
         ["在校生数（人）", "2704", "2871", "3046"], ["毕业生数（人）", "902", "934", "968"]]


def errors_and_warnings(*blocks):
    return [f for f in findings(*blocks) if f.severity in (None, "error", "warning") and f.rule not in ("Q101", "Q104")]


def test_a_school_named_with_zhongzhuan_scopes_the_clauses_after_it():
    # 市第一职业中专 ends in 中专, an organisation word: its 专任教师 are not the city's.
    city = "2021年全市中职学校在校生18810人，比上年增加1026人；专任教师1129人，生师比16.66:1。"
    school = "市第一职业中专在校生5126人，专任教师312人，生师比16.43:1。"
    assert [f for f in findings("某某市2021年中等职业教育质量年度报告", city, school) if f.rule == "X101"] == []


def test_a_campus_or_department_subject_carries_to_the_next_clause():
    for sentence in ("本部在校生1620人，专任教师102人。", "机电系现有专任教师28人，在校生412人。",
                     "护理专业在校生688人，专任教师36人，其中双师型教师24人。"):
        found = findings(TITLE, "学校现有全日制在校生2480人，专任教师156人，双师型教师98人。", sentence)
        assert [f for f in found if f.rule == "X101"] == [], sentence


def test_the_whole_school_restated_after_a_campus_is_still_compared():
    # Planted: a different whole-school figure in its own sentence is still caught.
    found = findings(TITLE, "学校现有在校生2480人，专任教师156人。", "本部在校生1620人。", "学校专任教师165人。")
    assert [f.stated for f in found if f.rule == "X101"] == ["165人"]


def test_a_share_whose_year_is_unknown_is_not_blamed_on_another_year():
    # The paragraph names 2021届 before the sentence: its year is not certain, so a fitting count of
    # some year cannot be called "another year's".
    table = SCALE
    text = "2021届毕业生968人，就业931人，就业率96.18%。升学215人，占毕业生总数的22.21%。"
    assert [f for f in findings(TITLE, "表1：学生规模", table, text) if f.rule.startswith("S")] == []


def test_a_share_no_count_gives_is_still_an_error():
    table = SCALE
    text = "2021年毕业生968人。升学215人，占毕业生总数的25.21%。"
    assert [f.rule for f in findings(TITLE, "表1：学生规模", table, text) if f.rule.startswith("S")] != []


def test_qizhong_is_not_an_organisation_name():
    # 「其中专任教师」 holds 中专 and 「其中学生」 中学: neither names a school, so the figures after them
    # keep the whole school's scope and a real disagreement is still caught.
    found = findings(TITLE, "学校教职工232人，其中专任教师186人，兼职教师38人。", "学校兼职教师40人。")
    assert [f.stated for f in found if f.rule == "X101"] == ["40人"]


def test_one_programmes_training_count_is_not_the_schools():
    found = findings(TITLE, "学校社会培训3200人次。", "学校面向社区开展培训，培训人数达2100人次。")
    assert [f for f in found if f.rule == "X101"] == []
    found = findings(TITLE, "学校社会培训3200人次。", "2021年社会培训规模达3400人次。")
    assert len([f for f in found if f.rule == "X101"]) == 1


def test_a_point_in_the_year_is_not_the_years_figure():
    for when in ("2021年初", "2021年底", "2021年上学期", "2021年第一学期"):
        found = findings(TITLE, "学校现有在校生3046人，专任教师186人。", f"{when}，学校有专任教师180人。")
        assert [f for f in found if f.rule == "X101"] == [], when


def test_a_school_year_span_is_not_the_later_school_year():
    # 2020-2021学年 is 2020学年 to some reports and 2021学年 to others: not compared with 2021学年.
    found = findings(TITLE, "2020-2021学年，学校在校生2980人。", "2021学年在校生3102人。", "学校2021学年在校生3102人。")
    assert [f for f in found if f.rule == "X101"] == []
    found = findings(TITLE, "2021学年在校生2980人。", "学校2021学年在校生3102人。", "2021学年，学校在校生3102人。")
    assert [f.stated for f in found if f.rule == "X101"] == ["2980人"]
