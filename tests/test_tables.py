"""Table understanding and the table checks, on hand-written tables in the corpus text layout."""

from qualint.engine import check_document
from qualint.readers.markdown import build_document as md
from qualint.readers.text import build_document as txt


def findings(text, builder=txt):
    return [f for f in check_document(builder("t.txt", text)) if f.rule not in ("C105", "Q104")]


def rules(text, builder=txt):
    return [(f.rule, f.line, f.stated) for f in findings(text, builder)]


YOY = """\t序号
\t专业类别
\t2020年度
\t2021年度
\t年度数据对比

\t1
\t教育类
\t
\t48
\t100%

\t2
\t信息技术类
\t147
\t157
\t6.8%

\t5
\t旅游服务类
\t232
\t120
\t-93.3%

\t合计
\t
\t379
\t325
\t


"""


def test_year_columns_change_column_and_total_row():
    fs = findings(YOY)
    by_rule = {(f.rule, f.line): f for f in fs}
    wrong = by_rule[("C102", 23)]
    assert wrong.stated == "-93.3%" and wrong.expected == "-48.3%"
    assert wrong.formula == "(120-232)/232"
    assert wrong.diagnosis.cause == "current_year_denominator"
    assert wrong.location.table == 1 and (wrong.location.row, wrong.location.column) == (4, 5)
    assert by_rule[("C106", 11)].severity is None  # the rule's own severity: a warning
    assert by_rule[("C106", 11)].diagnosis.cause == "undefined_base"
    assert not any(f.rule == "T101" for f in fs)  # 379 = 147 + 232, blank counts as zero; 325 = 48+157+120
    assert len([f for f in fs if f.rule.startswith(("C10", "T"))]) == 2


def test_total_row_that_does_not_add_up_names_the_omitted_row():
    text = YOY.replace("\t325\n", "\t277\n")
    (f,) = [f for f in findings(text) if f.rule == "T101"]
    assert f.stated == "277" and f.expected == "325" and f.diagnosis.cause == "row_omitted"
    assert dict(f.diagnosis.params)["value"] == "48"


TRANSPOSED = """| 年度 | 2018年 | 2019年 | 变化 |
|---|---|---|---|
| 学生数 | 2314 | 2442 | +128 |
| 专任教师数 | 153 | 185 | +32 |
| 生师比 | 15.12:1 | 13.2:1 | -1.92 |
| 骨干教师 | 17 | 17 | 0 |
| 占专任教师比例 | 11.11% | 11.11% | 0 |
| 双师型教师数 | 30 | 68 | +38 |
| 占专任教师比例 | 19.61% | 36.75% | +17.14% |
"""


def test_transposed_table_rates_learned_from_named_denominator():
    fs = findings(TRANSPOSED, md)
    (share,) = [f for f in fs if f.rule == "S101"]
    assert share.stated == "11.11%" and share.expected == "9.19%" and share.line == 7
    assert share.diagnosis.cause == "wrong_denominator" and "153" in dict(share.diagnosis.params)["formula"]
    assert not [f for f in fs if f.rule in ("C101", "C103", "R101")]  # changes and 生师比 are right
    assert [f.rule for f in check_document(md("t.md", TRANSPOSED)) if f.rule == "C105"] == ["C105"]  # +17.14% is points


YEAR_ROWS = """| 年度 | 招生数(人) | 在校生数(人) | 毕业生数(人) |
|---|---|---|---|
| 2018年 | 726 | 2314 | 855 |
| 2019年 | 1236 | 2442 | 708 |
| 变化 | +510 | -128 | +147 |
"""


def test_year_rows_and_change_row_with_reversed_signs():
    fs = findings(YEAR_ROWS, md)
    assert sorted((f.rule, f.stated) for f in fs) == [("C104", "+147"), ("C104", "-128")]
    assert all(f.diagnosis.cause == "sign_reversed" for f in fs)


RATES = """| 专业类别 | 毕业生数（人） | 就业学生数（人） | 就业率 |
|---|---|---|---|
| 农林牧渔类 | 81 | 81 | 100% |
| 加工制造类 | 63 | 62 | 98% |
| 交通运输类 | 85 | 80 | 94% |
| 教育类 | 61 | 58 | 96% |
| 合计 | 290 | 281 | 96.9% |
"""


def test_rate_column_learned_from_rows_and_checked_in_total_row():
    fs = findings(RATES, md)
    assert [(f.rule, f.stated, f.expected) for f in fs] == [("S101", "96%", "95%")]
    assert fs[0].diagnosis is None  # two significant digits: a typo would be a guess


def test_rate_in_total_row_accepts_the_sum_of_parts_when_the_total_is_the_wrong_one():
    text = RATES.replace("| 合计 | 290 | 281 | 96.9% |", "| 合计 | 300 | 281 | 96.9% |")
    assert [(f.rule, f.stated) for f in findings(text, md)] == [("S101", "96%"), ("T101", "300")]


