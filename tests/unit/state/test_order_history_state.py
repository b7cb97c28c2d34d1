"""The account's list of orders: each row names what its order holds (QA: reference, date,
status and amount said nothing of the products)."""

from __future__ import annotations

from dataclasses import replace

from models.views import ProductCard
from state.order_history import order_summary
from storefront.services.orders.ports import OrderItem
from tests.unit.state.test_order_state import order_to

CARD = ProductCard(1, "chair-1", "Chair number 1", "Aalto", 2_000, None, "EUR", 4.0, 3,
                   "/media/products/P1.svg", True)  # fmt: skip


def test_a_row_names_the_first_product_with_its_picture_and_how_many_more_lines() -> None:
    lamp = OrderItem(2, "LAMP-1", "Desk lamp", 1, 3_000)
    mug = OrderItem(3, "MUG-1", "Mug", 4, 500)
    order = order_to("FR")
    row = order_summary(order, {1: CARD})
    assert (row.first_title, row.image, row.more_labels) == (
        "Chair number 1",
        "/media/products/P1.svg",
        {},
    )
    row = order_summary(replace(order, lines=(*order.lines, lamp)), {1: CARD})
    assert row.more_labels == {"en": "+ 1 more", "fr": "+ 1 autre"}
    row = order_summary(replace(order, lines=(*order.lines, lamp, mug)), {1: CARD})
    assert row.more_labels == {"en": "+ 2 more", "fr": "+ 2 autres"}


def test_a_product_no_longer_on_sale_keeps_its_name_as_bought_without_a_picture() -> None:
    row = order_summary(order_to("FR"), {})
    assert (row.first_title, row.image) == ("Chair number 1", "")
    empty = order_summary(replace(order_to("FR"), lines=()), {})
    assert (empty.first_title, empty.image, empty.more_labels) == ("", "", {})
