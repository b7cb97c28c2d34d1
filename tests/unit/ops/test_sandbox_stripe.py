"""The demo's Stripe sandbox reads cards as Stripe.js sends them."""

from __future__ import annotations

from storefront.sandbox.localstripe import _digits


def test_a_card_number_loses_its_spaces_and_the_year_takes_two_digits_or_four() -> None:
    typed = {"number": "4242 4242 4242 4242", "exp_month": "12", "exp_year": "2030"}
    # localstripe's card field sends "20" + what is typed.
    assert _digits(typed | {"exp_year": "202030"}) == typed | {
        "number": "4242424242424242",
        "exp_year": "2030",
    }
    assert _digits(typed | {"exp_year": "2030"})["exp_year"] == "2030"  # type: ignore[index]
    assert _digits(typed | {"exp_year": 30})["exp_year"] == 30  # type: ignore[index]
    assert _digits(None) is None
