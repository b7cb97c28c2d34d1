"""An order's invoice, credit notes and the invoices cancelling them, as links to their
printable pages (each a page of its own, to print or save): on the shopper's order page and
the admin's order detail."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.i18n import t


def invoice_link(url: rx.Var[str], *number: Any) -> rx.Component:
    """The invoice's link once there is one (`url`), followed by its `number` if given."""
    shown = (" ", *number) if number else ()
    return rx.cond(
        url != "",
        rx.link(t("invoice.link"), *shown, href=url, is_external=True, data_testid="order-invoice"),
    )


def credit_note_links(notes: rx.Var[list[dict[str, str]]]) -> rx.Component:
    """A link to each credit note ({"number", "url"}), oldest first."""
    return rx.foreach(
        notes,
        lambda note: rx.link(
            t("credit_note.link"),
            " ",
            note["number"],
            href=note["url"],
            is_external=True,
            data_testid="order-credit-note",
        ),
    )


def reversal_invoice_links(invoices: rx.Var[list[dict[str, str]]]) -> rx.Component:
    """A link to each invoice cancelling a credit note ({"number", "note", "url"})."""
    return rx.foreach(
        invoices,
        lambda invoice: rx.link(
            t("invoice.link"),
            " ",
            invoice["number"],
            " ",
            t("reversal_invoice.link_cancels"),
            " ",
            invoice["note"],
            href=invoice["url"],
            is_external=True,
            data_testid="order-reversal-invoice",
        ),
    )
