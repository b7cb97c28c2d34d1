"""French elides que, de, le, la before a vowel sound: "Connecté en tant qu’alice@…",
"l’avis d’Hélène", also where the word comes before a value the text does not know
(storefront/i18n_elision.py, through translate and translations)."""

from __future__ import annotations

import pytest

from storefront.i18n import translate, translations
from storefront.i18n_elision import PERSONS, elide, starts_with_vowel_sound


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("alice@example.com", "Publier l’avis d’alice@example.com sur Chaise"),
        ("Hélène", "Publier l’avis d’Hélène sur Chaise"),  # a mute h
        ("Émile", "Publier l’avis d’Émile sur Chaise"),
        ("Yves", "Publier l’avis d’Yves sur Chaise"),  # a y before a consonant
        ("Yasmine", "Publier l’avis de Yasmine sur Chaise"),  # a y before a vowel
        ("yann@example.com", "Publier l’avis de yann@example.com sur Chaise"),
        ("Bob", "Publier l’avis de Bob sur Chaise"),
        ("8 Mile", "Publier l’avis de 8 Mile sur Chaise"),  # a digit: de 8, de 11
        ("«\u202fAnn\u202f»", "Publier l’avis de «\u202fAnn\u202f» sur Chaise"),
        ("", "Publier l’avis de  sur Chaise"),
    ],
)
def test_de_is_elided_before_a_vowel_sound_only(value: str, text: str) -> None:
    said = translate("fr", "admin.reviews.publish_named", reviewer=value, product="Chaise")
    assert said == text


def test_each_eliding_word_loses_its_vowel_keeping_its_case() -> None:
    values = {"email": "Anne"}
    assert elide("fr", "en tant que {email}", values) == "en tant qu’{email}"
    assert elide("fr", "Que {email} vienne", values) == "Qu’{email} vienne"
    said = elide("fr", "le {email}, la {email}, de {email}", values)
    assert said == "l’{email}, l’{email}, d’{email}"
    assert elide("fr", "jusque {email}", values) == "jusqu’{email}"


def test_only_a_whole_word_before_a_placeholder_is_elided() -> None:
    values = {"email": "Anne"}
    said = elide("fr", "remarque {email}", values)
    assert said == "remarque {email}"  # que ends a longer word
    assert elide("fr", "un guide {email}", values) == "un guide {email}"
    assert elide("fr", "de la {email}", values) == "de l’{email}"
    assert elide("fr", "de {reviewer}", values) == "de {reviewer}"  # given no value


def test_english_and_the_texts_own_words_are_left_as_they_are() -> None:
    assert elide("en", "la {email}", {"email": "Anne"}) == "la {email}"
    assert translate("en", "admin.reviews.publish_named", reviewer="Ann", product="Oak") == (
        "Publish the review by Ann of Oak"
    )
    # A day after "le" starts with a digit: le 1er, le 11 décembre.
    assert translations("restock.account.mailed", date="11 décembre 2026")["fr"].endswith(
        "le 11 décembre 2026."
    )


def test_translations_elide_in_french_only() -> None:
    said = translations("admin.reviews.hide_named", reviewer="Inès", product="Lampe")
    assert said == {
        "en": "Hide the review by Inès of Lampe",
        "fr": "Masquer l’avis d’Inès sur Lampe",
    }


def test_a_vowel_sound_starts_with_a_vowel_accented_or_not_or_an_h() -> None:
    starting = ("alice", "Œuvre", "île", "hugo", "bob", "3d", "", "’a")
    assert [starts_with_vowel_sound(v) for v in starting] == [
        True, True, True, True, False, False, False, False,
    ]  # fmt: skip


def test_a_y_is_a_vowel_sound_before_a_consonant_only() -> None:
    starting = ("Yves", "YVETTE", "Ÿsolde", "yoga", "Yasmine", "yann@example.com", "Y", "Y.")
    assert [starts_with_vowel_sound(v) for v in starting] == [
        True, True, True, False, False, False, False, False,
    ]  # fmt: skip


@pytest.mark.parametrize(
    "product",
    [
        "Housse de couette",
        "Hamac",
        "Haut-parleur",
        "Hand thrown stoneware mug",
        "Yoga mat",
        "Yaourtière",
        "Écharpe (Bleu)",
    ],
)
def test_no_word_is_elided_before_a_product(product: str) -> None:
    # An aspirated h (la housse, le hamac) or an English name: a product's name is never
    # elided before (PERSONS), the restock mail quotes it.
    intro = translate("fr", "restock.confirm_mail.intro", product=product, days=7)
    assert f"dès le retour en stock de l’article «\u202f{product}\u202f»." in intro
    assert elide("fr", "de {product}", {"product": product}) == "de {product}"
    assert elide("fr", "la valeur de {name}", {"name": product}) == "la valeur de {name}"


def test_only_a_person_or_an_address_is_elided_before() -> None:
    assert PERSONS == ("reviewer", "email")
    assert elide("fr", "de {reviewer}", {"reviewer": "Hélène"}) == "d’{reviewer}"
    assert elide("fr", "que {email}", {"email": "hugo@example.com"}) == "qu’{email}"
    assert elide("fr", "que {email}", {"email": "yann@example.com"}) == "que {email}"
