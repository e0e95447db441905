"""N101 a net change against its components (新增 − 撤销), N102 a stated count against the items listed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from qualint.checks import CheckContext, register
from qualint.checks.common import fmt_like, inputs_of, make_finding, shown
from qualint.claims.model import Claim, CountClaim, NetChangeClaim
from qualint.findings import Diagnosis, Finding, params
from qualint.intervals import Interval, total, verdict


@register
def check_net_changes(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    for claim in claims:
        if not isinstance(claim, NetChangeClaim) or claim.stated.quantity is None:
            continue
        plus = [o.quantity for o in claim.plus if o.quantity is not None]
        minus = [o.quantity for o in claim.minus if o.quantity is not None]
        if not plus or not minus:
            continue
        gross_plus = total([Interval.of(q) for q in plus])
        gross_minus = total([Interval.of(q) for q in minus])
        computed = gross_plus - gross_minus
        stated = claim.stated.quantity
        if verdict(computed, stated) == "ok":
            continue
        formula = "-".join(
            ["+".join(f"{o.label}{shown(o.quantity)}" for o in claim.plus)]
            + [f"{o.label}{shown(o.quantity)}" for o in claim.minus]
        )
        diagnosis = None
        if verdict(gross_plus, stated) == "ok":
            diagnosis = Diagnosis("net_as_gross", params(value=fmt_like(gross_minus.mid, stated)))
        expected = fmt_like(computed.mid, stated, signed=True)
        yield make_finding(ctx, "N101", claim, "net_change", expected, computed, formula,
                           inputs_of(*claim.plus, *claim.minus), diagnosis)


@register
def check_list_counts(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    for claim in claims:
        if not isinstance(claim, CountClaim) or claim.stated.quantity is None:
            continue
        stated = int(claim.stated.quantity.value)
        listed = len(claim.items)
        most = listed + claim.extra
        if claim.partial:
            wrong = stated < listed  # 等N个 may name fewer than N, never more
        else:
            wrong = stated < listed or stated > most
        if not wrong:
            continue
        expected = str(listed) if claim.extra == 0 or stated < listed else f"{listed}–{most}"
        formula = "、".join(claim.items)
        finding = make_finding(ctx, "N102", claim, "other", expected, None, formula, ())
        yield replace(finding, stated=str(stated), params=params(label=claim.stated.label, stated=stated,
                                                                 expected=expected, formula=formula))
