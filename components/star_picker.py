"""A 1-to-5 star rating input: five native radio buttons (arrow keys move between them, the
form posts the checked one), each drawn as a star; the stars up to the chosen one, or up to
the one under the pointer, are filled (assets/boutique.css, `.star-picker`)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from components.i18n import t, t_with


def star_picker(
    name: str, value: rx.Var[str], on_pick: Any, legend_key: str, **props: Any
) -> rx.Component:
    """`value` is the chosen rating ("1" to "5"); `on_pick(n)` the event a click or key sends."""
    return rx.el.fieldset(
        rx.el.legend(rx.text(t(legend_key), size="2", weight="medium")),
        rx.el.div(
            *[_star(name, n, value, on_pick) for n in range(1, 6)],
            class_name="star-picker",
        ),
        **props,
    )


def _star(name: str, n: int, value: rx.Var[str], on_pick: Any) -> rx.Component:
    return rx.el.label(
        rx.el.input(
            type="radio",
            name=name,
            value=str(n),
            checked=value == str(n),
            on_change=on_pick(str(n)),
            data_testid=f"{name}-{n}",
        ),
        rx.el.span("★", aria_hidden="true"),
        rx.el.span(
            t("review.stars.one") if n == 1 else t_with("review.stars", count=str(n)),
            class_name="sr-only",
        ),
    )
