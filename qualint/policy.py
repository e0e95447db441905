"""What a configuration does to findings: which rules are on, at which severity, for which files.

Rule selectors work like ruff's: a full id (``T101``), a prefix (``T``, ``C10``), a rule name
(``total-mismatch``) or ``ALL``. When several selectors match a rule the most specific one decides,
and on a tie ``ignore`` wins, so ``select = ["C"]`` with ``ignore = ["C105"]`` keeps every C rule but
C105, and ``select = ["C105"]`` with ``ignore = ["C"]`` keeps only C105. ``per-file-ignores`` then
switches rules off for the files their gitignore-style patterns match (relative to the folder of the
configuration). Command-line flags are a second layer over the file's, as in ruff: ``--select``
starts afresh (the file's select, ignore and extend-select no longer matter), ``--ignore`` and
``--extend-select`` adjust what the file left on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from qualint.config import Config, ConfigError
from qualint.findings import Finding, Severity
from qualint.rulepack import RulePack

if TYPE_CHECKING:
    from qualint.engine import Options

_EXACT = 1000  # specificity of a full id or a rule name: above any prefix


@dataclass(frozen=True)
class Overrides:
    """Settings given on the command line; ``None`` / empty means "as configured"."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: str | None = None
    lang: str | None = None
    rule_packs: tuple[str, ...] = ()


def _specificity(selector: str, rule_id: str, rule_name: str) -> int | None:
    """How closely ``selector`` names the rule (higher is closer), or None if it does not."""
    if selector == "ALL":
        return 0
    if selector == rule_id or selector == rule_name:
        return _EXACT
    if rule_id.startswith(selector.upper()) and selector.isalnum():
        return len(selector)
    return None


def _best(selectors: Iterable[str], rule_id: str, rule_name: str) -> int | None:
    scores = [s for s in (_specificity(sel, rule_id, rule_name) for sel in selectors) if s is not None]
    return max(scores) if scores else None


def _check_selectors(selectors: Iterable[str], pack: RulePack, where: str) -> None:
    for sel in selectors:
        if not any(_specificity(sel, r.id, r.name) is not None for r in pack.rules.values()):
            raise ConfigError(f"{where}: unknown rule {sel!r} (use an id such as T101, a prefix such as T, "
                              "a rule name, or ALL; `qualint rules` lists them)")


@dataclass(frozen=True)
class PathRule:
    """One ``per-file-ignores`` entry: files matching ``pattern`` (relative to ``root``) lose ``rules``."""

    pattern: str
    rules: frozenset[str]
    root: Path

    @cached_property
    def _spec(self):
        import pathspec

        return pathspec.GitIgnoreSpec.from_lines([self.pattern])

    def matches(self, path: str | Path) -> bool:
        absolute = Path(path).resolve()
        try:
            relative = absolute.relative_to(self.root).as_posix()
        except ValueError:
            relative = absolute.as_posix().lstrip("/")
        return self._spec.match_file(relative) or self._spec.match_file(os.path.basename(relative))


@dataclass(frozen=True)
class Policy:
    """The rules that are on, their severities, and the per-file switches, for one configuration."""

    enabled: frozenset[str]
    severities: dict[str, Severity] = field(default_factory=dict)
    path_rules: tuple[PathRule, ...] = ()
    pack: RulePack | None = None

    def is_on(self, rule_id: str, path: str | Path | None = None) -> bool:
        if rule_id not in self.enabled:
            return False
        if path is None:
            return True
        return not any(rule_id in pr.rules and pr.matches(path) for pr in self.path_rules)

    def severity(self, rule_id: str) -> Severity | None:
        """The configured severity of a rule, or None when it keeps the pack's."""
        return self.severities.get(rule_id)

    def apply(self, path: str | Path, findings: Iterable[Finding]) -> list[Finding]:
        """Drop findings of rules that are off for ``path``; set configured severities.

        A configured severity replaces the rule's default. A check that deliberately gave one finding
        another severity (a doubtful case lowered to a warning) is never raised by the configuration,
        only lowered."""
        off = {pr_rule for pr in self.path_rules if pr.matches(path) for pr_rule in pr.rules}
        out = []
        for f in findings:
            if f.rule not in self.enabled or f.rule in off:
                continue
            configured = self.severities.get(f.rule)
            if configured is not None:
                default = self.pack.rules[f.rule].severity if self.pack and f.rule in self.pack.rules else None
                if f.severity is None or f.severity == default or configured.rank < f.severity.rank:
                    f = f.with_severity(configured)
            out.append(f)
        return out


