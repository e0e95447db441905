"""Properties: a correct generated table raises nothing; one injected error is found at its cell."""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from qualint.engine import check_document
from qualint.readers.text import build_document
from tests.tablegen import LABELS, GeneratedTable, pct_change

rows_strategy = st.lists(
    st.tuples(st.integers(min_value=5, max_value=3000), st.integers(min_value=5, max_value=3000)),
    min_size=2, max_size=len(LABELS),
)


def table_of(pairs, decimals):
    return GeneratedTable(rows=[(LABELS[i], p, c) for i, (p, c) in enumerate(pairs)], decimals=decimals)


def errors_of(text):
    return [f for f in check_document(build_document("g.txt", text)) if f.rule not in ("C105", "Q101")]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows_strategy, st.integers(min_value=1, max_value=2))
def test_correct_tables_raise_nothing(pairs, decimals):
    text, _ = table_of(pairs, decimals).render()
    assert errors_of(text) == []


@settings(max_examples=60, deadline=None)
@given(rows_strategy, st.data())
def test_a_wrong_total_is_found_at_its_cell(pairs, data):
    table = table_of(pairs, 1)
    column = data.draw(st.integers(min_value=0, max_value=1))
    delta = data.draw(st.integers(min_value=1, max_value=500))
    table.totals[column] = str(int(table.totals[column]) + delta)
    text, where = table.render()
    (finding,) = errors_of(text)
    assert finding.rule == "T101" and finding.line == where[("total", column)]


@settings(max_examples=60, deadline=None)
@given(rows_strategy, st.data())
def test_a_current_year_denominator_is_found_and_diagnosed(pairs, data):
    i = data.draw(st.integers(min_value=0, max_value=len(pairs) - 1))
    prev, cur = pairs[i]
    wrong = ((Decimal(cur) - Decimal(prev)) / Decimal(cur) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assume(f"{wrong}%" != pct_change(prev, cur, 1))
    assume(abs(Decimal(cur - prev) / Decimal(prev) * 100 - wrong) > Decimal("0.2"))
    table = table_of(pairs, 1)
    table.changes[i] = f"{wrong}%"
    text, where = table.render()
    (finding,) = errors_of(text)
    assert finding.rule == "C102" and finding.line == where[("change", i)]
    assert finding.diagnosis.cause == "current_year_denominator"


@settings(max_examples=40, deadline=None)
@given(rows_strategy, st.data())
def test_a_flipped_sign_is_found_and_diagnosed(pairs, data):
    i = data.draw(st.integers(min_value=0, max_value=len(pairs) - 1))
    prev, cur = pairs[i]
    change = pct_change(prev, cur, 1)
    assume(Decimal(change[:-1]) != 0)
    table = table_of(pairs, 1)
    table.changes[i] = change[1:] if change.startswith("-") else "-" + change
    text, where = table.render()
    (finding,) = errors_of(text)
    assert finding.line == where[("change", i)]
    assert finding.rule == "C104" and finding.diagnosis.cause == "sign_reversed"
