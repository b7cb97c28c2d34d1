"""The admin's customer pages as compiled: the two GDPR actions sit behind a confirm step."""

from __future__ import annotations

import reflex as rx

from storefront.pages.admin.customer_detail import customer_detail_page
from storefront.pages.admin.customers import customers_page
from tests.unit.test_admin_labels import walk as _walk


def _find(component: rx.Component, tag: str) -> list[rx.Component]:
    found = [component] if component.tag == tag else []
    for child in component.children:
        found.extend(_find(child, tag))
    return found


def _testids(component: rx.Component) -> set[str]:
    ids = {str(c.custom_attrs.get("data-testid", "")) for c in _walk(component)}
    return ids - {""}


def test_the_data_download_is_the_confirm_dialogs_action() -> None:
    [download] = [
        d
        for d in _find(customer_detail_page(), "AlertDialog.Root")
        if "customer-data-confirm" in _testids(d)
    ]
    [trigger] = _find(download, "AlertDialog.Trigger")
    [action] = _find(download, "AlertDialog.Action")
    assert "customer-data" in _testids(trigger)
    assert "customer-data-confirm" in _testids(action)
    assert "customer-data-confirm" not in _testids(trigger)


def test_closing_is_a_form_in_a_dialog_asking_for_the_email() -> None:
    [dialog] = _find(customer_detail_page(), "Dialog.Root")
    [content] = _find(dialog, "Dialog.Content")
    assert {"customer-close-confirm", "field-confirm_email"} <= _testids(content)
    [trigger] = _find(dialog, "Dialog.Trigger")
    assert "customer-close-confirm" not in _testids(trigger)


def test_the_list_links_each_row_to_its_customer() -> None:
    assert {"customer-link", "customers-filter", "admin-next"} <= _testids(customers_page())
