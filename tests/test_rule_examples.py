"""Every example of every rule in the rule packs, through the real pipeline.

A ``fires = true`` example must produce a finding of its rule, a ``fires = false`` one must not, so a
rule that silently stops matching (or starts matching what it should not) fails the build. The
examples are data in ``rules/core.toml`` (``[[rules.ID.examples]]``), shown by ``qualint explain``.
"""

from __future__ import annotations

import pytest

from qualint.engine import Options, check_document
from qualint.readers import markdown, text
from qualint.rulepack import Example, load

PACK = load()
CASES = [
    pytest.param(rule.id, example, id=f"{rule.id}-{i}-{'fires' if example.fires else 'quiet'}")
    for rule in PACK.rules.values()
    for i, example in enumerate(rule.examples)
]


def build(source: str, fmt: str, path: str):
    reader = markdown if fmt == "md" else text
    return reader.build_document(path, source if source.endswith("\n") else source + "\n")


def options_for(example: Example) -> Options:
    if not example.previous:
        return Options()
    from qualint.claims import extract_claims
    from qualint.previous import previous_report, with_previous

    last_year = build(example.previous, example.fmt, f"previous.{example.fmt}")
    return with_previous(Options(), previous_report(last_year.path, extract_claims(last_year)))


def findings_of(example: Example) -> list:
    doc = build(example.text, example.fmt, f"example.{example.fmt}")
    return check_document(doc, options_for(example))


@pytest.mark.parametrize(("rule_id", "example"), CASES)
def test_example(rule_id: str, example: Example) -> None:
    found = findings_of(example)
    fired = [f for f in found if f.rule == rule_id]
    summary = [(f.rule, f.line, f.stated, f.expected) for f in found]
    if example.fires:
        assert fired, f"{rule_id} should fire on:\n{example.text}\nfound: {summary}"
    else:
        assert not fired, f"{rule_id} should not fire on:\n{example.text}\nfound: {summary}"


@pytest.mark.parametrize("rule_id", sorted(PACK.rules))
def test_every_rule_has_a_positive_and_a_negative_example(rule_id: str) -> None:
    examples = PACK.rules[rule_id].examples
    assert any(e.fires for e in examples), f"{rule_id} has no example that must fire"
    assert any(not e.fires for e in examples), f"{rule_id} has no example that must not fire"
