"""POST /api/stripe/webhook: Stripe's signed events about our payments.

The signature is checked on the raw body before anything is parsed; a refused delivery gets
400 and changes nothing, as does a signed one the shop cannot read (not an event object, a
payment without its status). Accepted events answer 200 even when they are not ours or change
nothing, so Stripe stops retrying them; a failure of ours answers 500, and an event that
must wait for another (a refund before its payment's news) 503: Stripe retries both.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.requests import Request
from starlette.responses import JSONResponse

from storefront.adapters.stripe_webhooks import WebhookRefused, verified_event
from storefront.bootstrap import get_shop

log = logging.getLogger(__name__)


async def stripe_webhook(request: Request) -> JSONResponse:
    shop = get_shop()
    secret = shop.settings.stripe_webhook_secret
    if shop.commerce is None or not secret:
        return JSONResponse({"error": "payments are not configured"}, status_code=503)
    payload = await request.body()  # capped before it is read (api/body_limit.py)
    try:
        event = verified_event(payload, request.headers.get("stripe-signature", ""), secret)
    except WebhookRefused as exc:
        log.warning("stripe webhook refused: %s", exc)
        return JSONResponse({"error": str(exc)}, status_code=400)
    outcome = await asyncio.to_thread(shop.commerce.payment_events.handle, event)
    log.info("stripe event %s (%s): %s", event.id, event.type, outcome)
    # 503 for an event that must wait for another (Stripe sends it again, with backoff).
    status = 503 if outcome == "retry" else 200
    return JSONResponse({"received": True, "outcome": outcome}, status_code=status)
