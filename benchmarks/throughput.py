"""Throughput and memory of ``qualint check``: the corpus reports and a generated 10 MB report.

    .venv/bin/python benchmarks/throughput.py [--size-mb 10] [--no-tracemalloc] [--profile]

For each input it prints the wall time of reading and checking (imports and start-up excluded:
``benchmarks/startup.py`` measures those), MB/s, the peak resident memory of the process and the peak
of Python allocations (tracemalloc, in a separate run since it slows the run down), next to the floor:
one regex pass over the same text (finding every number) in the same kind of process. Then the
generated report at 1x, 4x and 16x a base size, to show that the cost grows linearly.

Each measurement runs in a fresh process, so peak memory belongs to that input alone. ``--profile``
writes a pyinstrument profile of the 10 MB check to benchmarks/profile.txt (not committed).
Not a test: the figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "reports"
NUMBER = r"[+\-]?\d+(?:,\d{3})*(?:\.\d+)?%?"
#: Address-space limit of each measuring process.
CHILD_MEMORY_LIMIT = 8 * 1024**3

MAJORS = ["计算机应用", "会计事务", "机电技术应用", "旅游服务与管理", "电子商务", "学前教育", "汽车运用与维修",
          "数控技术应用", "酒店服务与管理", "物流服务与管理", "建筑工程施工", "农村经济综合管理"]


# ---------------------------------------------------------------- the generated report


def _section(rnd: random.Random, n: int, table_no: int) -> str:
    """One realistic section: headed prose with totals, changes and shares, then a table of majors
    with two years, a change column and a 合计 row (sums right, like most real tables)."""
    students = rnd.randint(800, 9000)
    growth = rnd.uniform(-9, 12)
    previous = round(students / (1 + growth / 100))
    teachers = rnd.randint(60, 600)
    full = rnd.randint(teachers // 2, teachers)
    funds = rnd.uniform(300, 9000)
    lines = [
        f"{n}.学生与教师情况（第{n}部分）",
        f"学校现有全日制在籍学生{students}人，上一年度为{previous}人，比上年增长{growth:.2f}%。"
        f"专任教师{teachers}人，其中专职教师{full}人，占比{full / teachers * 100:.1f}%，生师比{students / teachers:.1f}:1。",
        f"全年投入办学经费{funds:.2f}万元，生均经费{funds * 10000 / students:.0f}元，比2020年增加{rnd.randint(2, 40)}个百分点。",
        f"学校占地面积{rnd.randint(50, 400)}亩，建筑面积{rnd.uniform(1, 20):.1f}万平方米，图书{rnd.randint(20, 300)}万册。",
        f"表{table_no} 各专业在校生人数",
        "\t专业",
        "\t2020年",
        "\t2021年",
        "\t增长率",
        "",
    ]
    rows = rnd.sample(MAJORS, rnd.randint(3, 8))
    total_a = total_b = 0
    for major in rows:
        a, b = rnd.randint(20, 600), rnd.randint(20, 600)
        total_a, total_b = total_a + a, total_b + b
        lines += [f"\t{major}", f"\t{a}", f"\t{b}", f"\t{(b - a) / a * 100:.1f}%", ""]
    lines += ["\t合计", f"\t{total_a}", f"\t{total_b}", f"\t{(total_b - total_a) / total_a * 100:.1f}%", "", ""]
    lines.append(f"毕业生{rnd.randint(100, 2000)}人，就业率{rnd.uniform(90, 99.9):.1f}%，对口就业率{rnd.uniform(60, 95):.1f}%。")
    return "\n".join(lines) + "\n"


def generate(size_bytes: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    parts, size, n = [], 0, 0
    while size < size_bytes:
        n += 1
        section = _section(rnd, n, n)
        parts.append(section)
        size += len(section.encode("utf-8"))
    return "".join(parts)


# ---------------------------------------------------------------- one measurement (in a child process)


def _warm_up() -> None:
    """Import and initialise everything a check uses, on a different text (so no cache is primed)."""
    from qualint.checks import all_checks
    from qualint.engine import check_document
    from qualint.readers import text as text_reader

    all_checks()
    check_document(text_reader.build_document("warm-up.txt", generate(20_000, seed=99)))


def measure(paths: list[str], mode: str, use_tracemalloc: bool) -> dict:
    """Read and check (or regex-scan) ``paths``; wall time, bytes, findings and memory peaks."""
    if mode == "check":
        _warm_up()
    import regex

    pattern = regex.compile(NUMBER)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if use_tracemalloc:
        import tracemalloc

        tracemalloc.start()
    total_bytes, findings, errors = 0, 0, []
    start = time.perf_counter()
    for p in paths:
        total_bytes += os.path.getsize(p)
        if mode == "check":
            from qualint.engine import Options, check_file

            result = check_file(p, Options(max_bytes=1 << 30))
            findings += len(result.findings)
            if result.error:
                errors.append(f"{p}: {result.error}")
        else:  # the floor: read, decode, one regex pass finding every number
            text = Path(p).read_bytes().decode("utf-8")
            findings += sum(1 for _ in pattern.finditer(text))
    wall = time.perf_counter() - start
    out = {"wall": wall, "bytes": total_bytes, "findings": findings, "errors": errors,
           "rss_before_mb": rss_before / 1024, "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    if use_tracemalloc:
        out["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 1048576
    return out


def measure_stages(path: str) -> dict:
    """Seconds spent reading, in each claim extractor and in each check on ``path``: the pipeline of
    ``engine.check_document`` taken apart, to show which stage stops growing linearly."""
    import importlib

    from qualint.checks import CheckContext, all_checks
    from qualint.claims import EXTRACTORS
    from qualint.readers import read

    _warm_up()
    stages: dict[str, float] = {}
    start = time.perf_counter()
    doc = read(path, max_bytes=1 << 30)
    stages["read"] = time.perf_counter() - start
    claims = []
    for name in EXTRACTORS:
        start = time.perf_counter()
        claims.extend(importlib.import_module(name).extract(doc))
        stages[name.replace("qualint.claims.", "claims.")] = time.perf_counter() - start
    ctx = CheckContext(document=doc, path=doc.path)
    for check in all_checks():
        start = time.perf_counter()
        for _ in check(claims, ctx):
            pass
        key = f"{check.__module__.replace('qualint.checks.', 'checks.')}.{check.__name__}"
        stages[key] = stages.get(key, 0.0) + time.perf_counter() - start
    return {"stages": stages, "bytes": os.path.getsize(path), "claims": len(claims)}


def _limit_child() -> None:
    # A quadratic stage on a big input must fail here with MemoryError, not take the machine down.
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_LIMIT, CHILD_MEMORY_LIMIT))


def run_child(paths: list[str], mode: str, use_tracemalloc: bool = False, timeout: float | None = None) -> dict:
    """One measurement in a fresh process; ``{"failed": reason}`` on timeout or a crash (out of memory)."""
    cmd = [sys.executable, __file__, "--child", mode, *(["--tracemalloc"] if use_tracemalloc else []), *paths]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout,
                             preexec_fn=_limit_child)
    except subprocess.TimeoutExpired:
        return {"failed": f"timed out after {timeout:.0f} s"}
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["?"])[-1]
        return {"failed": f"exit {out.returncode}: {last[:80]}"}
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- report


def _row(label: str, check: dict, floor: dict, traced: dict | None, size: int) -> str:
    mb = size / 1048576
    floor_text = f"{floor['wall']:7.3f} {mb / floor['wall']:8.1f}" if "wall" in floor else floor.get("failed", "")
    if "failed" in check:
        return f"{label:<26} {mb:7.2f}  check failed: {check['failed']} │ {floor_text}"
    traced_text = f"{traced['traced_peak_mb']:8.1f}" if traced and "traced_peak_mb" in traced else "       -"
    return (f"{label:<26} {mb:7.2f} {check['wall']:8.2f} {mb / check['wall']:7.2f} "
            f"{check['rss_peak_mb']:8.0f} {check['rss_peak_mb'] - check['rss_before_mb']:7.0f} {traced_text} "
            f"{check['findings']:8d} │ {floor_text}")


def main() -> None:
    parser = argparse.ArgumentParser(description="qualint throughput and memory")
    parser.add_argument("--size-mb", type=float, default=10.0, help="size of the generated report (default 10)")
    parser.add_argument("--no-tracemalloc", action="store_true", help="skip the (slower) tracemalloc runs")
    parser.add_argument("--profile", action="store_true", help="pyinstrument profile of the 1x generated check")
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed per measurement (default 600)")
    parser.add_argument("--stages-kb", type=int, default=32,
                        help="base size (KB) of the per-stage breakdown at 1x/4x/16x (0: skip; default 32)")
    parser.add_argument("--child", choices=["check", "regex", "stages"], help=argparse.SUPPRESS)
    parser.add_argument("--tracemalloc", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "stages":
        print(json.dumps(measure_stages(args.paths[0])))
        return
    if args.child:
        print(json.dumps(measure(args.paths, args.child, args.tracemalloc)))
        return

    traced_runs = not args.no_tracemalloc
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; python {sys.version.split()[0]}")
    print(f"{'input':<26} {'MB':>7} {'wall s':>8} {'MB/s':>7} {'peakRSS':>8} {'+RSS':>7} {'traced':>8} "
          f"{'findings':>8} │ {'regex s':>7} {'MB/s':>8}")
    with tempfile.TemporaryDirectory() as folder:
        corpus = sorted(str(p) for p in CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
        if corpus:
            size = sum(os.path.getsize(p) for p in corpus)
            check = run_child(corpus, "check", timeout=args.timeout)
            traced = run_child(corpus, "check", True, timeout=args.timeout) if traced_runs else None
            print(_row(f"corpus ({len(corpus)} reports)", check, run_child(corpus, "regex"), traced, size))
            for err in check.get("errors", []):
                print("  unreadable:", err)
        else:
            print(f"corpus: {CORPUS} not present, skipped")

        base = int(args.size_mb * 1048576 / 16)
        scaling = []
        for factor in (1, 4, 16):
            path = Path(folder) / f"generated-{factor}x.txt"
            path.write_text(generate(base * factor), encoding="utf-8")
            size = path.stat().st_size
            check = run_child([str(path)], "check", timeout=args.timeout)
            traced = (run_child([str(path)], "check", True, timeout=args.timeout)
                      if traced_runs and factor in (1, 16) and "failed" not in check else None)
            print(_row(f"generated {factor:>2}x", check, run_child([str(path)], "regex"), traced, size))
            scaling.append((factor, size, check.get("wall")))
        f1, b1, w1 = scaling[0]
        print("\nscaling (time per MB relative to 1x; 1.00 = linear):")
        for factor, b, w in scaling:
            ratio = f"{(w / b) / (w1 / b1):5.2f}" if w and w1 else "    -"
            wall = f"{w:7.2f} s" if w else "  failed"
            print(f"  {factor:>2}x  {b / 1048576:6.2f} MB  {wall}  {ratio}")
        if args.stages_kb:
            _print_stages(folder, args.stages_kb * 1024, args.timeout)
        if args.profile:
            from pyinstrument import Profiler

            sys.path.insert(0, str(ROOT))
            _warm_up()
            from qualint.engine import Options, check_file

            profiler = Profiler(interval=0.001)
            with profiler:
                check_file(Path(folder) / "generated-1x.txt", Options(max_bytes=1 << 30))
            target = ROOT / "benchmarks" / "profile.txt"
            target.write_text(profiler.output_text(unicode=True, show_all=False), encoding="utf-8")
            print(f"\nprofile written to {target}")


def _print_stages(folder: str, base: int, timeout: float) -> None:
    """Seconds per stage at 1x/4x/16x of ``base`` bytes, and how each grows: time(16x)/time(1x) is
    about 16 for a linear stage, 256 for a quadratic one."""
    runs = []
    for factor in (1, 4, 16):
        path = Path(folder) / f"stages-{factor}x.txt"
        path.write_text(generate(base * factor, seed=7), encoding="utf-8")
        runs.append(run_child([str(path)], "stages", timeout=timeout))
    print(f"\nper stage (s) on generated reports of {base // 1024} KB × 1/4/16; growth = t(16x)/t(1x), 16 = linear:")
    if any("failed" in r for r in runs):
        print("  " + "; ".join(r.get("failed", "ok") for r in runs))
        return
    names = list(runs[-1]["stages"])
    mb16 = runs[-1]["bytes"] / 1048576
    print(f"  {'stage':<44} {'1x':>8} {'4x':>8} {'16x':>8} {'growth':>7} {'MB/s@16x':>9}")
    for name in names:
        t = [r["stages"].get(name, 0.0) for r in runs]
        growth = f"{t[2] / t[0]:7.0f}" if t[0] > 0.0005 else "      -"
        rate = f"{mb16 / t[2]:9.2f}" if t[2] > 0.0005 else "        -"
        print(f"  {name:<44} {t[0]:8.3f} {t[1]:8.3f} {t[2]:8.3f} {growth} {rate}")
    totals = [sum(r["stages"].values()) for r in runs]
    print(f"  {'total':<44} {totals[0]:8.3f} {totals[1]:8.3f} {totals[2]:8.3f} {totals[2] / totals[0]:7.0f} "
          f"{mb16 / totals[2]:9.2f}")


if __name__ == "__main__":
    main()
