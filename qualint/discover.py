"""Which files a command line names: files as given, folders walked for report suffixes.

Symbolic links to folders are not followed (no loops); files are returned in a stable order.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from qualint.readers import SUPPORTED_SUFFIXES

REPORT_SUFFIXES = SUPPORTED_SUFFIXES - {""}


def discover(paths: Iterable[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """(files to check, [(path, error)] for names that do not exist)."""
    files: list[str] = []
    missing: list[tuple[str, str]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = []
            for root, dirs, names in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for n in names:
                    if Path(n).suffix.lower() in REPORT_SUFFIXES and not n.startswith((".", "~$")):
                        found.append(os.path.join(root, n))
            files.extend(sorted(found))
        elif p.exists() or p.is_symlink():
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
