"""The account page's saved addresses: the list with edit and remove buttons (a removal offered
back by an Undo in the note), and a form that adds one or, after Edit, changes that one."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.focus_note import focus_note
from components.form_fields import address_fields, country_field, refusable_form
from components.i18n import pick, t
from components.once_loaded import once_loaded
from components.submit_button import submit_button
from state.address_book import ADDRESS_FORM, AddressBookState, AddressItem


def _naming(action: Any, item: AddressItem) -> Any:
    """ "Remove: 12 rue …": a screen reader lists the buttons, each alike otherwise."""
    return action.to(str) + t("punct.colon").to(str) + pick(item.summaries)


def _row(item: AddressItem) -> rx.Component:
    return rx.hstack(
        rx.text(pick(item.summaries), size="2"),
        rx.spacer(),
        rx.button(
            t("account.address_edit"),
            on_click=AddressBookState.edit(item.id),
            variant="ghost",
            size="1",
            class_name="tap-44",  # 44 px on a phone: assets/boutique.css
            aria_label=_naming(t("account.address_edit"), item),
            data_testid="edit-address",
        ),
        rx.button(
            t("account.address_remove"),
            on_click=AddressBookState.remove(item.id),
            variant="ghost",
            color_scheme="red",
            size="1",
            class_name="tap-44",
            aria_label=_naming(t("account.address_remove"), item),
        ),
        width="100%",
        padding_y="0.5em",
        border_bottom="1px solid var(--gray-a4)",
        data_testid="saved-address-row",
    )


def _address_form() -> rx.Component:
    """Empty to add an address; after an Edit, filled with that one (its name focused), with a
    Cancel beside Save."""
    editing = AddressBookState.editing > 0
    values = AddressBookState.form_values
    return refusable_form(
        rx.vstack(
            rx.heading(
                rx.cond(editing, t("account.address_editing"), t("account.address_add")),
                size="3",
                as_="h3",
            ),
            *address_fields(AddressBookState.errors, values, focus_first=editing),
            country_field(AddressBookState.errors, default_value=values["country"].to(str)),
            rx.hstack(
                submit_button(t("account.save_address")),
                rx.cond(
                    editing,
                    rx.button(
                        t("account.address_cancel"),
                        type="button",
                        on_click=AddressBookState.cancel_edit,
                        variant="soft",
                        color_scheme="gray",
                        data_testid="cancel-edit-address",
                    ),
                ),
            ),
            spacing="3",
            align="start",
            width="100%",
        ),
        form_id=ADDRESS_FORM,
        refused=AddressBookState.refused,
        key=AddressBookState.form_key,
        on_submit=AddressBookState.save,
        reset_on_submit=False,
        width="100%",
        data_testid=ADDRESS_FORM,
    )


def _undo_note() -> rx.Component:
    """ "Address removed: 12 rue …" and its Undo, until the shopper leaves the page, removes
    another address or undoes this one (as the cart's: components/cart_note.py)."""
    return rx.callout.root(
        rx.callout.icon(rx.icon("undo-2", aria_hidden="true")),
        rx.flex(
            rx.callout.text(pick(AddressBookState.removed_note), data_testid="address-removed"),
            rx.button(
                t("account.address_undo"),
                # Begins with what it shows, then which address it puts back.
                aria_label=pick(AddressBookState.undo_label),
                variant="outline",
                size="2",
                on_click=AddressBookState.undo_removal,
                class_name="tap-44",  # 44 px on a phone: assets/boutique.css
                data_testid="address-undo",
            ),
            align="center",
            spacing="3",
            wrap="wrap",
        ),
        size="1",
        color_scheme="gray",
        width="100%",
        data_testid="address-undo-note",
    )


def address_book() -> rx.Component:
    return rx.vstack(
        rx.heading(t("account.addresses"), size="5", as_="h2"),
        focus_note(
            "address-note",
            AddressBookState.changes,
            rx.cond(AddressBookState.removed_note.length() > 0, _undo_note()),
            rx.cond(
                AddressBookState.message.length() > 0,
                rx.text(pick(AddressBookState.message), size="2"),
            ),
            width="100%",
        ),
        rx.cond(
            AddressBookState.addresses.length() > 0,
            rx.foreach(AddressBookState.addresses, _row),
            once_loaded(rx.text(t("account.no_addresses"), color_scheme="gray")),
        ),
        rx.card(_address_form(), width="100%"),
        width="100%",
        max_width="720px",
        margin_top="2em",
        data_testid="address-book",
    )
