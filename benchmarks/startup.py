"""Start-up time of the commands a pre-commit hook runs, next to a bare interpreter.

    .venv/bin/python benchmarks/startup.py [--runs 20]

Prints the median and minimum wall time and the median CPU time (ms) of ``python -c pass``, ``python -c "import qualint.cli"``,
``qualint --version``, ``qualint check`` on a small text report (terminal and JSON output), and
which heavy libraries each command imported. Not a test: timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("rich", "pint", "docx", "lxml", "pdfplumber", "pdfminer", "pathspec", "hypothesis")

SMALL_REPORT = """学校概况
学校现有全日制在籍学生1259人，比上年增长1.01%。
表1 各专业在校生人数
\t专业
\t2021年人数

\t计算机应用
\t120

\t会计事务
\t85

\t合计
\t215

"""

PROBE = (
    "import runpy, sys\n"
    "sys.argv = ['qualint'] + sys.argv[1:]\n"
    "try:\n"
    "    runpy.run_module('qualint', run_name='__main__')\n"
    "except SystemExit:\n"
    "    pass\n"
    f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
    "print('HEAVY=' + ','.join(heavy), file=sys.stderr)\n"
)


def _env(pycache: str) -> dict[str, str]:
    """Bytecode cached in ``pycache`` (as for an installed package, whose .pyc files pip writes), even
    where PYTHONDONTWRITEBYTECODE is set: otherwise every run would time the compiler."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = pycache
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.setdefault("NO_COLOR", "1")
    return env


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_command(argv: list[str], runs: int, env: dict[str, str]) -> tuple[float, float, float]:
    """(median wall, minimum wall, median CPU) in ms over ``runs`` runs, after one warm-up run. CPU
    time (user + system) is steadier than wall time on a busy machine."""
    subprocess.run(argv, env=env, cwd=ROOT, capture_output=True)
    wall, cpu = [], []
    for _ in range(runs):
        cpu_before = _child_cpu()
        start = time.perf_counter()
        subprocess.run(argv, env=env, cwd=ROOT, capture_output=True)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((_child_cpu() - cpu_before) * 1000)
    return statistics.median(wall), min(wall), statistics.median(cpu)


def heavy_imports(args: list[str], env: dict[str, str]) -> str:
    out = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, cwd=ROOT, capture_output=True, text=True)
    for line in out.stderr.splitlines():
        if line.startswith("HEAVY="):
            return line[len("HEAVY="):] or "none"
    return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = _env(str(Path(folder) / "pycache"))
        small = Path(folder) / "small.txt"
        small.write_text(SMALL_REPORT, encoding="utf-8")
        py = sys.executable
        cases = [
            ("python -c pass", [py, "-c", "pass"], None),
            ("python -c 'import qualint.cli'", [py, "-c", "import qualint.cli"], None),
            ("qualint --version", [py, "-m", "qualint", "--version"], ["--version"]),
            ("qualint check small.txt", [py, "-m", "qualint", "check", str(small)], ["check", str(small)]),
            ("qualint check --format json small.txt", [py, "-m", "qualint", "check", "--format", "json", str(small)],
             ["check", "--format", "json", str(small)]),
        ]
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {args.runs} runs each")
        print(f"{'command':<40} {'wall median':>11} {'wall min':>9} {'CPU median':>11}  heavy imports")
        for label, argv, probe_args in cases:
            median, best, cpu = time_command(argv, args.runs, env)
            heavy = heavy_imports(probe_args, env) if probe_args is not None else "-"
            print(f"{label:<40} {median:>11.1f} {best:>9.1f} {cpu:>11.1f}  {heavy}")


if __name__ == "__main__":
    main()
