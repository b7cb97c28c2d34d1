"""Stripe through its official SDK: explicit key, base URL (localstripe in demo and tests),
timeouts and idempotency keys on every call that changes something.

Every call Stripe fails (out of reach, refusing the key, failing itself; a card's decline is
no failure) is logged as a warning and counted in `boutique_payment_provider_errors_total`:
the shopper is told nothing was charged, and the operator must learn that sales are lost."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import stripe
from prometheus_client import Counter
from stripe._http_client import new_default_http_client

from storefront.services.payments import PaymentError, PaymentIntent, ProviderRefund

TIMEOUT_SECONDS = 20
# The refund's metadata field that holds the shop's request key.
REQUEST_KEY = "boutique_request_key"

log = logging.getLogger(__name__)
PROVIDER_ERRORS = Counter(
    "boutique_payment_provider_errors_total",
    "Calls to the payment provider that failed (declined cards are not failures)",
    ["call", "kind"],
)  # kind: unreachable | refused | provider | invalid | missing (_kind)


class StripeGateway:
    def __init__(self, secret_key: str, *, api_base: str | None = None) -> None:
        options: dict[str, Any] = {
            "max_network_retries": 2,  # safe: every changing call has an idempotency key
            "http_client": new_default_http_client(timeout=TIMEOUT_SECONDS),
        }
        if api_base:
            options["base_addresses"] = {"api": api_base}
        self._client = stripe.StripeClient(secret_key, **options)

    def create_intent(
        self,
        *,
        amount_minor: int,
        currency: str,
        metadata: Mapping[str, str],
        idempotency_key: str,
    ) -> PaymentIntent:
        try:
            intent = self._client.v1.payment_intents.create(
                params={
                    "amount": amount_minor,
                    "currency": currency.lower(),
                    "metadata": dict(metadata),
                    "payment_method_types": ["card"],  # type: ignore[typeddict-unknown-key]
                },
                options={"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as exc:
            raise _payment_error(exc, "create_intent") from exc
        return intent_from(intent)

    def confirm_intent(
        self, intent_id: str, payment_method: str, idempotency_key: str
    ) -> PaymentIntent:
        # Two calls (attach, then confirm) rather than confirm(payment_method=...): the
        # same requests work against Stripe and localstripe.
        try:
            self._client.v1.payment_intents.update(
                intent_id,
                params={"payment_method": payment_method},
                options={"idempotency_key": f"{idempotency_key}-attach"},
            )
            intent = self._client.v1.payment_intents.confirm(
                intent_id, options={"idempotency_key": f"{idempotency_key}-confirm"}
            )
        except stripe.CardError as exc:
            # Stripe names the bank's reason in decline_code, and its own in code.
            code = getattr(exc.error, "decline_code", None) or exc.code or ""
            raise PaymentError(
                str(exc.user_message or exc), retryable=False, declined=True, code=str(code)
            ) from exc
        except stripe.StripeError as exc:
            raise _payment_error(exc, "confirm_intent") from exc
        return intent_from(intent)

    def cancel_intent(self, intent_id: str, idempotency_key: str) -> PaymentIntent:
        try:
            intent = self._client.v1.payment_intents.cancel(
                intent_id, options={"idempotency_key": idempotency_key}
            )
        except stripe.StripeError as exc:
            raise _payment_error(exc, "cancel_intent") from exc
        return intent_from(intent)

    def retrieve_intent(self, intent_id: str) -> PaymentIntent:
        try:
            return intent_from(self._client.v1.payment_intents.retrieve(intent_id))
        except stripe.StripeError as exc:
            raise _payment_error(exc, "retrieve_intent") from exc

    def refund(
        self, intent_id: str, amount_minor: int, idempotency_key: str, *, request_key: str
    ) -> ProviderRefund:
        try:
            refund = self._client.v1.refunds.create(
                params={
                    "payment_intent": intent_id,
                    "amount": amount_minor,
                    "metadata": {REQUEST_KEY: request_key},
                },
                options={"idempotency_key": idempotency_key},
            )
        except stripe.StripeError as exc:
            raise _payment_error(exc, "refund") from exc
        return _refund_from(refund)

    def refunds_of(self, intent_id: str) -> list[ProviderRefund]:
        try:
            page = self._client.v1.refunds.list(params={"payment_intent": intent_id, "limit": 100})
            refunds = [_refund_from(refund) for refund in page.auto_paging_iter()]
        except stripe.StripeError as exc:
            raise _payment_error(exc, "refunds_of") from exc
        return sorted(refunds, key=lambda refund: (refund.created_at, refund.id))


def key_problem(secret_key: str, api_base: str | None, timeout: float) -> tuple[str, str] | None:
    """Whether Stripe takes the key, asked once (a read, no retry): None, or the kind of
    failure (`refused`: the key is wrong, revoked or without the right to read payments;
    `unreachable`, `provider`) and Stripe's first line. For `check-settings`: a revoked key
    was found only as the first shopper's payment failed."""
    options: dict[str, Any] = {
        "max_network_retries": 0,
        "http_client": new_default_http_client(timeout=timeout),
    }
    if api_base:
        options["base_addresses"] = {"api": api_base}
    try:
        stripe.StripeClient(secret_key, **options).v1.payment_intents.list(params={"limit": 1})
    except stripe.StripeError as exc:
        return _kind(exc, retryable=True), _reason(exc)
    return None


