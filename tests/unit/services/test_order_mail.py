"""The mail confirming a paid order, in the shopper's language."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from models.orders import OrderStatus
from storefront.services.checkout.pricing import Totals
from storefront.services.orders.mail import confirmation_mail
from storefront.services.orders.ports import Address, OrderItem, OrderRecord

PLACED = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
ORDER = OrderRecord(
    1, "ABCDEF2345", OrderStatus.PAID, None, None, "gita@example.com", "en",
    Address("Gita Gast", "Unter den Linden 1", "", "10115", "Berlin", "DE"),
    "standard", None, Totals(4_000, 0, 500, 4_500, 1_900, 718, "EUR"), 0, None, "",
    "k3y", PLACED, PLACED, (OrderItem(1, "SKU-1-0", "Chair number 1", 2, 2_000),),
)  # fmt: skip


def test_the_address_ends_with_its_country_named_in_the_shoppers_language() -> None:
    _, body = confirmation_mail(ORDER, "https://shop.example/order/ABCDEF2345?key=k3y")
    assert "  10115 Berlin\n  Germany\n" in body
    _, body = confirmation_mail(replace(ORDER, locale="fr"), "https://shop.example/o")
    assert "  10115 Berlin\n  Allemagne\n" in body


def test_a_country_without_a_name_keeps_its_code() -> None:
    unlisted = replace(ORDER, address=replace(ORDER.address, country="XK"))
    _, body = confirmation_mail(unlisted, "https://shop.example/o")
    assert "  10115 Berlin\n  XK\n" in body


def test_the_mail_says_which_delivery_was_chosen_in_the_shoppers_language() -> None:
    _, body = confirmation_mail(replace(ORDER, shipping_method="express"), "https://s/o")
    assert "\nDelivery: Express, next working day\nDelivered to:\n" in body
    _, body = confirmation_mail(replace(ORDER, locale="fr"), "https://s/o")
    assert "\nLivraison\u202f: Standard, 3 à 5 jours ouvrés\nLivraison à\u202f:\n" in body
    _, body = confirmation_mail(replace(ORDER, shipping_method=""), "https://s/o")
    assert "Delivery:" not in body  # none recorded: none named


def test_each_line_names_the_variant_bought_not_its_sku() -> None:
    navy = replace(ORDER.lines[0], options="M · Navy")
    _, body = confirmation_mail(replace(ORDER, lines=(navy,)), "https://s/o")
    assert "\n  2 × Chair number 1 (M · Navy) — €40.00\n" in body
    assert "SKU-1-0" not in body
    _, body = confirmation_mail(replace(ORDER, locale="fr", lines=(navy,)), "https://s/o")
    assert "\n  2 × Chair number 1 (M · Navy) — 40,00\u00a0€\n" in body
    _, body = confirmation_mail(ORDER, "https://s/o")  # a product without variants
    assert "\n  2 × Chair number 1 — €40.00\n" in body


def test_the_vat_rate_is_written_as_the_shopper_writes_a_decimal() -> None:
    finnish = replace(
        ORDER,
        address=replace(ORDER.address, country="FI"),
        amounts=Totals(12_550, 0, 0, 12_550, 2_550, 2_550, "EUR"),
    )
    _, body = confirmation_mail(finnish, "https://s/o")
    assert "\nIncluding VAT at 25.5%: €25.50\n" in body
    _, body = confirmation_mail(replace(finnish, locale="fr"), "https://s/o")
    assert "\nDont TVA à 25,5\u202f%\u202f: 25,50\u00a0€\n" in body
    _, body = confirmation_mail(ORDER, "https://s/o")
    assert "\nIncluding VAT at 19%: €7.18\n" in body


def test_the_mail_links_the_refund_policy_in_the_shoppers_language() -> None:
    url = "https://shop.example/policies/refund"
    _, body = confirmation_mail(ORDER, "https://s/o", url)
    assert body.endswith("\nReturns and refunds (30-day right of withdrawal):\n" + url)
    # The shop's own period (BOUTIQUE_WITHDRAWAL_DAYS), as its pages say it: the mail said
    # 14 days, the footer 30 (QA).
    _, body = confirmation_mail(replace(ORDER, locale="fr"), "https://s/o", url, 14)
    french = "\nRetours et remboursements (droit de rétractation de 14 jours)\u202f:\n"
    assert body.endswith(french + url)
    _, body = confirmation_mail(ORDER, "https://s/o")
    assert "Returns and refunds" not in body  # no link given: no line


def test_the_amounts_are_written_as_a_french_reader_writes_them_and_the_code_is_named() -> None:
    # They read "Sous-total: 40,00 €" and "Remise: -4,00 €", where the mail's other French
    # lines (and the order page) write "Livraison\u202f: …" and "−4,00\u00a0€" with the code.
    discounted = replace(
        ORDER, discount_code="WELCOME10", amounts=Totals(4_000, 400, 500, 4_100, 2_000, 683, "EUR")
    )
    _, body = confirmation_mail(replace(discounted, locale="fr"), "https://s/o")
    assert (
        "\nSous-total\u202f: 40,00\u00a0€\nRemise WELCOME10\u202f: −4,00\u00a0€"
        "\nFrais de livraison\u202f: 5,00\u00a0€\nTotal\u202f: 41,00\u00a0€\n"
    ) in body
    _, body = confirmation_mail(discounted, "https://s/o")
    english = "\nSubtotal: €40.00\nDiscount WELCOME10: −€4.00\nShipping: €5.00\nTotal: €41.00\n"
    assert english in body
    _, body = confirmation_mail(ORDER, "https://s/o")
    assert "Discount" not in body  # no discount: no line


def test_free_shipping_is_said_as_the_order_page_says_it() -> None:
    free = replace(ORDER, amounts=Totals(4_000, 0, 0, 4_000, 1_900, 667, "EUR"))
    _, body = confirmation_mail(free, "https://s/o")
    assert "\nShipping: Free\nTotal: €40.00\n" in body
    _, body = confirmation_mail(replace(free, locale="fr"), "https://s/o")
    assert "\nFrais de livraison\u202f: Offerts\nTotal\u202f: 40,00\u00a0€\n" in body


def test_large_amounts_are_grouped_as_the_pages_prices_are() -> None:
    # As Intl writes them on the pages: thousands grouped (a narrow no-break space between the
    # groups in French) and the currency never broken from its amount.
    dear = replace(
        ORDER,
        lines=(OrderItem(1, "SKU-1-0", "Chair number 1", 2, 617_275),),
        amounts=Totals(1_234_550, 0, 0, 1_234_550, 1_900, 197_118, "EUR"),
    )
    _, body = confirmation_mail(dear, "https://s/o")
    assert "\n  2 × Chair number 1 — €12,345.50\n" in body
    assert "\nTotal: €12,345.50\n" in body
    _, body = confirmation_mail(replace(dear, locale="fr"), "https://s/o")
    assert "\n  2 × Chair number 1 — 12\u202f345,50\u00a0€\n" in body
    assert "\nTotal\u202f: 12\u202f345,50\u00a0€\n" in body
    assert "\nDont TVA à 19\u202f%\u202f: 1\u202f971,18\u00a0€\n" in body
