"""Which files a command line names: files as given, folders walked for report suffixes.

Symbolic links to folders are not followed (no loops); files are returned in a stable order.
``exclude`` takes .gitignore-style patterns (pathspec), matched against a path relative to the folder
being walked and against the path as shown (relative to the working folder); an excluded folder is not
entered. Files named explicitly are excluded too, so a hook that passes file names honours them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from qualint.readers import SUPPORTED_SUFFIXES

REPORT_SUFFIXES = SUPPORTED_SUFFIXES - {""}


def discover(paths: Iterable[str], exclude: Sequence[str] = ()) -> tuple[list[str], list[tuple[str, str]]]:
    """(files to check, [(path, error)] for names that do not exist)."""
    files: list[str] = []
    missing: list[tuple[str, str]] = []
    excluded = _exclusion(tuple(exclude))
    # A folder is skipped whole only when no pattern re-includes anything (``!keep.txt``).
    prunable = excluded if not any(x.startswith("!") for x in exclude) else (lambda path, base, is_dir: False)
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = []
            for root, dirs, names in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs
                                 if not d.startswith(".") and not prunable(os.path.join(root, d), p, True))
                for n in names:
                    if Path(n).suffix.lower() in REPORT_SUFFIXES and not n.startswith((".", "~$")):
                        path = os.path.join(root, n)
                        if not excluded(path, p, False):
                            found.append(path)
            files.extend(sorted(found))
        elif p.exists() or p.is_symlink():
            if not excluded(raw, None, False):
                files.append(raw)
        else:
            missing.append((raw, "file not found"))
    seen: set[str] = set()
    unique = []
    for f in files:
        if f not in seen:
            seen.add(f)
            unique.append(f)
    return unique, missing


def _exclusion(patterns: tuple[str, ...]):
    """A predicate ``(path, walked_folder or None, is_dir) -> excluded?`` for .gitignore-style patterns."""
    if not patterns:
        return lambda path, base, is_dir: False
    import pathspec

    spec = pathspec.GitIgnoreSpec.from_lines(patterns)

    def excluded(path: str, base: Path | None, is_dir: bool) -> bool:
        suffix = "/" if is_dir else ""
        names = {Path(os.path.relpath(path)).as_posix()}
        if base is not None:
            names.add(Path(os.path.relpath(path, base)).as_posix())
        return any(spec.match_file(n + suffix) for n in names if not n.startswith("../") and n != "..")

    return excluded
