"""The indicator vocabulary: which words name the same figure, which words narrow its scope, and the
formulas (生均X = X / 在校生, 生师比 = 在校生 / 专任教师) that tie figures together.

The knowledge is data in ``rules/vocabulary/*.toml``; this module only loads it (once, lazily) and
answers "which indicator does this label name, and with which scope words?".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path

import regex

from qualint.rulepack import PackError, active_packs, rules_dir
from qualint.tomlfile import read_toml


@dataclass(frozen=True)
class Indicator:
    name: str
    aliases: tuple[str, ...]
    unit: str = ""
    units: tuple[str, ...] = ()
    kind: str = "count"
    also: tuple[str, ...] = ()

    def accepts_unit(self, unit: str | None) -> bool:
        """Whether a value printed in ``unit`` is this figure (None: no unit printed)."""
        if not unit:
            return True
        return unit == self.unit or unit in self.units or unit in self.also

    def unit_key(self, unit: str | None) -> str:
        """The unit two values must share to be compared: synonyms (名 for 人) fold into ``unit``;
        convertible units (亩 for 平方米) stay apart, since the printed precision differs."""
        if not unit or unit == self.unit or unit in self.units:
            return self.unit or (unit or "")
        return unit

    @property
    def comparable(self) -> bool:
        """Rates are usually scoped to a subgroup (a survey, a major); only counts, amounts and areas
        are cross-referenced."""
        return self.kind in ("count", "amount", "area")


@dataclass(frozen=True)
class Formula:
    """A named relation: ``name`` = ``numerator`` / ``denominator`` (indicator names)."""

    name: str
    numerator: str
    denominator: str
    aliases: tuple[str, ...] = ()
    # Counts some reports add to the denominator, with their weight (兼职教师 × 0.5 in 生师比).
    additions: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    indicators: dict[str, Indicator]
    neutral: tuple[str, ...] = ()
    scope_words: tuple[str, ...] = ()
    not_now: tuple[str, ...] = ()
    subunits: tuple[str, ...] = ()
    comparison_before_year: tuple[str, ...] = ()
    comparison_after_year: tuple[str, ...] = ()
    per_capita: dict[str, str] = field(default_factory=dict)  # prefix → count indicator ("" = unknown)
    ratios: dict[str, Formula] = field(default_factory=dict)
    rates: dict[str, Formula] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    @cached_property
    def alias_index(self) -> dict[str, str]:
        """alias → indicator name. A later pack wins on a clash."""
        out: dict[str, str] = {}
        for ind in self.indicators.values():
            for a in (ind.name, *ind.aliases):
                out[a] = ind.name
        return out

    @cached_property
    def alias_pattern(self) -> regex.Pattern:
        """All aliases, longest first, so that 对口就业人数 wins over 就业人数."""
        names = sorted(self.alias_index, key=len, reverse=True)
        return regex.compile("|".join(regex.escape(n) for n in names))

    @cached_property
    def _scope_pattern(self) -> regex.Pattern:
        words = sorted(self.scope_words, key=len, reverse=True)
        return regex.compile("(?:" + "|".join(regex.escape(w) for w in words) + ")+")

    def indicator(self, name: str) -> Indicator | None:
        return self.indicators.get(name)

    def lookup(self, label: str) -> tuple[Indicator, str] | None:
        """The indicator a table label names, with its scope words: ``全日制在校生数(人)`` →
        (在校生, "全日制"). Only exact names, optionally preceded by scope words, are accepted;
        any other modifier means a different figure and gives None."""
        key = label_key(label)
        if not key:
            return None
        name = self.alias_index.get(key)
        if name is not None:
            return self.indicators[name], ""
        m = self._scope_pattern.match(key)
        if m and m.end() < len(key):
            name = self.alias_index.get(key[m.end():])
            if name is not None:
                return self.indicators[name], _canonical_scope(m.group(0), self.scope_words)
        return None

    def scope_of(self, text: str) -> str | None:
        """``text`` made only of scope words → them in canonical order; None otherwise."""
        m = self._scope_pattern.fullmatch(text)
        return _canonical_scope(text, self.scope_words) if m else None

    def per_capita_prefix(self, text: str) -> tuple[str, str] | None:
        """(prefix, count indicator) when ``text`` starts with a per-capita prefix (生均, 师均 …)."""
        for p in sorted(self.per_capita, key=len, reverse=True):
            if text.startswith(p):
                return p, self.per_capita[p]
        return None


_DROP = regex.compile(r"[\s“”\"'‘’「」『』*＊]|[(（][^()（）]{0,12}[)）]")


def label_key(label: str) -> str:
    """A label reduced to what names the figure: no spaces, quotes or parenthesised notes/units."""
    return _DROP.sub("", label).rstrip("：:")


def _canonical_scope(text: str, words: tuple[str, ...]) -> str:
    found = []
    rest = text
    ordered = sorted(words, key=len, reverse=True)
    while rest:
        for w in ordered:
            if rest.startswith(w):
                found.append(w)
                rest = rest[len(w):]
                break
        else:
            found.append(rest)
            break
    return "+".join(sorted(found))


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise PackError(f"{where}: expected a list of strings")


def _read(path: Path) -> dict:
    return read_toml(path, "vocabulary", PackError)


def default_paths() -> tuple[Path, ...]:
    folder = rules_dir() / "vocabulary"
    return tuple(sorted(folder.glob("*.toml"))) if folder.is_dir() else ()


def load(extra_paths: tuple[str, ...] | None = None) -> Vocabulary:
    """The shipped vocabulary plus ``extra_paths``; by default the user packs of the check in
    progress (``--rules`` / config ``rule-packs``, see ``rulepack.using_packs``)."""
    return _load(tuple(extra_paths) if extra_paths is not None else active_packs())


def _additions(value: object, where: str) -> tuple[tuple[str, Decimal], ...]:
    """``[["兼职教师", "0.5"], …]`` → ((indicator, weight), …)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise PackError(f"{where}.denominator_additions: expected a list of [indicator, weight]")
    out = []
    for item in value:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            raise PackError(f"{where}.denominator_additions: expected [indicator, weight], got {item!r}")
        try:
            out.append((item[0], Decimal(str(item[1]))))
        except ArithmeticError:
            raise PackError(f"{where}.denominator_additions: {item[1]!r} is not a number") from None
    return tuple(out)


