"""What the app does with an event that failed on the server (its backend exception
handler): the error goes to the shop's log, and the shopper is told (components/
failure_notices.py)."""

from __future__ import annotations

import logging

from reflex_base.event import EventSpec

from components.failure_notices import reflex_error_toast, reload_when_back
from storefront.adapters.outages import is_unreachable
from storefront.logs import EVENT_ID, failed_event_id

log = logging.getLogger("storefront.logs")  # the shop's log of failed events, as before


def log_backend_exception(exception: Exception) -> EventSpec:
    """The app's backend exception handler: the error goes to the shop's log (one JSON line
    with the event's id), and the shopper sees the toast Reflex's default handler shows, or,
    when a part of the shop was out of reach, that the page will reload once it is back."""
    token = EVENT_ID.set(failed_event_id(exception))
    try:
        log.error(
            "event handler failed: %s: %s",
            type(exception).__name__,
            exception,
            exc_info=(type(exception), exception, exception.__traceback__),
        )
    finally:
        EVENT_ID.reset(token)
    if is_unreachable(exception):  # the page reloads once /readyz says the shop is back
        return reload_when_back()
    return reflex_error_toast(exception)
