"""Human output with rich: ``file:line`` with the rule, stated vs recomputed, formula, cause; a summary."""

from __future__ import annotations

from typing import TextIO

from qualint.findings import FileResult, Severity
from qualint.reporters.model import active, summary
from qualint.rulepack import RulePack, render_diagnosis, render_message, severity_of

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_LABEL = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}
_WORDS = {
    "zh": {"stated": "报告值", "expected": "重算值", "formula": "算式", "cause": "可能原因", "related": "相关",
           "summary": "共检查 {files} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 个提示",
           "unreadable": "，{unreadable} 个文件无法读取", "suppressed": "（另有 {suppressed} 个已忽略）",
           "clean": "未发现问题", "line": "第{line}行",
           "coverage": "识别出 {relations} 个可核对的关系（表格 {table_relations}，正文 {prose_relations}），"
                       "{tables} 个表格中 {tables_checked} 个含可核对关系"},
    "en": {"stated": "stated", "expected": "recomputed", "formula": "formula", "cause": "likely cause",
           "related": "related", "summary": "{files} file(s) checked: {errors} error(s), {warnings} warning(s), {infos} info",
           "unreadable": ", {unreadable} unreadable", "suppressed": " ({suppressed} suppressed)",
           "clean": "no problems found", "line": "line {line}",
           "coverage": "{relations} checkable relations recognised ({table_relations} in tables, {prose_relations} in prose); "
                       "{tables_checked} of {tables} tables had one"},
}


def render(results: list[FileResult], pack: RulePack, lang: str = "zh", file: TextIO | None = None,
           verbose: bool = False, show_summary: bool = True, color: bool | None = None,
           show_findings: bool = True) -> None:
    from rich.console import Console
    from rich.markup import escape

    lang = lang if lang in _WORDS else "zh"
    words = _WORDS[lang]
    console = Console(file=file, highlight=False, soft_wrap=True, force_terminal=color, no_color=color is False)
    for r in results:
        if r.error:
            console.print(f"[bold]{escape(r.path)}[/bold]: [red]{escape(r.error)}[/red]")
            continue
        if verbose and r.encoding:
            console.print(f"[dim]{escape(r.path)}: encoding {r.encoding}[/dim]")
        if verbose and r.stats:
            console.print(f"[dim]{escape(r.path)}: {words['coverage'].format(**dict(r.stats))}[/dim]")
        for f in active(r.findings) if show_findings else ():
            sev = severity_of(pack, f)
            if sev is Severity.INFO and not verbose:
                continue
            loc = f.location
            where = f"{r.path}:{loc.line}"
            cell = ""
            if loc.table is not None and loc.row is None:
                cell = f" (第{loc.table}个表格)" if lang == "zh" else f" (table {loc.table})"
            elif loc.table is not None:
                cell = (f" (第{loc.table}个表格 第{loc.row}行第{loc.column}列)" if lang == "zh"
                        else f" (table {loc.table} row {loc.row} col {loc.column})")
            console.print(
                f"[bold]{escape(where)}[/bold]{escape(cell)} [{_STYLE[sev]}]{_LABEL[lang][sev]}[/] "
                f"[magenta]{f.rule}[/magenta] {escape(render_message(pack, f, lang))}"
            )
            if not f.stated and not f.expected and not f.formula:
                continue  # a note about the document (Q104) has nothing to compare
            detail = f"    {words['stated']} {escape(f.stated)}"
            if f.expected:
                detail += f" · {words['expected']} {escape(f.expected)}"
                if f.interval is not None and f.interval[0] != f.interval[1]:
                    detail += f" [dim]({_fmt(f.interval[0])} … {_fmt(f.interval[1])})[/dim]"
            if f.formula:
                detail += f" · {words['formula']} {escape(f.formula)}"
            console.print(detail)
            diag = render_diagnosis(pack, f, lang)
            if diag:
                console.print(f"    [green]{words['cause']}[/green]: {escape(diag)}")
            for rel in f.related:
                where = (f"{rel.path} " if rel.path else "") + words["line"].format(line=rel.line)
                console.print(f"    [dim]{words['related']} {escape(where)}: {escape(rel.text[:80])}[/dim]")
    if show_summary:
        render_summary_line(results, pack, lang, console)


def render_summary_line(results: list[FileResult], pack: RulePack, lang: str = "zh", file: TextIO | None = None,
                        color: bool | None = None, console=None) -> None:
    """The one-line count of files, errors and warnings (separate so batch tables can come before it)."""
    from rich.console import Console
    from rich.markup import escape

    console = console or Console(file=file, highlight=False, soft_wrap=True, force_terminal=color,
                                 no_color=color is False)
    words = _WORDS[lang if lang in _WORDS else "zh"]
    s = summary(results, pack)
    text = words["summary"].format(**s)
    if s["unreadable"]:
        text += words["unreadable"].format(**s)
    if s["suppressed"]:
        text += words["suppressed"].format(**s)
    style = "bold red" if s["errors"] or s["unreadable"] else ("yellow" if s["warnings"] else "green")
    console.print(f"[{style}]{escape(text)}[/]")


def _fmt(v) -> str:
    s = format(v, "f")
    if "." in s:
        s = s[: s.index(".") + 7].rstrip("0").rstrip(".")
    return s
