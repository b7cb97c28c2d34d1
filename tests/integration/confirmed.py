"""An account's address confirmed as its owner does it: the link of the welcome its sign-up
mailed (read from the shop's mail outbox), its button pressed."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import text

from storefront.bootstrap import Shop


def confirm_address(shop: Shop, email: str, now: datetime) -> None:
    """Confirm `email`'s account `now` by the newest confirmation link mailed to it."""
    assert shop.engine is not None
    assert shop.email_confirmations is not None
    with shop.engine.connect() as connection:
        bodies = connection.execute(
            text("select body from mail_outbox where recipient = :to order by id desc"),
            {"to": email},
        ).scalars()
        links = [re.search(r"/account/confirm\?token=([\w-]+)", body) for body in bodies]
    token = next(found.group(1) for found in links if found)
    assert shop.email_confirmations.confirm(token, now) == email