def test_truncated_rate_is_info_not_error():
    text = "| 专业 | 就业人数 | 升学人数 | 升学率 |\n|---|---|---|---|\n| 财经 | 67 | 35 | 52.23% |\n| 加工 | 122 | 101 | 82.79% |\n| 文化 | 96 | 12 | 12.5% |\n"
    assert [(f.rule, f.stated) for f in findings(text, md)] == [("Q101", "52.23%")]


def test_average_row():
    text = "| 科目 | 优秀率 |\n|---|---|\n| 语文 | 16% |\n| 数学 | 18.5% |\n| 英语 | 13% |\n| 平均 | 18.6% |\n"
    (f,) = findings(text, md)
    assert f.rule == "M101" and f.expected == "15.8%"


def test_merged_label_in_total_row_is_realigned():
    text = "\n".join(["\t序号", "\t基地名称", "\t面积", "\t工位数", "\t备注", ""]
                     + sum(([f"\t{i}", f"\t基地{i}", f"\t{100 * i}", f"\t{10 * i}", "\t原有", ""] for i in range(1, 4)), [])
                     + ["\t合计", "\t600", "\t65", "\t", "", ""])
    assert [(f.rule, f.stated, f.expected) for f in findings(text)] == [("T101", "65", "60")]


def test_index_column_and_years_are_not_data():
    text = "| 序号 | 专业 | 2018年 | 2019年 |\n|---|---|---|---|\n| 1 | 护理 | 688 | 600 |\n| 2 | 会计 | 267 | 181 |\n| 3 | 电工 | 0 | 69 |\n| 合计 |  | 955 | 850 |\n"
    assert findings(text, md) == []


def test_rates_are_not_summed_in_total_rows():
    text = "| 专业 | 毕业生 | 就业 | 就业率 |\n|---|---|---|---|\n| 甲 | 10 | 10 | 100% |\n| 乙 | 10 | 9 | 90% |\n| 合计 | 20 | 19 | 95% |\n"
    assert findings(text, md) == []


def test_unreadable_table_gives_nothing():
    text = "| 项目 | 内容 |\n|---|---|\n| 校训 | 自强不息 |\n| 地址 | 中山南路 |\n"
    assert findings(text, md) == []


def test_a_rate_column_without_operands_is_reported_as_not_checked():
    text = "| 专业 | 就业人数 | 就业率 |\n|---|---|---|\n| 甲 | 60 | 100% |\n| 乙 | 122 | 97.6% |\n"
    fs = check_document(md("t.md", text))
    assert [(f.rule, f.location.table, f.location.row) for f in fs] == [("Q104", 1, None)]
    assert "就业率" in dict(fs[0].params)["reason"]


SHARES_OF_TOTAL = """| 专业 | 人数 | 占比 |
|---|---|---|
| 护理 | 600 | 24.6% |
| 会计 | 181 | 7.4% |
| 学前教育 | 1661 | 68.0% |
| 合计 | 2442 | 100% |
"""


def test_share_column_over_the_total_row():
    assert findings(SHARES_OF_TOTAL, md) == []
    wrong = SHARES_OF_TOTAL.replace("| 7.4% |", "| 7.9% |")
    assert [(f.rule, f.stated, f.expected) for f in findings(wrong, md)] == [("S101", "7.9%", "7.4%")]


def test_descending_years_and_absolute_change_column():
    text = "| 指标 | 2021年 | 2020年 | 增减 |\n|---|---|---|---|\n| 在校生 | 2442 | 2314 | +128 |\n| 专任教师 | 185 | 153 | +23 |\n"
    assert [(f.rule, f.stated, f.expected) for f in findings(text, md)] == [("C101", "+23", "+32")]


def test_a_subitem_row_larger_than_its_parent():
    text = "| 指标 | 2020年 | 2021年 |\n|---|---|---|\n| 专任教师 | 153 | 185 |\n| 其中：双师型 | 30 | 68 |\n| 其中：高级职称 | 35 | 198 |\n| 兼职教师 | 2 | 24 |\n"
    fs = findings(text, md)
    assert [(f.rule, f.stated) for f in fs] == [("T102", "185")]
    assert fs[0].end_line == 5  # the 其中 row that exceeds it


def test_subitems_are_not_added_into_the_total():
    text = "| 类别 | 人数 |\n|---|---|\n| 男 | 120 |\n| 其中：少数民族 | 40 |\n| 女 | 80 |\n| 合计 | 200 |\n"
    assert findings(text, md) == []


def test_averages_and_scores_are_not_added_up_in_a_total_row():
    text = "| 专业 | 人数 | 平均分 | 学制 |\n|---|---|---|---|\n| 甲 | 10 | 85.5 | 3 |\n| 乙 | 20 | 80.1 | 3 |\n| 合计 | 30 | 82.0 | 3 |\n"
    assert findings(text, md) == []


def test_a_qizhong_column_is_not_a_part_of_the_total_column():
    text = "| 部门 | 教职工 | 其中专任教师 | 行政 | 合计 |\n|---|---|---|---|---|\n| 甲 | 50 | 40 | 5 | 55 |\n| 乙 | 30 | 25 | 3 | 33 |\n"
    assert findings(text, md) == []


