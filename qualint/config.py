"""Configuration files: ``[tool.qualint]`` in ``pyproject.toml``, or ``qualint.toml``.

The nearest configuration above a checked file applies to it (like ruff): in each folder, walking up,
``qualint.toml`` wins over ``.qualint.toml``, which wins over a ``pyproject.toml`` that has a
``[tool.qualint]`` table (a ``pyproject.toml`` without one is passed over). ``--config PATH`` names one
file for every checked file. This module only reads and validates; ``policy`` decides what the
settings do to findings. Every mistake is a one-line ``ConfigError`` naming the file and the key,
because a reviewer editing a TOML file by hand has no other way to find it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from qualint.findings import Severity
from qualint.tomlfile import read_toml

CONFIG_NAMES = ("qualint.toml", ".qualint.toml", "pyproject.toml")
LANGS = ("zh", "en")
FAIL_ON = ("error", "warning", "info", "never")


class ConfigError(Exception):
    """A configuration qualint cannot use. The message is one line: ``file: key 'x': why``."""


@dataclass(frozen=True)
class Tolerance:
    """One tolerance setting: the config key, the ``Options.settings`` key the checks read, and
    its allowed range."""

    setting: str
    low: Decimal
    high: Decimal
    help: str


# Tolerance settings a configuration may change (``[tool.qualint.tolerance]``). A percent string
# ("5%") or a number (0.05) is accepted; the checks receive a Decimal under ``setting``.
TOLERANCES: dict[str, Tolerance] = {
    "hedge-slack": Tolerance(
        "hedge_slack", Decimal(0), Decimal("0.5"),
        "relative slack a hedged value (约, 近) allows either way, e.g. 0.05 or \"5%\"",
    ),
}


@dataclass(frozen=True)
class Config:
    """One configuration file, validated. Paths in it (``rule-packs``, ``per-file-ignores``) are
    resolved against ``root``, the folder holding the file. Rule selectors are checked against the
    rule pack later (``policy.build``), since a user pack may add rules."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: str | None = None
    lang: str | None = None
    rule_packs: tuple[str, ...] = ()
    settings: tuple[tuple[str, Decimal], ...] = ()
    #: how keys are named in messages: "tool.qualint." for pyproject.toml, "" for qualint.toml
    key_prefix: str = ""

    def where(self, key: str) -> str:
        """``file: key 'tool.qualint.select'`` for error messages."""
        name = str(self.path) if self.path else "command line"
        return f"{name}: key '{self.key_prefix}{key}'"

    def settings_dict(self) -> dict[str, Decimal]:
        return dict(self.settings)


DEFAULT = Config()

_KEYS = ("select", "ignore", "extend-select", "severity", "per-file-ignores", "fail-on", "lang",
         "rule-packs", "tolerance")


def _read_toml(path: Path) -> dict:
    return read_toml(path, "configuration", ConfigError)


def _section(path: Path, data: dict) -> tuple[dict | None, str]:
    """The qualint settings of a parsed file and how their keys are named in messages."""
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        section = tool.get("qualint") if isinstance(tool, dict) else None
        if section is not None and not isinstance(section, dict):
            raise ConfigError(f"{path}: key 'tool.qualint': expected a table")
        return section, "tool.qualint."
    if "tool" in data and isinstance(data["tool"], dict) and "qualint" in data["tool"] and len(data) == 1:
        raise ConfigError(f"{path}: key 'tool.qualint': in {path.name} write the settings at the top level, "
                          "without [tool.qualint]")
    return data, ""


def _unknown(where: str, key: str, known: tuple[str, ...] | list[str]) -> ConfigError:
    import difflib  # only for the hint after a typo; kept off the start-up path

    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(known)})"
    return ConfigError(f"{where}: unknown key{hint}")


