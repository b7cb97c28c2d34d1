"""The notice of a changed password on real SQLite and PostgreSQL, as the shop is wired: a reset
link used, or a change from the account page, tells the account's address when (on the shop's
BOUTIQUE_TIMEZONE), where to reset it again and the shop's contact address; a mail server down
when it is sent (a real SMTP server, stopped) undoes nothing."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime
from email import message_from_bytes

import pytest
from sqlalchemy import text

from storefront.bootstrap import Shop
from storefront.services.accounts.errors import AccountError
from tests.smtp_server import Inbox, serving

NOW = datetime(2026, 12, 7, 20, 40, tzinfo=UTC)  # 21:40 in Paris
PASSWORD = "a long enough secret"
NEW = "a brand new secret"
PARIS = {
    "timezone": "Europe/Paris",
    "contact_email": "help@shop.example",
    "public_url": "https://shop.example",
}
SUBJECT_FR = "Votre mot de passe Boutique a été modifié"


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    return make_shop(database_url, **PARIS)


def outbox(shop: Shop) -> list[tuple[str, str, str]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(
            text("select recipient, subject, body from mail_outbox order by id")
        )
        # Not the welcome every sign-up mails (test_email_confirmation.py's).
        return [(r[0], r[1], r[2]) for r in rows if "/account/confirm?token=" not in r[2]]


def token_in(body: str) -> str:
    found = re.search(r"token=([\w-]+)", body)
    assert found is not None
    return found.group(1)


def test_a_reset_link_used_tells_the_accounts_address_when_and_what_to_do(shop: Shop) -> None:
    assert shop.accounts is not None
    assert shop.resets is not None
    shop.accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW)
    shop.resets.request_reset("ann@example.com", "https://shop.example/account/reset", NOW)
    [(_, _, link_mail)] = outbox(shop)
    token = token_in(link_mail)
    shop.resets.reset_password(token, NEW, NOW, lang="fr")
    with pytest.raises(AccountError, match="reset_invalid"):  # used: no second notice
        shop.resets.reset_password(token, "yet another secret", NOW, lang="fr")
    [_, (to, subject, body)] = outbox(shop)
    assert (to, subject) == ("ann@example.com", SUBJECT_FR)
    assert "le 7 décembre 2026 à 21\u202fh\u202f40 (heure Europe/Paris)" in body
    assert "\nhttps://shop.example/account/reset\n" in body  # where to ask for a new link
    assert "token=" not in body
    assert "help@shop.example" in body
    assert shop.accounts.sign_in("ann@example.com", NEW, NOW).account_id


def test_a_password_changed_from_the_account_page_is_told_on_the_shops_clock(shop: Shop) -> None:
    assert shop.accounts is not None
    ann = shop.accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW)
    shop.accounts.change_password(ann.account_id, PASSWORD, NEW, NOW, ann.session_token)
    [(to, subject, body)] = outbox(shop)
    assert (to, subject) == ("ann@example.com", "Your Boutique password was changed")
    assert "on 7 December 2026 at 21:40 (Europe/Paris time)" in body
    assert "https://shop.example/account/reset" in body
    assert "Then tell the shop at help@shop.example" in body


def test_a_mail_server_down_when_the_notice_goes_undoes_no_reset(
    database_url: str, make_shop: Callable[..., Shop], caplog: pytest.LogCaptureFixture
) -> None:
    inbox = Inbox()
    with serving(inbox) as port:
        shop = make_shop(database_url, smtp_url=f"smtp://127.0.0.1:{port}", **PARIS)
        assert shop.accounts is not None
        assert shop.resets is not None
        shop.accounts.sign_up("ann@example.com", PASSWORD, "Ann", NOW)
        shop.resets.request_reset("ann@example.com", "https://shop.example/account/reset", NOW)
        [(content, _)] = inbox.mails
        mail = message_from_bytes(content)
        assert mail["Subject"] == "Reset your Boutique password"
        token = token_in(str(mail.get_payload(decode=True), "utf-8"))
    # The server has stopped: the notice cannot go.
    with caplog.at_level(logging.ERROR):
        signed = shop.resets.reset_password(token, NEW, NOW)
    assert "mailing the notice of a changed password" in caplog.text
    assert shop.accounts.session(signed.session_token, NOW) == signed.account_id
    assert shop.accounts.sign_in("ann@example.com", NEW, NOW).account_id == signed.account_id
    with pytest.raises(AccountError, match="credentials"):
        shop.accounts.sign_in("ann@example.com", PASSWORD, NOW)
    assert len(inbox.mails) == 1
