"""The admin's order page as compiled: what the browser is given to draw."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import reflex as rx

from models.orders import OrderStatus
from state.admin.order_rows import order_row
from state.admin.orders import AdminOrderState
from storefront.i18n import translations
from storefront.pages.admin.order_detail import order_detail_page
from storefront.services.admin.order_views import OrderRow


def _find(component: rx.Component, tag: str) -> list[rx.Component]:
    found = [component] if component.tag == tag else []
    for child in component.children:
        found.extend(_find(child, tag))
    return found


def test_the_refund_confirmation_names_the_amount_asked() -> None:
    """Opened by the server once it has read the amount, and saying it in its question."""
    dialogs = [
        d
        for d in _find(order_detail_page(), "AlertDialog.Root")
        if str(AdminOrderState.refund_asked_minor) in str(d.open)  # type: ignore[attr-defined]
    ]
    assert len(dialogs) == 1
    (title,) = _find(dialogs[0], "AlertDialog.Title")
    question = str(title.render())
    assert str(AdminOrderState.refund_asked_minor) in question
    assert "{amount}" in question  # replaced in the browser, in the reader's language


def _conds(component: rx.Component) -> list[rx.Component]:
    found = [component] if type(component).__name__ == "Cond" else []
    for child in component.children:
        found.extend(_conds(child))
    return found


def test_a_refund_that_failed_after_it_went_through_is_called_out() -> None:
    """The order says so at its top when one did, and the refund's row says when, and what
    it means."""
    page = order_detail_page()
    (shown,) = [c for c in _conds(page) if "refund_reversed" in str(c.cond)]  # type: ignore[attr-defined]
    assert "order-refund-reversed" in str(shown.render())
    (note,) = [c for c in _find(page, "Table.Cell") if 'refund-note"' in str(c.render())]
    drawn = str(note.render())
    assert "reversed" in drawn
    assert "failed_at" in drawn
    assert "{date}" in drawn  # replaced in the browser, in the reader's language


def test_a_canceled_order_whose_refund_failed_is_called_out_with_the_refund_form() -> None:
    """Its own alert (refund it again), and the refund form shown while something is owed,
    canceled or not: the form's condition names no status."""
    page = order_detail_page()
    (shown,) = [c for c in _conds(page) if "refund_owed" in str(c.cond)]  # type: ignore[attr-defined]
    assert "order-refund-owed" in str(shown.render())
    (form,) = [c for c in _conds(page) if "refundable_minor" in str(c.cond)]  # type: ignore[attr-defined]
    assert "status" not in str(form.cond)  # type: ignore[attr-defined]


def test_the_refund_form_shows_staff_their_limit_before_they_ask() -> None:
    """Beside the form, for staff (an admin's limit is -1: none), the limit and what is left
    of it on this order, formatted in the reader's language."""
    (shown,) = [
        c
        for c in _conds(order_detail_page())
        if str(AdminOrderState.refund_limit_minor) in str(c.cond)  # type: ignore[attr-defined]
    ]
    drawn = str(shown.render())
    assert "order-refund-limit" in drawn
    assert "{limit}" in drawn
    assert "{left}" in drawn
    assert str(AdminOrderState.refund_limit_left_minor) in drawn


def test_the_refund_amount_starts_at_what_the_reader_may_refund() -> None:
    """Filled with the state's refund_default_text (for staff, no more than their limit
    leaves), not with all that is left to refund."""
    drawn = str(order_detail_page().render())
    assert str(AdminOrderState.refund_default_text) in drawn  # type: ignore[attr-defined]
    assert "refundable_text" not in drawn


def test_a_customers_cancel_request_can_be_released_once_confirmed() -> None:
    """Shown while the customer is canceling (instead of the refund form), acting only from
    its confirmation; a cancel that failed is called out at the order's top."""
    page = order_detail_page()
    canceling = [c for c in _conds(page) if str(c.cond).endswith('["customer_canceling"]')]  # type: ignore[attr-defined]
    (offer,) = [c for c in canceling if "order-release-cancel" in str(c.render())]
    (dialog,) = _find(offer, "AlertDialog.Root")
    (action,) = _find(dialog, "AlertDialog.Action")
    assert "release_cancel" in str(action.render())
    (refund_form,) = [c for c in _conds(page) if "refundable_minor" in str(c.cond)]  # type: ignore[attr-defined]
    assert "customer_canceling" in str(refund_form.cond)  # type: ignore[attr-defined]
    (failed,) = [c for c in _conds(page) if str(c.cond).endswith('["cancel_released"]')]  # type: ignore[attr-defined]
    assert "order-cancel-released" in str(failed.render())


def test_the_list_tells_a_declined_attempt_from_a_sale_canceled() -> None:
    """Each declined card left a "Canceled" order, alike in the list to a sale canceled and
    refunded (QA): one never paid says so."""
    placed = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    row = OrderRow(
        1, "ABCDEF2345", OrderStatus.CANCELED, "a@example.com", "Ann", 4_500, "EUR", 0,
        placed, None, 1,
    )  # fmt: skip
    assert order_row(row).never_paid is True
    assert order_row(replace(row, paid_at=placed)).never_paid is False  # paid, then canceled
    assert order_row(replace(row, status=OrderStatus.FAILED)).never_paid is False


def test_a_cancels_refund_reason_reads_in_the_pages_language() -> None:
    """Stored in English ("canceled by the shop"); shown in French under "Motif" (QA)."""
    from state.admin.order_view import _reason_labels

    assert _reason_labels("canceled by the shop")["fr"] == "Annulée par la boutique"
    assert _reason_labels("canceled by the customer")["fr"] == "Annulée par le client"
    assert _reason_labels("scratched on arrival") == {}  # the merchant's own words, as typed
    (cell,) = [c for c in _find(order_detail_page(), "Table.Cell") if "reason_labels" in str(c)]
    assert '["reason"]' in str(cell)  # the merchant's own, else


def test_a_paid_cancel_names_what_goes_back_and_staff_over_their_limit_are_told_why() -> None:
    page = order_detail_page()
    dialogs = [d for d in _find(page, "AlertDialog.Root") if "order-cancel-paid" in str(d)]
    assert len(dialogs) == 1
    (said,) = _find(dialogs[0], "AlertDialog.Description")
    assert '["total_minor"]' in str(said.render())
    (hint,) = [c for c in _conds(page) if "cancel_needs_admin" in str(c.cond)]  # type: ignore[attr-defined]
    assert "order-cancel-needs-admin" in str(hint.render())
    # What is left, not its total: a partial refund before the cancel stays given (QA).
    assert '["refunded_minor"]' in str(hint.render())
    assert "{amount}" in translations("admin.order.cancel_needs_admin")["fr"]


def test_to_ship_marks_in_red_and_warns_of_the_orders_whose_customer_asked_to_cancel() -> None:
    """A solid red badge on the row, with what it means on hover, and above the rows a
    warning counting them with a button listing just them (QA: one was packed)."""
    from storefront.pages.admin.orders import orders_page

    page = orders_page()
    (badge,) = [c for c in _conds(page) if str(c.cond).endswith('["cancel_released"]')]  # type: ignore[attr-defined]
    drawn = str(badge.render())
    assert "order-cancel-released" in drawn
    assert '"solid"' in drawn
    assert '"red"' in drawn
    (warning,) = [
        c
        for c in _conds(page)
        if "cancel_released" in str(c.cond) and "orders-cancel-released-warning" in str(c.render())  # type: ignore[attr-defined]
    ]
    assert "orders-cancel-released-show" in str(warning.render())
