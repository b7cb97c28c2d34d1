"""Stripe webhook payloads: the signature checked on the raw body, then the event read into
the provider-neutral shape the services take."""

from __future__ import annotations

import json
from typing import Any

import stripe

from storefront.adapters.stripe_gateway import intent_from
from storefront.services.checkout.payment_events import ChargeRefunds, ProviderEvent

TOLERANCE_SECONDS = 300


class WebhookRefused(Exception):
    """Unsigned, wrongly signed, stale or unreadable: answer 400 and change nothing."""


def verified_event(payload: bytes, signature: str, secret: str) -> ProviderEvent:
    try:
        stripe.WebhookSignature.verify_header(payload, signature, secret, TOLERANCE_SECONDS)
        event = json.loads(payload)
    except stripe.SignatureVerificationError as exc:
        raise WebhookRefused(f"signature: {exc.user_message or exc}") from None
    except ValueError as exc:
        raise WebhookRefused(f"payload: {exc}") from None
    if not isinstance(event, dict):
        raise WebhookRefused("payload: not an event object")
    if event.get("object") == "v2.core.event":  # a thin event: the shop takes snapshots
        raise WebhookRefused("payload: a thin event")
    return _provider_event(event)


def _provider_event(event: dict[str, Any]) -> ProviderEvent:
    event_id, event_type = str(event.get("id", "")), str(event.get("type", ""))
    if not event_id:
        raise WebhookRefused("payload: no event id")
    data = event.get("data") or {}
    if not isinstance(data, dict):
        raise WebhookRefused("payload: its data is not an object")
    obj = data.get("object")
    if not isinstance(obj, dict):
        return ProviderEvent(event_id, event_type)
    # Refused like an unsigned body (400, a warning), not failed on (500 and a traceback at
    # each retry, operator QA): Stripe retries both for days, which shows the deliveries
    # failing in its dashboard, and a release that reads them then still gets them.
    try:
        return _read_object(event_id, event_type, obj)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        kind = obj.get("object")
        raise WebhookRefused(f"payload: unreadable {kind}: {type(exc).__name__}: {exc}") from None


def _read_object(event_id: str, event_type: str, obj: dict[str, Any]) -> ProviderEvent:
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
