"""An account's address confirmed as its owner does it: the link of the welcome its sign-up
mailed (its AccountCreated delivered as the bus does, the mail read from the shop's mail
outbox), its button pressed."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import text

from models.events import AccountCreated
from models.types import utc_now
from storefront.bootstrap import Shop
from tests.integration.bus_fixtures import outbox_events


def deliver_welcomes(shop: Shop, now: datetime | None = None) -> None:
    """Every AccountCreated in the outbox handed to its welcome, as the account-mail group
    does (`now` for the link, else the clock's; a welcome mailed already is not again)."""
    assert shop.email_confirmations is not None
    for event in outbox_events(shop):
        if isinstance(event, AccountCreated):
            shop.email_confirmations.welcome(event.account_id, now or utc_now(), event.lang)


def confirm_address(shop: Shop, email: str, now: datetime) -> None:
    """Confirm `email`'s account `now` by the newest confirmation link mailed to it."""
    assert shop.engine is not None
    deliver_welcomes(shop, now)
    assert shop.email_confirmations is not None
    with shop.engine.connect() as connection:
        bodies = connection.execute(
            text("select body from mail_outbox where recipient = :to order by id desc"),
            {"to": email},
        ).scalars()
        links = [re.search(r"/account/confirm\?token=([\w-]+)", body) for body in bodies]
    token = next(found.group(1) for found in links if found)
    assert shop.email_confirmations.confirm(token, now) == email
