"""Checkout addresses are checked field by field, with the destination's postal format."""

from __future__ import annotations

import pytest

from storefront.services.checkout.address import validate_address

GOOD = {
    "name": " Camille  Martin ",
    "line1": "12 rue des Lilas",
    "line2": "",
    "postal_code": "75011",
    "city": "Paris",
    "country": "fr",
}


def test_a_good_address_is_normalised() -> None:
    address, errors = validate_address(GOOD)
    assert errors == {}
    assert address is not None
    assert (address.name, address.country) == ("Camille Martin", "FR")


def test_postal_codes_follow_the_country() -> None:
    assert validate_address(GOOD | {"postal_code": "1011 AB", "country": "NL"})[1] == {}
    assert validate_address(GOOD | {"postal_code": "1000-001", "country": "PT"})[1] == {}
    _, errors = validate_address(GOOD | {"postal_code": "7501"})
    assert errors == {"postal_code": "checkout.error.postal_code"}


@pytest.mark.parametrize(
    ("country", "typed", "kept"),
    [
        ("NL", "1012lm", "1012 LM"),
        ("NL", "1012 LM", "1012 LM"),
        ("SE", "12345", "123 45"),
        ("IE", "d02x285", "D02 X285"),
        ("LU", "1234", "1234"),
        ("LU", "l-1234", "1234"),
        ("LU", "L 1234", "1234"),
        ("SE", "SE-123 45", "123 45"),
        ("PL", "00950", "00-950"),
        ("PT", "1000001", "1000-001"),
    ],
)
def test_a_postal_code_is_kept_one_way_whether_its_space_or_prefix_was_typed(
    country: str, typed: str, kept: str
) -> None:
    """Two saved addresses that differed only there were both kept (QA)."""
    address, _ = validate_address(GOOD | {"postal_code": typed, "country": country})
    assert address is not None
    assert address.postal_code == kept


def test_each_bad_field_says_why() -> None:
    address, errors = validate_address(
        {"name": "", "line1": "x" * 201, "postal_code": "", "city": "Par\x00is", "country": "US"}
    )
    assert address is None
    assert errors == {
        "name": "checkout.error.required",
        "line1": "checkout.error.too_long",
        "city": "checkout.error.characters",
        "country": "checkout.error.country",
        "postal_code": "checkout.error.required",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Bât. B; 3e étage",
        "c/o Smith: door 2",
        "+33 entry code 4521",
        'Résidence "Les Pins"',
        "door@back",
        "=SUM(A1)",
        "-1 basement",
        "Flat 3 <rear>",
        "100% [left] {b} ~ ^ * ! ? | \\ $ € £",
        "Straße 5 · Ωmega · 東京都 · محمد\u200c",
    ],
)
def test_ordinary_printable_text_is_accepted_as_typed(text: str) -> None:
    address, errors = validate_address(GOOD | {"line1": text, "line2": text, "name": text})
    assert errors == {}
    assert address is not None
    assert (address.name, address.line1, address.line2) == (text, text, text)


@pytest.mark.parametrize(
    "text",
    [
        "12 rue\x00 des Lilas",  # NUL
        "12 rue\x07 des Lilas",  # bell
        "12 rue\x7f des Lilas",  # DEL
        "12 rue\x9b des Lilas",  # C1 control
        "12 rue \u202edes Lilas",  # right-to-left override
        "12 rue \ue000 des Lilas",  # private use
        "12 rue \U0010fffe",  # noncharacter, unassigned
    ],
)
def test_control_and_invisible_override_characters_are_refused(text: str) -> None:
    address, errors = validate_address(GOOD | {"line1": text})
    assert address is None
    assert errors == {"line1": "checkout.error.characters"}


def test_line_breaks_and_tabs_are_folded_into_spaces_not_refused() -> None:
    address, errors = validate_address(GOOD | {"line1": "12 rue\tdes\r\nLilas"})
    assert errors == {}
    assert address is not None
    assert address.line1 == "12 rue des Lilas"


def test_text_is_kept_composed_and_without_invisible_marks() -> None:
    """Two addresses that read the same are the same: 'é' typed as e and an accent is kept
    as one letter, and a zero-width space, soft hyphen or byte-order mark pasted along goes."""
    composed = "12 rue de l'Église"
    decomposed = "12 rue de l'E\u0301glise"
    pasted = "\ufeff12 rue de\u200b l'Égl\u00adise\u200e"
    for text in (decomposed, pasted):
        address, errors = validate_address(GOOD | {"line1": text})
        assert errors == {}
        assert address is not None
        assert address.line1 == composed


def test_the_length_limits_still_hold_for_relaxed_text() -> None:
    _, errors = validate_address(GOOD | {"name": "@" * 121, "line2": ";" * 201, "city": ":" * 120})
    assert errors == {"name": "checkout.error.too_long", "line2": "checkout.error.too_long"}
