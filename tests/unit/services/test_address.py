"""Checkout addresses are checked field by field, with the destination's postal format."""

from __future__ import annotations

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


def test_each_bad_field_says_why() -> None:
    address, errors = validate_address(
        {"name": "", "line1": "x" * 201, "postal_code": "", "city": "<b>", "country": "US"}
    )
    assert address is None
    assert errors == {
        "name": "checkout.error.required",
        "line1": "checkout.error.too_long",
        "city": "checkout.error.characters",
        "country": "checkout.error.country",
        "postal_code": "checkout.error.required",
    }