def _apply_layer(enabled: set[str], pack: RulePack, select: tuple[str, ...] | None,
                 extend_select: tuple[str, ...], ignore: tuple[str, ...]) -> set[str]:
    """One source of selectors (the file, then the command line), as ruff layers them: a ``select``
    starts afresh, ``extend-select`` and ``ignore`` adjust what the earlier layers left."""
    out = set() if select is not None else set(enabled)
    for rule in pack.rules.values():
        on = _best((*(select or ()), *extend_select), rule.id, rule.name)
        off = _best(ignore, rule.id, rule.name)
        if on is not None and (off is None or on > off):
            out.add(rule.id)
        elif off is not None:
            out.discard(rule.id)
    return out


def build(config: Config, pack: RulePack, overrides: Overrides = Overrides()) -> Policy:
    """Turn a configuration (plus command-line overrides) into a Policy, checking every selector
    against ``pack`` so that a typo in a rule id is an error, not a silently inactive setting."""
    _check_selectors(config.select or (), pack, config.where("select"))
    _check_selectors(config.ignore, pack, config.where("ignore"))
    _check_selectors(config.extend_select, pack, config.where("extend-select"))
    _check_selectors(overrides.select or (), pack, "--select")
    _check_selectors(overrides.ignore, pack, "--ignore")
    _check_selectors(overrides.extend_select, pack, "--extend-select")
    enabled = set(pack.rules)
    for layer in ((config.select, config.extend_select, config.ignore),
                  (overrides.select, overrides.extend_select, overrides.ignore)):
        enabled = _apply_layer(enabled, pack, *layer)

    severities: dict[str, tuple[int, Severity]] = {}
    for selector, sev in config.severity:
        _check_selectors((selector,), pack, config.where(f"severity.{selector}"))
        for rule in pack.rules.values():
            score = _specificity(selector, rule.id, rule.name)
            if score is not None and score >= severities.get(rule.id, (-1, sev))[0]:
                severities[rule.id] = (score, sev)

    path_rules = []
    for pattern, selectors in config.per_file_ignores:
        _check_selectors(selectors, pack, config.where(f"per-file-ignores.{pattern}"))
        ids = frozenset(r.id for r in pack.rules.values() if _best(selectors, r.id, r.name) is not None)
        path_rules.append(PathRule(pattern=pattern, rules=ids, root=config.root))

    return Policy(
        enabled=frozenset(enabled),
        severities={k: v for k, (_, v) in severities.items()},
        path_rules=tuple(path_rules),
        pack=pack,
    )


def packs_of(config: Config, overrides: Overrides = Overrides()) -> tuple[str, ...]:
    """Extra rule packs for files under ``config``: the command line's first, then the file's."""
    return tuple(dict.fromkeys((*overrides.rule_packs, *config.rule_packs)))


