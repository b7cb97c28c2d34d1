"""The order page's state: what it shows of an order."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import reflex as rx

from models.orders import OrderStatus
from models.types import utc_now
from models.views import ProductCard
from state.order import OrderState
from storefront.pages.order import order_page
from storefront.services.checkout.pricing import Totals
from storefront.services.orders.ports import Address, OrderItem, OrderRecord

PLACED = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def order_to(country: str) -> OrderRecord:
    return OrderRecord(
        1, "ABCDEF2345", OrderStatus.PAID, None, None, "gita@example.com", "en",
        Address("Gita Gast", "Unter den Linden 1", "", "10115", "Berlin", country),
        "standard", None, Totals(4_000, 0, 500, 4_500, 1_900, 718, "EUR"), 0, None, "",
        "k3y", PLACED, PLACED, (OrderItem(1, "SKU-1-0", "Chair number 1", 2, 2_000),),
    )  # fmt: skip


def test_the_address_names_its_country_in_each_language_not_by_its_code() -> None:
    root = rx.State(_reflex_internal_init=True)
    page = root.substates[OrderState.get_name()]
    page._show(order_to("DE"))  # type: ignore[attr-defined]
    assert page.address_lines == ["Gita Gast", "Unter den Linden 1", "10115 Berlin"]
    assert page.country_labels == {"en": "Germany", "fr": "Allemagne"}
    page._show(order_to("XK"))  # type: ignore[attr-defined]  # not one we list: its code
    assert page.country_labels == {"en": "XK", "fr": "XK"}


def test_the_page_says_which_delivery_was_chosen_in_each_language() -> None:
    root = rx.State(_reflex_internal_init=True)
    page = root.substates[OrderState.get_name()]
    page._show(replace(order_to("DE"), shipping_method="express"))  # type: ignore[attr-defined]
    assert page.delivery_labels == {
        "en": "Delivery: Express, next working day",
        "fr": "Livraison\u202f: Express, le jour ouvré suivant",
    }
    page._show(replace(order_to("DE"), shipping_method=""))  # type: ignore[attr-defined]
    assert page.delivery_labels == {}


def test_the_page_shows_what_went_back_to_the_shopper() -> None:
    root = rx.State(_reflex_internal_init=True)
    page = root.substates[OrderState.get_name()]
    page._show(order_to("DE"))  # type: ignore[attr-defined]
    assert page.refunded_minor == 0  # the page shows no refund line
    refunded = replace(order_to("DE"), status=OrderStatus.PARTIALLY_REFUNDED, refunded_minor=500)
    page._show(refunded)  # type: ignore[attr-defined]
    assert page.refunded_minor == 500


def test_each_line_names_the_variant_bought() -> None:
    root = rx.State(_reflex_internal_init=True)
    page = root.substates[OrderState.get_name()]
    navy = OrderItem(1, "SKU-1-0", "Chair number 1", 2, 2_000, "M · Navy")
    page._show(replace(order_to("DE"), lines=(navy,)))  # type: ignore[attr-defined]
    assert [(line.title, line.options) for line in page.lines] == [("Chair number 1", "M · Navy")]


def test_the_page_thanks_for_an_order_just_placed_and_names_an_older_one_plainly() -> None:
    root = rx.State(_reflex_internal_init=True)
    page = root.substates[OrderState.get_name()]
    recent = replace(order_to("DE"), created_at=utc_now() - timedelta(minutes=5))
    page._show(recent, thanks=True)  # type: ignore[attr-defined]  # the checkout's return
    assert page.just_placed is True
    page._show(recent)  # type: ignore[attr-defined]  # from the account's list, or a mail (QA)
    assert page.just_placed is False  # "Order ABCDEF2345"
    page._show(replace(recent, created_at=utc_now() - timedelta(days=3)), thanks=True)  # type: ignore[attr-defined]
    assert page.just_placed is False  # that tab's return, reloaded days later


def test_the_heading_names_the_order_unless_it_thanks_for_it() -> None:
    shown = str(order_page())
    assert '"Thank you for your order"' in shown
    assert '"Order {reference}"' in shown
    assert '"Commande {reference}"' in shown
    assert "Your order" not in shown.replace("Your orders", "")


def test_the_page_thanks_for_no_order_canceled_or_failed_however_recent() -> None:
    root = rx.State(_reflex_internal_init=True)
    page = root.substates[OrderState.get_name()]
    recent = replace(order_to("DE"), created_at=utc_now() - timedelta(minutes=5))
    for status in (OrderStatus.PENDING, OrderStatus.PAID):
        page._show(replace(recent, status=status), thanks=True)  # type: ignore[attr-defined]
        assert page.just_placed is True, status
    # Shipped since (its return reloaded; QA), or canceled, failed, refunded.
    for status in (
        OrderStatus.FULFILLED,
        OrderStatus.PARTIALLY_REFUNDED,
        OrderStatus.CANCELED,
        OrderStatus.FAILED,
        OrderStatus.REFUNDED,
    ):
        page._show(replace(recent, status=status), thanks=True)  # type: ignore[attr-defined]
        assert page.just_placed is False, status  # "Your order", its badge says the rest


def test_an_order_whose_authentication_was_left_says_so_not_that_a_bank_will_answer() -> None:
    """Its 3-D Secure window closed, the page said "Thank you" and that it waited for the
    bank's answer, which never comes (QA): it says nothing was charged, and leads back to
    checkout."""
    root = rx.State(_reflex_internal_init=True)
    page = root.substates[OrderState.get_name()]
    recent = replace(order_to("DE"), created_at=utc_now() - timedelta(minutes=10), paid_at=None)
    page._show(replace(recent, status=OrderStatus.REQUIRES_ACTION), thanks=True)  # type: ignore[attr-defined]
    assert (page.just_placed, page.waiting, page.authentication_left) == (False, False, True)
    # The hold's minutes, filled in the page's sentence (storefront/pages/order.py).
    assert '({ ["minutes"] : "15" })' in str(order_page())
    # Its step a minute ago: it may be under way in another tab, where the bank answers.
    stepped = replace(recent, status=OrderStatus.REQUIRES_ACTION, updated_at=utc_now())
    page._show(stepped)  # type: ignore[attr-defined]
    assert (page.waiting, page.authentication_left) == (True, False)
    page._show(replace(recent, status=OrderStatus.PENDING), thanks=True)  # type: ignore[attr-defined]
    assert (page.just_placed, page.waiting, page.authentication_left) == (True, True, False)


def test_a_declined_order_says_so_and_when_it_cancels_not_that_a_bank_will_answer() -> None:
    """A declined order's page said "We are waiting for your bank's answer" (QA): it says
    the bank declined, nothing was charged, the way back to checkout and when it cancels
    by itself (the reconciliation gives it up HOLD_MINUTES after its last change)."""
    root = rx.State(_reflex_internal_init=True)
    page = root.substates[OrderState.get_name()]
    stepped = utc_now() - timedelta(minutes=2)
    failed = replace(
        order_to("DE"), status=OrderStatus.FAILED, paid_at=None, created_at=stepped,
        updated_at=stepped,
    )  # fmt: skip
    page._show(failed)  # type: ignore[attr-defined]
    assert (page.declined, page.waiting, page.authentication_left) == (True, False, False)
    assert (page.just_placed, page.confirmed, page.canceled_unpaid) == (False, False, False)
    assert page.cancels_at == (stepped + timedelta(minutes=15)).isoformat()
    shown = str(order_page())
    assert "order-declined" in shown
    assert '({ ["time"] : ' in shown  # the time filled in the page's sentence
    # Paid again from checkout: nothing of the decline stays.
    page._show(replace(failed, status=OrderStatus.PENDING))  # type: ignore[attr-defined]
    assert (page.declined, page.cancels_at, page.waiting) == (False, "", True)


def test_only_an_order_once_paid_says_its_confirmation_was_sent() -> None:
    """A 3-D Secure order the shop canceled before it was paid said "A confirmation has been
    sent to ..." (none was, none is due); it says nothing was charged (QA)."""
    root = rx.State(_reflex_internal_init=True)
    page = root.substates[OrderState.get_name()]
    page._show(order_to("DE"))  # type: ignore[attr-defined]
    assert (page.confirmed, page.canceled_unpaid) == (True, False)
    void = replace(order_to("DE"), status=OrderStatus.CANCELED, paid_at=None)
    page._show(void)  # type: ignore[attr-defined]
    assert (page.confirmed, page.canceled_unpaid) == (False, True)
    refunded = replace(order_to("DE"), status=OrderStatus.REFUNDED, refunded_minor=4_500)
    page._show(refunded)  # type: ignore[attr-defined]
    assert (page.confirmed, page.canceled_unpaid) == (True, False)
    # Canceled after it was paid: the confirmation mailed then is not what the page is about.
    canceled = replace(order_to("DE"), status=OrderStatus.CANCELED, refunded_minor=4_500)
    page._show(canceled)  # type: ignore[attr-defined]
    assert (page.confirmed, page.canceled_unpaid) == (False, False)


