"""Shared test fixtures. The package is imported from the checkout (rootdir on sys.path)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def corpus() -> Path:
    """The shared corpus of real reports; tests that need it skip when it is absent."""
    if not (CORPUS / "reports").is_dir():
        pytest.skip("../shared/corpus not present")
    return CORPUS
