"""Form fields shared by the checkout and the account pages: labelled inputs whose error
(from the caller's state) shows under them, the address block, the country list."""

from __future__ import annotations

import reflex as rx

from components.i18n import pick, t
from state.address_book import COUNTRIES


def field_error(name: str, errors: rx.Var[dict[str, dict[str, str]]]) -> rx.Component:
    return rx.cond(
        errors.contains(name),
        rx.text(
            pick(errors[name]),
            size="1",
            color_scheme="red",
            id=f"{name}-error",
            data_testid=f"error-{name}",
        ),
    )


def text_field(
    label_key: str,
    name: str,
    autocomplete: str,
    *,
    kind: str = "text",
    required: bool = True,
    errors: rx.Var[dict[str, dict[str, str]]],
    default: rx.Var[str] | str = "",
) -> rx.Component:
    """A labelled input whose error (from `errors`) shows under it and is read with it."""
    return rx.el.label(
        rx.text(t(label_key), size="2", weight="medium"),
        rx.input(
            name=name,
            type=kind,
            required=required,
            auto_complete=autocomplete,
            default_value=default,
            aria_describedby=f"{name}-error",
            width="100%",
            data_testid=f"field-{name}",
        ),
        field_error(name, errors),
        display="flex",
        flex_direction="column",
        gap="0.25em",
        width="100%",
    )


def address_fields(
    errors: rx.Var[dict[str, dict[str, str]]], values: rx.Var[dict[str, str]] | None = None
) -> list[rx.Component]:
    """Name, street, postal code and city (the country is the caller's), prefilled from
    `values` when given."""

    def field(label_key: str, name: str, autocomplete: str, required: bool = True) -> rx.Component:
        default = values[name].to(str) if values is not None else ""
        return text_field(
            label_key, name, autocomplete, required=required, errors=errors, default=default
        )

    return [
        field("checkout.name", "name", "name"),
        field("checkout.line1", "line1", "address-line1"),
        field("checkout.line2", "line2", "address-line2", required=False),
        rx.hstack(
            field("checkout.postal_code", "postal_code", "postal-code"),
            field("checkout.city", "city", "address-level2"),
            width="100%",
        ),
    ]


def country_select(**props: object) -> rx.Component:
    return rx.el.select(
        *[rx.el.option(t(f"country.{code}"), value=code) for code in COUNTRIES],
        name="country",
        auto_complete="country",
        class_name="native-select",
        data_testid="field-country",
        **props,
    )
