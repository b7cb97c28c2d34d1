"""How long each delivery method takes once the parcel has left, as the shop promises it
(checkout's choices, the product page, the order page: "Standard, 3–5 working days",
"Express, next working day"; a test holds those texts to these numbers), and the day a parcel
shipped on a given day arrives at the latest by that promise.

Working days are Monday to Friday. Public holidays, which differ by destination, are not
counted out: a week with one makes the promise's last day a day early."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from storefront.services.checkout.pricing import ShippingMethod

SATURDAY = 5  # date.weekday(): Monday is 0


@dataclass(frozen=True, slots=True)
class DeliveryTime:
    """Working days from the day a parcel ships to the day it arrives."""

    fewest: int
    most: int


DELIVERY_TIMES: Final[dict[ShippingMethod, DeliveryTime]] = {
    ShippingMethod.STANDARD: DeliveryTime(3, 5),
    ShippingMethod.EXPRESS: DeliveryTime(1, 1),
}


def promised_method(method: str) -> ShippingMethod:
    """The method whose promise an order placed with `method` is held to: its own; the
    slowest for a method the shop does not have (none recorded, or one given up since)."""
    if method in DELIVERY_TIMES:
        return ShippingMethod(method)
    return max(DELIVERY_TIMES, key=lambda m: DELIVERY_TIMES[m].most)


def working_days_after(day: date, count: int) -> date:
    """The `count`-th working day after `day` (`day` itself when `count` is 0)."""
    left = count
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < SATURDAY:
            left -= 1
    return day


def latest_arrival(shipped_on: date, method: str) -> date:
    """The last day the promise of `method` gives a parcel shipped on `shipped_on`."""
    return working_days_after(shipped_on, DELIVERY_TIMES[promised_method(method)].most)


def working_day_from(day: date) -> date:
    """`day` if it is a working day, else the next one (a Saturday or Sunday's Monday)."""
    while day.weekday() >= SATURDAY:
        day += timedelta(days=1)
    return day
