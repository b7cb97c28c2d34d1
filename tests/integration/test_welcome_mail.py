"""A new account's welcome through the outbox and Redis Streams, on SQLite and PostgreSQL:
the sign-up writes its AccountCreated event in its own transaction and mails nothing; the
account-mail group mails the welcome once however often the bus delivers the event, and a
mail server out of reach neither slows nor fails the sign-up (its welcome goes once the
server is back)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from email.parser import BytesParser
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import text

from models.events import AccountCreated
from models.types import utc_now
from storefront.bootstrap import Shop
from storefront.services.bus.consumer import GroupConsumer
from storefront.subscriptions import ACCOUNT_MAIL
from tests.integration.bus_fixtures import outbox_events, stream_key
from tests.integration.test_bus import FAST, consumer, relay
from tests.ports import free_port
from tests.smtp_server import Inbox

PASSWORD = "a long enough secret"


@pytest.fixture
def redis_shop(
    database_url: str, redis_server: str, make_shop: Callable[..., Shop]
) -> Iterator[Callable[..., Shop]]:
    """Shops on the test's database with the bus on the test Redis (a stream of their own)."""
    with stream_key(redis_server) as key:
        yield lambda **overrides: make_shop(
            database_url, redis_url=redis_server, bus_stream=key, **overrides
        )


def welcomes(shop: Shop, email: str) -> list[str]:
    """The bodies of the welcomes the mail outbox holds for `email`."""
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return list(
            connection.execute(
                text(
                    "select body from mail_outbox where recipient = :to"
                    " and subject like 'Welcome to Boutique%' order by id"
                ),
                {"to": email},
            ).scalars()
        )


def links(shop: Shop) -> int:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return int(connection.execute(text("select count(*) from email_confirmation")).scalar_one())


def run(group: GroupConsumer, rounds: int = 200) -> int:
    """Rounds of the consumer until it handles something (a failed message is retried after
    FAST's short backoff), `rounds` at most; how many it handled."""
    for _ in range(rounds):
        handled = group.run_once(block_ms=20)
        if handled:
            return handled
    return 0


def test_a_welcome_the_bus_delivers_again_is_mailed_once(
    redis_shop: Callable[..., Shop],
) -> None:
    shop = redis_shop()
    assert shop.accounts is not None
    since = utc_now() - timedelta(seconds=1)
    signed = shop.accounts.sign_up("ann@example.com", PASSWORD, "Ann", utc_now())
    assert outbox_events(shop)[-1] == AccountCreated(signed.account_id, "en")
    assert welcomes(shop, "ann@example.com") == []  # the sign-up mails nothing itself

    mail = consumer(shop, ACCOUNT_MAIL)
    assert relay(shop) >= 1
    assert run(mail) >= 1
    [body] = welcomes(shop, "ann@example.com")
    assert "/account/confirm?token=" in body

    # The relay sends it again (its stream lost it, say): the processed log passes it by.
    assert shop.outbox is not None
    assert shop.outbox.relay_again(since) >= 1
    relay(shop)
    assert run(mail) >= 1
    # The consumer died after mailing, before recording it: the handler itself sends nothing.
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.execute(
            text("delete from processed_message where consumer = :c"), {"c": ACCOUNT_MAIL}
        )
    shop.outbox.relay_again(since)
    relay(shop)
    assert run(mail) >= 1
    assert welcomes(shop, "ann@example.com") == [body]
    assert links(shop) == 1


@contextmanager
def smtp_on(port: int, inbox: Inbox) -> Iterator[None]:
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield
    finally:
        controller.stop()


def test_sign_up_succeeds_while_the_mail_server_is_out_of_reach_and_its_welcome_goes_later(
    redis_shop: Callable[..., Shop],
) -> None:
    port = free_port()  # nothing listens there yet
    shop = redis_shop(smtp_url=f"smtp://127.0.0.1:{port}")
    assert shop.accounts is not None
    signed = shop.accounts.sign_up("bea@example.com", PASSWORD, "Bea", utc_now(), lang="fr")
    assert shop.accounts.session(signed.session_token, utc_now()) == signed.account_id
    assert AccountCreated(signed.account_id, "fr") in outbox_events(shop)

    patient = replace(FAST, max_attempts=100)  # the outage outlasts no retry budget here
    mail = consumer(shop, ACCOUNT_MAIL, policy=patient)
    relay(shop)
    assert run(mail, rounds=3) == 0  # refused: kept for a retry, its link forgotten
    assert links(shop) == 0
    assert mail.counters.failed >= 1

    inbox = Inbox()
    with smtp_on(port, inbox):
        assert run(mail) >= 1
    [(content, _)] = inbox.mails
    sent = BytesParser(policy=default).parsebytes(content)
    assert sent["To"] == "bea@example.com"
    assert sent["Subject"] == "Bienvenue chez Boutique\u202f: merci de confirmer votre e-mail"
    assert links(shop) == 1
