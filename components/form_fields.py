"""Form fields shared by the checkout and the account pages: labelled inputs whose error
(from the caller's state) shows under them, the address block, the country list; and the
form they sit in, which takes the focus to its first field in error when the server refuses
a submit (or to its message, when no field is at fault)."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from typing import Any

import reflex as rx

from components.i18n import pick, t
from components.react_hooks import carrying_hook
from state.address_book import COUNTRIES
from state.locale import LocaleState
from storefront.i18n import DEFAULT_LOCALE, LOCALES, MESSAGES
from storefront.services.checkout.address import ADDRESS_LIMITS

# After a refused submit (a new value of the state's `refused` naming this form), the focus
# moves from the submit button to the form's first field in error, where a keyboard or screen
# reader user fixes it; when no field is at fault (a declined card), to the form's message
# (marked REFUSAL_NOTE): the submit button, disabled while the server worked, had left the
# focus on the page's body. Runs after React has drawn the refusal (the fields' aria-invalid).
# Neither the value the form mounted with nor one a reload brings back (before the page's
# load events, which clear the marks, have run) is a new refusal.
_FOCUS_ON_REFUSAL = """const {last} = useRef({refused});
useEffect(() => {{
  if ({last}.current === {refused}) return;
  {last}.current = {refused};
  if (!{hydrated} || !String({refused}).startsWith({prefix})) return;
  const form = document.getElementById({form});
  let target = form?.querySelector('[aria-invalid="true"]') ?? form?.querySelector({note});
  // A group marked invalid (a fieldset of stars) cannot take the focus: its first control does.
  if (target?.matches("fieldset")) target = target.querySelector("input") ?? target;
  target?.focus();
}}, [{refused}]);"""
# The props of a form's message that takes the focus when a refusal marks no field.
REFUSAL_NOTE = {"data_refusal_note": "true", "tab_index": -1}


def refusable_form(
    *children: rx.Component, form_id: str, refused: rx.Var[str], **props: Any
) -> rx.Component:
    """A form the server may refuse: its state sets `refused` (state/refusals.py) to name
    `form_id` anew at each refusal, and the fields it marks invalid (`invalid_props`) then
    take the focus, the first of them; with none marked, its message (`REFUSAL_NOTE`)."""
    last = "refused_" + "".join(c if c.isalnum() else "_" for c in form_id)
    hook = _FOCUS_ON_REFUSAL.format(
        last=last,
        refused=str(refused),  # its expression (formatting the var itself adds markers)
        hydrated=str(rx.State.is_hydrated),
        prefix=json.dumps(form_id + "#"),
        form=json.dumps(form_id),
        note=json.dumps("[data-refusal-note]"),
    )
    # Carried by an attribute of the form, so the hook lives (and updates) with the form.
    watched = carrying_hook(refused, hook, rx.State.is_hydrated, react=("useEffect", "useRef"))
    # Never the browser's own GET (submit_button): no field of it ever lands in a URL.
    props.setdefault("method", "post")
    return rx.el.form(*children, id=form_id, data_refused=watched, **props)


def invalid_props(invalid: rx.Var[bool], message_id: str) -> dict[str, Any]:
    """A field's props while the server refuses it (`invalid`): it is marked invalid and its
    message (the element `message_id`) describes it; both left out otherwise."""
    return {
        "aria_invalid": rx.cond(invalid, "true", None),
        "aria_describedby": rx.cond(invalid, message_id, None),
    }


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


def labelled_input(label_key: str, testid: str, **input_props: Any) -> rx.Component:
    """A required input under its label, for a form that says its refusal in one message
    (no field of its own marked: `text_field` for those that do)."""
    return rx.el.label(
        rx.text(t(label_key), size="2", weight="medium"),
        rx.input(required=True, data_testid=testid, **input_props),
        width="100%",
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
    auto_focus: rx.Var[bool] | bool = False,
    max_length: int | None = None,
    on_blur: Any = None,
) -> rx.Component:
    """A labelled input whose error (from `errors`) shows under it and is read with it; with
    `auto_focus`, it takes the focus as it is drawn; with `max_length`, typing stops there
    (the server's limit: "Too long." after the fact said nothing of it); `on_blur` hears
    its value as the shopper leaves it."""
    return rx.box(
        # The message outside the label: read as the field's description, not in its name.
        rx.el.label(
            rx.text(t(label_key), size="2", weight="medium"),
            rx.input(
                name=name,
                type=kind,
                required=required,
                auto_complete=autocomplete,
                default_value=default,
                auto_focus=auto_focus,
                **({"max_length": max_length} if max_length else {}),
                **({"on_blur": on_blur} if on_blur is not None else {}),
                **invalid_props(errors.contains(name), f"{name}-error"),
                width="100%",
                data_testid=f"field-{name}",
            ),
            display="flex",
            flex_direction="column",
            gap="0.25em",
        ),
        field_error(name, errors),
        display="flex",
        flex_direction="column",
        gap="0.25em",
        width="100%",
    )


def address_fields(
    errors: rx.Var[dict[str, dict[str, str]]],
    values: rx.Var[dict[str, str]] | None = None,
    focus_first: rx.Var[bool] | bool = False,
    kept: Callable[[str, Any], Any] | None = None,
) -> list[rx.Component]:
    """Name, street, postal code and city (the country is the caller's), prefilled from
    `values` when given; with `focus_first`, the name takes the focus as it is drawn; with
    `kept`, each field's value is sent as `kept(name, value)` as the shopper leaves it."""

    def field(
        label_key: str,
        name: str,
        autocomplete: str,
        required: bool = True,
        auto_focus: rx.Var[bool] | bool = False,
    ) -> rx.Component:
        default = values[name].to(str) if values is not None else ""
        return text_field(
            label_key,
            name,
            autocomplete,
            required=required,
            errors=errors,
            default=default,
            auto_focus=auto_focus,
            max_length=ADDRESS_LIMITS.get(name),
            on_blur=(lambda value: kept(name, value)) if kept is not None else None,
        )

    return [
        field("checkout.name", "name", "name", auto_focus=focus_first),
        field("checkout.line1", "line1", "address-line1"),
        field("checkout.line2", "line2", "address-line2", required=False),
        rx.hstack(
            field("checkout.postal_code", "postal_code", "postal-code"),
            field("checkout.city", "city", "address-level2"),
            width="100%",
        ),
    ]


def country_field(errors: rx.Var[dict[str, dict[str, str]]], **select_props: Any) -> rx.Component:
    """The labelled country list, its error under it."""
    return rx.box(
        rx.el.label(
            rx.text(t("checkout.country"), size="2", weight="medium"),
            country_select(
                **invalid_props(errors.contains("country"), "country-error"), **select_props
            ),
            display="flex",
            flex_direction="column",
            gap="0.25em",
        ),
        field_error("country", errors),
        display="flex",
        flex_direction="column",
        gap="0.25em",
    )


def _collation_key(name: str) -> str:
    """Alphabetical order as readers expect it: "É" with the "E"s, case aside."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def country_select(**props: Any) -> rx.Component:
    """The countries in the order of their names in the shopper's language."""

    def options(locale: str) -> rx.Component:
        names = {code: MESSAGES[f"country.{code}"][locale] for code in COUNTRIES}
        ordered = sorted(COUNTRIES, key=lambda code: _collation_key(names[code]))
        # Keyed by code: React then moves each option when the language changes rather than
        # relabelling them in place, and the one chosen stays chosen (the list showed the
        # country at the same place in the other language's order: Espagne for France; QA).
        return rx.fragment(*[rx.el.option(names[code], value=code, key=code) for code in ordered])

    others = [(locale, options(locale)) for locale in LOCALES if locale != DEFAULT_LOCALE]
    return rx.el.select(
        rx.match(LocaleState.locale, *others, options(DEFAULT_LOCALE)),
        name="country",
        auto_complete="country",
        class_name="native-select",
        data_testid="field-country",
        **props,
    )
