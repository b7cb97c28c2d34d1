"""Stripe webhook payloads: the signature checked on the raw body, then the event read into
the provider-neutral shape the services take."""

from __future__ import annotations

from typing import Any

import stripe

from storefront.adapters.stripe_gateway import intent_from
from storefront.services.checkout.payment_events import ChargeRefunds, ProviderEvent

TOLERANCE_SECONDS = 300


class WebhookRefused(Exception):
    """Unsigned, wrongly signed, stale or unreadable: answer 400 and change nothing."""


def verified_event(payload: bytes, signature: str, secret: str) -> ProviderEvent:
    try:
        event = stripe.Webhook.construct_event(
            payload, signature, secret, tolerance=TOLERANCE_SECONDS
        )
    except stripe.SignatureVerificationError as exc:
        raise WebhookRefused(f"signature: {exc.user_message or exc}") from None
    except ValueError as exc:
        raise WebhookRefused(f"payload: {exc}") from None
    return _provider_event(event)


def _provider_event(stripe_event: Any) -> ProviderEvent:
    event = stripe_event.to_dict() if hasattr(stripe_event, "to_dict") else dict(stripe_event)
    event_id, event_type = str(event.get("id", "")), str(event.get("type", ""))
    if not event_id:
        raise WebhookRefused("payload: no event id")
    obj = (event.get("data") or {}).get("object")
    if not isinstance(obj, dict):
        return ProviderEvent(event_id, event_type)
    kind = obj.get("object")
    if kind == "payment_intent":
        return ProviderEvent(event_id, event_type, intent=intent_from(obj))
    if kind == "charge" and obj.get("payment_intent"):
        refunds = ChargeRefunds(
            str(obj["payment_intent"]),
            int(obj.get("amount_refunded") or 0),
            str(obj.get("currency") or ""),
        )
        return ProviderEvent(event_id, event_type, refunds=refunds)
    if kind == "refund" and obj.get("payment_intent"):
        # charge.refund.updated and refund.* carry one refund, not the charge's total: the
        # payment's refunds are read from Stripe (a refund that was pending has succeeded).
        one = ChargeRefunds(str(obj["payment_intent"]), None, str(obj.get("currency") or ""))
        return ProviderEvent(event_id, event_type, refunds=one)
    return ProviderEvent(event_id, event_type)
