"""Order mails sent late: those whose event's retries ran out (the mail server was down for
longer) or whose sender died holding the claim. Each order mail's `catch_up` (refund_mail.py,
release_mail.py, withdrawal_mail.py; the reconciliation runs them) lists what is still untold
and sends it through `send_untold`."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from storefront.services.orders.mail import CLAIM_MINUTES

log = logging.getLogger(__name__)

CATCH_UP_WITHIN = timedelta(days=1)  # older untold mails are not sent, days late
# A catch-up starts no mail after this long: a mail server that hangs (10 s per try) must
# not hold up the rest of the reconciliation, which runs in the same pass.
CATCH_UP_SECONDS = 20.0

Send = Callable[[int, datetime], int]  # how many mails it sent (a bool: one or none)


def stale_before(now: datetime) -> datetime:
    """A claim taken before this is free: its sender died."""
    return now - timedelta(minutes=CLAIM_MINUTES)


def send_untold(
    batches: Iterable[tuple[Send, Iterable[int]]], now: datetime, what: str
) -> tuple[int, int]:
    """Send each untold mail (a batch: a send and the ids it takes), for at most
    CATCH_UP_SECONDS: (sent, failed). A failure is logged and counted, and the rest go on."""
    deadline = time.monotonic() + CATCH_UP_SECONDS
    sent = failed = 0
    for send, ids in batches:
        for item_id in ids:
            if time.monotonic() > deadline:
                return sent, failed  # the rest next time
            try:
                sent += int(send(item_id, now))
            except Exception as exc:  # a mail server down now is tried again next time
                log.error("sending the %s mail of %s failed: %r", what, item_id, exc)
                failed += 1
    return sent, failed
