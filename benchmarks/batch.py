"""Throughput of a batch run: files per second at ``--jobs 1`` and ``--jobs 2`` (and any others asked).

    .venv/bin/python benchmarks/batch.py [--files 200] [--jobs 1 2] [--runs 3] [--corpus ../shared/corpus/reports]

Writes ``--files`` generated Markdown reports (tests/reportgen.py: three tables each, one known error)
— or, with ``--corpus``, copies of the real reports in that folder, repeated — to a temporary folder and times ``qualint check FOLDER --format json --jobs N`` as a subprocess, the
way CI runs it (interpreter start-up and imports included). Prints the best of ``--runs`` runs per N,
and checks that every N gives the same output. Not a test: figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.reportgen import write_batch  # noqa: E402


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(folder: Path, jobs: int) -> tuple[float, float, bytes]:
    """(wall seconds, CPU seconds of qualint and its workers, output)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cpu, start = _children_cpu(), time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "qualint", "check", str(folder), "--format", "json",
                          "--jobs", str(jobs)], capture_output=True, env=env, cwd=folder.parent)
    elapsed, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if out.returncode not in (0, 1):
        raise SystemExit(f"qualint exited {out.returncode}: {out.stderr.decode(errors='replace')}")
    return elapsed, cpu, out.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=None, help="folder of real .txt reports to repeat instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        if args.corpus:
            real = sorted(args.corpus.glob("*.txt"))
            if not real:
                raise SystemExit(f"no .txt reports in {args.corpus}")
            folder.mkdir()
            for i in range(args.files):
                shutil.copyfile(real[i % len(real)], folder / f"{i:04d}_{real[i % len(real)].name}")
        else:
            write_batch(folder, args.files)
        size = sum(p.stat().st_size for p in folder.iterdir())
        kind = f"copies of {args.corpus}" if args.corpus else "generated"
        print(f"{args.files} {kind} reports ({size / 1024:.0f} KiB) on {os.cpu_count()} core(s), best of "
              f"{args.runs}; load average before: {os.getloadavg()[0]:.2f} (other work on the machine slows --jobs 2 most)")
        outputs = {}
        for jobs in args.jobs:
            best, cpu, output = min(run(folder, jobs) for _ in range(args.runs))
            outputs[jobs] = output
            print(f"--jobs {jobs}: {best:6.2f} s wall  {args.files / best:7.1f} files/s  ({cpu:.2f} s CPU)")
        same = len(set(outputs.values())) == 1
        print("same output for every --jobs" if same else "OUTPUT DIFFERS between --jobs values")
        if not same:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
