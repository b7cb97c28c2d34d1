"""Which of Stripe's errors say the payment does not exist (the reconciliation then gives the
order up), and which say nothing of it (out of reach, failing: the order waits)."""

from __future__ import annotations

import stripe

from storefront.adapters.stripe_gateway import _payment_error


def test_only_a_not_found_answer_marks_the_payment_missing() -> None:
    missing = [
        stripe.InvalidRequestError("No such intent", None, "resource_missing", http_status=404),
    ]
    not_missing = [
        stripe.APIConnectionError("timed out"),
        stripe.APIError("Stripe failed", http_status=500),
        stripe.APIError("bad gateway", http_status=502),
        stripe.RateLimitError("slow down", http_status=429),
        stripe.InvalidRequestError("bad state", None, "unexpected_state", http_status=400),
        stripe.AuthenticationError("bad key", http_status=401),
        stripe.InvalidRequestError("gone", None, "other_code", http_status=404),
        # An unknown URL (a wrong API base, a proxy): Stripe's 404 without a code.
        stripe.InvalidRequestError("Unrecognized request URL", None, http_status=404),
    ]
    assert [_payment_error(e, "retrieve_intent").missing for e in missing] == [True]
    assert [_payment_error(e, "retrieve_intent").missing for e in not_missing] == [False] * 8
    retryable = [_payment_error(e, "retrieve_intent").retryable for e in not_missing[:4]]
    assert retryable == [True, True, True, True]
