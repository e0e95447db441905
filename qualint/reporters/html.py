"""``--format html``: one self-contained review page (inline CSS and JS, nothing fetched).

The page shows, for each report, its text and tables as read, each wrong number highlighted where it
stands and its finding beside it (rule, stated vs recomputed, formula, likely cause), with a summary
at the top and switches for warnings and info. Findings carry locations, not text, so the reporter
reads each file again with ``qualint.readers.read`` (a file that can no longer be read still gets
its findings listed, without the text).
"""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field

from qualint.document import Document, Paragraph, Table
from qualint.findings import FileResult, Finding
from qualint.reporters.model import active, finding_dict, summary
from qualint.reporters.review import WORDS, locate
from qualint.rulepack import RulePack, severity_of

_TEXT = {
    "zh": {"title": "qualint 审阅报告", "files": "文件", "errors": "错误", "warnings": "警告", "infos": "提示",
           "unreadable": "无法读取", "suppressed": "已忽略", "show": "显示", "unplaced": "未能在正文中定位的问题",
           "clean": "未发现问题", "table": "第{n}个表格", "no_text": "（无法重新读取正文，只列出问题）"},
    "en": {"title": "qualint review", "files": "files", "errors": "errors", "warnings": "warnings", "infos": "info",
           "unreadable": "unreadable", "suppressed": "suppressed", "show": "show", "unplaced": "Findings not placed in the text",
           "clean": "no problems found", "table": "table {n}", "no_text": "(the text could not be read again; findings only)"},
}

_CSS = """
*{box-sizing:border-box}body{margin:0;font:15px/1.7 "Noto Sans CJK SC","Droid Sans Fallback","PingFang SC",
"Microsoft YaHei",sans-serif;color:#1d232b;background:#f4f5f7}
header{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid #d9dde3;padding:10px 24px}
h1{font-size:19px;margin:0 8px 4px 0;display:inline-block}.counts span{margin-right:14px;font-weight:600}
.counts .error{color:#b3261e}.counts .warning{color:#9a6700}.counts .info{color:#0b6bcb}
.switches label{margin-right:14px;font-size:13px;cursor:pointer}
main{padding:12px 24px 48px;max-width:1400px}section.file{background:#fff;border:1px solid #d9dde3;
border-radius:6px;margin:16px 0;padding:4px 18px 14px}h2{font-size:16px;font-family:monospace}
.file-error{color:#b3261e;font-weight:600}.row{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);
gap:18px;border-top:1px dashed transparent}.row.has{border-top-color:#e6e8eb}
.text p{margin:6px 0;white-space:pre-wrap}.text .ln{color:#8a929c;font:11px monospace;margin-right:6px;
user-select:none}.heading{font-weight:700}
table{border-collapse:collapse;margin:8px 0;font-size:14px}td{border:1px solid #c8cdd3;padding:2px 8px;
text-align:right;white-space:pre-wrap}td.merged{background:#f7f7f9}td.hit{outline:2px solid currentColor;
outline-offset:-2px}caption{caption-side:top;text-align:left;color:#8a929c;font-size:11px;padding:2px 0}
mark{padding:0 2px;border-radius:3px;cursor:pointer}mark.error,td.error{background:#fde2df;color:#8c1d18}
mark.warning,td.warning{background:#fff1c2;color:#6b4a00}mark.info,td.info{background:#dcecff;color:#0b4f96}
.notes{font-size:13px;padding:4px 0}.note{border-left:4px solid #b3261e;background:#fbfbfc;margin:6px 0;
padding:6px 10px;border-radius:0 4px 4px 0}.note.warning{border-color:#d29922}.note.info{border-color:#0b6bcb}
.note .rule{font:600 12px monospace}.note .msg{font-weight:600}.note .where{color:#6a737d;font-size:12px}
.note.focus{box-shadow:0 0 0 2px #0b6bcb}.note dl{margin:2px 0;display:grid;grid-template-columns:auto 1fr;
gap:0 8px}.note dt{color:#6a737d}.note dd{margin:0}
.jump{font-size:13px;margin:0 0 8px;padding-left:22px;columns:2}.jump a{color:inherit}
.jump .error{color:#b3261e}.jump .warning{color:#9a6700}.jump .info{color:#0b6bcb}
body.hide-warning .warning.note,body.hide-info .info.note,body.hide-warning .jump .warning,
body.hide-info .jump .info{display:none}
body.hide-warning mark.warning,body.hide-info mark.info{background:none;color:inherit}
"""

