"""``qualint annotate IN.docx -o OUT.docx``: the reviewer's answer as Word comments.

The input is checked as usual; then a copy of it gets one Word comment per finding, anchored on
exactly the offending number. python-docx anchors comments on whole runs, so the run holding the
number is split at the number's edges first (the pieces keep the run's formatting). The comment says
what a reviewer would write: rule, stated vs recomputed, formula, likely cause; its author is
"qualint".

Paragraph numbers (``Location.line``) are found again by running the docx reader's walk over
python-docx's own tree of the same file, which yields the same numbering plus, for every paragraph,
the ``w:t`` elements holding each character. The input is never written: the output must be another
file, and it is written atomically. Existing comments stay.
"""

from __future__ import annotations

import copy
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qualint.engine import Options, check_file
from qualint.errors import InputError
from qualint.findings import FileResult, Finding, Severity
from qualint.readers.docx import DocxIndex, Piece, W

AUTHOR = "qualint"
INITIALS = "QL"


@dataclass
class AnnotateResult:
    result: FileResult
    comments: int = 0
    unanchored: list[Finding] = field(default_factory=list)


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    pa, pb = Path(a), Path(b)
    if pa.resolve() == pb.resolve():
        return True
    try:
        return pb.exists() and os.path.samefile(pa, pb)
    except OSError:
        return False


def annotate(source: str | os.PathLike, target: str | os.PathLike, lang: str = "zh",
             options: Options = Options(), include_info: bool = False, pack: Any = None) -> AnnotateResult:
    """Check ``source`` (a .docx) and write ``target``: a copy with a comment on each finding.

    Raises InputError when the input can't be read or ``target`` is the input itself."""
    from qualint.reporters.model import active
    from qualint.rulepack import load, severity_of

    if Path(source).suffix.lower() != ".docx":
        raise InputError("annotate reads Word .docx files only")
    if same_file(source, target):
        raise InputError("the output must be a new file, not the input (use -o OTHER.docx)")
    result = check_file(source, options)
    if result.error:
        raise InputError(result.error)
    pack = pack or load()
    findings = [f for f in active(result.findings) if include_info or severity_of(pack, f) is not Severity.INFO]

    document, index = _open_with_index(source)
    out = AnnotateResult(result=result)
    out.comments, out.unanchored = add_comments(document, index, findings, pack, lang)
    buffer = io.BytesIO()
    document.save(buffer)
    from qualint.atomic import write_bytes

    write_bytes(target, buffer.getvalue())
    return out


def add_comments(document: Any, index: DocxIndex, findings: list[Finding], pack: Any,
                 lang: str = "zh") -> tuple[int, list[Finding]]:
    """Comment each finding on its number in python-docx ``document`` (indexed by ``index``).
    Returns the number of comments added and the findings that had no place to go."""
    from docx.text.run import Run

    from qualint.reporters.review import finding_lines

    unanchored = [f for f in findings if not index.text_pieces(f.location)]
    # Right to left within each paragraph, so splitting a run never moves a number still to come;
    # findings on the same number share its runs.
    groups: dict[tuple, list[Finding]] = {}
    where: dict[tuple, tuple[tuple[int, int], list[Piece]]] = {}
    for f, span, pieces in _placements(findings, index):
        key = (f.location.line, f.location.table is not None, span)
        groups.setdefault(key, []).append(f)
        where[key] = (span, pieces)
    count = 0
    for key in sorted(groups, key=lambda k: (k[0], k[1], -k[2][0])):
        span, pieces = where[key]
        anchor = _anchor_runs(pieces, span)
        if anchor is None:
            unanchored.extend(groups[key])
            continue
        first, last = anchor
        for f in groups[key]:
            document.add_comment([Run(first, None), Run(last, None)], text="\n".join(finding_lines(f, pack, lang)),
                                 author=AUTHOR, initials=INITIALS)
            count += 1
    return count, unanchored


def _open_with_index(source: str | os.PathLike) -> tuple[Any, DocxIndex]:
    """python-docx's Document of ``source`` (opened only after the safe-zip checks) and the index."""
    from qualint.readers.docx import Styles, build
    from qualint.safezip import open_package

    with open_package(source) as package:
        package.scan_xml_members()
    import docx

    try:
        document = docx.Document(str(source))
    except Exception as exc:  # python-docx raises many types for odd packages the reader tolerated
        raise InputError(f"python-docx cannot open this .docx ({type(exc).__name__})") from None
    _, index = build(str(source), document.element.body, Styles.from_element(document.styles.element),
                     keep_index=True)
    return document, index


def _placements(findings: list[Finding], index: DocxIndex):
    from qualint.reporters.review import locate

    for f in findings:
        pieces = index.text_pieces(f.location)
        if not pieces:
            continue
        text = "".join(_piece_text(p) for p in pieces)
        span = locate(text, f.stated) or (0, len(text))
        yield f, span, pieces


def _piece_text(p: Piece) -> str:
    if p.node.tag == W + "t":
        return p.node.text or ""
    return {W + "tab": "\t", W + "ptab": "\t", W + "noBreakHyphen": "-"}.get(p.node.tag, "\n")


def _anchor_runs(pieces: list[Piece], span: tuple[int, int]) -> tuple[Any, Any] | None:
    """Split runs so that characters ``span`` are whole runs; return (first run, last run)."""
    start, end = span
    if end <= start:
        return None
    first = next((p for p in pieces if p.start <= start < p.end), None)
    last = next((p for p in pieces if p.start < end <= p.end), None)
    if first is None or last is None:
        return None
    last_run = last.node.getparent()
    if end < last.end and last.node.tag == W + "t":
        _split_run(last.node, end - last.start)  # the original run keeps [last.start, end)
    first_run = first.node.getparent()
    if start > first.start and first.node.tag == W + "t":
        right = _split_run(first.node, start - first.start)
        if first_run is last_run:
            last_run = right
        first_run = right
    return first_run, last_run


def _split_run(t: Any, offset: int) -> Any:
    """Split the run holding ``w:t`` ``t`` at ``offset`` into two runs with the same properties; the
    original keeps the text before, the new run (returned, placed right after) the text from there."""
    run = t.getparent()
    children = list(run)
    i = children.index(t)
    twin = copy.deepcopy(run)
    twin_children = list(twin)
    text = t.text or ""
    for child in children[i + 1 :]:
        run.remove(child)
    t.text = text[:offset]
    for child in twin_children[:i]:
        if child.tag != W + "rPr":
            twin.remove(child)
    twin_children[i].text = text[offset:]
    space = "{http://www.w3.org/XML/1998/namespace}space"
    t.set(space, "preserve")
    twin_children[i].set(space, "preserve")
    run.addnext(twin)
    return twin
