"""The Stripe gateway through the official SDK against localstripe on 127.0.0.1."""

from __future__ import annotations

import socket
from types import SimpleNamespace
from typing import Any, cast
from urllib.parse import urlsplit

import httpx
import pytest
from stripe._http_client import new_default_http_client

from storefront.adapters import stripe_gateway
from storefront.adapters.stripe_gateway import StripeGateway
from storefront.bootstrap import Shop
from storefront.metrics import render
from storefront.services.payments import PaymentError
from tests.integration.checkout_fixtures import DECLINED, VISA
from tests.localstripe import PUBLISHABLE_KEY, SECRET_KEY
from tests.ports import free_port


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


def test_every_changing_call_sends_our_idempotency_key(
    localstripe_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What goes on the wire, as the SDK's HTTP client sends it: each POST carries the key
    we chose (the SDK would otherwise invent a fresh one per call, and a retry after a
    lost answer would charge or refund twice)."""
    sent: list[tuple[str, str, str | None]] = []

    def recording_client(**options: Any) -> Any:
        client = new_default_http_client(**options)
        send = client.request

        def request(method: str, url: str, headers: Any, *args: Any, **kwargs: Any) -> Any:
            key = dict(headers or {}).get("Idempotency-Key")
            sent.append((method.upper(), urlsplit(url).path, key))
            return send(method, url, headers, *args, **kwargs)

        client.request = request  # type: ignore[method-assign]
        return client

    monkeypatch.setattr(stripe_gateway, "new_default_http_client", recording_client)
    gateway = StripeGateway(SECRET_KEY, api_base=localstripe_url)
    paid = gateway.create_intent(
        amount_minor=2_000, currency="EUR", metadata={"order_id": "7"}, idempotency_key="o7"
    )
    gateway.confirm_intent(paid.id, VISA, "o7-pay")
    made = gateway.refund(paid.id, 500, "refund-o7", request_key="o7-r1")
    assert (made.amount_minor, made.status, made.request_key) == (500, "succeeded", "o7-r1")
    dropped = gateway.create_intent(
        amount_minor=1_000, currency="EUR", metadata={"order_id": "8"}, idempotency_key="o8"
    )
    gateway.cancel_intent(dropped.id, "o8-cancel")
    gateway.retrieve_intent(paid.id)
    [refund] = gateway.refunds_of(paid.id)
    assert (refund.id, refund.amount_minor, refund.currency) == (made.id, 500, "EUR")
    assert (refund.status, refund.request_key) == ("succeeded", "o7-r1")
    assert sent[-1] == ("GET", "/v1/refunds", None)
    assert sent[:-1] == [
        ("POST", "/v1/payment_intents", "o7"),
        ("POST", f"/v1/payment_intents/{paid.id}", "o7-pay-attach"),
        ("POST", f"/v1/payment_intents/{paid.id}/confirm", "o7-pay-confirm"),
        ("POST", "/v1/refunds", "refund-o7"),
        ("POST", "/v1/payment_intents", "o8"),
        ("POST", f"/v1/payment_intents/{dropped.id}/cancel", "o8-cancel"),
        ("GET", f"/v1/payment_intents/{paid.id}", None),
    ]


@pytest.mark.parametrize(
    ("status", "retryable"), [(409, True), (500, True), (402, False), (400, False)]
)
def test_a_request_whose_key_is_in_flight_elsewhere_is_not_taken_for_a_refusal(
    status: int, retryable: bool
) -> None:
    """Two processes sending the same pending refund again: Stripe answers the later 409
    while the first runs. A refusal would close the refund as failed though it went through."""
    error = stripe_gateway._payment_error(
        stripe_gateway.stripe.APIError("conflict", http_status=status), "refund"
    )
    assert error.retryable is retryable


def test_a_key_first_sent_with_other_parameters_is_not_taken_for_a_refusal() -> None:
    """A refund asked before refunds carried their key in metadata and sent again since:
    Stripe answers an idempotency error, which says nothing of whether the first went
    through; closing it as failed could hide money given back."""
    error = stripe_gateway._payment_error(
        stripe_gateway.stripe.IdempotencyError("Keys for idempotent requests...", http_status=400),
        "refund",
    )
    assert error.retryable is True


@pytest.mark.parametrize(
    ("route", "extra", "card_of"),
    [
        ("tokens", {}, lambda answer: answer["card"]),  # Stripe.js's createToken
        ("payment_methods", {"type": "card"}, lambda answer: answer["card"]),  # confirmCardPayment
    ],
)
def test_the_sandbox_takes_a_card_number_typed_with_spaces(
    localstripe_url: str, route: str, extra: dict[str, str], card_of: Any
) -> None:
    """The checkout shows the test card as "4242 4242 4242 4242": the demo's Stripe must
    take it as typed, as Stripe.js's card field does."""
    spaced = httpx.post(
        f"{localstripe_url}/v1/{route}",
        data={
            "card[number]": "4242 4242 4242 4242", "card[exp_month]": "12",
            "card[exp_year]": "2030", "card[cvc]": "123", "key": PUBLISHABLE_KEY, **extra,
        },
        auth=(SECRET_KEY, "") if route == "payment_methods" else None,
    )  # fmt: skip
    assert spaced.status_code == 200, spaced.text
    assert card_of(spaced.json())["last4"] == "4242"


def test_every_failed_call_is_logged_and_counted_but_a_decline_is_not(
    gateway: StripeGateway, caplog: pytest.LogCaptureFixture
) -> None:
    """Stripe out of reach failed every checkout with nothing in the log at warning level
    and no metric: the operator learnt of lost sales from the merchant."""

    def count(call: str, kind: str) -> float:
        return stripe_gateway.PROVIDER_ERRORS.labels(call, kind)._value.get()

    port = free_port()
    gone = StripeGateway(SECRET_KEY, api_base=f"http://127.0.0.1:{port}")
    before = count("retrieve_intent", "unreachable"), count("retrieve_intent", "missing")
    with caplog.at_level("INFO", logger=stripe_gateway.__name__):
        with pytest.raises(PaymentError):
            gone.retrieve_intent("pi_any")
        with pytest.raises(PaymentError) as missing:
            gateway.retrieve_intent("pi_does_not_exist")
    assert (missing.value.missing, missing.value.retryable) == (True, False)
    assert count("retrieve_intent", "unreachable") == before[0] + 1
    assert count("retrieve_intent", "missing") == before[1] + 1
    messages = [(r.levelname, r.getMessage()) for r in caplog.records]
    assert messages[0] == (
        "WARNING",
        "payments: Stripe's retrieve_intent failed (unreachable, HTTP -): "
        f"127.0.0.1:{port}: Connection refused",
    )
    # No such intent (resource_missing): an answer the caller acts on, not a failure to warn of.
    assert messages[1][0] == "INFO"
    assert messages[1][1].startswith("payments: Stripe's retrieve_intent failed (missing, HTTP 404")
    revoked = stripe_gateway.stripe.AuthenticationError("Invalid API Key", http_status=401)
    assert stripe_gateway._kind(revoked, retryable=False) == "refused"
    body, _ = render(cast(Shop, SimpleNamespace(outbox=None)))  # /metrics of this process
    assert 'boutique_payment_provider_errors_total{call="retrieve_intent",kind="unreachable"}' in (
        body.decode()
    )

    caplog.clear()
    intent = gateway.create_intent(
        amount_minor=990, currency="EUR", metadata={}, idempotency_key="declined-not-counted"
    )
    declined_before = sum(
        count("confirm_intent", kind) for kind in ("unreachable", "refused", "provider", "invalid")
    )
    with pytest.raises(PaymentError) as declined:
        gateway.confirm_intent(intent.id, DECLINED, "declined-not-counted")
    assert declined.value.declined
    assert declined_before == sum(
        count("confirm_intent", kind) for kind in ("unreachable", "refused", "provider", "invalid")
    )
    assert not [r for r in caplog.records if r.name == stripe_gateway.__name__]


def test_stripe_out_of_reach_is_said_by_its_host_and_reason_on_one_line() -> None:
    """Stripe's own text is two lines of boilerplate before the cause: the check's warning
    showed only the first, cut mid-sentence (QA)."""
    refused = free_port()
    assert stripe_gateway.key_problem(SECRET_KEY, f"http://127.0.0.1:{refused}", 2.0) == (
        "unreachable",
        f"127.0.0.1:{refused}: Connection refused",
    )
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        assert stripe_gateway.key_problem(SECRET_KEY, f"http://127.0.0.1:{port}", 0.5) == (
            "unreachable",
            f"127.0.0.1:{port}: timed out",
        )
