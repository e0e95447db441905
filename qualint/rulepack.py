"""Rule packs: rule ids, names, severities, message templates and the cause catalogue, read from TOML.

Packs live in ``rules/`` at the top of the repository and are shipped inside the wheel as
``qualint/rules``. Wording is data so that reviewers can adapt it without Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from qualint.findings import Finding, Severity
from qualint.tomlfile import read_toml


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
    """A text that must (``fires``) or must not trigger its rule; run by tests/test_rule_examples.py.
    ``fmt`` is md or txt (corpus layout); ``previous`` is last year's report, for rules that compare
    with it; ``note`` explains the example (zh/en)."""

    text: str
    fires: bool
    fmt: str = "md"
    note: dict[str, str] = field(default_factory=dict)
    previous: str = ""


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
_EXAMPLE_KEYS = {"text", "fires", "format", "note", "previous"}
_PACK_KEYS = {"name", "version", "extend", "description"}
#: Kinds of the JSON contract a rule may declare.
KINDS = ("total", "yoy_pct", "yoy_abs", "pp_change", "share", "per_capita", "ratio", "cross_ref", "direction",
         "net_change", "other")
#: Top-level tables a pack file may hold besides its rules: the indicator vocabulary's, read by
#: ``qualint.claims.vocabulary`` from the same files (so one user pack can add rules and aliases).
VOCABULARY_KEYS = ("indicators", "words", "per_capita", "ratios", "rates", "scopes", "units", "formulas")
_TOP_KEYS = ("pack", "rules", "causes", *VOCABULARY_KEYS)
_RULE_ID = re.compile(r"^[A-Z]{1,4}[0-9]{1,4}$")


def _lang_table(value: object, where: str) -> dict[str, str]:
    if isinstance(value, str):
        return {"zh": value, "en": value}
    if isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        return dict(value)
    raise PackError(f"{where}: expected a string or a table of zh/en strings")


def _examples(raw: object, where: str) -> tuple[Example, ...]:
    if not isinstance(raw, list):
        raise PackError(f"{where}: expected [[rules.ID.examples]] tables")
    out = []
    for i, e in enumerate(raw):
        at = f"{where}[{i}]"
        if not isinstance(e, dict):
            raise PackError(f"{at}: expected a table with text and fires")
        unknown = set(e) - _EXAMPLE_KEYS
        if unknown:
            raise PackError(f"{at}: unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(_EXAMPLE_KEYS))})")
        if not isinstance(e.get("text"), str) or not e["text"].strip():
            raise PackError(f"{at}.text: expected the example text")
        if not isinstance(e.get("fires"), bool):
            raise PackError(f"{at}.fires: expected true or false")
        fmt = e.get("format", "md")
        if fmt not in ("md", "txt"):
            raise PackError(f"{at}.format: {fmt!r} is not md or txt")
        if not isinstance(e.get("previous", ""), str):
            raise PackError(f"{at}.previous: expected the text of last year's report")
        note = _lang_table(e["note"], f"{at}.note") if "note" in e else {}
        out.append(Example(text=e["text"], fires=e["fires"], fmt=fmt, note=note, previous=e.get("previous", "")))
    return tuple(out)


def parse_rules(
    data: dict, source: str, base: dict[str, Rule] | None = None
) -> tuple[dict[str, Rule], dict[str, dict[str, str]]]:
    """Rules and causes of one pack document (already parsed TOML).

    A rule already in ``base`` (an extended pack) may be given partly: the keys given replace the
    base's (to reword a message or change a default severity without copying the rule)."""
    rules: dict[str, Rule] = {}
    base = base or {}
    pack_name = str(data.get("pack", {}).get("name", Path(source).stem))
    rule_tables = data.get("rules", {})
    if not isinstance(rule_tables, dict):
        raise PackError(f"{source}: rules: expected [rules.ID] tables")
    for rule_id, body in rule_tables.items():
        where = f"{source}: rules.{rule_id}"
        if not _RULE_ID.match(rule_id):
            raise PackError(f"{where}: rule ids are a family prefix and a number, such as T101")
        if not isinstance(body, dict):
            raise PackError(f"{where}: expected a table")
        unknown = set(body) - _RULE_KEYS
        if unknown:
            raise PackError(f"{where}: unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(_RULE_KEYS))})")
        inherited = base.get(rule_id)
        if "name" not in body and inherited is None:
            raise PackError(f"{where}: missing 'name'")
        if "severity" in body:
            try:
                severity = Severity(body["severity"])
            except ValueError:
                raise PackError(f"{where}.severity: must be error, warning or info") from None
        else:
            severity = inherited.severity if inherited else Severity.ERROR
        kind = body.get("kind", inherited.kind if inherited else "other")
        if kind not in KINDS:
            raise PackError(f"{where}.kind: {kind!r} is not one of {', '.join(KINDS)}")
        name = body.get("name", inherited.name if inherited else "")
        if not isinstance(name, str) or not name:
            raise PackError(f"{where}.name: expected a short name such as total-mismatch")

        def text(key: str, fallback: object, _body: dict = body, _where: str = where,
                 _inherited: Rule | None = inherited) -> dict[str, str]:
            if key in _body:
                merged = dict(getattr(_inherited, key)) if _inherited else {}
                merged.update(_lang_table(_body[key], f"{_where}.{key}"))
                return merged
            return dict(getattr(_inherited, key)) if _inherited else _lang_table(fallback, f"{_where}.{key}")

        rules[rule_id] = Rule(
            id=rule_id,
            name=name,
            kind=kind,
            severity=severity,
            summary=text("summary", name),
            description=text("description", ""),
            message=text("message", "{stated}"),
            examples=_examples(body["examples"], f"{where}.examples") if "examples" in body
            else (inherited.examples if inherited else ()),
            pack=pack_name if inherited is None or "name" in body else inherited.pack,
        )
    causes_table = data.get("causes", {})
    if not isinstance(causes_table, dict):
        raise PackError(f"{source}: causes: expected [causes.NAME] tables")
    causes = {k: _lang_table(v, f"{source}: causes.{k}") for k, v in causes_table.items()}
    return rules, causes


