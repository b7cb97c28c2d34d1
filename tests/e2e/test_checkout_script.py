"""The checkout page's card script (assets/checkout.js) in Chromium, against a stand-in for
Stripe.js: whatever Stripe.js does, each step answers the shop, which waits with Pay busy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import CHROMIUM
from tests.missing import missing

pytestmark = pytest.mark.e2e

SCRIPT = Path(__file__).resolve().parents[2] / "assets" / "checkout.js"

# Stripe.js as the page sees it; `window.stripeAnswers` says how its calls end.
FAKE_STRIPE = """window.stripeAnswers = {};
window.Stripe = () => ({
  elements: () => ({ create: () => ({ mount: () => {} }) }),
  createToken: async () => window.stripeAnswers.createToken(),
  confirmCardPayment: async () => window.stripeAnswers.confirmCardPayment(),
});"""


@pytest.fixture
def card_page(browser) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        missing(f"{CHROMIUM} missing (scripts/test installs it)")
    context = browser.new_context()
    page = context.new_page()
    page.set_content('<div id="card-element"></div>')
    page.add_script_tag(content=FAKE_STRIPE)
    page.add_script_tag(path=str(SCRIPT))
    assert page.evaluate("window.boutiqueCheckout.mount('pk_test', '')") == {"ok": True}
    yield page
    context.close()


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("({token: {card: {id: 'card_1'}}})", {"card": "card_1"}),
        ("({error: {message: 'Your card number is incomplete.'}})", None),
        ("({})", None),  # localstripe's answer for an empty card field
        ("{throw new Error('network down')}", None),
    ],
)
def test_tokenize_always_answers_with_a_card_or_an_error(
    card_page: Page, answer: str, expected: dict[str, str] | None
) -> None:
    card_page.evaluate(f"() => {{ window.stripeAnswers.createToken = () => {answer}; }}")
    result = card_page.evaluate("window.boutiqueCheckout.tokenize()")
    if expected is not None:
        assert result == expected
    else:
        assert set(result) == {"error"}
        assert result["error"]


def test_authentication_answers_even_when_stripe_js_throws(card_page: Page) -> None:
    card_page.evaluate(
        "() => { window.stripeAnswers.confirmCardPayment = () => { throw new Error('x'); }; }"
    )
    assert card_page.evaluate("window.boutiqueCheckout.authenticate('pi_secret')") == {"error": "x"}
    assert card_page.evaluate("window.boutiqueCheckout.confirming") is False
