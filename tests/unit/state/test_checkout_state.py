"""The checkout page's state when a payment attempt fails: what the page is told, so that
the focus (left on the page's body by Pay, disabled while busy) goes somewhere useful."""

from __future__ import annotations

from typing import Any

from models.orders import OrderStatus
from state.checkout import CHECKOUT_FORM, CheckoutState
from state.checkout_calls import declined, refusal_text
from storefront.i18n import translations
from storefront.services.checkout.service import PaymentStep
from tests.unit.state.test_listing_state import at


def test_a_declined_card_is_a_refusal_of_the_form_that_the_page_hears_each_time() -> None:
    page: Any = at(CheckoutState, "/checkout")
    for attempt in (1, 2):  # the same decline twice is two refusals: the focus moves twice
        page._order_id, page.busy = 7, True
        step = PaymentStep(OrderStatus.FAILED, error="Your card was declined.")
        assert page._after(7, step) is None
        assert page.busy is False
        assert "Your card was declined." in page.message["en"]
        assert page.refused == f"{CHECKOUT_FORM}#{attempt}"
        assert page.errors == {}  # no field at fault: the message by Pay takes the focus


def test_a_paid_step_is_no_refusal() -> None:
    page: Any = at(CheckoutState, "/checkout")
    page._order_id, page._placed, page.busy = 7, {"reference": "BQ7", "key": "k"}, True
    page.country, page.shipping_method, page.discount_code = "DE", "express", "WELCOME10"
    assert page._after(7, PaymentStep(OrderStatus.PAID)) is not None  # the order page
    assert (page.refused, page.message) == ("", {})
    # The next checkout in this tab starts from the defaults, not this order's choices.
    assert (page.country, page.shipping_method, page.discount_code) == ("FR", "standard", "")


def test_a_decline_is_said_in_the_shoppers_language_never_half_in_english() -> None:
    known = declined("Your card has insufficient funds.", "insufficient_funds")
    # After the colon French goes on in lower case ("n’a pas abouti : Votre carte" was not).
    assert "\u202f: le solde de votre carte est insuffisant." in known["fr"]
    assert "Your card has insufficient funds." in known["en"]
    unknown = declined("Your card does not support this type of purchase.", "unusual_code")
    assert "Your card does not support this type of purchase." in unknown["en"]
    assert "\u202f: votre carte a été refusée." in unknown["fr"]
    assert "Your card" not in unknown["fr"]
    assert "Your card was declined." in declined("", "")["en"]


def test_a_refusal_names_its_amounts_as_each_language_writes_them() -> None:
    said = refusal_text("checkout.error.discount_minimum", {"minimum": 6_000}, "EUR")
    assert said["en"] == "This code needs a subtotal of €60.00 or more."
    assert said["fr"] == "Ce code demande un sous-total d’au moins 60,00\u00a0€."
    assert refusal_text("checkout.error.country", {}, "EUR") == translations(
        "checkout.error.country"
    )


def test_a_field_left_is_kept_as_typed_and_crafted_ones_change_nothing() -> None:
    """Kept before Pay, for a reload (QA); what a crafted event sends is checked here too."""
    page: Any = at(CheckoutState, "/checkout")
    keep = CheckoutState.event_handlers["keep_typed"].fn
    keep(page, "email", " ann@example.com ")
    keep(page, "line1", "12 rue des Lilas")
    keep(page, "line2", "x" * 1000)
    keep(page, "city", "Pa\x00ris")  # a control character: refused, as Pay would
    keep(page, "country", "XX")  # not a field kept here (the country has its own event)
    assert page.email == "ann@example.com"
    assert page.address["line1"] == "12 rue des Lilas"
    assert len(page.address["line2"]) == 254
    assert (page.address["city"], page.country) == ("", "FR")


def test_emptying_the_code_field_takes_its_refusal_away_and_nothing_else() -> None:
    """QA: "This discount code is not valid." stayed under the emptied field."""
    page: Any = at(CheckoutState, "/checkout")
    refused = translations("checkout.error.discount_unknown")
    page.errors = {"discount": refused, "email": {"en": "Enter your email."}}
    page.code_typed("no-such")  # still a code: its refusal stands
    assert page.errors["discount"] == refused
    page.code_typed("  ")
    assert page.errors == {"email": {"en": "Enter your email."}}
