"""Rule packs: rule ids, names, severities, message templates and the cause catalogue, read from TOML.

Packs live in ``rules/`` at the top of the repository and are shipped inside the wheel as
``qualint/rules``. Wording is data so that reviewers can adapt it without Python.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from qualint.findings import Finding, Severity


class PackError(Exception):
    """A rule pack that cannot be used (missing, malformed, unknown key)."""


def rules_dir() -> Path:
    """The installed ``qualint/rules`` folder, or the repository's ``rules/`` in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parent / "rules"):
        if (candidate / "core.toml").is_file():
            return candidate
    raise PackError("rule pack folder not found (expected qualint/rules or rules/)")


@dataclass(frozen=True)
class Example:
    text: str
    fires: bool
    fmt: str = "md"
    note: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    kind: str
    severity: Severity
    summary: dict[str, str]
    description: dict[str, str]
    message: dict[str, str]
    examples: tuple[Example, ...] = ()
    pack: str = "core"


@dataclass(frozen=True)
class RulePack:
    rules: dict[str, Rule]
    causes: dict[str, dict[str, str]]
    sources: tuple[str, ...] = field(default=())

    def rule(self, rule_id: str) -> Rule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise PackError(f"unknown rule id {rule_id!r}") from None

    def by_name(self, name_or_id: str) -> Rule | None:
        if name_or_id in self.rules:
            return self.rules[name_or_id]
        for r in self.rules.values():
            if r.name == name_or_id:
                return r
        return None


_RULE_KEYS = {"name", "kind", "severity", "summary", "description", "message", "examples"}


def _lang_table(value: object, where: str) -> dict[str, str]:
    if isinstance(value, str):
        return {"zh": value, "en": value}
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return dict(value)
    raise PackError(f"{where}: expected a string or a table of zh/en strings")


def parse_rules(data: dict, source: str) -> tuple[dict[str, Rule], dict[str, dict[str, str]]]:
    """Rules and causes of one pack document (already parsed TOML)."""
    rules: dict[str, Rule] = {}
    pack_name = str(data.get("pack", {}).get("name", Path(source).stem))
    for rule_id, body in data.get("rules", {}).items():
        where = f"{source}: rules.{rule_id}"
        unknown = set(body) - _RULE_KEYS
        if unknown:
            raise PackError(f"{where}: unknown key {sorted(unknown)[0]!r}")
        try:
            severity = Severity(body.get("severity", "error"))
        except ValueError:
            raise PackError(f"{where}: severity must be error, warning or info") from None
        if "name" not in body:
            raise PackError(f"{where}: missing 'name'")
        examples = tuple(
            Example(text=e["text"], fires=bool(e["fires"]), fmt=e.get("format", "md"), note=e.get("note", ""))
            for e in body.get("examples", [])
        )
        rules[rule_id] = Rule(
            id=rule_id,
            name=body["name"],
            kind=body.get("kind", "other"),
            severity=severity,
            summary=_lang_table(body.get("summary", body["name"]), where + ".summary"),
            description=_lang_table(body.get("description", ""), where + ".description"),
            message=_lang_table(body.get("message", "{stated}"), where + ".message"),
            examples=examples,
            pack=pack_name,
        )
    causes = {k: _lang_table(v, f"{source}: causes.{k}") for k, v in data.get("causes", {}).items()}
    return rules, causes


def load_file(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise PackError(f"{path}: cannot read rule pack ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise PackError(f"{path}: invalid TOML ({exc})") from None


@lru_cache(maxsize=8)
def load(extra: tuple[str, ...] = ()) -> RulePack:
    """The core pack plus any extra packs (later packs add rules and override wording)."""
    paths = [rules_dir() / "core.toml", *map(Path, extra)]
    rules: dict[str, Rule] = {}
    causes: dict[str, dict[str, str]] = {}
    for p in paths:
        r, c = parse_rules(load_file(p), str(p))
        rules.update(r)
        causes.update(c)
    return RulePack(rules=rules, causes=causes, sources=tuple(map(str, paths)))


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, values: dict[str, str]) -> str:
    return template.format_map(_Defaults(values))


def render_message(pack: RulePack, finding: Finding, lang: str = "zh") -> str:
    rule = pack.rules.get(finding.rule)
    values = {"stated": finding.stated, "expected": finding.expected or "", "formula": finding.formula}
    values.update(dict(finding.params))
    template = rule.message.get(lang) or rule.message.get("zh", "") if rule else "{stated}"
    return fill(template, values)


def render_diagnosis(pack: RulePack, finding: Finding, lang: str = "zh") -> str:
    d = finding.diagnosis
    if d is None:
        return ""
    templates = pack.causes.get(d.cause)
    if templates is None:
        return d.cause
    values = {"stated": finding.stated, "expected": finding.expected or "", "formula": finding.formula}
    values.update(d.param_dict())
    return fill(templates.get(lang) or templates.get("zh", d.cause), values)


def severity_of(pack: RulePack, finding: Finding) -> Severity:
    if finding.severity is not None:
        return finding.severity
    rule = pack.rules.get(finding.rule)
    return rule.severity if rule else Severity.ERROR
