"""Hostile and broken input through the real command line.

Every case runs ``python -m qualint check`` in a subprocess under an address-space limit and a
timeout, next to a good report with a known finding, and asserts: one line naming the bad file and
the reason, exit code 2, the good file still checked (its finding shown), no traceback, and nothing
written anywhere (the whole temporary tree, which is also the working folder, HOME and TMPDIR, is
listed before and after).
"""

from __future__ import annotations

import io
import os
import random
import resource
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Address-space limit of the checking process: a bomb that gets through fails the run with MemoryError.
MEMORY_LIMIT = 1536 * 1024 * 1024
#: Every hostile case must finish well inside this (the good report alone takes well under a second).
TIMEOUT = 120

# A corpus-layout report whose table total is wrong: 120 + 85 = 205, not 215 (T101 on line 13).
GOOD_REPORT = """学校概况
表1 各专业在校生人数
\t专业
\t2021年人数

\t计算机应用
\t120

\t会计事务
\t85

\t合计
\t215

学校共有教师80人。
"""
GOOD_FINDING = ("good.txt:13", "T101")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def _limit_memory() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every path under ``root`` (without following links) with its size and modification time."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            p = Path(dirpath, name)
            st = p.lstat()
            out[str(p.relative_to(root))] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    """A temporary tree holding the inputs (``in/``), the working folder, HOME and TMPDIR, and the
    good report."""
    for d in ("in", "work", "home", "tmp"):
        (tmp_path / d).mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD_REPORT, encoding="utf-8")
    return tmp_path