def test_growth_rate_column_in_percent_without_percent_signs():
    text = "| 专业 | 2020年 | 2021年 | 增长率（%） |\n|---|---|---|---|\n| 甲 | 147 | 157 | 6.8 |\n| 乙 | 232 | 120 | -93.3 |\n"
    assert [(f.rule, f.stated, f.expected) for f in findings(text, md)] == [("C102", "-93.3", "-48.3%")]


def test_counts_named_after_a_standard_or_an_area_still_add_up():
    text = "| 年级 | 执行标准人数 | 占地面积 |\n|---|---|---|\n| 高一 | 586 | 100 |\n| 高二 | 550 | 200 |\n| 合计 | 2254 | 300 |\n"
    assert [(f.rule, f.stated) for f in findings(text, md)] == [("T101", "2254")]


NAMED_ROW = """| 项目 | 人数 | 占专任教师比例 |
|---|---|---|
| 专任教师 | 185 | 100% |
| 其中：双师型 | 120 | 64.86% |
| 其中：高级职称 | 52 | 28.11% |
| 兼职教师 | 40 | / |
"""


def test_share_column_over_the_row_its_header_names():
    assert findings(NAMED_ROW, md) == []
    wrong = NAMED_ROW.replace("64.86%", "65.86%")
    assert [(f.rule, f.stated, f.expected) for f in findings(wrong, md)] == [("S101", "65.86%", "64.86%")]


def test_a_wrong_total_does_not_also_make_its_growth_rate_wrong():
    text = ("| 项目 | 2020年 | 2021年 | 增长率 |\n|---|---|---|---|\n| 财政拨款 | 5,432.18 | 6,010.55 | 10.65% |\n"
            "| 学费收入 | 1,203.40 | 1,180.22 | -1.93% |\n| 合计 | 6,742.08 | 7,190.77 | 8.37% |\n")
    assert [(f.rule, f.stated) for f in findings(text, md)] == [("T101", "6,742.08")]


def test_change_group_over_year_groups_with_the_same_sub_columns():
    text = "\n".join([
        "\t专业", "\t2020年", "\t2021年", "\t增减", "",
        "\t", "\t招生", "\t在校", "\t招生", "\t在校", "\t招生", "\t在校", "",
        "\t护理", "\t120", "\t350", "\t130", "\t372", "\t+10", "\t+22", "",
        "\t会计", "\t80", "\t240", "\t70", "\t226", "\t-10", "\t-41", "", ""])
    assert [(f.rule, f.stated, f.expected) for f in findings(text)] == [("C101", "-41", "-14")]


def test_growth_columns_that_name_their_year():
    text = ("| 指标 | 2019年 | 2020年 | 2021年 | 2020年增长率 | 2021年增长率 |\n|---|---|---|---|---|---|\n"
            "| 招生 | 900 | 1000 | 1100 | 11.1% | 10.0% |\n| 在校生 | 2500 | 2600 | 2808 | 4.0% | 8.0% |\n")
    assert findings(text, md) == []
    wrong = text.replace("| 8.0% |", "| 8.5% |")
    assert [(f.rule, f.stated, f.expected, f.formula) for f in findings(wrong, md)] == [
        ("C102", "8.5%", "+8.0%", "(2808-2600)/2600")]


def test_years_down_the_rows_with_a_change_column():
    text = "| 年度 | 招生数 | 比上年增长 |\n|---|---|---|\n| 2021年 | 1102 | 8.57% |\n| 2020年 | 1015 | 2.86% |\n| 2019年 | 986 |  |\n"
    (f,) = findings(text, md)
    assert (f.rule, f.stated, f.expected, f.diagnosis.cause) == ("C102", "2.86%", "+2.94%", "current_year_denominator")


def test_years_across_the_columns_with_a_change_row():
    text = "| 年份 | 2021年 | 2020年 | 2019年 |\n|---|---|---|---|\n| 在校生 | 3046 | 2890 | 2707 |\n| 增长率 | 5.40% | 6.67% | — |\n"
    assert [(f.rule, f.stated, f.expected) for f in findings(text, md)] == [("C102", "6.67%", "+6.76%")]


def test_total_column_with_a_unit_in_its_header():
    text = ("| 年度 | 财政拨款（万元） | 学费收入（万元） | 合计（万元） |\n|---|---|---|---|\n"
            "| 2020年 | 5432.18 | 1203.40 | 6635.58 |\n| 2021年 | 6010.55 | 1180.22 | 7910.77 |\n")
    assert [(f.rule, f.stated) for f in findings(text, md)] == [("T101", "7910.77")]


def test_percent_in_the_header_makes_bare_numbers_percents():
    text = "| 专业 | 毕业生数 | 就业人数 | 就业率（%） |\n|---|---|---|---|\n| 护理 | 320 | 312 | 97.5 |\n| 会计 | 280 | 266 | 96.0 |\n| 机电 | 330 | 318 | 96.36 |\n"
    assert [(f.rule, f.stated, f.expected) for f in findings(text, md)] == [("S101", "96.0", "95.0%")]
