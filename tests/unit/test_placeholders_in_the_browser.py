"""A sentence's {placeholders} filled in the browser (components/i18n.py `t_with`, run here in
Node) show each value as it is: through String.replaceAll, a "$&" in a shopper's name became
the placeholder itself, and a name holding "{product}" took the next value."""

from __future__ import annotations

import reflex as rx

from components.i18n import t_with
from state.locale import LocaleState
from tests.unit.in_node import needs_node, run_in_node

pytestmark = needs_node


def shown(key: str, locale: str = "en", **values: str) -> str:
    expression = str(t_with(key, **{k: rx.Var.create(v) for k, v in values.items()}))
    expression = expression.replace(str(LocaleState.locale), repr(locale))
    return run_in_node(expression)


def test_a_value_is_shown_as_typed_even_with_a_replacement_pattern() -> None:
    assert shown("withdraw.mail.name", name="Ann $& $1 Co") == "Name: Ann $& $1 Co"


def test_a_value_holding_another_placeholder_is_not_filled_again() -> None:
    said = shown("admin.reviews.publish_named", reviewer="Bo {product}", product="Chair")
    assert said == "Publish the review by Bo {product} of Chair"


def test_every_placeholder_is_filled_in_the_readers_language() -> None:
    assert shown("withdraw.mail.name", "fr", name="Zoé") == "Nom\u202f: Zoé"