@dataclass
class Plan:
    """Per-run resolution: which configuration, rule pack and policy apply to each checked file.

    With ``--config`` one configuration serves every file; otherwise each file gets the nearest one
    (cached per folder). Run-wide choices (language, fail-on) come from the command line, else from
    ``--config``, the configuration of the current folder, or that of the first report."""

    overrides: Overrides = field(default_factory=Overrides)
    explicit: Config | None = None
    _by_folder: dict[Path, Config] = field(default_factory=dict)
    _policies: dict[tuple[Path | None, tuple[str, ...]], Policy] = field(default_factory=dict)

    @classmethod
    def create(cls, config_path: str | None = None, overrides: Overrides = Overrides()) -> Plan:
        from qualint import config as config_module

        explicit = config_module.load(config_path) if config_path else None
        for p in overrides.rule_packs:
            if not Path(p).is_file():
                raise ConfigError(f"--rules: rule pack {p!r} not found")
        return cls(overrides=replace(overrides, rule_packs=tuple(str(Path(p).resolve()) for p in overrides.rule_packs)),
                   explicit=explicit)

    def config_for(self, path: str | Path) -> Config:
        if self.explicit is not None:
            return self.explicit
        from qualint import config as config_module

        given = Path(path)
        # Resolve the folder, not the file: a file that is a symlink loop must reach its reader (and
        # be reported as unreadable there), not make resolve() raise here.
        folder = (given if given.is_dir() else given.parent).resolve()
        if folder not in self._by_folder:
            self._by_folder[folder] = config_module.for_file(folder / "_")
        return self._by_folder[folder]

    def run_config(self) -> Config:
        """``--config``, else the current folder's configuration, else that of the first report
        checked (so ``qualint check /elsewhere/reports`` still speaks the language configured there)."""
        if self.explicit is not None:
            return self.explicit
        configs = [self.config_for(Path.cwd()), *self._by_folder.values()]
        return next((c for c in configs if c.path is not None), configs[0])

    def pack_for(self, path: str | Path) -> RulePack:
        from qualint.rulepack import load

        return load(packs_of(self.config_for(path), self.overrides))

    def policy_for(self, path: str | Path) -> Policy:
        cfg = self.config_for(path)
        extra = packs_of(cfg, self.overrides)
        key = (cfg.path, extra)
        if key not in self._policies:
            from qualint.rulepack import load

            self._policies[key] = build(cfg, load(extra), self.overrides)
        return self._policies[key]

    def settings_for(self, path: str | Path) -> dict:
        """Engine settings: tolerances from the configuration plus the extra rule packs (for the
        indicator vocabulary)."""
        cfg = self.config_for(path)
        return {**cfg.settings_dict(), "rule_packs": packs_of(cfg, self.overrides)}

    def options_for(self, path: str | Path, base: Options) -> Options:
        """The engine options for ``path``: ``base`` with its policy and settings."""
        return replace(base, policy=self.policy_for(path), settings={**base.settings, **self.settings_for(path)})

    def display_pack(self, paths: Iterable[str | Path]) -> RulePack:
        """One pack that can render every finding of the run (the union of all extra packs)."""
        from qualint.rulepack import load

        extra: dict[str, None] = {}
        for p in (*paths, Path.cwd()):
            extra.update(dict.fromkeys(packs_of(self.config_for(p), self.overrides)))
        return load(tuple(extra))

    @property
    def lang(self) -> str:
        return self.overrides.lang or self.run_config().lang or "zh"

    @property
    def fail_on(self) -> str:
        return self.overrides.fail_on or self.run_config().fail_on or "error"


def _ids(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").replace("，", ",").split(",") if v.strip())


def overrides_from_cli(select: str | None, ignore: str | None, extend_select: str | None, fail_on: str | None,
                       lang: str | None, rule_packs: tuple[str, ...]) -> Overrides:
    """Overrides from comma-separated command-line values."""
    return Overrides(select=_ids(select) if select is not None else None, ignore=_ids(ignore),
                     extend_select=_ids(extend_select), fail_on=fail_on, lang=lang, rule_packs=tuple(rule_packs))


def rules_listing(pack: RulePack, policy: Policy, lang: str = "zh", path: str | Path | None = None) -> str:
    """``qualint rules``: one line per rule with id, name, effective severity, on/off and summary."""
    words = {"zh": ("启用", "关闭"), "en": ("on", "off")}[lang if lang == "en" else "zh"]
    rows = []
    for rule in sorted(pack.rules.values(), key=lambda r: r.id):
        severity = policy.severity(rule.id) or rule.severity
        state = words[0] if policy.is_on(rule.id, path) else words[1]
        summary = rule.summary.get(lang) or rule.summary.get("zh", "")
        rows.append((rule.id, rule.name, severity.value, state, summary))
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "".join(
        f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]:<3}  {r[4]}\n" for r in rows
    )
