"""``qualint annotate``: a copy of the Word file with a comment on exactly each wrong number, by
"qualint", readable by Word-compatible readers (word/comments.xml + ranges in word/document.xml);
the input is never touched and existing comments stay."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from qualint.annotate import _open_with_index, add_comments, annotate
from qualint.cli import main
from qualint.document import Location
from qualint.engine import check_file
from qualint.errors import InputError
from qualint.findings import Finding
from qualint.readers import read
from qualint.rulepack import load
from tests.builders import W_NS, P, bold, ins, sample_report, to_docx

W = f"{{{W_NS}}}"


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def anchored_texts(path: Path) -> dict[str, str]:
    """Comment id → the text between its commentRangeStart and commentRangeEnd."""
    open_ids: list[str] = []
    texts: dict[str, str] = {}
    for el in part(path, "word/document.xml").iter():
        if el.tag == W + "commentRangeStart":
            open_ids.append(el.get(W + "id"))
            texts.setdefault(el.get(W + "id"), "")
        elif el.tag == W + "commentRangeEnd":
            open_ids.remove(el.get(W + "id"))
        elif el.tag == W + "t":
            for cid in open_ids:
                texts[cid] += el.text or ""
    return texts


def comments(path: Path) -> dict[str, tuple[str, str]]:
    """Comment id → (author, text)."""
    root = part(path, "word/comments.xml")
    return {c.get(W + "id"): (c.get(W + "author"), "\n".join("".join(t.text or "" for t in p.iter(W + "t"))
                                                              for p in c.iter(W + "p")))
            for c in root.iter(W + "comment")}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.docx"
    to_docx(sample_report(), path)
    return path


def test_comments_on_exactly_the_wrong_numbers(report: Path, tmp_path: Path) -> None:
    before = digest(report)
    out = tmp_path / "reviewed.docx"
    done = annotate(report, out)
    assert done.comments == 3 and not done.unanchored
    assert digest(report) == before
    texts = anchored_texts(out)
    notes = comments(out)
    assert sorted(texts.values()) == ["5.2%", "6.4%", "676"]
    by_number = {texts[cid]: notes[cid] for cid in texts}
    author, text = by_number["676"]
    assert author == "qualint"
    assert "T101" in text and "666" in text and "461+157+48" in text  # rule, recomputed, formula
    author, text = by_number["6.4%"]
    assert "C102" in text and "6.8%" in text and "(157-147)/147" in text
    assert "可能原因" in text  # the diagnosis
    with zipfile.ZipFile(out) as z:  # the part is declared, as Word requires
        assert b"wordprocessingml.comments+xml" in z.read("[Content_Types].xml")
        assert b"relationships/comments" in z.read("word/_rels/document.xml.rels")
    author, text = by_number["5.2%"]  # a number in the middle of a sentence
    assert "C102" in text and "4.9%" in text


def test_output_reads_as_the_same_report(report: Path, tmp_path: Path) -> None:
    out = tmp_path / "reviewed.docx"
    annotate(report, out)
    a, b = read(report), read(out)
    assert [getattr(x, "text", None) for x in a.blocks] == [getattr(x, "text", None) for x in b.blocks]
    key = [(f.rule, f.stated, f.location) for f in check_file(report).findings]
    assert [(f.rule, f.stated, f.location) for f in check_file(out).findings] == key
    import docx

    assert len(list(docx.Document(str(out)).comments)) == 3  # python-docx (Word's model) sees them


def test_english_comments(report: Path, tmp_path: Path) -> None:
    out = tmp_path / "en.docx"
    annotate(report, out, lang="en")
    text = "\n".join(t for _, t in comments(out).values())
    assert "stated 676" in text and "recomputed 666" in text and "formula" in text


def test_existing_comments_are_kept(tmp_path: Path) -> None:
    spec = sample_report()
    spec[2] = P(spec[2].parts[0], comment="请核对招生人数")  # overlaps the range of a finding
    src = tmp_path / "commented.docx"
    to_docx(spec, src)
    out = tmp_path / "out.docx"
    annotate(src, out)
    found = comments(out)
    assert ("审稿人", "请核对招生人数") in found.values()
    assert sum(1 for author, _ in found.values() if author == "qualint") == 3
    assert len(set(found)) == 4  # ids stay unique


def test_run_is_split_around_the_number_keeping_its_format(tmp_path: Path) -> None:
    src = tmp_path / "runs.docx"
    to_docx([P("学校招收学生", bold("472人，比上年增长1.01%，"), "毕业", ins("446"), "人。")], src)
    document, index = _open_with_index(src)
    findings = [
        Finding(rule="C102", kind="change", path=str(src), location=Location(line=1), stated="1.01%", expected="1.5%"),
        Finding(rule="T101", kind="total", path=str(src), location=Location(line=1), stated="472人", expected="470"),
        Finding(rule="C101", kind="change", path=str(src), location=Location(line=1), stated="446", expected="447"),
    ]
    count, unanchored = add_comments(document, index, findings, load(), "zh")
    assert count == 3 and unanchored == []
    out = tmp_path / "runs-out.docx"
    document.save(str(out))
    assert sorted(anchored_texts(out).values()) == ["1.01%", "446", "472人"]
    runs = [(("".join(t.text or "" for t in r.iter(W + "t"))), r.find(f"{W}rPr/{W}b") is not None)
            for r in part(out, "word/document.xml").iter(W + "r") if r.find(W + "t") is not None]
    assert runs == [
        ("学校招收学生", False),
        ("472人", True), ("，比上年增长", True), ("1.01%", True), ("，", True),
        ("毕业", False), ("446", False), ("人。", False),
    ]
    assert [b.text for b in read(out).blocks] == ["学校招收学生472人，比上年增长1.01%，毕业446人。"]


def test_unfound_number_comments_the_whole_paragraph(tmp_path: Path) -> None:
    src = tmp_path / "p.docx"
    to_docx([P("学生", "1259", "人。")], src)
    document, index = _open_with_index(src)
    f = Finding(rule="T101", kind="total", path=str(src), location=Location(line=1), stated="999")
    assert add_comments(document, index, [f], load(), "zh") == (1, [])
    out = tmp_path / "p-out.docx"
    document.save(str(out))
    assert list(anchored_texts(out).values()) == ["学生1259人。"]
    f2 = Finding(rule="T101", kind="total", path=str(src), location=Location(line=9), stated="1")
    assert add_comments(document, index, [f2], load(), "zh") == (0, [f2])


def test_input_is_never_the_output(report: Path, tmp_path: Path) -> None:
    before = digest(report)
    with pytest.raises(InputError, match="not the input"):
        annotate(report, report)
    with pytest.raises(InputError, match="not the input"):
        annotate(report, tmp_path / "." / report.name)
    link = tmp_path / "hard.docx"
    os.link(report, link)
    with pytest.raises(InputError, match="not the input"):
        annotate(report, link)
    sym = tmp_path / "sym.docx"
    sym.symlink_to(report)
    with pytest.raises(InputError, match="not the input"):
        annotate(report, sym)
    assert digest(report) == before


def test_cli(report: Path, tmp_path: Path) -> None:
    out = tmp_path / "cli.docx"
    result = CliRunner().invoke(main, ["annotate", str(report), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "T101" in result.output and f"wrote {out} (3 comment(s))" in result.output
    assert out.is_file()
    same = CliRunner().invoke(main, ["annotate", str(report), "-o", str(report)])
    assert same.exit_code == 2 and "not the input" in same.output
    clean = tmp_path / "clean.docx"
    to_docx([P("学校现有学生1259人。")], clean)
    result = CliRunner().invoke(main, ["annotate", str(clean), "-o", str(tmp_path / "clean-out.docx")])
    assert result.exit_code == 0, result.output
    assert "(0 comment(s))" in result.output


def test_cli_refuses_bad_input_without_writing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["annotate", str(bad), "-o", str(out)])
    assert result.exit_code == 2 and "not a zip" in result.output
    assert not out.exists()
    txt = tmp_path / "r.txt"
    txt.write_text("学生1259人。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["annotate", str(txt), "-o", str(out)])
    assert result.exit_code == 2 and ".docx" in result.output
    assert list(tmp_path.iterdir()) == [bad, txt] or sorted(tmp_path.iterdir()) == sorted([bad, txt])