@lru_cache(maxsize=8)
def _load(extra_paths: tuple[str, ...] = ()) -> Vocabulary:
    """The shipped vocabulary plus any user packs. A user pack may add aliases to an indicator
    (``[indicators.在校生] aliases = ["学员数"]``), add indicators, scope words and formulas; rule
    packs without vocabulary sections are accepted and add nothing."""
    indicators: dict[str, Indicator] = {}
    words: dict[str, list[str]] = {k: [] for k in ("neutral", "scope", "not_now", "subunits", "comparison_before_year", "comparison_after_year")}
    per_capita: dict[str, str] = {}
    ratios: dict[str, Formula] = {}
    rates: dict[str, Formula] = {}
    paths = [*default_paths(), *map(Path, extra_paths)]
    for path in paths:
        data = _read(path)
        where = str(path)
        for key, vals in data.get("words", {}).items():
            if key not in words:
                raise PackError(f"{where}: words.{key}: unknown word list")
            words[key].extend(w for w in _strings(vals, f"{where}: words.{key}") if w not in words[key])
        for name, body in data.get("indicators", {}).items():
            if not isinstance(body, dict):
                raise PackError(f"{where}: indicators.{name}: expected a table")
            old = indicators.get(name)
            aliases = _strings(body.get("aliases"), f"{where}: indicators.{name}.aliases")
            if old is not None:
                merged = old.aliases + tuple(a for a in aliases if a not in old.aliases)
                indicators[name] = Indicator(
                    name=name, aliases=merged, unit=str(body.get("unit", old.unit)),
                    units=old.units + tuple(u for u in _strings(body.get("units"), where) if u not in old.units),
                    kind=str(body.get("kind", old.kind)),
                    also=old.also + tuple(u for u in _strings(body.get("also"), where) if u not in old.also),
                )
            else:
                indicators[name] = Indicator(
                    name=name, aliases=aliases, unit=str(body.get("unit", "")),
                    units=_strings(body.get("units"), f"{where}: indicators.{name}.units"), kind=str(body.get("kind", "count")),
                    also=_strings(body.get("also"), f"{where}: indicators.{name}.also"),
                )
        for prefix, body in data.get("per_capita", {}).items():
            per_capita[prefix] = str(body.get("count", "")) if isinstance(body, dict) else ""
        for section, target in (("ratios", ratios), ("rates", rates)):
            for name, body in data.get(section, {}).items():
                if not isinstance(body, dict) or "numerator" not in body or "denominator" not in body:
                    raise PackError(f"{where}: {section}.{name}: needs numerator and denominator")
                target[name] = Formula(name=name, numerator=str(body["numerator"]), denominator=str(body["denominator"]),
                                       aliases=_strings(body.get("aliases"), f"{where}: {section}.{name}.aliases"),
                                       additions=_additions(body.get("denominator_additions"), f"{where}: {section}.{name}"))
    return Vocabulary(
        indicators=indicators,
        neutral=tuple(words["neutral"]),
        scope_words=tuple(words["scope"]),
        not_now=tuple(words["not_now"]),
        subunits=tuple(words["subunits"]),
        comparison_before_year=tuple(words["comparison_before_year"]),
        comparison_after_year=tuple(words["comparison_after_year"]),
        per_capita=per_capita,
        ratios=ratios,
        rates=rates,
        sources=tuple(map(str, paths)),
    )

