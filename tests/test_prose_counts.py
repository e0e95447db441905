"""Net changes (N101) and counts of listed items (N102)."""

from __future__ import annotations

import pytest

from qualint.claims import prose
from qualint.claims.model import CountClaim, NetChangeClaim
from qualint.engine import Options, check_document
from qualint.readers.text import build_document


def claims(text: str, kind: type) -> list:
    return [c for c in prose.extract(build_document("t.txt", text)) if isinstance(c, kind)]


def findings(text: str) -> list:
    doc = build_document("t.txt", text)
    return [f for f in check_document(doc, Options(), claims=prose.extract(doc)) if f.rule != "Q101"]


NET = "2020年共有89个专业招生，较2019年增加6个，其中新增专业6个，撤销专业2个。\n"


def test_net_change_stated_as_the_gross_addition():
    [c] = claims(NET, NetChangeClaim)
    assert [o.text for o in c.plus] == ["6个"] and [o.text for o in c.minus] == ["2个"]
    [f] = findings(NET)
    assert f.rule == "N101" and f.expected == "+4个"
    assert f.diagnosis is not None and f.diagnosis.cause == "net_as_gross"


def test_net_change_that_adds_up():
    assert findings(NET.replace("增加6个", "增加4个")) == []
    assert findings("较上年减少1个，其中新增专业2个，撤销专业3个。\n") == []


def test_net_decrease_with_wrong_sign():
    assert [f.rule for f in findings("较上年减少1个，其中新增专业3个，撤销专业2个。\n")] == ["N101"]


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("重点建设商贸旅游类、信息技术类和文化艺术类3个专业大类。\n", 2),
        ("新增物流服务与管理、服装设计与工艺两个自治区品牌专业。\n", 2),
        ("学生会下设体育部、卫生部、纪律部和生活部四个部门。\n", 3),
        ("建设“理念文化”、“师生风采”、“大国工匠”、“企业文化”、“办学成果”五个版块16个主题的校园文化设计展示。\n", 5),
        ("开足开齐国家要求的语文、数学、英语、德育、体育、信息技术等6门必修课。\n", 6),
        ("新建了PLC（基础、应用）实训室、老年生活照护实训室、企业沙盘实训室三间实训室。\n", 3),
    ],
)
def test_count_matching_its_list(text, listed):
    [c] = [c for c in claims(text, CountClaim) if c.items]
    assert len(c.items) == listed
    assert findings(text) == []


def test_count_before_its_list():
    text = "学校目前共有两个专业开展了校企合作，分别是电子商务专业和电子电器应用与维修专业。\n"
    [c] = claims(text, CountClaim)
    assert c.stated.quantity.value == 2
    assert findings(text) == []
    assert [f.rule for f in findings(text.replace("两个", "三个"))] == ["N102"]


@pytest.mark.parametrize(
    "text",
    [
        "学校开设财经商贸、加工制造、信息技术三个专业大类。\n".replace("三个", "四个"),
        "现有艺体类、专业类、文化课程两大类社团。\n",
        "成立护理分校、汽电分校、农牧分校、计财分校、幼旅分校等共四个专业分校。\n",  # 等: fewer may be listed, not more
    ],
)
def test_count_contradicted_by_its_list(text):
    [f] = findings(text)
    assert f.rule == "N102" and f.line == 1


def test_etc_allows_a_partial_list():
    assert findings("与广东省职业教育研究院、安徽非遗职业教育集团等七家单位牵头组建全国非遗职业教育集团。\n") == []


@pytest.mark.parametrize(
    "text",
    [
        "建有250米田径场、3个篮球场、1个排球场、4个羽毛球场，标准教室31间、多媒体教室4间。\n",
        "学校与实习单位、家长及学生签订“三方协议”。\n",
        "全市各中职学校深入学习党的十九届五中全会精神。\n",
        "2019年、2020年、2021年三年共投入资金300万元。\n",
        "曳舞社团、街舞社、舞蹈社等涉及音乐艺术、体育健身、心理健康、美术素养四大类19个社团。\n",
        "“八个一”活动，即读一本书，唱一首歌。\n",
    ],
)
def test_no_count_error(text):
    assert findings(text) == []
