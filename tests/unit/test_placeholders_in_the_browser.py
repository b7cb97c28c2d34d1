"""A sentence's {placeholders} filled in the browser (components/i18n.py `t_with`, run here in
Node) show each value as it is: through String.replaceAll, a "$&" in a shopper's name became
the placeholder itself, and a name holding "{product}" took the next value."""

from __future__ import annotations

import pytest
import reflex as rx

from components.i18n import lead_in, t_with
from state.locale import LocaleState
from storefront.i18n import translate
from storefront.i18n_elision import elide
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


def test_a_french_word_is_elided_before_a_name_starting_with_a_vowel() -> None:
    said = shown("admin.reviews.publish_named", "fr", reviewer="Hélène", product="Chaise")
    assert said == "Publier l\u2019avis d\u2019Hélène sur Chaise"
    said = shown("admin.reviews.publish_named", "fr", reviewer="Bo", product="Chaise")
    assert said == "Publier l\u2019avis de Bo sur Chaise"
    said = shown("admin.reviews.publish_named", "en", reviewer="Ann", product="Chair")
    assert said == "Publish the review by Ann of Chair"


def led_in(locale: str, value: str) -> str:
    expression = str(lead_in("account.signed_in_as", rx.Var.create(value)))
    return run_in_node(expression.replace(str(LocaleState.locale), repr(locale)))


@pytest.mark.parametrize(
    ("value", "french"),
    [
        ("alice@example.com", "Connecté en tant qu\u2019"),
        ("Hélène", "Connecté en tant qu\u2019"),
        ("Élodie", "Connecté en tant qu\u2019"),
        ("yves@example.com", "Connecté en tant qu\u2019"),
        ("yann@example.com", "Connecté en tant que "),
        ("Yasmine", "Connecté en tant que "),
        ("bob@example.com", "Connecté en tant que "),
        ("42@example.com", "Connecté en tant que "),
        ("", "Connecté en tant que "),
    ],
)
def test_signed_in_as_runs_into_the_address_as_french_writes_it(value: str, french: str) -> None:
    assert led_in("fr", value) == french
    assert led_in("en", value) == "Signed in as "
    # As the server writes the same sentence (storefront/i18n_elision.py).
    template = "Connecté en tant que {email}"
    assert elide("fr", template, {"email": value}).format(email=value) == french + value


@pytest.mark.parametrize(
    ("reviewer", "french"),
    [
        ("Hélène", "d\u2019Hélène"),
        ("Yves", "d\u2019Yves"),
        ("Yasmine", "de Yasmine"),
        ("yann@example.com", "de yann@example.com"),
        ("Bo", "de Bo"),
    ],
)
def test_a_reviewer_is_elided_before_as_the_server_does(reviewer: str, french: str) -> None:
    said = shown("admin.reviews.publish_named", "fr", reviewer=reviewer, product="Hamac")
    assert said == f"Publier l\u2019avis {french} sur Hamac"
    assert said == translate(
        "fr", "admin.reviews.publish_named", reviewer=reviewer, product="Hamac"
    )


@pytest.mark.parametrize(
    "product",
    ["Housse de couette", "Hamac", "Haut-parleur", "Hand thrown stoneware mug", "Yoga mat"],
)
def test_no_word_is_elided_before_a_product_as_the_server_does(product: str) -> None:
    said = shown("restock.confirm_mail.intro", "fr", product=product, days="7")
    assert f"stock de l\u2019article «\u202f{product}\u202f»." in said
    assert said == translate("fr", "restock.confirm_mail.intro", product=product, days="7")