def test_a_paid_order_whose_confirmation_has_not_gone_out_says_it_will_be_sent() -> None:
    """With the mail server down at payment, the page said "A confirmation has been sent to
    ..." of a mail that was dead-lettered, and sent by the reconciliation only ten minutes on
    (QA): it says one will be sent until it went out."""
    root = rx.State(_reflex_internal_init=True)
    page = root.substates[OrderState.get_name()]
    paid = replace(order_to("DE"), paid_at=utc_now() - timedelta(hours=2))
    page._show(paid)  # type: ignore[attr-defined]
    assert (page.confirmed, page.mail_sent, page.mail_due) == (True, False, True)
    page._show(replace(paid, confirmation_sent_at=PLACED))  # type: ignore[attr-defined]
    assert (page.confirmed, page.mail_sent, page.mail_due) == (True, True, False)


def test_a_paid_order_whose_confirmation_the_catch_up_gave_up_says_none_will_be_sent() -> None:
    """Review: the page said "A confirmation will be sent" of an order paid over a day ago,
    whose confirmation the reconciliation's catch-up no longer sends."""
    root = rx.State(_reflex_internal_init=True)
    page = root.substates[OrderState.get_name()]
    paid = replace(order_to("DE"), paid_at=utc_now() - timedelta(days=1, minutes=1))
    page._show(paid)  # type: ignore[attr-defined]
    assert (page.confirmed, page.mail_sent, page.mail_due) == (True, False, False)


def test_a_line_links_to_its_product_on_sale_and_is_plain_once_it_is_not() -> None:
    root = rx.State(_reflex_internal_init=True)
    page = root.substates[OrderState.get_name()]
    card = ProductCard(1, "chair-1", "Chair number 1", "Aalto", 2_000, None, "EUR", 4.0, 3,
                       None, True)  # fmt: skip
    page._show(order_to("DE"), {1: card})  # type: ignore[attr-defined]
    assert [line.href for line in page.lines] == ["/product/chair-1?sku=SKU-1-0"]
    page._show(order_to("DE"), {})  # type: ignore[attr-defined]  # archived, or a draft
    assert [line.href for line in page.lines] == [""]
