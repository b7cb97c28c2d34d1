"""French elides que, de, le, la before a vowel sound: "Connecté en tant qu’alice@…",
"l’avis d’Hélène", also where the word comes before a value the text does not know
(storefront/i18n_elision.py, through translate and translations)."""

from __future__ import annotations

import pytest

from storefront.i18n import translate, translations
from storefront.i18n_elision import elide, starts_with_vowel_sound


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("alice@example.com", "Publier l’avis d’alice@example.com sur Chaise"),
        ("Hélène", "Publier l’avis d’Hélène sur Chaise"),  # a mute h
        ("Émile", "Publier l’avis d’Émile sur Chaise"),
        ("Yves", "Publier l’avis d’Yves sur Chaise"),
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
    values = {"x": "Anne"}
    assert elide("fr", "en tant que {x}", values) == "en tant qu’{x}"
    assert elide("fr", "Que {x} vienne", values) == "Qu’{x} vienne"
    assert elide("fr", "le {x}, la {x}, de {x}", values) == "l’{x}, l’{x}, d’{x}"
    assert elide("fr", "jusque {x}", values) == "jusqu’{x}"


def test_only_a_whole_word_before_a_placeholder_is_elided() -> None:
    values = {"x": "Anne", "y": "Ida"}
    assert elide("fr", "remarque {x}", values) == "remarque {x}"  # que ends a longer word
    assert elide("fr", "un guide {x}", values) == "un guide {x}"
    assert elide("fr", "de la {x}", values) == "de l’{x}"
    assert elide("fr", "de {z}", values) == "de {z}"  # a placeholder given no value


def test_english_and_the_texts_own_words_are_left_as_they_are() -> None:
    assert elide("en", "la {x}", {"x": "Anne"}) == "la {x}"
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


def test_a_restock_confirmation_names_a_product_starting_with_a_vowel_elided() -> None:
    intro = translate("fr", "restock.confirm_mail.intro", product="Écharpe (Bleu)", days=7)
    assert "dès le retour en stock d’Écharpe (Bleu)." in intro
    intro = translate("fr", "restock.confirm_mail.intro", product="Chaise", days=7)
    assert "dès le retour en stock de Chaise." in intro
