"""Admin pages as compiled: codes shown by their labels, days formatted, tables headed."""

from __future__ import annotations

import json

import reflex as rx

from storefront.i18n import MESSAGES
from storefront.pages.admin.customer_detail import customer_detail_page
from storefront.pages.admin.discounts import discounts_page
from storefront.pages.admin.order_detail import order_detail_page
from storefront.pages.admin.product_edit import product_edit_page
from storefront.pages.admin.product_stock import stock_card


def by_testid(component: rx.Component, testid: str) -> rx.Component:
    found = [c for c in walk(component) if c.custom_attrs.get("data-testid") == testid]
    assert len(found) == 1, testid
    return found[0]


def walk(component: rx.Component) -> list[rx.Component]:
    found = [component]
    for child in component.children:
        found.extend(walk(child))
    return found


def rendered(component: rx.Component) -> str:
    """The JavaScript the component's children are drawn from."""

    def contents(node: object) -> list[str]:
        if isinstance(node, dict):
            return [str(node.get("contents", "")), *contents(node.get("children", []))]
        return (
            [text for child in node for text in contents(child)] if isinstance(node, list) else []
        )

    return "\n".join(contents(component.render()))


def js(text: str) -> str:
    """A string as the compiled page writes it (non-ASCII escaped)."""
    return json.dumps(text)


def test_the_order_page_names_the_shipping_method_and_the_carrier() -> None:
    page = order_detail_page()
    method = rendered(by_testid(page, "order-method"))
    for key in ("order.method.standard", "order.method.express"):  # not the checkout's pitch
        assert (js(MESSAGES[key]["en"]) in method, js(MESSAGES[key]["fr"]) in method) == (
            True,
            True,
        )
    shipment = rendered(by_testid(page, "order-shipment"))
    for key in ("admin.carrier.la_poste", "admin.carrier.other"):
        assert js(MESSAGES[key]["en"]) in shipment


def test_a_discounts_last_day_is_written_as_a_date_on_that_day_wherever_the_reader_is() -> None:
    cell = rendered(by_testid(discounts_page(), "discount-expires"))
    assert "Intl.DateTimeFormat" in cell
    assert "dateStyle: 'long', timeZone: 'UTC'" in cell


def test_the_stock_history_has_a_header_for_each_column() -> None:
    table = by_testid(stock_card(), "stock-history")
    headers = [c for c in walk(table) if c.tag == "Table.ColumnHeaderCell"]
    row = [c for c in walk(table) if c.custom_attrs.get("data-testid") == "stock-history-row"]
    cells = [c for c in walk(row[0]) if c.tag == "Table.Cell"]
    assert len(headers) == len(cells) == 7


def test_every_page_of_one_item_links_back_to_its_list_with_an_arrow() -> None:
    for page in (order_detail_page(), customer_detail_page(), product_edit_page()):
        link = by_testid(page, "admin-back")
        texts = [
            v
            for k, v in MESSAGES.items()
            if k.endswith(".back") and js(v["en"]) in (rendered(link))
        ]
        assert len(texts) == 1, link
        assert [text[:2] for text in texts[0].values()] == ["← ", "← "]
