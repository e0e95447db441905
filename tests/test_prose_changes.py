"""Changes stated in a sentence with both ends in the same paragraph (ChangeClaim, DirectionClaim, D101)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from qualint.claims import prose
from qualint.claims.model import ChangeClaim, DirectionClaim
from qualint.engine import Options, check_document
from qualint.readers.text import build_document


def claims(text: str, kind: type | None = None) -> list:
    found = prose.extract(build_document("t.txt", text))
    return [c for c in found if kind is None or isinstance(c, kind)]


def errors(text: str) -> list:
    """Error and warning findings from the prose claims alone (other extractors left out)."""
    doc = build_document("t.txt", text)
    return [f for f in check_document(doc, Options(), claims=prose.extract(doc)) if f.rule != "Q101"]


def rules(text: str) -> list[str]:
    return [f.rule for f in errors(text)]


def test_two_years_then_a_change_pairs_the_years_not_the_neighbours():
    text = "2018年学校多媒体教室有93个，2019年93个；2018年教学用计算机总数580台，2019年602台，增加22台。\n"
    [c] = claims(text, ChangeClaim)
    assert (c.previous.text, c.current.text, c.stated.quantity.value, c.mode) == ("580台", "602台", 22, "abs")
    assert c.source == "prose" and c.signed is False
    assert rules(text) == []


def test_wrong_amount_is_c101_at_its_line():
    text = "概况\n2018年教学用计算机总数580台，2019年602台，增加24台。\n"
    [f] = errors(text)
    assert (f.rule, f.line, f.stated) == ("C101", 2, "24台")


def test_wrong_direction_word_is_c104():
    assert rules("2018年教学用计算机580台，2019年602台，减少22台。\n") == ["C104"]


def test_base_inside_the_comparison_phrase():
    text = "2020年秋学期共招生123人，比2019年秋招生88人增长35人。\n"
    [c] = claims(text, ChangeClaim)
    assert (c.previous.text, c.current.text) == ("88人", "123人")
    assert rules(text) == []
    assert rules(text.replace("35人", "45人")) == ["C101"]


def test_points_written_as_percent_is_not_an_error():
    text = "初次就业率平均为94.5%，比上年度97.3%降低了2.8%。\n"
    [c] = claims(text, ChangeClaim)
    assert c.mode == "auto" and c.stated.quantity.value == Decimal("-2.8")
    assert not [f for f in errors(text) if f.rule.startswith("C10") and f.rule != "C105"]


def test_points_change():
    text = "学生实习满意度为93.93%，比上一年度的95%下降了1.07个百分点。\n"
    [c] = claims(text, ChangeClaim)
    assert c.mode == "pp"
    assert rules(text) == []
    assert rules(text.replace("1.07个", "2.07个")) == ["C103"]


def test_labels_pick_the_right_series_among_several():
    text = (
        "2018年度学校教学仪器设备总值3910万元，在校生2314人，生均设备值为16897元；2019年度学校教学仪器设备总值"
        "4810万元，在校生2442人，生均设备值为19697元，设备总值增加了900万元，生均设备值比上年度增加了2800元。\n"
    )
    found = {c.stated.quantity.text: (c.previous.text, c.current.text) for c in claims(text, ChangeClaim)}
    assert found == {"900万元": ("3910万元", "4810万元"), "2800元": ("16897元", "19697元")}
    assert rules(text) == []
    assert rules(text.replace("2800元", "9648元")) == ["C101"]


def test_percent_change_of_counts_with_current_year_denominator_diagnosed():
    text = "2018年招生726人，2019年招生983人，同比增长35.4%。\n"
    [c] = claims(text, ChangeClaim)
    assert c.mode == "pct"
    assert rules(text) == []
    [f] = errors(text.replace("35.4%", "26.1%"))
    assert f.rule == "C102" and f.diagnosis is not None and f.diagnosis.cause == "current_year_denominator"


def test_from_to_gives_direction_and_change():
    text = "生均工位数由2018年的92.9%增至99.8%，增长了7%。\n"
    kinds = sorted(type(c).__name__ for c in claims(text))
    assert kinds == ["ChangeClaim", "DirectionClaim"]
    assert rules(text) == []


def test_from_to_reversed_word_is_d101():
    [f] = errors("招生专业由2019年的14个增至10个。\n")
    assert f.rule == "D101" and f.stated == "增至" and f.expected == "-4个"


def test_from_to_with_the_year_between():
    [f] = errors("学校招生人数由2020年的500人下降到2021年的520人。\n")
    assert f.rule == "D101" and f.expected == "+20人"
    assert rules("学校招生人数由2020年的500人下降到2021年的480人。\n") == []


def test_on_the_basis_of():
    text = "在2018学年2080个工位数的基础上，又新增了100个，总工位数达到2180个。\n"
    [c] = claims(text, ChangeClaim)
    assert (c.previous.text, c.current.text, c.stated.text) == ("2080个", "2180个", "100个")
    assert rules(text) == []
    assert rules(text.replace("2180", "2190")) == ["C101"]


def test_direction_words_without_numbers_against_the_paragraph():
    text = (
        "2020年全市中职学校生均教学仪器设备值为10934.80元，生均实训工位数0.74个，生均纸质图书41.7册。"
        "与2019年（生均教学仪器设备值11157.73元，生均实训工位数0.73个，生均纸质图书30.9册）比较，"
        "生均教学仪器设备值有所减少，生均实训工位数和生均纸质图书数均有增加。\n"
    )
    found = claims(text, DirectionClaim)
    assert sorted((c.previous.text, c.current.text, c.expected) for c in found) == [
        ("0.73个", "0.74个", "up"), ("11157.73元", "10934.80元", "down"), ("30.9册", "41.7册", "up"),
    ]
    assert rules(text) == []
    [f] = errors(text.replace("有所减少", "有所增加"))
    assert f.rule == "D101" and f.line == 1


def test_direction_equal_within_rounding_is_not_contradicted():
    text = "2018年合格率为93.9%，2019年合格率为93.9%，合格率有所提高。\n"
    assert rules(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "2021年招收全日制学生472人，与上一年度相比增加1.01%。\n",  # base not stated
        "实习工位数1807个，较上年增加360个，生均实习工位数达1.4个。\n",
        "2018年招生726人，2019年招生983人，毕业生708人，增加257人。\n",  # nearest figure is another series
        "学校将不断提高教学质量，力争就业率提高到98%。\n",
        "校企合作的企业达362家，较2019年减少151家；提供实训岗位8442个，较2019年减少1125个。\n",
        "初次就业起薪平均在2662元/月左右，比上一年度增加了212元左右。\n",
        "在校生67917人，较“十五”末的2004年分别增加了24015人和45108人，比例分别由21.5%和19.85%上升为46.36%和38.58%。\n",
    ],
)
def test_no_claim_without_both_ends(text):
    assert claims(text, ChangeClaim) == []
    assert rules(text) == []


def test_a_label_naming_no_figure_gives_nothing():
    text = "2018年教学用计算机总数580台，2019年602台，增加22台，生均减少0.4%。\n"
    assert [c.stated.text for c in claims(text, ChangeClaim)] == ["22台"]


def test_stated_line_in_a_multi_line_paragraph():
    from qualint.document import Document, Location, Paragraph

    text = "学校概况如下。\n2018年招生726人，2019年招生983人，增加267人。"
    para = Paragraph(text=text, location=Location(line=40), line_starts=(0, text.index("\n") + 1))
    doc = Document(path="t.docx", blocks=(para,))
    [c] = [c for c in prose.extract(doc) if isinstance(c, ChangeClaim)]
    assert c.stated.line == 41
    [f] = check_document(doc, Options(), claims=[c])
    assert (f.rule, f.line) == ("C101", 41)


def test_year_on_year_series():
    text = "2017年招生600人，2018年招生726人，2019年招生983人，招生人数逐年增加。\n"
    [c] = claims(text, DirectionClaim)
    assert c.expected == "rising" and len(c.series) == 2
    assert rules(text) == []
    [f] = errors(text.replace("726人", "526人"))
    assert f.rule == "D101" and f.stated == "逐年增加"
    # a figure of another series in between: not one series
    assert claims("2017年招生600人，2018年在校生726人，2019年招生983人，招生人数逐年增加。\n", DirectionClaim) == []
