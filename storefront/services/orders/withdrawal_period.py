"""When the withdrawal period of a shipped order ends, counted as the law and the refund
policy count it: BOUTIQUE_WITHDRAWAL_DAYS from the day the shopper receives the goods
(Directive 2011/83/EU Art. 9(2)(b)), the day of receipt not counted and the last day whole,
in the shop's days (BOUTIQUE_TIMEZONE). A last day falling on a Saturday or a Sunday moves to
the Monday after (Regulation 1182/71 Art. 3(4), which the Directive's periods follow: its
recital 41); public holidays, which differ by country, are not counted (as the delivery
promise does not count them).

The shop records no delivery (its carriers tell it nothing), so the day of receipt is the
latest its delivery promise gives the order's method after the day it shipped
(services/checkout/delivery_times.py): never earlier than the shopper may have received it
when the promise is kept, and said as an estimate wherever the date is given (the order page,
the shipping mail, a refusal), with what it rests on. It had counted from shipping, days
shorter than the policy promised (QA)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from models.orders import OrderStatus as S
from storefront.i18n import translate
from storefront.i18n_format import format_date
from storefront.services.checkout.delivery_times import (
    latest_arrival,
    promised_method,
    working_day_from,
)
from storefront.services.checkout.pricing import ShippingMethod
from storefront.services.orders.ports import OrderRecord
from storefront.services.shop_days import day_start, shop_day

SHIPPED = (S.FULFILLED, S.PARTIALLY_REFUNDED)


@dataclass(frozen=True, slots=True)
class WithdrawalPeriod:
    days: int  # BOUTIQUE_WITHDRAWAL_DAYS
    shipped_on: date  # the shop's day the order shipped
    method: ShippingMethod  # the delivery whose promise gives `received_on`
    received_on: date  # the day of receipt the period counts from: the promise's last day
    last_day: date  # the last day to withdraw on, whole
    ends_at: datetime  # UTC: the start of the shop's day after `last_day`

    def is_open(self, now: datetime) -> bool:
        return now < self.ends_at


def withdrawal_period(order: OrderRecord, days: int, zone: tzinfo) -> WithdrawalPeriod | None:
    """The order's withdrawal period through the shop's function, or None when it has none
    (not shipped: its cancel is the withdrawal; canceled or refunded in full)."""
    if order.paid_at is None or order.fulfilled_at is None or order.status not in SHIPPED:
        return None
    shipped_on = shop_day(order.fulfilled_at, zone)
    method = promised_method(order.shipping_method)
    received_on = latest_arrival(shipped_on, method)
    last_day = working_day_from(received_on + timedelta(days=days))
    ends_at = day_start(last_day + timedelta(days=1), zone)
    return WithdrawalPeriod(days, shipped_on, method, received_on, last_day, ends_at)


def period_text(lang: str, period: WithdrawalPeriod) -> str:
    """ "You may withdraw from this order until 13 January 2027: 30 days from receiving it." """
    date_text = format_date(lang, period.last_day)
    return translate(lang, "withdraw.period", date=date_text, days=str(period.days))


def basis_text(lang: str, period: WithdrawalPeriod) -> str:
    """What the date rests on: the day of receipt the delivery promise gives, not one known."""
    return translate(
        lang,
        "withdraw.period.basis",
        received=format_date(lang, period.received_on),
        method=translate(lang, f"order.method.{period.method.value}"),
        shipped=format_date(lang, period.shipped_on),
    )


def over_text(lang: str, period: WithdrawalPeriod) -> str:
    """The refusal of a withdrawal after the period, with its last day and what it rests on."""
    return translate(
        lang,
        "withdraw.error.over",
        date=format_date(lang, period.last_day),
        days=str(period.days),
        received=format_date(lang, period.received_on),
    )


def period_lines(lang: str, period: WithdrawalPeriod) -> list[str]:
    """The period as the order page and the shipping mail give it: its last day, then what
    that day rests on."""
    return [period_text(lang, period), basis_text(lang, period)]
