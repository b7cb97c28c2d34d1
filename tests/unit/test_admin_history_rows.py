"""The admin's history rows (stock moves, audit entries) as a merchant reads them."""

from __future__ import annotations

import json

import reflex as rx

from state.admin.audit import AuditItem
from state.admin.product_edit import HistoryItem
from storefront.pages.admin.audit import _entry
from storefront.pages.admin.product_stock import _history


def test_a_stock_move_shows_its_date_and_time_and_its_reason_in_the_pages_language() -> None:
    row = str(_history(rx.Var("move").to(HistoryItem)))
    assert "Intl.DateTimeFormat" in row  # not 2026-12-02T11:08:36.309250+00:00
    assert json.dumps("Damaged") in row  # not "damaged"
    assert json.dumps("Endommagé") in row


def test_a_stock_moves_change_is_signed_as_it_was_typed() -> None:
    """ "+5" received, "-2" taken out: not "5" under "Change" (QA)."""
    row = str(_history(rx.Var("move").to(HistoryItem)))
    assert '((move?.["delta"] > 0) ? "+" : "")' in row


def test_an_audit_entry_shows_its_date_and_time_formatted() -> None:
    assert "Intl.DateTimeFormat" in str(_entry(rx.Var("entry").to(AuditItem)))
