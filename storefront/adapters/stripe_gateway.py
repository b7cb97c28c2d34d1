"""Stripe through its official SDK: explicit key, base URL (localstripe in demo and tests),
timeouts and idempotency keys on every call that changes something."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import stripe
from stripe._http_client import new_default_http_client

from storefront.services.payments import PaymentError, PaymentIntent, ProviderRefund

TIMEOUT_SECONDS = 20
# The refund's metadata field that holds the shop's request key.
REQUEST_KEY = "boutique_request_key"


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
            raise _payment_error(exc) from exc
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
            raise _payment_error(exc) from exc
        return intent_from(intent)

    def cancel_intent(self, intent_id: str, idempotency_key: str) -> PaymentIntent:
        try:
            intent = self._client.v1.payment_intents.cancel(
                intent_id, options={"idempotency_key": idempotency_key}
            )
        except stripe.StripeError as exc:
            raise _payment_error(exc) from exc
        return intent_from(intent)

    def retrieve_intent(self, intent_id: str) -> PaymentIntent:
        try:
            return intent_from(self._client.v1.payment_intents.retrieve(intent_id))
        except stripe.StripeError as exc:
            raise _payment_error(exc) from exc

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
            raise _payment_error(exc) from exc
        return _refund_from(refund)

    def refunds_of(self, intent_id: str) -> list[ProviderRefund]:
        try:
            page = self._client.v1.refunds.list(params={"payment_intent": intent_id, "limit": 100})
            refunds = [_refund_from(refund) for refund in page.auto_paging_iter()]
        except stripe.StripeError as exc:
            raise _payment_error(exc) from exc
        return sorted(refunds, key=lambda refund: (refund.created_at, refund.id))


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


def _payment_error(exc: stripe.StripeError) -> PaymentError:
    # 409: the same idempotency key is in flight in another request (two processes settling
    # the same pending refund): its outcome is that request's, so this one must not be
    # taken for a refusal. An idempotency error (a key first sent with other parameters: a
    # refund asked before refunds carried their key in metadata, sent again since) says
    # nothing of whether the first call went through either: never a refusal.
    retryable = isinstance(
        exc, stripe.APIConnectionError | stripe.RateLimitError | stripe.IdempotencyError
    ) or (exc.http_status is not None and (exc.http_status >= 500 or exc.http_status == 409))
    return PaymentError(str(exc.user_message or exc), retryable=retryable)
