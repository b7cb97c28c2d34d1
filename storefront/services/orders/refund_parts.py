"""Which of an order's refunds a refund mail tells of, by how the money went back. No refund
records when it went through, nor whether it was told: only that the mail tells of the last
`amount_minor` of the refunded total. A refund made outside the payment provider went
through when it was recorded (its `created_at`); the provider's went through at some time
after theirs. So the refunds the mail tells of are those that went through after the last
mail: some set making up `amount_minor`, in which every offline refund after the first one
in it is, and every provider refund asked after that one too. When every such set has the
same offline refunds, they are what the mail says; otherwise it cannot say which method
the money went back by (a card refund asked before a bank transfer and going through after
it, of the same amount, looks like the transfer)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from storefront.services.orders.offline_refunds import made_offline

# Refunds of one order beyond which the mail names no method (the sets weighed double with
# each one).
MAX_WEIGHED = 12


@dataclass(frozen=True, slots=True)
class WentThrough:
    """One of the order's refunds that went through; `method` "" for the provider's."""

    method: str
    amount_minor: int
    created_at: datetime
    refund_id: int


def told_outside(refunds: Sequence[WentThrough], amount_minor: int) -> list[tuple[str, int]] | None:
    """The parts of the last `amount_minor` refunded made outside the payment provider,
    (method, amount) oldest first, when the refunds' times and amounts leave no doubt of
    them; None when they do (the mail then names no method)."""
    if amount_minor <= 0 or not any(made_offline(r.method) for r in refunds):
        return []  # all of it went back through the provider
    if len(refunds) > MAX_WEIGHED:
        return None
    order = sorted(refunds, key=lambda r: (r.created_at, r.refund_id))
    offline = [r for r in order if made_offline(r.method)]
    provider = [r for r in order if not made_offline(r.method)]
    seen: set[tuple[tuple[str, int], ...]] = set()
    for first in range(len(offline) + 1):  # offline[first:] told now, offline[:first] before
        new = offline[first:]
        # Asked after the first offline refund told now: went through after the last mail.
        after = new[0].created_at if new else None
        forced = [p for p in provider if after is not None and p.created_at > after]
        free = [p for p in provider if p not in forced]
        rest = amount_minor - sum(r.amount_minor for r in new + forced)
        if rest >= 0 and rest in _sums(free, rest):
            seen.add(tuple((r.method, r.amount_minor) for r in new))
    if len(seen) != 1:
        return None
    return list(seen.pop())


def _sums(refunds: Sequence[WentThrough], ceiling: int) -> set[int]:
    """Every total up to `ceiling` some of `refunds` make up together (none: 0)."""
    totals = {0}
    for refund in refunds:
        totals |= {t + refund.amount_minor for t in totals if t + refund.amount_minor <= ceiling}
    return totals