def load_file(path: Path) -> dict:
    return read_toml(path, "rule pack", PackError)


def _validate_top(data: dict, path: Path) -> None:
    for key in data:
        if key not in _TOP_KEYS:
            raise PackError(f"{path}: unknown key {key!r} (known: {', '.join(_TOP_KEYS)})")
    pack = data.get("pack", {})
    if not isinstance(pack, dict):
        raise PackError(f"{path}: pack: expected a table")
    unknown = set(pack) - _PACK_KEYS
    if unknown:
        raise PackError(f"{path}: pack.{sorted(unknown)[0]}: unknown key (known: {', '.join(sorted(_PACK_KEYS))})")


def _extends(data: dict, path: Path) -> list[Path]:
    """The packs ``path`` builds on (``[pack] extend = "core"`` or paths relative to it)."""
    raw = data.get("pack", {}).get("extend", [])
    names = [raw] if isinstance(raw, str) else raw
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        raise PackError(f"{path}: pack.extend: expected a pack name or path, or a list of them")
    out = []
    for n in names:
        if "/" not in n and "\\" not in n and not n.endswith(".toml"):
            target = rules_dir() / f"{n}.toml"
        else:
            target = (path.parent / n).resolve()
        if not target.is_file():
            raise PackError(f"{path}: pack.extend: pack {n!r} not found (looked for {target})")
        out.append(target)
    return out


def pack_files(extra: tuple[str, ...] = ()) -> list[Path]:
    """Every pack file to read, bases before the packs extending them, each once: core first, then
    the extra packs in the order given."""
    order: list[Path] = []
    visiting: list[Path] = []

    def visit(p: Path) -> None:
        p = p.resolve()
        if p in order:
            return
        if p in visiting:
            chain = " -> ".join(str(v) for v in [*visiting[visiting.index(p):], p])
            raise PackError(f"{p}: pack.extend: cycle ({chain})")
        if not p.is_file():
            raise PackError(f"{p}: rule pack not found")
        visiting.append(p)
        data = load_file(p)
        _validate_top(data, p)
        for base in _extends(data, p):
            visit(base)
        visiting.pop()
        order.append(p)

    visit(rules_dir() / "core.toml")
    for e in extra:
        visit(Path(e))
    return order


@lru_cache(maxsize=8)
def load(extra: tuple[str, ...] = ()) -> RulePack:
    """The core pack plus any extra packs (later packs add rules, reword or re-grade existing ones,
    and add causes). A pack may ``extend`` another pack, which is then read first."""
    paths = pack_files(extra)
    rules: dict[str, Rule] = {}
    causes: dict[str, dict[str, str]] = {}
    for p in paths:
        r, c = parse_rules(load_file(p), str(p), base=rules)
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


def _indented(text: str, indent: str) -> list[str]:
    return [indent + line if line.strip() else "" for line in text.strip("\n").replace("\t", "    ").splitlines()]


def explain(rule: Rule, lang: str = "zh") -> str:
    """``qualint explain ID``: the rule's summary, description and examples, in ``lang``."""
    zh = lang != "en"
    pick = (lambda t: t.get("zh") or t.get("en", "")) if zh else (lambda t: t.get("en") or t.get("zh", ""))
    lines = [f"{rule.id} {rule.name} ({rule.severity.value}, {rule.kind})", pick(rule.summary), ""]
    if pick(rule.description):
        lines += [pick(rule.description), ""]
    lines.append(("消息：" if zh else "Message: ") + pick(rule.message))
    if rule.examples:
        lines += ["", "示例：" if zh else "Examples:"]
        for ex in rule.examples:
            verdict = ("应报告" if zh else "fires") if ex.fires else ("不应报告" if zh else "does not fire")
            note = pick(ex.note) if ex.note else ""
            lines.append(f"  [{verdict}]" + (f" {note}" if note else ""))
            indent = "    "
            if ex.previous:
                lines.append(indent + ("上年报告：" if zh else "last year's report:"))
                lines += _indented(ex.previous, indent + "  ")
                lines.append(indent + ("本年报告：" if zh else "this year's report:"))
                indent += "  "
            lines += _indented(ex.text, indent)
            lines.append("")
    return "\n".join(lines) + "\n"


# The extra packs (``--rules``, config ``rule-packs``) of the check in progress, so that loaders
# reached from deep inside extraction (the indicator vocabulary) see the user's packs without every
# extractor taking a parameter. Set by the engine around one document's check.
_ACTIVE_PACKS: ContextVar[tuple[str, ...]] = ContextVar("qualint_active_packs", default=())


def active_packs() -> tuple[str, ...]:
    return _ACTIVE_PACKS.get()


@contextmanager
def using_packs(extra: Iterable[str]) -> Iterator[None]:
    token = _ACTIVE_PACKS.set(tuple(extra))
    try:
        yield
    finally:
        _ACTIVE_PACKS.reset(token)
