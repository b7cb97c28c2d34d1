"""Building an invoice from what a paid order stored, and its page (escaped, by language)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from models.orders import OrderStatus
from storefront.i18n import country_name
from storefront.i18n_format import format_date, format_money
from storefront.i18n_invoice import INVOICE_MESSAGES
from storefront.services.checkout.pricing import Totals
from storefront.services.invoices.credit_notes import build_credit_note, render_credit_note
from storefront.services.invoices.document import build_invoice, invoice_link, seller_of
from storefront.services.invoices.page import render_invoice
from storefront.services.invoices.reversal_invoices import (
    build_reversal_invoice,
    render_reversal_invoice,
)
from storefront.services.orders.ports import Address, OrderItem, OrderRecord

PAID = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 1 January 2027 in Paris
SELLER = seller_of("Maison & Fils", "1 rue A |\n 75001 Paris", "FR40123456824", "RCS 1")


def order(
    locale: str = "en", number: str | None = "F2027-000001", refunded: int = 0
) -> OrderRecord:
    return OrderRecord(
        id=7, reference="BQ-7", status=OrderStatus.PAID, account_id=None, cart_id=None,
        email="ann@example.com", locale=locale,
        address=Address("Ann", "2 Main St", "", "D02", "Dublin", "IE"),
        shipping_method="standard", discount_code="TEN",
        amounts=Totals(5_000, 500, 700, 5_200, 2_300, 972, "EUR"),
        refunded_minor=refunded, payment_intent_id=None, payment_error="", access_key="k",
        created_at=PAID, paid_at=PAID,
        lines=(OrderItem(1, "A", "Lamp <b>", 2, 1_500), OrderItem(2, "B", "Rug", 1, 2_000, "L")),
        invoice_number=number, invoiced_at=None if number is None else PAID,
    )  # fmt: skip


def test_an_order_without_a_number_has_no_invoice() -> None:
    assert build_invoice(order(number=None), SELLER, ZoneInfo("Europe/Paris")) is None


def test_the_invoice_holds_what_the_order_stored() -> None:
    invoice = build_invoice(order(), SELLER, ZoneInfo("Europe/Paris"))
    assert invoice is not None
    assert invoice.issued_on.isoformat() == "2027-01-01"  # the shop's day, not UTC's
    stored = build_invoice(replace(order(), invoice_date=date(2026, 12, 31)), SELLER, UTC)
    assert stored is not None
    assert stored.issued_on == date(2026, 12, 31)  # as stored when issued, whatever the zone
    assert [(li.quantity, li.unit_price_minor, li.total_minor) for li in invoice.lines] == [
        (2, 1_500, 3_000),
        (1, 2_000, 2_000),
    ]
    assert {li.vat_rate_bp for li in invoice.lines} == {2_300}  # the destination's, as stored
    assert (invoice.shipping_minor, invoice.discount_minor) == (700, 500)
    assert (invoice.total_excl_vat_minor, invoice.vat_minor) == (4_228, 972)
    assert invoice.total_incl_vat_minor == 5_200
    assert SELLER.address_lines == ("1 rue A", "75001 Paris")


def test_the_page_is_in_the_order_s_language_and_escaped() -> None:
    zone = ZoneInfo("Europe/Paris")
    english = build_invoice(order("en"), SELLER, zone)
    french = build_invoice(order("fr"), SELLER, zone)
    assert english is not None
    assert french is not None
    en, fr = render_invoice(english), render_invoice(french)
    assert "Invoice F2027-000001" in en
    assert "VAT (23%)" in en
    assert "€42.28" in en
    assert "Issue date: 1 January 2027" in en  # the reader's dates, not dd/mm/yyyy
    assert "Ireland" in en
    assert "Facture F2027-000001" in fr
    assert "TVA (23\u202f%)" in fr
    assert "42,28\u00a0€" in fr
    assert "Date d’émission\u202f: 1er janvier 2027" in fr
    assert "Irlande" in fr
    assert "IE<" not in en + fr  # the country by name, not its code
    assert "Lamp &lt;b&gt;" in en
    assert "<b>" not in en
    assert "Maison &amp; Fils" in en


def test_an_invoice_refunded_since_says_how_much_went_back() -> None:
    zone = ZoneInfo("Europe/Paris")
    whole = build_invoice(order("en"), SELLER, zone)
    refunded = build_invoice(order("fr", refunded=1_200), SELLER, zone)
    assert whole is not None
    assert refunded is not None
    assert "Refunded" not in render_invoice(whole)
    page = render_invoice(refunded)
    assert "Remboursé après cette facture\u202f: 12,00\u00a0€" in page
    assert "Total TTC" in page  # the invoice itself stands as issued


def test_the_order_page_links_the_invoice_once_there_is_one() -> None:
    assert invoice_link(order(number=None), "k") == ""
    assert invoice_link(order(), "") == "/api/orders/BQ-7/invoice"  # the owner's cookie
    assert invoice_link(order(), "a b&c") == "/api/orders/BQ-7/invoice?key=a+b%26c"


def test_the_french_invoice_texts_keep_a_narrow_no_break_space_before_colons_and_percents() -> None:
    french = [entry["fr"] for entry in INVOICE_MESSAGES.values()]
    assert not [text for text in french if re.search(r" [:;?!%]", text)]
    assert any("\u202f:" in text for text in french)


def test_amounts_dates_and_countries_are_written_as_the_reader_s_pages_write_them() -> None:
    assert format_money("fr", 123_456_789, "EUR") == "1\u202f234\u202f567,89\u00a0€"
    assert format_money("en", 123_456_789, "EUR") == "€1,234,567.89"
    assert format_money("en", 1_500, "JPY") == "JPY\u00a01,500"
    assert format_money("fr", -250, "EUR") == "-2,50\u00a0€"
    assert format_date("en", date(2026, 12, 4)) == "4 December 2026"
    assert format_date("fr", date(2026, 8, 1)) == "1er août 2026"  # as French writes it
    assert (country_name("en", "DE"), country_name("fr", "DE")) == ("Germany", "Allemagne")
    assert country_name("fr", "us") == "us"  # not in the checkout's list: left as given


VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


def test_every_invoice_document_is_laid_out_at_a_phone_s_width_and_prints_as_before() -> None:
    """Without the viewport meta a phone drew the invoice 980 px wide and shrunk it (QA):
    the invoice, its credit notes and the invoices cancelling them carry it, and the style
    that lays them out at 390 px (on screens only: printing keeps the table)."""
    from tests.unit.test_credit_note_page import refunded
    from tests.unit.test_reversal_invoice_page import refunded_again

    zone = ZoneInfo("Europe/Paris")
    invoice = build_invoice(order("fr"), SELLER, zone)
    note = build_credit_note(refunded(), "A2027-000004", SELLER, zone)
    reversal = build_reversal_invoice(refunded_again(), "F2027-000030", SELLER, zone)
    assert invoice is not None
    assert note is not None
    assert reversal is not None
    for page in (
        render_invoice(invoice),
        render_credit_note(note),
        render_reversal_invoice(reversal),
    ):
        head = page[: page.index("<body>")]
        assert head.count(VIEWPORT) == 1
        assert "@media print{button{display:none}}" in head
        assert "@media screen and (max-width:36rem){" in head


def test_on_a_phone_each_invoice_line_names_its_figures_by_their_column() -> None:
    invoice = build_invoice(order("fr"), SELLER, ZoneInfo("Europe/Paris"))
    assert invoice is not None
    page = render_invoice(invoice)
    assert '<table class="lines">' in page
    assert (
        "<tr><td>Lamp &lt;b&gt;</td>"
        '<td class="n" data-label="Qté">2</td>'
        '<td class="n" data-label="Prix unitaire TTC">15,00\u00a0€</td>'
        '<td class="n" data-label="Taux de TVA">23\u202f%</td>'
        '<td class="n" data-label="Total TTC">30,00\u00a0€</td></tr>'
    ) in page
