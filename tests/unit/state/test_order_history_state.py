"""The account's list of orders: each row names what its order holds (QA: reference, date,
status and amount said nothing of the products)."""

from __future__ import annotations

from dataclasses import replace

from models.orders import OrderStatus as S
from models.views import ProductCard
from state.order_history import order_summary, unshipped_text
from storefront.services.orders.ports import OrderItem
from tests.unit.state.test_order_state import PLACED, order_to

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


def test_closing_the_account_says_it_does_not_cancel_the_orders_not_shipped_yet() -> None:
    """Closing could be taken for cancelling what is under way (review): the form names the
    paid orders not shipped (a cancel asked included), not those shipped, unpaid or ended."""
    paid = order_to("FR")
    shipped = replace(paid, reference="SHIPPED001", status=S.FULFILLED, fulfilled_at=PLACED)
    unpaid = replace(paid, reference="UNPAID0001", status=S.PENDING)
    canceled = replace(paid, reference="CANCELED01", status=S.CANCELED)
    goodwill = replace(paid, reference="PARTLY0001", status=S.PARTIALLY_REFUNDED)
    assert unshipped_text([shipped, unpaid, canceled]) == {}
    assert unshipped_text([paid, shipped]) == {
        "en": "Your order ABCDEF2345 has not shipped yet. Closing your account does not cancel "
        "it: it still ships (or is refunded, if you asked to cancel it), and the link in its "
        "emails still opens it.",
        "fr": "Votre commande ABCDEF2345 n’est pas encore expédiée. Fermer votre compte ne "
        "l’annule pas\u202f: elle est tout de même expédiée (ou remboursée, si vous avez "
        "demandé son annulation), et le lien de ses e-mails l’ouvre toujours.",
    }
    both = unshipped_text([paid, goodwill, shipped])
    assert both["en"].startswith("Your orders ABCDEF2345, PARTLY0001 have not shipped yet.")
    assert both["fr"].startswith("Vos commandes ABCDEF2345, PARTLY0001 ne sont pas encore")
