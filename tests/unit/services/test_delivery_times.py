"""The delivery times the shop promises (services/checkout/delivery_times.py): the numbers the
withdrawal period counts from are the ones its texts give shoppers, and working days skip
weekends."""

from __future__ import annotations

from datetime import date

import pytest

from storefront.i18n import MESSAGES
from storefront.services.checkout.delivery_times import (
    DELIVERY_TIMES,
    DeliveryTime,
    latest_arrival,
    promised_method,
    working_day_from,
    working_days_after,
)
from storefront.services.checkout.pricing import SHIPPING, ShippingMethod

# Every text naming a method's delivery time, by method.
TEXTS = {
    ShippingMethod.STANDARD: (
        "checkout.method.standard",
        "checkout.method.standard_plain",
        "order.method.standard",
        "product.delivery",
        "product.delivery_paid",
    ),
    ShippingMethod.EXPRESS: ("checkout.method.express", "order.method.express"),
}


def said(time: DeliveryTime) -> dict[str, str]:
    if time.fewest == time.most == 1:
        return {"en": "next working day", "fr": "le jour ouvré suivant"}
    return {
        "en": f"{time.fewest}–{time.most} working days",
        "fr": f"{time.fewest} à {time.most} jours ouvrés",
    }


def test_every_method_the_shop_sells_has_a_delivery_time() -> None:
    for rates in SHIPPING.values():
        assert set(rates) == set(DELIVERY_TIMES)


@pytest.mark.parametrize("method", list(ShippingMethod))
def test_the_texts_promise_the_times_the_withdrawal_period_counts_from(
    method: ShippingMethod,
) -> None:
    expected = said(DELIVERY_TIMES[method])
    for key in TEXTS[method]:
        for lang, phrase in expected.items():
            assert phrase in MESSAGES[key][lang], (key, lang)


def test_working_days_skip_the_weekend() -> None:
    friday = date(2026, 12, 4)
    assert working_days_after(friday, 0) == friday
    assert working_days_after(friday, 1) == date(2026, 12, 7)  # Monday
    assert working_days_after(friday, 5) == date(2026, 12, 11)
    assert working_days_after(date(2026, 12, 6), 1) == date(2026, 12, 7)  # Sunday: Monday
    assert working_days_after(date(2026, 12, 7), 5) == date(2026, 12, 14)
    # A working day is its own; Saturday's and Sunday's is the Monday after.
    assert working_day_from(friday) == friday
    assert working_day_from(date(2026, 12, 5)) == working_day_from(date(2026, 12, 6))
    assert working_day_from(date(2026, 12, 6)) == date(2026, 12, 7)


def test_a_method_not_known_is_held_to_the_slowest_promise() -> None:
    assert promised_method("express") is ShippingMethod.EXPRESS
    assert promised_method("") is ShippingMethod.STANDARD
    assert promised_method("pigeon") is ShippingMethod.STANDARD
    monday = date(2026, 12, 7)
    assert latest_arrival(monday, "express") == date(2026, 12, 8)
    assert latest_arrival(monday, "standard") == latest_arrival(monday, "") == date(2026, 12, 14)
