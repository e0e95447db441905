"""Q104: say which tables (or parts) were not understood, instead of passing them in silence."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from qualint.checks import CheckContext, register
from qualint.checks.common import make_finding
from qualint.claims.model import Claim, TableNote
from qualint.findings import Finding


@register
def report_unread_tables(claims: Sequence[Claim], ctx: CheckContext) -> Iterable[Finding]:
    for claim in claims:
        if isinstance(claim, TableNote):
            yield make_finding(ctx, "Q104", claim, "other", None, None, "", (),
                               reason=claim.reason, reason_en=claim.reason_en or claim.reason)
