"""Pieces of the checkout page: address fields with their errors, delivery choice, totals."""

from __future__ import annotations

import reflex as rx

from components.i18n import pick, t
from state.checkout import COUNTRIES, CheckoutState


def field_error(name: str) -> rx.Component:
    return rx.cond(
        CheckoutState.errors.contains(name),
        rx.text(
            pick(CheckoutState.errors[name]),
            size="1",
            color_scheme="red",
            id=f"{name}-error",
            data_testid=f"error-{name}",
        ),
    )


def text_field(
    label_key: str, name: str, autocomplete: str, *, kind: str = "text", required: bool = True
) -> rx.Component:
    return rx.el.label(
        rx.text(t(label_key), size="2", weight="medium"),
        rx.input(
            name=name,
            type=kind,
            required=required,
            auto_complete=autocomplete,
            default_value=CheckoutState.email if name == "email" else "",
            aria_describedby=f"{name}-error",
            width="100%",
            data_testid=f"field-{name}",
        ),
        field_error(name),
        display="flex",
        flex_direction="column",
        gap="0.25em",
        width="100%",
    )


def country_field() -> rx.Component:
    return rx.el.label(
        rx.text(t("checkout.country"), size="2", weight="medium"),
        rx.el.select(
            *[rx.el.option(code, value=code) for code in COUNTRIES],
            value=CheckoutState.country,
            on_change=CheckoutState.set_country,
            auto_complete="country",
            class_name="native-select",
            data_testid="field-country",
        ),
        field_error("country"),
        display="flex",
        flex_direction="column",
        gap="0.25em",
    )


def delivery_choice() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(rx.text(t("checkout.method"), size="3", weight="bold")),
        rx.radio_group.root(
            rx.vstack(
                rx.radio_group.item(t("checkout.method.standard"), value="standard"),
                rx.radio_group.item(t("checkout.method.express"), value="express"),
            ),
            value=CheckoutState.shipping_method,
            on_change=CheckoutState.set_shipping_method,
            data_testid="shipping-method",
        ),
        border="none",
        padding="0",
    )


def discount_form() -> rx.Component:
    return rx.el.form(
        rx.hstack(
            rx.el.label(
                rx.el.span(t("checkout.discount_code"), class_name="visually-hidden"),
                rx.input(
                    name="discount_code",
                    placeholder=t("checkout.discount_code"),
                    default_value=CheckoutState.discount_code,
                    aria_describedby="discount-error",
                    data_testid="field-discount",
                ),
                flex="1",
            ),
            rx.button(t("checkout.apply"), type="submit", variant="soft"),
            width="100%",
        ),
        field_error("discount"),
        on_submit=CheckoutState.apply_code,
        width="100%",
    )