def _selectors(cfg: Config, key: str, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{cfg.where(key)}: expected a list of rule ids, e.g. [\"T101\", \"C\"]")
    return tuple(v.strip() for v in value)


def _choice(cfg: Config, key: str, value: object, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise ConfigError(f"{cfg.where(key)}: {value!r} is not one of {', '.join(allowed)}")
    return value


def _severity_table(cfg: Config, value: object) -> tuple[tuple[str, Severity], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{cfg.where('severity')}: expected a table such as T101 = \"warning\"")
    out = []
    for selector, sev in value.items():
        allowed = tuple(s.value for s in Severity)
        if not isinstance(sev, str) or sev not in allowed:
            raise ConfigError(f"{cfg.where('severity.' + selector)}: {sev!r} is not one of {', '.join(allowed)}")
        out.append((selector, Severity(sev)))
    return tuple(out)


def _per_file_ignores(cfg: Config, value: object) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{cfg.where('per-file-ignores')}: expected a table such as \"old/**\" = [\"T101\"]")
    out = []
    for pattern, selectors in value.items():
        if not pattern.strip():
            raise ConfigError(f"{cfg.where('per-file-ignores')}: empty file pattern")
        out.append((pattern, _selectors(cfg, f"per-file-ignores.{pattern}", selectors)))
    return tuple(out)


def _rule_packs(cfg: Config, value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{cfg.where('rule-packs')}: expected a list of TOML file paths")
    out = []
    for v in value:
        p = (cfg.root / v).resolve()
        if not p.is_file():
            raise ConfigError(f"{cfg.where('rule-packs')}: rule pack {v!r} not found (looked for {p})")
        out.append(str(p))
    return tuple(out)


def parse_decimal(value: object) -> Decimal | None:
    """A number from TOML: an int, a float (by its shortest repr), or a string, "5%" meaning 0.05."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return Decimal(str(value))
    if isinstance(value, str):
        text = value.strip()
        try:
            return Decimal(text[:-1].strip()) / 100 if text.endswith(("%", "％")) else Decimal(text)
        except InvalidOperation:
            return None
    return None


def _tolerances(cfg: Config, value: object) -> tuple[tuple[str, Decimal], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{cfg.where('tolerance')}: expected a table such as hedge-slack = 0.05")
    out = []
    for key, raw in value.items():
        spec = TOLERANCES.get(key)
        if spec is None:
            raise _unknown(cfg.where(f"tolerance.{key}"), key, tuple(TOLERANCES))
        number = parse_decimal(raw)
        if number is None or not number.is_finite() or not spec.low <= number <= spec.high:
            raise ConfigError(f"{cfg.where('tolerance.' + key)}: {raw!r} is not a number between "
                              f"{spec.low} and {spec.high} ({spec.help})")
        out.append((spec.setting, number))
    return tuple(out)


def parse(section: dict, path: Path | None, key_prefix: str = "") -> Config:
    """Validate one qualint settings table (already parsed TOML)."""
    root = path.parent.resolve() if path else Path.cwd()
    cfg = Config(path=path, root=root, key_prefix=key_prefix)
    values: dict = {}
    for key, value in section.items():
        if key not in _KEYS:
            raise _unknown(cfg.where(key), key, _KEYS)
        if key in ("select", "ignore", "extend-select"):
            values[key.replace("-", "_")] = _selectors(cfg, key, value)
        elif key == "severity":
            values["severity"] = _severity_table(cfg, value)
        elif key == "per-file-ignores":
            values["per_file_ignores"] = _per_file_ignores(cfg, value)
        elif key == "fail-on":
            values["fail_on"] = _choice(cfg, key, value, FAIL_ON)
        elif key == "lang":
            values["lang"] = _choice(cfg, key, value, LANGS)
        elif key == "rule-packs":
            values["rule_packs"] = _rule_packs(cfg, value)
        elif key == "tolerance":
            values["settings"] = _tolerances(cfg, value)
    return Config(path=path, root=root, key_prefix=key_prefix, **values)


@lru_cache(maxsize=64)
def _load_cached(path: Path, mtime_ns: int) -> Config | None:
    section, prefix = _section(path, _read_toml(path))
    if section is None:
        return None
    return parse(section, path, prefix)


def load(path: str | Path) -> Config:
    """The configuration in ``path`` (a ``pyproject.toml`` without ``[tool.qualint]`` gives the
    defaults, rooted at its folder)."""
    p = Path(path)
    try:
        mtime = p.stat().st_mtime_ns
    except OSError as exc:
        raise ConfigError(f"{p}: cannot read configuration ({exc.strerror or exc})") from None
    cfg = _load_cached(p.resolve(), mtime)
    return cfg if cfg is not None else Config(path=p.resolve(), root=p.resolve().parent)


@lru_cache(maxsize=256)
def _has_qualint_section(path: Path, mtime_ns: int) -> bool:
    return _section(path, _read_toml(path))[0] is not None


def find(start: str | Path) -> Path | None:
    """The nearest configuration file for ``start`` (a file or folder), walking up to the root."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _has_qualint_section(candidate, candidate.stat().st_mtime_ns):
                continue
            return candidate
    return None


def for_file(path: str | Path) -> Config:
    """The configuration that applies to ``path``: the nearest file's, else the defaults."""
    found = find(path)
    return load(found) if found else Config(root=Path(path).resolve().parent)
