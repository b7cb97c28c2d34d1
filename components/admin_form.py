"""Admin form pieces: a labelled field (a line, a text box, a select) with its error, the card
of a page's edit form, a page stepper, and a list's filters showing the filters in use."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.form_fields import field_error
from components.i18n import t
from components.submit_button import submit_button
from state.locale import LocaleState
from storefront.i18n import DEFAULT_LOCALE, LOCALES


def labelled(label_key: str, *children: rx.Component, width: str | None = None) -> rx.Component:
    """A field's label above its control(s), e.g. the control and its error."""
    return rx.el.label(
        rx.text(t(label_key), size="2", weight="medium"),
        *children,
        display="flex",
        flex_direction="column",
        gap="0.25em",
        width=width,
        max_width="100%",  # a select of long category names stays within a phone's width
    )


def admin_field(
    label_key: str,
    name: str,
    errors: Any,
    *,
    default: Any = "",
    kind: str = "text",
    required: bool = False,
    width: str | None = None,
    **props: Any,
) -> rx.Component:
    """`width` sizes the field (label and input); by default it takes its input's own."""
    return labelled(
        label_key,
        rx.input(
            name=name,
            type=kind,
            default_value=default,
            required=required,
            aria_describedby=f"{name}-error",
            data_testid=f"field-{name}",
            width="100%",
            **props,
        ),
        field_error(name, errors),
        width=width,
    )


def admin_text_area(
    label_key: str, name: str, errors: Any, *, default: Any, rows: str
) -> rx.Component:
    """A text box as wide as its form, with its error."""
    return labelled(
        label_key,
        rx.text_area(
            name=name,
            default_value=default,
            rows=rows,
            aria_describedby=f"{name}-error",
            data_testid=f"field-{name}",
            width="100%",
        ),
        field_error(name, errors),
        width="100%",
    )


def edit_card(
    form: Any, name: str, heading: rx.Component, *fields: rx.Component, also: Any = ()
) -> rx.Component:
    """The card of a page's form editing one record (a category, a policy): its `heading` and
    `fields`, then Save, Cancel (`form.close`) and the buttons `also`. Sent to `form.save`
    with its one-use key `form.save_key`, drawn anew at each `form.form_key`."""
    return rx.card(
        rx.form(
            rx.el.input(type="hidden", name="save_key", value=form.save_key),
            rx.vstack(
                heading,
                *fields,
                rx.hstack(
                    submit_button(t("admin.save"), data_testid=f"{name}-save"),
                    rx.button(
                        t("admin.cancel"), type="button", variant="soft", on_click=form.close
                    ),
                    *also,
                ),
                width="100%",
            ),
            on_submit=form.save,
            key=form.form_key,
            width="100%",
        ),
        width="100%",
        data_testid=f"{name}-form",
    )


def in_readers_decimals(amount: Any) -> Any:
    """An amount the state wrote as "12.90", prefilling a field, with the reader's decimal
    mark: "12,90" in French, as the merchant types it (the fields read either mark)."""
    text = rx.Var.create(amount).to(str)
    # Before the state arrives the amount is undefined, which has no replace.
    french = rx.cond(text, text.replace(".", ","), text)
    return rx.cond(LocaleState.locale == "fr", french, text)


def category_name(category: Any) -> Any:
    """The path of [id, its path in each of LOCALES, ...] in the reader's language."""
    others = [(loc, category[1 + n]) for n, loc in enumerate(LOCALES) if loc != DEFAULT_LOCALE]
    return rx.match(LocaleState.locale, *others, category[1 + LOCALES.index(DEFAULT_LOCALE)])


def category_option(category: Any) -> rx.Component:
    """A select's option for [id, its path in each of LOCALES] (state.admin.pickers), named
    in the reader's language."""
    return rx.el.option(category_name(category), value=category[0])


def admin_select(
    label_key: str, name: str, options: list[tuple[str, str]], errors: Any, *, default: Any = ""
) -> rx.Component:
    """A native select (keyboard and form friendly); options are (value, label key)."""
    return labelled(
        label_key,
        rx.el.select(
            *[rx.el.option(t(label), value=value) for value, label in options],
            name=name,
            default_value=default,
            data_testid=f"field-{name}",
            class_name="admin-select",
        ),
        field_error(name, errors),
    )


def confirmed(
    trigger: rx.Component,
    title_key: str,
    confirm: rx.Component,
    *description: Any,
    keep_key: str = "admin.cancel",
) -> rx.Component:
    """`trigger` opens a dialog asking first; `confirm` is the button that then acts, and
    `keep_key` names the one that leaves things as they are (where "Cancel" would be read as
    the action itself: an order's cancel)."""
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(trigger),
        rx.alert_dialog.content(
            rx.alert_dialog.title(t(title_key)),
            *([rx.alert_dialog.description(*description)] if description else []),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button(t(keep_key), variant="soft", type="button")),
                rx.alert_dialog.action(confirm),
                justify="end",
            ),
        ),
    )


def stepper(page: Any, pages: Any, go: Any) -> rx.Component:
    """Previous / page n of m / next, calling `go(page)`."""
    return rx.hstack(
        rx.button(
            rx.icon("chevron-left", size=16),
            t("page.previous"),
            on_click=go(page - 1),
            disabled=page <= 1,
            variant="soft",
            size="1",
            data_testid="admin-prev",
        ),
        rx.text(page, " / ", pages, size="2", data_testid="admin-page"),
        rx.button(
            t("page.next"),
            rx.icon("chevron-right", size=16),
            on_click=go(page + 1),
            disabled=page >= pages,
            variant="soft",
            size="1",
            data_testid="admin-next",
        ),
        align="center",
    )


def labelled_select(
    label_key: str, name: str, options: list[rx.Component], **props: Any
) -> rx.Component:
    """A native select of `options` (keyboard and form friendly), with its label."""
    return labelled(
        label_key,
        rx.el.select(
            *options, name=name, class_name="admin-select", data_testid=f"field-{name}", **props
        ),
    )


def filter_select(
    label_key: str, name: str, options: list[rx.Component], filters: Any, *also: Any
) -> rx.Component:
    """A list's filter as a select of `options`, showing the filter in use (`in_use`)."""
    return labelled_select(label_key, name, options, **in_use(filters, name, *also))


def sort_order_options() -> list[rx.Component]:
    """A sort's direction, as a select's options: descending first."""
    return [
        rx.el.option(t("admin.sort.desc"), value="desc"),
        rx.el.option(t("admin.sort.asc"), value="asc"),
    ]


def in_use(filters: Any, name: str, *also: Any) -> dict[str, Any]:
    """Props of a list's filter field (uncontrolled) showing the filter the list applies:
    coming back to the page draws the form again, blank, while the state kept the filters.
    After a page load the field is drawn before the state arrives, so it is drawn again (a
    new key) when its value does, or `also` does (the options of a select)."""
    value = rx.cond(filters.contains(name), filters[name].to(str), "")
    return {"default_value": value, "key": f"{name}:{value}:{':'.join(f'{a}' for a in also)}"}
