"""Numbers that look like claims but are not: no prose claim may turn them into a finding."""

from __future__ import annotations

import pytest

from qualint.claims import prose
from qualint.engine import Options, check_document
from qualint.readers.text import build_document

TRAPS = [
    # academic vs calendar year
    "2019-2020学年招生983人，2019年秋季招生726人，增加257人。",
    "2020--2021年，学校派出公共学科骨干教师10余人参加培训，开展校内教师业务集中学习20余次，增加5次。",
    # 十三五 and other numbered slogans
    "“十三五”期间学校累计投入3000万元，比“十二五”增加1000万元。",
    "“十四五”期间年均招生600人以上，比“十三五”提高20%。",
    # 1+X and compounds
    "1+X证书制度试点3个，其中2个已通过验收。",
    "学校以“5+5”产业为依据，开设专业24个，比上年增加5个。",
    # years and dates
    "2018年、2019年、2020年三年学校连续获得先进单位称号。",
    "2020年9月1日开学，2021年1月15日放假，共计19周。",
    "2019年5月份从各个毕业班级各随机选取了10名同学，共计170人，进行了调查问卷。",
    # phone numbers and codes
    "联系电话：0471-8123456，邮编015400，学校代码4115000123。",
    # 序号 and ordinals
    "1.学校概况 2.学生情况 3.教师队伍",
    "在全区技能大赛中获得第3名，比上年第5名提高了2名。",
    "深入学习党的十九届五中全会精神，第二届校园文化艺术节于5月举行。",
    # ranges
    "学生到实训基地接受3—6个月的专业培训，比上年增加2个月。",
    "所有直接就业学生月收入为平均1800到2200元，比上年增加200元。",
    "确保37户贫困户都有1-2名学校干部帮扶。",
    # thresholds and targets
    "要求学生体质健康合格率不低于60%，专任教师中双师型教师比例不低于50%。",
    "生均用地面积30.66平方米，低于生均33平米的要求。",
    "力争到2025年在校生达到3000人，比现在增加500人。",
    "学生对所有项目满意程度为一般的比率在3%左右，不满意的比率都低于2.5%。",
    # document numbers
    "根据《关于印发〈职业学校学生实习管理规定〉的通知》（教职成〔2016〕3号）精神，减少3项收费。",
    "根据教职成【2010】12号文件《中等职业学校设置标准》，学校现占地面积106.35亩。",
    # a change whose base is stated nowhere
    "2021年招收全日制学生472人，与上一年度相比增加1.01%；毕业生人数为446人，与上一年度基本持平。",
    "校企合作的企业达362家，较2019年减少151家。",
    # different populations in one sentence
    "2021年，学校共毕业学生446人，升入高职业院校及本科院校156人，安置就业233人，就业率87%。",
    "专任教师185人，其中本科学历159人，高级职称38人，双师型教师68人，骨干教师17人。",
    # which figure a change or a breakdown is about is not clear
    "2019年在校生2314人，其中全日制1700人。2020年在校生2442人，其中全日制1812人，比上年增加128人。",
    "学校有专任教师185人，兼职教师24人，其中高级职称38人。",
    "2019年专任教师185人。2020年双师型教师70人，占专任教师数的36%。",
    # averages and medians are not parts of a total
    "2021年横向技术服务到款额均值达610.9万元，其中公办学校横向技术服务到款额均值达1531.1万元。",
    # 分别: several changes matched by position only
    "2019年到款额中位数达600万元，技术交易160万元；2020年到款额中位数达739万元，技术交易161万元，分别比上年增长26.3%、43.3%。",
]


@pytest.mark.parametrize("sentence", TRAPS)
def test_trap_gives_no_finding(sentence):
    doc = build_document("t.txt", sentence + "\n")
    found = check_document(doc, Options(), claims=prose.extract(doc))
    assert [(f.rule, f.stated) for f in found if f.rule != "Q101"] == []


def test_all_traps_in_one_paragraph_give_no_finding():
    text = "".join(TRAPS) + "\n"
    doc = build_document("t.txt", text)
    found = check_document(doc, Options(), claims=prose.extract(doc))
    assert [(f.rule, f.stated) for f in found if f.rule != "Q101"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "“十三五”期间学校累计投入3000万元，比“十二五”增加1000万元。",
        "联系电话：0471-8123456，邮编015400。",
        "根据《通知》（教职成〔2016〕3号）精神，减少3项收费。",
        "学生到实训基地接受3—6个月的专业培训，比上年增加2个月。",
        "在全区技能大赛中获得第3名，比上年第5名提高了2名。",
    ],
)
def test_trap_gives_no_claim_at_all(sentence):
    assert prose.extract(build_document("t.txt", sentence + "\n")) == []


def test_huge_paragraph_is_skipped_quickly():
    import time

    text = "，".join(f"2019年A{i}为{i}人，比上年增加{i % 7}人" for i in range(3000)) + "\n"
    start = time.perf_counter()
    prose.extract(build_document("t.txt", text))
    assert time.perf_counter() - start < 5