# Stripe's text for a network error is two lines of its own ("Unexpected error communicating
# with Stripe. If this problem persists, / let us know at support@stripe.com.") and then, in
# "(Network error: ...)", the HTTP library's: where it was going, and why that failed.
_NETWORK_ERROR = re.compile(r"\(Network error: (.*)\)\s*$", re.DOTALL)
_HOST = re.compile(r"host='([^']*)', port=(\d+)")
_OS_ERROR = re.compile(r"\[Errno -?\d+\] ([^\"'()]+)")


def _reason(exc: stripe.StripeError) -> str:
    """One line: for a network error the host and why it failed (refused, not resolved, timed
    out), else Stripe's first line."""
    text = str(exc).strip()
    network = _NETWORK_ERROR.search(text) if isinstance(exc, stripe.APIConnectionError) else None
    if network is None:
        return text.splitlines()[0] if text else type(exc).__name__
    cause = " ".join(network.group(1).split())
    host, why = _HOST.search(cause), _OS_ERROR.search(cause)
    if why:
        reason = why.group(1).strip()
    elif "timed out" in cause.lower():
        reason = "timed out"
    else:  # another library's text: whole, on one line
        reason = cause
    return f"{host.group(1)}:{host.group(2)}: {reason}" if host else reason


def intent_from(intent: Any) -> PaymentIntent:
    """Our PaymentIntent from an SDK object or a webhook payload's dict."""
    data = _plain(intent)
    failure = _plain(data.get("last_payment_error"))
    return PaymentIntent(
        id=str(data["id"]),
        status=str(data["status"]),
        amount_minor=int(data["amount"]),
        currency=str(data["currency"]).upper(),
        client_secret=str(data.get("client_secret") or ""),
        metadata={str(k): str(v) for k, v in (data.get("metadata") or {}).items()},
        last_error=str(failure.get("message") or ""),
        last_error_code=str(failure.get("decline_code") or failure.get("code") or ""),
    )


def _refund_from(refund: Any) -> ProviderRefund:
    data = _plain(refund)
    return ProviderRefund(
        id=str(data["id"]),
        amount_minor=int(data["amount"]),
        currency=str(data["currency"]).upper(),
        status=str(data.get("status") or ""),
        created_at=datetime.fromtimestamp(int(data["created"]), UTC),
        request_key=str((data.get("metadata") or {}).get(REQUEST_KEY) or ""),
    )


def _plain(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    return dict(value.to_dict()) if hasattr(value, "to_dict") else dict(value)


def _kind(exc: stripe.StripeError, retryable: bool) -> str:
    """unreachable; refused (the key revoked or without the right: every call fails until it
    is changed); provider (its own errors, retried); invalid (a request it would not take,
    such as a race's cancel of an intent paid meanwhile: the caller settles from the intent)."""
    if isinstance(exc, stripe.APIConnectionError):
        return "unreachable"
    if isinstance(exc, stripe.AuthenticationError | stripe.PermissionError) or (
        exc.http_status in (401, 403)
    ):
        return "refused"
    return "provider" if retryable else "invalid"


def _payment_error(exc: stripe.StripeError, call: str) -> PaymentError:
    # 409: the same idempotency key is in flight in another request (two processes settling
    # the same pending refund): its outcome is that request's, so this one must not be
    # taken for a refusal. An idempotency error (a key first sent with other parameters: a
    # refund asked before refunds carried their key in metadata, sent again since) says
    # nothing of whether the first call went through either: never a refusal.
    retryable = isinstance(
        exc, stripe.APIConnectionError | stripe.RateLimitError | stripe.IdempotencyError
    ) or (exc.http_status is not None and (exc.http_status >= 500 or exc.http_status == 409))
    missing = _missing(exc)
    kind = "missing" if missing else _kind(exc, retryable)
    PROVIDER_ERRORS.labels(call, kind).inc()
    # No such object: an answer, not a failure (the caller decides; the reconciliation gives
    # such an order up once, with a warning of its own), so not a warning every minute.
    log.log(
        logging.INFO if missing else logging.WARNING,
        "payments: Stripe's %s failed (%s, HTTP %s): %s",
        call,
        kind,
        exc.http_status or "-",
        _reason(exc),
    )
    return PaymentError(str(exc.user_message or exc), retryable=retryable, missing=missing)


def _missing(exc: stripe.StripeError) -> bool:
    """Stripe's answer that the object does not exist (404, `resource_missing`; the demo's
    localstripe is made to answer so, storefront/sandbox/localstripe.py). Only that: a 404
    without the code (an unknown URL: a wrong API base, a proxy), a timeout, a 5xx or a
    refused key says nothing of whether it exists (review)."""
    return (
        isinstance(exc, stripe.InvalidRequestError)
        and exc.http_status == 404
        and exc.code == "resource_missing"
    )
