"""A reversal invoice built from the order as stored: the credit note it cancels, with exactly
that note's shares, so the two cancel to the cent; the notes issued after it count the
cancelled note as there to credit again; its page by language, escaped; links by number."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from storefront.services.invoices.credit_notes import build_credit_note
from storefront.services.invoices.reversal_invoices import (
    build_reversal_invoice,
    render_reversal_invoice,
    reversal_invoice_links,
    reversal_invoice_path,
)
from storefront.services.orders.ports import CreditNoteRecord, OrderRecord, ReversalRecord
from tests.unit.test_invoice_document import PAID, SELLER, order

PARIS = ZoneInfo("Europe/Paris")
DAY = timedelta(days=1)


def refunded_again(locale: str = "en") -> OrderRecord:
    """The invoice's 52.00 (9.72 VAT at 23 %) refunded (note 1), its refund failed (reversal
    invoice), refunded again (note 2)."""
    reversal = ReversalRecord("F2027-000030", PAID + 2 * DAY, date(2027, 1, 3))
    notes = (
        CreditNoteRecord("A2027-000004", 5_200, PAID, date(2027, 1, 1), reversal),
        CreditNoteRecord("A2027-000011", 5_200, PAID + 3 * DAY, date(2027, 1, 4)),
    )
    return replace(order(locale, refunded=5_200), credit_notes=notes)


def test_the_reversal_invoice_carries_its_note_s_figures_and_the_next_note_the_invoice_s() -> None:
    reversal = build_reversal_invoice(refunded_again(), "F2027-000030", SELLER, PARIS)
    first = build_credit_note(refunded_again(), "A2027-000004", SELLER, PARIS)
    again = build_credit_note(refunded_again(), "A2027-000011", SELLER, PARIS)
    assert reversal is not None
    assert first is not None
    assert again is not None
    assert (reversal.amount_minor, reversal.vat_minor) == (5_200, 972)
    assert reversal.shares == first.shares
    assert (reversal.credit_note, reversal.issued_on) == ("A2027-000004", date(2027, 1, 3))
    assert reversal.invoice.number == "F2027-000001"
    assert (again.amount_minor, again.vat_minor) == (5_200, 972)  # the invoice's VAT again


def test_a_note_issued_before_the_reversal_invoice_keeps_its_split() -> None:
    reversal = ReversalRecord("F2027-000030", PAID + 2 * DAY, date(2027, 1, 3))
    notes = (
        CreditNoteRecord("A2027-000004", 2_000, PAID, date(2027, 1, 1), reversal),
        CreditNoteRecord("A2027-000009", 3_200, PAID + DAY, date(2027, 1, 2)),
        CreditNoteRecord("A2027-000012", 2_000, PAID + 3 * DAY, date(2027, 1, 4)),
    )
    record = replace(order(refunded=5_200), credit_notes=notes)
    vats = [
        note.vat_minor
        for number in ("A2027-000004", "A2027-000009", "A2027-000012")
        if (note := build_credit_note(record, number, SELLER, PARIS)) is not None
    ]
    assert vats == [374, 598, 374]  # 598 as with no reversal (test_credit_note_page)
    assert vats[1] + vats[2] == 972  # the notes standing carry the invoice's VAT


def test_a_number_the_order_does_not_have_has_no_reversal_invoice() -> None:
    assert build_reversal_invoice(refunded_again(), "F2027-000031", SELLER, PARIS) is None
    assert build_reversal_invoice(refunded_again(), "F2027-000001", SELLER, PARIS) is None
    assert build_reversal_invoice(refunded_again(), "A2027-000004", SELLER, PARIS) is None
    uninvoiced = replace(refunded_again(), invoice_number=None, invoiced_at=None)
    assert build_reversal_invoice(uninvoiced, "F2027-000030", SELLER, PARIS) is None


def test_the_page_names_the_invoice_and_the_note_it_cancels_in_the_order_s_language() -> None:
    en_doc = build_reversal_invoice(refunded_again("en"), "F2027-000030", SELLER, PARIS)
    fr_doc = build_reversal_invoice(refunded_again("fr"), "F2027-000030", SELLER, PARIS)
    assert en_doc is not None
    assert fr_doc is not None
    en, fr = render_reversal_invoice(en_doc), render_reversal_invoice(fr_doc)
    assert "<h1>Invoice F2027-000030</h1>" in en
    assert (
        "Cancels credit note A2027-000004 of 1 January 2027 to invoice F2027-000001"
        " of 1 January 2027" in en
    )
    assert "Issue date: 3 January 2027" in en
    assert "€42.28" in en  # excl. VAT: 52.00 less 9.72
    assert "€9.72" in en
    assert "Total invoiced" in en
    assert "Maison &amp; Fils" in en
    assert "<h1>Facture F2027-000030</h1>" in fr
    assert (
        "Annule l’avoir A2027-000004 du 1er janvier 2027 sur la facture F2027-000001"
        " du 1er janvier 2027" in fr
    )
    assert "Le remboursement de cet avoir a échoué\u202f:" in fr
    assert "42,28\u00a0€" in fr


def test_links_name_the_cancelled_note_carry_the_key_and_escape_the_reference() -> None:
    record = replace(refunded_again(), reference="BQ 7")
    assert reversal_invoice_links(record, "k&1") == [
        ("F2027-000030", "A2027-000004", "/api/orders/BQ%207/invoices/F2027-000030?key=k%261")
    ]
    assert record.reversal_invoices == (("F2027-000030", "A2027-000004"),)
    assert reversal_invoice_links(order(), "k") == []
    assert reversal_invoice_path(record, "F2027-000030", admin=True) == (
        "/api/admin/orders/BQ%207/invoices/F2027-000030"
    )
