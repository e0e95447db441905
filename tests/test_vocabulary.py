from __future__ import annotations

import pytest

from qualint.claims import vocabulary
from qualint.claims.vocabulary import label_key, load
from qualint.rulepack import PackError


def test_shipped_vocabulary_names_the_core_indicators():
    v = load(())
    for name in ("在校生", "专任教师", "教职工", "毕业生", "招生", "双师型教师", "兼职教师", "教学仪器设备值",
                 "纸质图书", "实习工位", "教学用计算机", "占地面积", "建筑面积", "财政拨款"):
        assert v.indicator(name) is not None, name
    assert v.ratios["生师比"].numerator == "在校生" and v.ratios["生师比"].denominator == "专任教师"
    assert v.per_capita["生均"] == "在校生" and v.per_capita["师均"] == "专任教师"
    assert v.rates["就业率"].denominator == "毕业生"


@pytest.mark.parametrize("label, name, scope", [
    ("在校生数(人)", "在校生", ""),
    ("学 生 数", "在校生", ""),
    ("在籍学生", "在校生", ""),
    ("全日制在校生", "在校生", "全日制"),
    ("毕(结)业生数(人)", "毕业生", ""),
    ("“双师型”教师", "双师型教师", ""),
    ("实际招生数", "招生", "实际"),
    ("工位（个）", "实习工位", ""),
])
def test_lookup_reads_labels(label, name, scope):
    hit = load(()).lookup(label)
    assert hit is not None and hit[0].name == name and hit[1] == scope


@pytest.mark.parametrize("label", ["本科学历数", "人数", "专业", "占专任教师比例", "计算机应用", "参加培训人数", ""])
def test_lookup_refuses_unknown_modifiers(label):
    assert load(()).lookup(label) is None


def test_label_key_drops_quotes_spaces_and_notes():
    assert label_key(" “双师型” 教师（人） ") == "双师型教师"


def test_units_fold_synonyms_but_keep_convertible_units_apart():
    v = load(())
    assert v.indicator("在校生").unit_key("名") == "人"
    assert v.indicator("在校生").unit_key("人次") == "人次"
    assert v.indicator("占地面积").accepts_unit("亩")
    assert v.indicator("占地面积").unit_key("亩") == "亩"


def test_user_pack_adds_aliases_and_indicators(tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text('[indicators."在校生"]\naliases = ["学员数"]\n\n[indicators."志愿者"]\naliases = ["志愿者人数"]\nunit = "人"\n',
                    encoding="utf-8")
    v = load((str(pack),))
    assert v.lookup("学员数")[0].name == "在校生"
    assert v.lookup("在校生数")[0].name == "在校生"  # the shipped aliases stay
    assert v.lookup("志愿者人数")[0].name == "志愿者"
    assert load(()).lookup("学员数") is None


def test_bad_user_pack_is_a_pack_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[indicators.在校生]\n", encoding="utf-8")
    with pytest.raises(PackError):
        load((str(bad),))
    worse = tmp_path / "worse.toml"
    worse.write_text('[ratios."x"]\nnumerator = "a"\n', encoding="utf-8")
    with pytest.raises(PackError):
        load((str(worse),))


def test_loading_is_cached():
    assert vocabulary.load(()) is vocabulary.load(())
