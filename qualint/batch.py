"""Checking many files: parallel processes, results in input order, a progress bar, a summary table.

A reviewer's CI job runs qualint over hundreds of reports. Files are independent (``engine.check_file``
never raises and returns a picklable ``FileResult``), so they are checked in a process pool and put
back in the order they were given, whatever order they finish in: the output of ``--jobs 4`` is
byte-for-byte the output of ``--jobs 1``. Small runs (a pre-commit hook with two files) stay in this
process, where start-up is cheapest.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from qualint.engine import Options, check_file, describe_error
from qualint.findings import FileResult, Severity
from qualint.reporters.model import active
from qualint.rulepack import RulePack, severity_of

#: Fewer files than this are checked in this process: a pool costs more than it saves.
MIN_FILES_FOR_POOL = 4
#: A progress bar is worth showing only for a run that takes a while.
MIN_FILES_FOR_PROGRESS = 20
#: Rules listed under "most frequent rules".
TOP_RULES = 5


def default_jobs() -> int:
    """The cores this process may use (honours CPU affinity and container limits where visible)."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def wants_progress(n_files: int, quiet: bool, stream: TextIO | None = None) -> bool:
    """A progress bar only for many files, on a terminal, and not with ``--quiet``."""
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    return not quiet and n_files >= MIN_FILES_FOR_PROGRESS and bool(isatty and isatty())


def check_files(files: Sequence[str], options: Options | Mapping[str, Options] = Options(),
                jobs: int | None = None, progress: bool = False) -> list[FileResult]:
    """``FileResult`` for each of ``files``, in the same order, checked by up to ``jobs`` processes.
    ``options`` is one ``Options`` for all files or one per file (configuration can differ by folder)."""
    jobs = default_jobs() if jobs is None or jobs < 1 else jobs
    per_file = [options if isinstance(options, Options) else options[f] for f in files]
    workers = min(jobs, len(files))
    advance, close = _progress_bar(len(files)) if progress and files else (lambda: None, lambda: None)
    try:
        if workers <= 1 or len(files) < MIN_FILES_FOR_POOL:
            results = []
            for f, o in zip(files, per_file, strict=True):
                results.append(check_file(f, o))
                advance()
            return results
        return _check_in_pool(files, per_file, workers, advance)
    finally:
        close()


def _check_in_pool(files: Sequence[str], per_file: Sequence[Options], workers: int,
                   advance: Callable[[], None]) -> list[FileResult]:
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    _warm_up()  # imported once here, inherited by forked workers instead of imported in each
    results: list[FileResult | None] = [None] * len(files)
    broken: list[int] = []
    executor = ProcessPoolExecutor(max_workers=workers)
    try:
        pending = {executor.submit(check_file, f, o): i for i, (f, o) in enumerate(zip(files, per_file, strict=True))}
        for future in as_completed(pending):
            i = pending[future]
            try:
                results[i] = future.result()
            except BrokenProcessPool:  # a worker died (killed, out of memory): every pending file fails
                broken.append(i)
                continue
            except Exception as exc:  # pickling trouble: report the file, keep the others
                if per_file[i].debug:
                    raise
                results[i] = FileResult(path=files[i], error=f"internal error ({describe_error(exc)})")
            advance()
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
    for i in sorted(broken):  # one at a time, each in a process of its own, so only the culprit fails
        results[i] = _check_isolated(files[i], per_file[i])
        advance()
    return [r for r in results if r is not None]


def _check_isolated(path: str, options: Options) -> FileResult:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1) as executor:
        try:
            return executor.submit(check_file, path, options).result()
        except BrokenProcessPool:
            return FileResult(path=path, error="the checking process died (out of memory or killed)")


def _warm_up() -> None:
    import importlib

    from qualint.checks import all_checks
    from qualint.claims import EXTRACTORS

    all_checks()
    for name in EXTRACTORS:
        try:
            importlib.import_module(name)
        except Exception:  # the worker reports it per file
            pass


