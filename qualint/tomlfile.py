"""Reading the TOML files qualint is driven by (rule packs, the vocabulary, configuration), with one
clear error line that names the file."""

from __future__ import annotations

import tomllib
from pathlib import Path


def read_toml(path: Path, what: str, error: type[Exception]) -> dict:
    """The parsed file; any failure raises ``error("PATH: …")`` describing ``what`` the file is."""
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise error(f"{path}: cannot read {what} ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        hint = ""
        if "key part" in str(exc):  # the usual slip: 在校生 unquoted in [indicators.在校生]
            hint = '; keys that are not plain ASCII need quotes, as in [indicators."在校生"]'
        raise error(f"{path}: invalid TOML ({exc}){hint}") from None
    except UnicodeDecodeError:
        raise error(f"{path}: invalid TOML (not UTF-8)") from None