_JS = """
document.querySelectorAll('input[data-sev]').forEach(function(box){box.addEventListener('change',function(){
document.body.classList.toggle('hide-'+box.dataset.sev,!box.checked);});});
document.querySelectorAll('[data-notes]').forEach(function(el){el.addEventListener('click',function(){
document.querySelectorAll('.note.focus').forEach(function(n){n.classList.remove('focus');});
el.dataset.notes.split(' ').forEach(function(id,i){var n=document.getElementById(id);if(n){n.classList.add('focus');
if(i===0){n.scrollIntoView({block:'nearest'});}}});});});
"""


@dataclass
class _Placed:
    """Findings attached to one block: marks in a paragraph's text or cells of a table."""

    spans: dict[tuple[int, int], list[tuple[str, Finding]]] = field(default_factory=lambda: defaultdict(list))
    cells: dict[tuple[int, int], list[tuple[str, Finding]]] = field(default_factory=lambda: defaultdict(list))
    notes: list[tuple[str, Finding]] = field(default_factory=list)


def render(results: list[FileResult], pack: RulePack, lang: str = "zh", documents: dict[str, Document] | None = None) -> str:
    """The whole page. ``documents`` (path → Document) spares re-reading files the caller has."""
    lang = lang if lang in _TEXT else "zh"
    t = _TEXT[lang]
    s = summary(results, pack)
    counts = "".join(
        f'<span class="{cls}">{t[key]} {s[key]}</span>'
        for key, cls in (("errors", "error"), ("warnings", "warning"), ("infos", "info"))
    )
    counts = f'<span>{t["files"]} {s["files"]}</span>' + counts
    if s["unreadable"]:
        counts += f'<span class="error">{t["unreadable"]} {s["unreadable"]}</span>'
    if s["suppressed"]:
        counts += f'<span>{t["suppressed"]} {s["suppressed"]}</span>'
    switches = "".join(
        f'<label><input type="checkbox" data-sev="{sev}"{" checked" if sev != "info" else ""}> {t["show"]} {t[key]}</label>'
        for sev, key in (("warning", "warnings"), ("info", "infos"))
    )
    sections = []
    counter = [0]
    for r in results:
        doc = (documents or {}).get(r.path)
        sections.append(_file_section(r, doc, pack, lang, counter))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(t['title'])}</title><style>{_CSS}</style></head>"
        f'<body class="hide-info"><header><h1>{html.escape(t["title"])}</h1>'
        f'<div class="counts" id="summary">{counts}</div><div class="switches">{switches}</div></header>'
        f"<main>{''.join(sections)}</main><script>{_JS}</script></body></html>\n"
    )


def _reread(path: str) -> Document | None:
    from qualint.readers import read

    try:
        return read(path)
    except Exception:  # changed or gone since it was checked: the findings are still listed
        return None


def _file_section(r: FileResult, doc: Document | None, pack: RulePack, lang: str, counter: list[int]) -> str:
    t = _TEXT[lang]
    head = f"<h2>{html.escape(r.path)}</h2>"
    if r.error:
        return f'<section class="file">{head}<p class="file-error">{html.escape(r.error)}</p></section>'
    findings = active(r.findings)
    ids = []
    for f in findings:
        counter[0] += 1
        ids.append((f"q{counter[0]}", f))
    if doc is None and findings:
        doc = _reread(r.path)
    if doc is None:
        notes = "".join(_note(i, f, pack, lang) for i, f in ids)
        body = f'<p class="where">{t["no_text"]}</p><div class="notes">{notes}</div>' if ids else f"<p>{t['clean']}</p>"
        return f'<section class="file">{head}{body}</section>'
    placed, unplaced = _place(doc, ids)
    rows = []
    if ids:
        jump = "".join(f'<li class="{severity_of(pack, f).value}"><a href="#{i}">{html.escape(f.location.describe(lang))} '
                       f"{html.escape(f.rule)} {html.escape(f.stated)}</a></li>" for i, f in ids)
        rows.append(f'<ol class="jump">{jump}</ol>')
    for block in doc.blocks:
        p = placed.get(id(block))
        if isinstance(block, Paragraph):
            text = _paragraph_html(block, p, pack)
        else:
            text = _table_html(block, p, t, pack)
        notes = "".join(_note(i, f, pack, lang) for i, f in (p.notes if p else ()))
        rows.append(f'<div class="row{" has" if notes else ""}"><div class="text">{text}</div>'
                    f'<div class="notes">{notes}</div></div>')
    if unplaced:
        notes = "".join(_note(i, f, pack, lang) for i, f in unplaced)
        rows.append(f'<h3>{t["unplaced"]}</h3><div class="notes">{notes}</div>')
    if not ids:
        rows.insert(0, f"<p>{t['clean']}</p>")
    return f'<section class="file">{head}{"".join(rows)}</section>'


