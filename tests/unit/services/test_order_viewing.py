"""Who may open an order page: its key (from the mails), or the account that placed it."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from models.orders import OrderStatus
from storefront.services.orders.viewing import offers_buying_again, visible_order

ORDER = SimpleNamespace(access_key="k3y-from-the-mail", account_id=7)


class Orders:
    def by_reference(self, reference: str) -> Any:
        return ORDER if reference == "B7K2" else None


def test_the_key_or_the_owner_opens_the_order_and_nothing_else_does() -> None:
    orders: Any = Orders()
    assert visible_order(orders, " b7k2 ", "k3y-from-the-mail", None) is ORDER
    assert visible_order(orders, "B7K2", "", 7) is ORDER
    assert visible_order(orders, "B7K2", "k3y-wrong", None) is None
    assert visible_order(orders, "B7K2", "", 8) is None
    assert visible_order(orders, "NOPE", "k3y-from-the-mail", 7) is None


def test_a_key_of_any_characters_is_refused_not_raised() -> None:
    orders: Any = Orders()
    assert visible_order(orders, "B7K2", "é", None) is None
    assert visible_order(orders, "B7K2", "\x00" * 100, None) is None


def test_an_order_is_offered_again_unless_it_waits_for_its_payment() -> None:
    offered = {
        status
        for status in OrderStatus
        if offers_buying_again(SimpleNamespace(status=status))  # type: ignore[arg-type]
    }
    assert offered == {
        OrderStatus.PAID,
        OrderStatus.FULFILLED,
        OrderStatus.PARTIALLY_REFUNDED,
        OrderStatus.REFUNDED,
        OrderStatus.CANCELED,
    }
