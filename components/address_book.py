"""The account page's saved addresses: the list with a remove button, and a form to add one."""

from __future__ import annotations

import reflex as rx

from components.form_fields import address_fields, country_select
from components.i18n import pick, t
from state.address_book import AddressBookState, AddressItem


def _row(item: AddressItem) -> rx.Component:
    return rx.hstack(
        rx.text(item.summary, size="2"),
        rx.spacer(),
        rx.button(
            t("account.address_remove"),
            on_click=AddressBookState.remove(item.id),
            variant="ghost",
            color_scheme="red",
            size="1",
            aria_label=t("account.address_remove"),
        ),
        width="100%",
        padding_y="0.5em",
        border_bottom="1px solid var(--gray-a4)",
        data_testid="saved-address-row",
    )


def _add_form() -> rx.Component:
    return rx.el.form(
        rx.vstack(
            rx.heading(t("account.address_add"), size="3", as_="h3"),
            *address_fields(AddressBookState.errors),
            rx.el.label(
                rx.text(t("checkout.country"), size="2", weight="medium"),
                country_select(default_value="FR"),
                display="flex",
                flex_direction="column",
                gap="0.25em",
            ),
            rx.button(t("account.save"), type="submit"),
            spacing="3",
            align="start",
            width="100%",
        ),
        key=AddressBookState.form_key,
        on_submit=AddressBookState.add,
        reset_on_submit=False,
        width="100%",
        data_testid="address-form",
    )


def address_book() -> rx.Component:
    return rx.vstack(
        rx.heading(t("account.addresses"), size="5", as_="h2"),
        rx.cond(
            AddressBookState.message.length() > 0,
            rx.text(pick(AddressBookState.message), size="2", role="status"),
        ),
        rx.cond(
            AddressBookState.addresses.length() > 0,
            rx.foreach(AddressBookState.addresses, _row),
            rx.text(t("account.no_addresses"), color_scheme="gray"),
        ),
        rx.card(_add_form(), width="100%"),
        width="100%",
        max_width="720px",
        margin_top="2em",
        data_testid="address-book",
    )
