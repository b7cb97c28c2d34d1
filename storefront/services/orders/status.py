"""The one order state machine. Moves only go forward: a late "payment failed" cannot undo
a payment that succeeded, and a repeated "succeeded" finds nothing left to do. The one
exception is a refund's failure after it went through (REVERSAL below)."""

from __future__ import annotations

from models.orders import OrderStatus as S

# Where each status may go next. requires_action and failed may alternate while the shopper
# retries with another card; nothing ever leads back to pending.
FORWARD: dict[S, frozenset[S]] = {
    S.PENDING: frozenset({S.REQUIRES_ACTION, S.FAILED, S.PAID, S.CANCELED}),
    S.REQUIRES_ACTION: frozenset({S.FAILED, S.PAID, S.CANCELED}),
    S.FAILED: frozenset({S.REQUIRES_ACTION, S.PAID, S.CANCELED}),
    S.PAID: frozenset({S.FULFILLED, S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.FULFILLED: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.PARTIALLY_REFUNDED: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.REFUNDED: frozenset(),
    S.CANCELED: frozenset(),
}

UNPAID = frozenset({S.PENDING, S.REQUIRES_ACTION, S.FAILED})
# Money was taken for these (and may be refunded).
CHARGED = frozenset({S.PAID, S.FULFILLED, S.PARTIALLY_REFUNDED})
# The statuses an order not yet shipped may be shipped from, and its status once shipped.
# The status says where the order's money stands, its `fulfilled_at` that it left: shipping
# moves a paid order on to fulfilled, and leaves a partially refunded one (a goodwill refund
# before it left) as it is. Both are moves of FORWARD.
SHIPPING: dict[S, S] = {S.PAID: S.FULFILLED, S.PARTIALLY_REFUNDED: S.PARTIALLY_REFUNDED}
# The statuses of a paid order a cancel (the shopper's or the shop's) may claim before it
# ships: its cancel refunds what is left (a partly refunded one keeps what went back).
CANCELABLE_PAID = frozenset({S.PAID, S.PARTIALLY_REFUNDED})


# The documented exception, a reversal and not a regression: a refund that went through and
# that the provider later reports failed (the card it went to was closed) gave nothing back
# after all. Its money is back in the shop's balance and the merchant must refund the shopper
# another way, so the order's refunded total goes down by it and its status follows that
# total: refunded → partially refunded, or → paid (fulfilled once shipped) when nothing went
# back. Only a refund's failure takes these moves (the refund store, in the transaction that
# marks it failed), never a payment event, and a failed refund never goes through again.
REVERSAL: dict[S, frozenset[S]] = {
    S.REFUNDED: frozenset({S.PARTIALLY_REFUNDED, S.PAID, S.FULFILLED}),
    S.PARTIALLY_REFUNDED: frozenset({S.PARTIALLY_REFUNDED, S.PAID, S.FULFILLED}),
}


def refund_status(refunded_minor: int, total_minor: int, *, shipped: bool) -> S:
    """Where a charged order stands once `refunded_minor` of its `total_minor` went back."""
    if refunded_minor >= total_minor:
        return S.REFUNDED
    if refunded_minor > 0:
        return S.PARTIALLY_REFUNDED
    return S.FULFILLED if shipped else S.PAID


def closed_by_refund(target: S, *, shipped: bool, claimed: bool) -> bool:
    """Whether refunds taking an order to `target` end it canceled: refunded in full before
    it shipped, nothing is left to ship or to refund, so its stock and discount use go back
    (the refund's transaction does it). An order a cancel claims is left to that cancel,
    which closes it with its own audit entry."""
    return target is S.REFUNDED and not shipped and not claimed


def refundable(status: S, *, paid: bool) -> bool:
    """Whether refunds may be made of an order in `status` (`paid`: it was paid once): money
    was taken for it, or it is canceled after it was paid. Such an order was closed by its
    refunds (status.closed_by_refund, or a cancel's), and one of them failed since (a closed
    card): what that one gave back is the customer's again, refunded again from the admin,
    while the order stays canceled (its stock and discount use went back when it closed and
    are not taken again). Its refunds, summed against what was paid, cap what is left."""
    return status in CHARGED or (status is S.CANCELED and paid)


def can_move(current: S, target: S) -> bool:
    return target in FORWARD[current]


def sources_of(target: S) -> frozenset[S]:
    """Every status from which `target` may be reached (for a conditional update)."""
    return frozenset(status for status, nexts in FORWARD.items() if target in nexts)


def can_reverse(current: S, target: S) -> bool:
    """Whether a refund's failure may take an order from `current` back to `target`."""
    return target in REVERSAL.get(current, frozenset())