def run_check(sandbox: Path, *args: str | Path, timeout: float = TIMEOUT) -> Run:
    """``qualint check ARGS`` in a fresh interpreter, with the limits above and nothing written."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HOME": str(sandbox / "home"),
        "TMPDIR": str(sandbox / "tmp"),
        "XDG_CACHE_HOME": str(sandbox / "home" / ".cache"),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "NO_COLOR": "1",
        "COLUMNS": "200",
    }
    before = _snapshot(sandbox)
    proc = subprocess.run(
        [sys.executable, "-m", "qualint", "check", *map(str, args)],
        cwd=sandbox / "work", env=env, capture_output=True, text=True, timeout=timeout,
        preexec_fn=_limit_memory, stdin=subprocess.DEVNULL,
    )
    assert _snapshot(sandbox) == before, "qualint wrote or changed something"
    return Run(proc.returncode, proc.stdout, proc.stderr)


def assert_refused(run: Run, bad: Path, *reason_words: str) -> str:
    """The run failed with exit 2, showed exactly one error line naming ``bad`` with the reason, no
    traceback, and still checked the good report. Returns the error line."""
    assert "Traceback" not in run.text, run.text
    assert run.code == 2, run.text
    lines = [ln for ln in run.out.splitlines() if ln.startswith(f"{bad}: ")]
    assert len(lines) == 1, run.text
    line = lines[0]
    for word in reason_words:
        assert word in line, line
    assert len(line) < 300, line
    assert_good_checked(run)
    return line


def assert_good_checked(run: Run) -> None:
    where, rule = GOOD_FINDING
    assert any(where in ln and rule in ln for ln in run.out.splitlines()), run.text


def good(sandbox: Path) -> Path:
    return sandbox / "in" / "good.txt"


# ---------------------------------------------------------------- text files


def test_empty_file(sandbox: Path) -> None:
    bad = sandbox / "in" / "empty.txt"
    bad.write_bytes(b"")
    assert_refused(run_check(sandbox, bad, good(sandbox)), bad, "empty")


def test_blank_file_counts_as_empty(sandbox: Path) -> None:
    bad = sandbox / "in" / "blank.md"
    bad.write_bytes(b"\xef\xbb\xbf \n\r\n\t\n")
    assert_refused(run_check(sandbox, good(sandbox), bad), bad, "empty")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".pdf"])
def test_binary_garbage(sandbox: Path, suffix: str) -> None:
    bad = sandbox / "in" / f"garbage{suffix}"
    bad.write_bytes(random.Random(7).randbytes(64 * 1024))
    line = assert_refused(run_check(sandbox, bad, good(sandbox)), bad)
    if suffix in (".txt", ".md"):
        assert "binary" in line or "undecodable" in line, line
    if suffix == ".docx":
        assert "zip" in line or "docx" in line.lower(), line


def test_binary_garbage_without_nul_bytes(sandbox: Path) -> None:
    # ASCII control bytes decode as UTF-8, so only the control-character share gives them away.
    rnd = random.Random(3)
    bad = sandbox / "in" / "controls.txt"
    bad.write_bytes(bytes(rnd.randint(1, 127) for _ in range(20000)))
    assert_refused(run_check(sandbox, bad, good(sandbox)), bad, "binary")


def test_undecodable_bytes(sandbox: Path) -> None:
    bad = sandbox / "in" / "bad-bytes.txt"
    bad.write_bytes("学生 1259 人".encode() + b"\x80\x80\xff\xff" + "教师 80 人\n".encode())
    assert_refused(run_check(sandbox, bad, good(sandbox)), bad, "undecodable")


def test_gbk_report_is_decoded_and_checked(sandbox: Path) -> None:
    # Not UTF-8 but valid GB18030: read, not refused, and its own table checked.
    gbk = sandbox / "in" / "gbk.txt"
    gbk.write_bytes(GOOD_REPORT.encode("gbk"))
    run = run_check(sandbox, gbk, "--verbose")
    assert "Traceback" not in run.text
    assert run.code == 1, run.text
    assert any(f"{gbk}:13" in ln and "T101" in ln for ln in run.out.splitlines()), run.text
    assert "gb18030" in run.out


def test_fifty_megabyte_file_is_refused_by_the_size_limit(sandbox: Path) -> None:
    bad = sandbox / "in" / "huge.txt"
    chunk = (GOOD_REPORT * 40).encode("utf-8")
    with open(bad, "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            fh.write(chunk)
    assert bad.stat().st_size > 50 * 1024 * 1024
    assert_refused(run_check(sandbox, bad, good(sandbox)), bad, "too large", "32 MB")


def test_one_megabyte_line_is_checked_in_bounded_time(sandbox: Path) -> None:
    # One line of 1 MB of realistic prose: read and scanned (linear time), not refused.
    sentence = "学校现有全日制在籍学生1259人，专任教师80人，生师比15.7:1，比上年增长1.01%；"
    long_line = sentence * (1024 * 1024 // len(sentence.encode("utf-8")) + 1)
    path = sandbox / "in" / "long-line.txt"
    path.write_text("学校概况\n" + long_line + "\n", encoding="utf-8")
    assert path.stat().st_size > 1024 * 1024
    run = run_check(sandbox, path, good(sandbox), timeout=90)
    assert "Traceback" not in run.text
    assert not any(ln.startswith(f"{path}: ") for ln in run.out.splitlines()), run.text
    assert run.code == 1, run.text
    assert_good_checked(run)
    for ln in run.out.splitlines():
        if ln.startswith(f"{path}:"):
            line_no = int(ln[len(f"{path}:"):].split()[0])
            assert 1 <= line_no <= 2, ln


# ---------------------------------------------------------------- file system


def test_directory_loop_is_not_followed(sandbox: Path) -> None:
    folder = sandbox / "in"
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")  # sub/up/sub/up/... for ever, if followed
    (folder / "loop").symlink_to(folder)
    bad = folder / "self.txt"
    bad.symlink_to("self.txt")  # a symlink to itself: ELOOP when opened
    run = run_check(sandbox, folder)
    line = assert_refused(run, bad, "cannot read")
    assert "symbolic links" in line or "loop" in line.lower(), line
    # The good report is found once, not once per trip round the loop.
    assert sum(1 for ln in run.out.splitlines() if "good.txt:13" in ln) == 1, run.out


def test_dangling_symlink_reads_as_removed(sandbox: Path) -> None:
    bad = sandbox / "in" / "gone.txt"
    bad.symlink_to(sandbox / "in" / "deleted-meanwhile.txt")
    assert_refused(run_check(sandbox, bad, good(sandbox)), bad, "not found")


def test_missing_file(sandbox: Path) -> None:
    bad = sandbox / "in" / "never-there.txt"
    assert_refused(run_check(sandbox, good(sandbox), bad), bad, "not found")


def test_fifo_does_not_block(sandbox: Path) -> None:
    bad = sandbox / "in" / "pipe.txt"
    os.mkfifo(bad)
    assert_refused(run_check(sandbox, bad, good(sandbox), timeout=60), bad, "not a regular file", "FIFO")


def test_device_is_refused(sandbox: Path) -> None:
    # /dev/zero never ends: it must be refused, not read until the size limit.
    run = run_check(sandbox, "/dev/zero", good(sandbox), timeout=60)
    assert_refused(run, Path("/dev/zero"), "not a regular file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode; see the monkeypatched test below")
def test_unreadable_file(sandbox: Path) -> None:
    bad = sandbox / "in" / "secret.txt"
    bad.write_text(GOOD_REPORT, encoding="utf-8")
    bad.chmod(0)
    try:
        assert_refused(run_check(sandbox, bad, good(sandbox)), bad, "permission denied")
    finally:
        bad.chmod(0o644)


def test_unreadable_file_in_process(sandbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same path as chmod 000 for a normal user, without depending on who runs the tests.
    from click.testing import CliRunner

    from qualint.cli import main

    bad = sandbox / "in" / "secret.txt"
    bad.write_text(GOOD_REPORT, encoding="utf-8")
    real_open = os.open

    def deny(path, flags, *args, **kwargs):
        if os.fspath(path) == str(bad):
            raise PermissionError(13, "Permission denied", str(bad))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    monkeypatch.chdir(sandbox / "work")
    result = CliRunner().invoke(main, ["check", "--jobs", "1", str(bad), str(good(sandbox))])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith(f"{bad}: ")]
    assert lines == [f"{bad}: permission denied"], result.output
    assert any("good.txt:13" in ln and "T101" in ln for ln in result.output.splitlines()), result.output


def test_internal_error_shows_no_traceback_unless_debug(sandbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A bug in a reader is one line for that file; --debug shows the traceback.
    from click.testing import CliRunner

    from qualint.cli import main
    from qualint.readers import text as text_reader

    bad = sandbox / "in" / "trigger.txt"
    bad.write_text("触发读取错误 1\n", encoding="utf-8")
    real_build = text_reader.build_document

    def broken(path, text, encoding=None):
        if path.endswith("trigger.txt"):
            raise ValueError("simulated reader bug\nsecond line")
        return real_build(path, text, encoding)

    monkeypatch.setattr(text_reader, "build_document", broken)
    monkeypatch.chdir(sandbox / "work")
    result = CliRunner().invoke(main, ["check", "--jobs", "1", str(bad), str(good(sandbox))])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "second line" not in result.output
    assert [ln for ln in result.output.splitlines() if ln.startswith(f"{bad}: ")] == [
        f"{bad}: cannot read (ValueError: simulated reader bug)"
    ]
    assert any("good.txt:13" in ln for ln in result.output.splitlines())
    debug = CliRunner().invoke(main, ["check", "--jobs", "1", "--debug", str(bad)])
    assert isinstance(debug.exception, ValueError)


# ---------------------------------------------------------------- Word files

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def document_xml(paragraphs: list[str], prolog: str = "") -> str:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')


def docx_bytes(document: str | bytes, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal .docx: content types, package relationships and ``word/document.xml``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def docx_reader_present() -> None:
    if not (ROOT / "qualint" / "readers" / "docx.py").is_file():
        pytest.skip("qualint/readers/docx.py not written yet")


def test_valid_docx_is_read(sandbox: Path) -> None:
    docx_reader_present()
    path = sandbox / "in" / "ok.docx"
    path.write_bytes(docx_bytes(document_xml(["学校现有学生1259人。"])))
    run = run_check(sandbox, path, good(sandbox))
    assert "Traceback" not in run.text
    assert run.code == 1, run.text
    assert not any(ln.startswith(f"{path}: ") for ln in run.out.splitlines()), run.text
    assert_good_checked(run)


def test_truncated_docx(sandbox: Path) -> None:
    docx_reader_present()
    data = docx_bytes(document_xml(["学校现有学生1259人。"] * 200))
    bad = sandbox / "in" / "truncated.docx"
    bad.write_bytes(data[: len(data) * 2 // 3])
    line = assert_refused(run_check(sandbox, bad, good(sandbox)), bad)
    assert "corrupt" in line or "truncated" in line or "zip" in line, line


@pytest.mark.parametrize("megabytes", [300, 60])
def test_docx_zip_bomb_with_real_size(sandbox: Path, megabytes: int) -> None:
    # XML whitespace really inside (deflates ~1000:1, so the file stays small on disk): 300 MB is over
    # the member size limit, 60 MB is under it but over the compression-ratio limit.
    docx_reader_present()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        head, tail = document_xml(["学生1259人"]).split("</w:body>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(head.encode())
            block = b" " * (1024 * 1024)
            for _ in range(megabytes):
                fh.write(block)
            fh.write(("</w:body>" + tail).encode())
    bad = sandbox / "in" / "bomb.docx"
    bad.write_bytes(buf.getvalue())
    assert bad.stat().st_size < 2 * 1024 * 1024
    line = assert_refused(run_check(sandbox, bad, good(sandbox)), bad)
    assert "zip bomb" in line or "too large" in line, line


def test_docx_zip_bomb_with_lying_header(sandbox: Path) -> None:
    # The headers declare 4 KB (under every ratio limit); the deflated stream holds 64 MB. Reading must
    # stop at the declared size instead of inflating everything.
    docx_reader_present()
    real = document_xml(["学生1259人"]).encode() + b" " * (64 * 1024 * 1024)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("word/document.xml", real)
    data = bytearray(buf.getvalue())
    _patch_declared_size(data, "word/document.xml", 4096)
    bad = sandbox / "in" / "liar.docx"
    bad.write_bytes(bytes(data))
    line = assert_refused(run_check(sandbox, bad, good(sandbox)), bad)
    assert "zip bomb" in line or "larger than declared" in line or "corrupt" in line, line


def _patch_declared_size(data: bytearray, name: str, size: int) -> None:
    """Overwrite the uncompressed size of ``name`` in both its local header and the central directory."""
    encoded = name.encode()
    local = data.find(b"PK\x03\x04")
    while local != -1:
        name_len = int.from_bytes(data[local + 26 : local + 28], "little")
        if data[local + 30 : local + 30 + name_len] == encoded:
            data[local + 22 : local + 26] = size.to_bytes(4, "little")
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len = int.from_bytes(data[central + 28 : central + 30], "little")
        if data[central + 46 : central + 46 + name_len] == encoded:
            data[central + 24 : central + 28] = size.to_bytes(4, "little")
        central = data.find(b"PK\x01\x02", central + 4)


def test_docx_with_many_entries(sandbox: Path) -> None:
    docx_reader_present()
    extra = {f"customXml/item{i}.xml": b"<a/>" for i in range(5000)}
    bad = sandbox / "in" / "entries.docx"
    bad.write_bytes(docx_bytes(document_xml(["学生1259人"]), extra))
    assert_refused(run_check(sandbox, bad, good(sandbox)), bad, "entries")


def test_docx_with_external_entity(sandbox: Path) -> None:
    # XXE: the entity would pull /etc/passwd (or a URL) into the report text.
    docx_reader_present()
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    bad = sandbox / "in" / "xxe.docx"
    bad.write_bytes(docx_bytes(document_xml(["&xxe; 学生1259人"], prolog)))
    run = run_check(sandbox, bad, good(sandbox))
    line = assert_refused(run, bad)
    assert "root:" not in run.text
    assert "DOCTYPE" in line or "entit" in line.lower(), line


def test_docx_with_billion_laughs(sandbox: Path) -> None:
    docx_reader_present()
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    prolog = f"<!DOCTYPE w:document [{entities}]>"
    bad = sandbox / "in" / "laughs.docx"
    bad.write_bytes(docx_bytes(document_xml(["&lol9;"], prolog)))
    line = assert_refused(run_check(sandbox, bad, good(sandbox)), bad)
    assert "DOCTYPE" in line or "entit" in line.lower(), line


def test_docx_with_external_entity_in_relationships(sandbox: Path) -> None:
    # Entities are refused in every part qualint or python-docx may parse, not only the body.
    docx_reader_present()
    rels = ROOT_RELS.replace("?>", '?><!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>', 1)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document_xml(["学生1259人"]))
    bad = sandbox / "in" / "xxe-rels.docx"
    bad.write_bytes(data.getvalue())
    line = assert_refused(run_check(sandbox, bad, good(sandbox)), bad)
    assert "DOCTYPE" in line or "entit" in line.lower(), line


def test_docx_nested_too_deeply(sandbox: Path) -> None:
    docx_reader_present()
    depth = 5000
    body = "<w:sdt><w:sdtContent>" * depth + "<w:p><w:r><w:t>1</w:t></w:r></w:p>" + "</w:sdtContent></w:sdt>" * depth
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    bad = sandbox / "in" / "deep.docx"
    bad.write_bytes(docx_bytes(xml))
    line = assert_refused(run_check(sandbox, bad, good(sandbox)), bad)
    assert "deep" in line or "nest" in line, line


def test_a_huge_size_limit_does_not_reserve_memory(sandbox: Path) -> None:
    # --max-size 100000 (100 GB): reading a small report must allocate what it holds, not the limit,
    # or the run fails under the address-space limit (and wastes memory everywhere else).
    run = run_check(sandbox, "--max-size", "100000", good(sandbox))
    assert "Traceback" not in run.text
    assert run.code == 1, run.text
    assert_good_checked(run)