def _place(doc: Document, ids: list[tuple[str, Finding]]) -> tuple[dict[int, _Placed], list[tuple[str, Finding]]]:
    """Attach each finding to its paragraph (with the span of its number) or table cell."""
    by_cell = {}
    by_line: dict[int, Paragraph] = {}
    for block in doc.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    loc = cell.location
                    by_cell[(loc.table, loc.row, loc.column)] = block
        else:
            last = block.location.line + len(block.line_starts) - 1
            for line in range(block.location.line, max(last, block.location.end_line or 0) + 1):
                by_line.setdefault(line, block)
    placed: dict[int, _Placed] = {}
    unplaced = []
    for fid, f in ids:
        loc = f.location
        if loc.table is not None and (loc.table, loc.row, loc.column) in by_cell:
            table = by_cell[(loc.table, loc.row, loc.column)]
            slot = placed.setdefault(id(table), _Placed())
            slot.cells[(loc.row, loc.column)].append((fid, f))
            slot.notes.append((fid, f))
            continue
        para = by_line.get(loc.line)
        if para is None:
            unplaced.append((fid, f))
            continue
        offset = loc.line - para.location.line
        start = para.line_starts[offset] if 0 <= offset < len(para.line_starts) else 0
        span = locate(para.text, f.stated, start)
        slot = placed.setdefault(id(para), _Placed())
        if span is not None:
            slot.spans[span].append((fid, f))
        slot.notes.append((fid, f))
    return placed, unplaced


def _worst(items: list[tuple[str, Finding]], pack: RulePack) -> str:
    worst = max((severity_of(pack, f) for _, f in items), key=lambda s: s.rank)
    return worst.value


def _paragraph_html(p: Paragraph, placed: _Placed | None, pack: RulePack) -> str:
    text = p.text
    out = []
    pos = 0
    for (start, end), items in sorted((placed.spans if placed else {}).items()):
        if start < pos:
            continue  # overlapping spans: the first one wins
        out.append(html.escape(text[pos:start]))
        ids = " ".join(i for i, _ in items)
        out.append(f'<mark class="{_worst(items, pack)}" id="m-{items[0][0]}" data-notes="{ids}" '
                   f'title="{html.escape(items[0][1].rule)}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    cls = ' class="heading"' if p.location.heading and p.text.strip() == p.location.heading else ""
    page = f" p.{p.location.page}" if p.location.page is not None else ""
    return f'<p{cls} data-line="{p.location.line}"><span class="ln">{p.location.line}{page}</span>{"".join(out)}</p>'


def _table_html(table: Table, placed: _Placed | None, t: dict, pack: RulePack) -> str:
    caption = f"<caption>{t['table'].format(n=table.index)}</caption>"
    rows = []
    for row in table.rows:
        cells = []
        for cell in row:
            loc = cell.location
            items = placed.cells.get((loc.row, loc.column)) if placed else None
            classes = []
            if cell.merged:
                classes.append("merged")
            content = html.escape(cell.text)
            if items:
                sev = _worst(items, pack)
                classes += ["hit", sev]
                ids = " ".join(i for i, _ in items)
                span = locate(cell.text, items[0][1].stated)
                if span:
                    a, b = span
                    content = (html.escape(cell.text[:a]) + f'<mark class="{sev}" id="m-{items[0][0]}" data-notes="{ids}">'
                               f"{html.escape(cell.text[a:b])}</mark>" + html.escape(cell.text[b:]))
                else:
                    content = f'<mark class="{sev}" id="m-{items[0][0]}" data-notes="{ids}">{content or "∅"}</mark>'
            cls = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f'<td{cls} data-line="{loc.line}">{content}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f'<table data-table="{table.index}">{caption}{"".join(rows)}</table>'


def _note(fid: str, f: Finding, pack: RulePack, lang: str) -> str:
    d = finding_dict(f, pack, lang)
    words = WORDS.get(lang, WORDS["zh"])
    sev = d["severity"]
    rows = [(words["stated"], d["stated"])]
    if d.get("expected"):
        expected = d["expected"]
        if d.get("interval") and d["interval"][0] != d["interval"][1]:
            expected += f"（{d['interval'][0]} … {d['interval'][1]}）"
        rows.append((words["expected"], expected))
    if d.get("formula"):
        rows.append((words["formula"], d["formula"]))
    if d.get("diagnosis"):
        rows.append((words["cause"], d["diagnosis"]))
    for rel in d.get("related", ()):
        rows.append((words["related"], f"{rel['line']}: {rel['text'][:80]}"))
    dl = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd>" for k, v in rows)
    where = f.location.describe(lang)
    return (f'<div class="note {sev}" id="{fid}" data-rule="{html.escape(d["rule"])}">'
            f'<div><span class="rule">{html.escape(d["rule"])} {html.escape(d["name"])}</span> · {words[sev]} · '
            f'<a class="where" href="#m-{fid}">{html.escape(where)}</a></div>'
            f'<div class="msg">{html.escape(d["message"])}</div><dl>{dl}</dl></div>')