def _progress_bar(total: int) -> tuple[Callable[[], None], Callable[[], None]]:
    """(advance, close) of a rich progress bar on stderr. No refresh thread (``auto_refresh=False``):
    the bar redraws as files finish, and worker processes are never forked from a threaded parent."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("qualint"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=Console(stderr=True), transient=True, auto_refresh=False)
    task = bar.add_task("check", total=total)
    bar.start()
    return (lambda: bar.update(task, advance=1, refresh=True)), bar.stop


@dataclass(frozen=True)
class FileCounts:
    path: str
    errors: int
    warnings: int
    unreadable: str | None = None


def file_counts(results: Sequence[FileResult], pack: RulePack) -> list[FileCounts]:
    """Per file: errors and warnings among active findings, or why it could not be read."""
    out = []
    for r in results:
        sev = Counter(severity_of(pack, f) for f in active(r.findings))
        out.append(FileCounts(r.path, sev[Severity.ERROR], sev[Severity.WARNING], r.error))
    return out


def rule_counts(results: Sequence[FileResult], pack: RulePack, top: int = TOP_RULES) -> list[tuple[str, int, int]]:
    """(rule, findings, files) of the most frequent error and warning rules, most frequent first
    (ties by rule id, so the table is stable)."""
    findings: Counter[str] = Counter()
    files: Counter[str] = Counter()
    for r in results:
        rules = [f.rule for f in active(r.findings) if severity_of(pack, f) is not Severity.INFO]
        findings.update(rules)
        files.update(set(rules))
    ranked = sorted(findings.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [(rule, n, files[rule]) for rule, n in ranked]


_WORDS = {
    "zh": {"file": "文件", "errors": "错误", "warnings": "警告", "status": "状态", "unreadable": "无法读取",
           "by_file": "各文件问题数", "clean": "其余 {n} 个文件未发现问题", "rule": "规则", "name": "名称",
           "count": "次数", "files": "文件数", "top": "最常见的规则"},
    "en": {"file": "file", "errors": "errors", "warnings": "warnings", "status": "status", "unreadable": "unreadable",
           "by_file": "findings per file", "clean": "{n} other file(s) without problems", "rule": "rule",
           "name": "name", "count": "findings", "files": "files", "top": "most frequent rules"},
}


def render_summary(results: Sequence[FileResult], pack: RulePack, lang: str = "zh", file: TextIO | None = None,
                   color: bool | None = None) -> None:
    """The end-of-run tables: files with errors, warnings or read failures (in input order; clean
    files are counted, not listed) and the most frequent rules."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    words = _WORDS.get(lang, _WORDS["zh"])
    console = Console(file=file, highlight=False, soft_wrap=True, force_terminal=color, no_color=color is False)
    counts = file_counts(results, pack)
    listed = [c for c in counts if c.errors or c.warnings or c.unreadable]
    if listed:
        table = Table(title=words["by_file"], title_justify="left")
        table.add_column(words["file"], overflow="fold")
        table.add_column(words["errors"], justify="right")
        table.add_column(words["warnings"], justify="right")
        table.add_column(words["status"])
        for c in listed:
            status = f"[red]{words['unreadable']}: {escape(c.unreadable)}[/red]" if c.unreadable else ""
            table.add_row(escape(c.path), str(c.errors), str(c.warnings), status)
        if len(listed) < len(counts):
            table.caption = words["clean"].format(n=len(counts) - len(listed))
        console.print(table)
    ranked = rule_counts(results, pack)
    if ranked:
        table = Table(title=words["top"], title_justify="left")
        table.add_column(words["rule"])
        table.add_column(words["name"])
        table.add_column(words["count"], justify="right")
        table.add_column(words["files"], justify="right")
        for rule, n, nfiles in ranked:
            name = pack.rules[rule].name if rule in pack.rules else ""
            table.add_row(rule, name, str(n), str(nfiles))
        console.print(table)
