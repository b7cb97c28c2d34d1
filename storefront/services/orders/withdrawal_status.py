"""What the shopper is told of their withdrawals: what is left to withdraw from, whether the
order is withdrawn from in whole or in part (its page and the account's list of orders said
only "Shipped"; QA), and what each statement will be or was refunded (withdrawal_refunds.py:
its value, recorded with it), on the order page and in the acknowledgement mail."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import tzinfo
from typing import TYPE_CHECKING

from storefront.i18n import translate
from storefront.i18n_format import format_date, format_money
from storefront.services.orders.ports import OrderRecord

if TYPE_CHECKING:
    from storefront.services.orders.withdrawal import Statement
    from storefront.services.orders.withdrawal_refunds import Settlement


def remaining(order: OrderRecord, statements: Iterable[Statement]) -> list[int]:
    """What each line of the order may still be withdrawn from."""
    left = [line.quantity for line in order.lines]
    for statement in statements:
        for item in statement.items:
            if 0 <= item.line < len(left):
                left[item.line] -= item.quantity
    return [max(0, n) for n in left]


def withdrawal_mark(order: OrderRecord, statements: Sequence[Statement]) -> str:
    """ "" without a statement; "whole" once everything bought is withdrawn from, else
    "partial" (the message keys order.withdrawn.<mark>, said beside the order's status)."""
    if not statements:
        return ""
    return "partial" if any(remaining(order, statements)) else "whole"


def refund_text(
    lang: str, statement: Statement, settled: Settlement, currency: str, zone: tzinfo
) -> str:
    """What the statement will be refunded, by when (REFUND_WITHIN of it), or was refunded,
    or why nothing is due; dates in the shop's days."""

    def money(amount_minor: int) -> str:
        return format_money(lang, amount_minor, currency)

    if settled.value_minor <= 0:
        return translate(lang, "withdraw.refund.nothing_paid")
    if settled.due_minor > 0:
        by = format_date(lang, statement.refund_due_by.astimezone(zone).date())
        if settled.refunded_minor > 0:
            return translate(
                lang,
                "withdraw.refund.due_rest",
                amount=money(settled.due_minor),
                refunded=money(settled.refunded_minor),
                date=by,
            )
        return translate(lang, "withdraw.refund.due", amount=money(settled.due_minor), date=by)
    if settled.refunded_minor > 0 and settled.refunded_at is not None:
        # All it owed, or all that was left on the order.
        on = format_date(lang, settled.refunded_at.astimezone(zone).date())
        amount = money(settled.refunded_minor)
        return translate(lang, "withdraw.refund.done", amount=amount, date=on)
    return translate(lang, "withdraw.refund.nothing_left")


def mail_refund_text(
    lang: str, statement: Statement, settled: Settlement, currency: str, zone: tzinfo
) -> str:
    """The acknowledgement's line on the money: what will be refunded for these items (the
    mail says when just after), or, as the order page says it, anything else."""
    if settled.value_minor > 0 and settled.due_minor > 0 and settled.refunded_minor == 0:
        amount = format_money(lang, settled.due_minor, currency)
        return translate(lang, "withdraw.mail.refund", amount=amount)
    return refund_text(lang, statement, settled, currency, zone)
