"""Start-up stays lean: heavy libraries load only when a command needs them.

A pre-commit hook starts qualint on every commit, so ``qualint --version`` and ``qualint check`` on a
small text report must not import rich (unless printing to the terminal), pint, python-docx, lxml or
the PDF libraries. Checked functionally through ``sys.modules`` in a fresh interpreter; timings are in
``benchmarks/startup.py``, not asserted here.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = {"rich", "pint", "docx", "lxml", "pdfplumber", "pdfminer", "hypothesis", "pathspec"}

# Runs ``python -m qualint ARGS`` in this interpreter, then prints the top-level packages it imported.
PROBE = """
import runpy, sys
sys.argv = ["qualint"] + sys.argv[1:]
try:
    runpy.run_module("qualint", run_name="__main__")
except SystemExit:
    pass
print("MODULES=" + ",".join(sorted({m.split(".")[0] for m in sys.modules})), file=sys.stderr)
print("QUALINT=" + ",".join(sorted(m for m in sys.modules if m.startswith("qualint"))), file=sys.stderr)
"""

SMALL_REPORT = "学校概况\n学校现有学生1259人，比上年增长1.01%。\n表1 人数\n\t专业\n\t人数\n\n\t计算机\n\t120\n\n\t合计\n\t120\n\n"


def imported(*args: str, cwd: Path = ROOT) -> tuple[set[str], set[str]]:
    """(top-level packages, qualint modules) imported by ``qualint ARGS``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    out = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, env=env, capture_output=True,
                         text=True, timeout=120)
    found = {}
    for line in out.stderr.splitlines():
        key, _, value = line.partition("=")
        if key in ("MODULES", "QUALINT"):
            found[key] = set(value.split(",")) - {""}
    assert "MODULES" in found, out.stderr
    return found["MODULES"], found["QUALINT"]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "small.txt"
    path.write_text(SMALL_REPORT, encoding="utf-8")
    return path


def test_version_imports_nothing_heavy() -> None:
    modules, ours = imported("--version")
    assert not modules & HEAVY
    assert ours <= {"qualint", "qualint.cli", "qualint.__main__"}, ours  # no engine, readers or rules


def test_help_imports_nothing_heavy() -> None:
    modules, ours = imported("check", "--help")
    assert not modules & HEAVY
    assert "qualint.engine" not in ours


def test_check_small_text_report_as_json_imports_nothing_heavy(small: Path) -> None:
    modules, ours = imported("check", "--format", "json", str(small), cwd=small.parent)
    assert "qualint.engine" in ours  # the probe really checked the file
    assert not modules & HEAVY, modules & HEAVY
    assert "qualint.units" not in ours and "qualint.readers.docx" not in ours


def test_check_small_text_report_on_the_terminal_loads_only_rich(small: Path) -> None:
    modules, ours = imported("check", str(small), cwd=small.parent)
    assert "qualint.reporters.terminal" in ours
    assert modules & HEAVY <= {"rich"}, modules & HEAVY
    assert "tempfile" not in modules  # atomic writes only with --output


def test_units_registry_is_not_loaded_for_plain_checks(small: Path) -> None:
    # pint (~0.1 s to import) is for unit conversions at the edges only.
    modules, _ = imported("check", "--format", "jsonl", str(small), cwd=small.parent)
    assert "pint" not in modules
