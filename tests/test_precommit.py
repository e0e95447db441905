"""The pre-commit hook: a valid manifest, and ``pre-commit try-repo`` against this checkout failing on a
wrong report and passing on a correct one.

``try-repo`` on a checkout with uncommitted work builds a "shadow" repository from tracked files only,
so a file not yet committed would be missing from the hook. The test therefore snapshots what the
package needs (the files git would commit: tracked and untracked-but-not-ignored) into a fresh
repository with one commit and points try-repo at that: it always tests the tree as it is on disk.
Installing the hook needs this package's build backend and dependencies from the configured package
index; nothing else leaves the machine. One test only: it builds a virtual environment (twice, since
try-repo uses a throwaway store each time).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reportgen import generate

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / ".pre-commit-hooks.yaml"
#: What installing the package from a source tree needs (pyproject's build and package settings).
PACKAGE_PARTS = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "qualint", "rules")


def pre_commit(*args: str, cwd: Path, env: dict[str, str], timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=timeout)


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", "-c", "user.name=qualint tests", "-c", "user.email=tests@qualint.invalid",
                    "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=cwd, check=True, capture_output=True)


def _package_files() -> list[str]:
    """Files of the package parts as git would commit them (falls back to a walk outside git)."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--",
                              *PACKAGE_PARTS], cwd=ROOT, check=True, capture_output=True).stdout
        names = [n for n in out.decode("utf-8").split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        names = [str(p.relative_to(ROOT)) for part in PACKAGE_PARTS for p in
                 ([ROOT / part] if (ROOT / part).is_file() else (ROOT / part).rglob("*")) if p.is_file()]
    return [n for n in names if "__pycache__" not in n and (ROOT / n).is_file()]


def snapshot_repo(dest: Path) -> Path:
    for name in _package_files():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    git("init", "-q", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "snapshot", cwd=dest)
    return dest


def test_manifest_is_valid():
    out = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_manifest_hook_settings():
    import yaml

    (hook,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert hook["id"] == "qualint" and hook["language"] == "python" and hook["entry"] == "qualint check"
    assert hook["require_serial"] is True and hook["pass_filenames"] is True
    import re

    files = re.compile(hook["files"])
    for name in ("a.txt", "b/报告.md", "c.DOCX", "d.pdf", "e.markdown"):
        assert files.search(name), name
    for name in ("a.py", "b.doc", "c.xlsx", "mdx", "d.md.bak"):
        assert not files.search(name), name


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_try_repo_fails_on_a_wrong_report_and_passes_on_a_correct_one(tmp_path):
    hook_repo = snapshot_repo(tmp_path / "qualint-src")
    work = tmp_path / "reports-repo"
    work.mkdir()
    git("init", "-q", cwd=work)
    wrong, right = generate(8, "total"), generate(9, None)
    (work / "wrong.md").write_text(wrong.text, encoding="utf-8")
    (work / "right.md").write_text(right.text, encoding="utf-8")
    git("add", "-A", cwd=work)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PRE_COMMIT")}
    env.update(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"), PIP_DISABLE_PIP_VERSION_CHECK="1",
               PIP_NO_INPUT="1", NO_COLOR="1")

    failed = pre_commit("try-repo", str(hook_repo), "qualint", "--files", "wrong.md", "--verbose",
                        cwd=work, env=env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert f"wrong.md:{wrong.line}" in output and "T101" in output, output

    passed = pre_commit("try-repo", str(hook_repo), "qualint", "--files", "right.md", "--verbose",
                        cwd=work, env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
