"""Throughput of a batch run: files per second at ``--jobs 1`` and ``--jobs 2`` (and any others asked).

    .venv/bin/python benchmarks/batch.py [--files 200] [--jobs 1 2] [--runs 3]

Writes ``--files`` generated Markdown reports (tests/reportgen.py: three tables each, one known error)
to a temporary folder and times ``qualint check FOLDER --format json --jobs N`` as a subprocess, the
way CI runs it (interpreter start-up and imports included). Prints the best of ``--runs`` runs per N,
and checks that every N gives the same output. Not a test: figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.reportgen import write_batch  # noqa: E402


def run(folder: Path, jobs: int) -> tuple[float, bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "qualint", "check", str(folder), "--format", "json",
                          "--jobs", str(jobs)], capture_output=True, env=env, cwd=folder.parent)
    elapsed = time.perf_counter() - start
    if out.returncode not in (0, 1):
        raise SystemExit(f"qualint exited {out.returncode}: {out.stderr.decode(errors='replace')}")
    return elapsed, out.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        write_batch(folder, args.files)
        size = sum(p.stat().st_size for p in folder.iterdir())
        print(f"{args.files} generated reports ({size / 1024:.0f} KiB) on {os.cpu_count()} core(s), best of {args.runs}")
        outputs = {}
        for jobs in args.jobs:
            best, output = min(run(folder, jobs) for _ in range(args.runs))
            outputs[jobs] = output
            print(f"--jobs {jobs}: {best:6.2f} s  {args.files / best:7.1f} files/s")
        same = len(set(outputs.values())) == 1
        print("same output for every --jobs" if same else "OUTPUT DIFFERS between --jobs values")
        if not same:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
