"""A credit note built from the order as stored and its notes, and its page: the invoice it
corrects, the amount split by VAT, in the order's language, escaped; links by number."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

from storefront.services.invoices.credit_notes import (
    build_credit_note,
    credit_note_links,
    credit_note_path,
    render_credit_note,
)
from storefront.services.orders.ports import CreditNoteRecord, OrderRecord
from tests.unit.test_invoice_document import PAID, SELLER, order

PARIS = ZoneInfo("Europe/Paris")


def refunded(locale: str = "en") -> OrderRecord:
    """The invoice's 52.00 (9.72 VAT at 23 %) refunded in two notes: 20.00, then 32.00."""
    notes = (
        CreditNoteRecord("A2027-000004", 2_000, PAID, date(2027, 1, 3)),
        CreditNoteRecord("A2027-000009", 3_200, PAID, date(2027, 1, 5)),
    )
    return replace(order(locale, refunded=5_200), credit_notes=notes)


def test_each_note_carries_its_share_and_together_the_invoice_s_figures() -> None:
    first = build_credit_note(refunded(), "A2027-000004", SELLER, PARIS)
    second = build_credit_note(refunded(), "A2027-000009", SELLER, PARIS)
    assert first is not None
    assert second is not None
    assert (first.amount_minor, first.vat_minor) == (2_000, 374)  # 20.00 x 9.72 / 52.00
    assert (second.amount_minor, second.vat_minor) == (3_200, 598)
    assert first.vat_minor + second.vat_minor == 972  # the invoice's VAT, to the cent
    assert second.issued_on == date(2027, 1, 5)
    assert second.invoice.number == "F2027-000001"


def test_a_number_the_order_does_not_have_and_an_order_without_invoice_have_no_note() -> None:
    assert build_credit_note(refunded(), "A2027-000005", SELLER, PARIS) is None
    uninvoiced = replace(refunded(), invoice_number=None, invoiced_at=None)
    assert build_credit_note(uninvoiced, "A2027-000004", SELLER, PARIS) is None


def test_the_page_is_in_the_order_s_language_and_escaped() -> None:
    en_note = build_credit_note(refunded("en"), "A2027-000004", SELLER, PARIS)
    fr_note = build_credit_note(refunded("fr"), "A2027-000004", SELLER, PARIS)
    assert en_note is not None
    assert fr_note is not None
    en, fr = render_credit_note(en_note), render_credit_note(fr_note)
    assert "<h1>Credit note A2027-000004</h1>" in en
    assert "Credit note to invoice F2027-000001 of 1 January 2027" in en
    assert "Issue date: 3 January 2027" in en
    assert "€16.26" in en  # excl. VAT: 20.00 less 3.74
    assert "€3.74" in en
    assert "Maison &amp; Fils" in en
    assert "Ireland" in en
    assert "<h1>Avoir A2027-000004</h1>" in fr
    assert "Avoir sur la facture F2027-000001 du 1er janvier 2027" in fr
    assert "16,26\u00a0€" in fr
    assert "23\u202f%" in fr


def test_links_carry_the_visitor_s_key_and_escape_the_reference() -> None:
    record = replace(refunded(), reference="BQ 7")
    assert credit_note_links(record, "k&1") == [
        ("A2027-000004", "/api/orders/BQ%207/credit-notes/A2027-000004?key=k%261"),
        ("A2027-000009", "/api/orders/BQ%207/credit-notes/A2027-000009?key=k%261"),
    ]
    assert credit_note_links(order(), "k") == []
    assert credit_note_path(record, "A2027-000004", admin=True) == (
        "/api/admin/orders/BQ%207/credit-notes/A2027-000004"
    )
