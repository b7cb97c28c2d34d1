"""The checkout form taken from what a browser sent: its own fields only, cut to size, with
the choices the server holds (nothing else the browser sends counts)."""

from __future__ import annotations

from storefront.services.checkout.form import FIELD_AT_MOST, check_form, sent_form

FIELDS = ("name", "line1", "line2", "postal_code", "city")
CHOICES = {
    "country": "FR",
    "shipping_method": "standard",
    "discount_code": "WELCOME10",
    "locale": "fr",
    "shown_total_minor": 5_990,
    "visitor_id": "v1",
}


def test_the_servers_choices_win_over_what_the_browser_sends() -> None:
    sent = {
        "email": "ada@example.com",
        "name": "Ada Lovelace",
        "line1": "1 rue de Rivoli",
        "postal_code": "75001",
        "city": "Paris",
        "country": "DE",  # the page's country is the server's
        "shipping_method": "express",
        "total_minor": 1,
    }
    form = sent_form(sent, FIELDS, **CHOICES)  # type: ignore[arg-type]
    assert form.address["country"] == "FR"
    assert (form.shipping_method, form.discount_code, form.shown_total_minor) == (
        "standard",
        "WELCOME10",
        5_990,
    )
    assert set(form.address) == {*FIELDS, "country"}
    email, address, errors = check_form(form)
    assert (email, errors) == ("ada@example.com", {})
    assert address is not None
    assert address.country == "FR"


def test_overlong_fields_are_cut_before_the_checks_and_crafted_values_count_as_empty() -> None:
    sent = {"email": "a" * 10_000, "name": "x" * 10_000, "city": ["not", "text"]}
    form = sent_form(sent, FIELDS, **CHOICES)  # type: ignore[arg-type]
    assert len(form.address["name"]) == FIELD_AT_MOST
    _, address, errors = check_form(form)
    assert address is None
    assert errors["name"] == "checkout.error.too_long"
    assert errors["email"] == "checkout.error.email"
    assert errors["city"] == "checkout.error.required"  # not text: as if left empty


def test_the_total_is_the_one_the_page_showed_and_a_crafted_one_is_the_servers() -> None:
    """A price or a code that changed as Pay was pressed had already changed the server's
    total: compared with itself, the guard charged an amount the page never showed (QA)."""
    sent = {"email": "ada@example.com", "shown_total": "30974"}
    assert sent_form(sent, FIELDS, **CHOICES).shown_total_minor == 30_974  # type: ignore[arg-type]
    for crafted in ("", "-1", "12.5", "١٢", "9" * 40, ["1"]):
        form = sent_form({"shown_total": crafted}, FIELDS, **CHOICES)  # type: ignore[arg-type]
        assert form.shown_total_minor == 5_990
