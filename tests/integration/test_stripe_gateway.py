"""The Stripe gateway through the official SDK against localstripe on 127.0.0.1."""

from __future__ import annotations

import pytest

from storefront.adapters.stripe_gateway import StripeGateway
from storefront.services.payments import PaymentError
from tests.localstripe import SECRET_KEY


@pytest.fixture
def gateway(localstripe_url: str) -> StripeGateway:
    return StripeGateway(SECRET_KEY, api_base=localstripe_url)


def test_an_intent_carries_the_servers_amount_and_our_order_id(gateway: StripeGateway) -> None:
    intent = gateway.create_intent(
        amount_minor=12_990,
        currency="EUR",
        metadata={"order_id": "42"},
        idempotency_key="order-42-intent",
    )
    assert intent.id.startswith("pi_")
    assert (intent.amount_minor, intent.currency) == (12_990, "EUR")
    assert intent.metadata == {"order_id": "42"}
    assert intent.client_secret
    again = gateway.retrieve_intent(intent.id)
    assert again.id == intent.id
    assert again.status == intent.status


def test_refusals_come_back_as_payment_errors(gateway: StripeGateway) -> None:
    with pytest.raises(PaymentError) as refused:
        gateway.retrieve_intent("pi_does_not_exist")
    assert not refused.value.retryable
    with pytest.raises(PaymentError):
        gateway.create_intent(
            amount_minor=-5, currency="EUR", metadata={}, idempotency_key="bad-amount"
        )
