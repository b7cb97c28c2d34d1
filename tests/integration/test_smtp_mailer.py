"""The SMTP mailer against a real SMTP server (aiosmtpd) on 127.0.0.1, with and without TLS."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Iterator
from email import message_from_bytes

import pytest
import trustme

from storefront.adapters.mailer import MailNotSent, SmtpMailer, login_refused
from storefront.services.accounts.ports import RecipientRefused
from tests.smtp_server import Inbox, serving, starttls_context, trusting_context


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def trusting(ca: trustme.CA) -> ssl.SSLContext:
    """The mailer's context: it trusts the test CA (production uses the system's)."""
    return trusting_context(ca)


@pytest.fixture
def starttls_server(ca: trustme.CA) -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    with serving(inbox, starttls_context(ca)) as port:
        yield inbox, port


@pytest.fixture
def plain_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    with serving(inbox) as port:
        yield inbox, port


def test_a_server_offering_starttls_gets_the_login_and_the_mail_encrypted(
    starttls_server: tuple[Inbox, int], trusting: ssl.SSLContext
) -> None:
    inbox, port = starttls_server
    mailer = SmtpMailer(f"smtp://shop:s3cret@127.0.0.1:{port}", "shop@example.com", tls=trusting)
    mailer.send("ada@example.com", "Reset your password", "Open ?token=SECRET")
    assert inbox.logins == [(b"shop", b"s3cret")]
    [(content, encrypted)] = inbox.mails
    assert encrypted
    assert b"?token=SECRET" in content


def test_a_certificate_the_mailer_cannot_trust_stops_it_before_the_login(
    starttls_server: tuple[Inbox, int],
) -> None:
    inbox, port = starttls_server
    mailer = SmtpMailer(f"smtp://shop:s3cret@127.0.0.1:{port}", "shop@example.com")
    with pytest.raises(ssl.SSLError):
        mailer.send("ada@example.com", "Reset your password", "Open ?token=SECRET")
    assert (inbox.logins, inbox.mails) == ([], [])


def test_a_password_is_never_sent_to_a_server_without_tls(
    plain_server: tuple[Inbox, int],
) -> None:
    inbox, port = plain_server
    mailer = SmtpMailer(f"smtp://shop:s3cret@127.0.0.1:{port}", "shop@example.com")
    with pytest.raises(MailNotSent, match="offers no STARTTLS"):
        mailer.send("ada@example.com", "Reset your password", "Open ?token=SECRET")
    assert (inbox.logins, inbox.mails) == ([], [])


def test_a_local_relay_without_a_password_takes_mail_plainly(
    plain_server: tuple[Inbox, int],
) -> None:
    inbox, port = plain_server
    SmtpMailer(f"smtp://127.0.0.1:{port}", "shop@example.com").send("a@example.com", "Hi", "Body")
    [(content, encrypted)] = inbox.mails
    assert not encrypted
    assert b"Body" in content


def test_an_answer_goes_to_the_shops_contact_address_when_it_is_not_the_sender(
    plain_server: tuple[Inbox, int],
) -> None:
    inbox, port = plain_server
    url = f"smtp://127.0.0.1:{port}"
    SmtpMailer(url, "Boutique <noreply@example.com>", reply_to="help@example.com").send(
        "a@example.com", "Hi", "Body"
    )
    SmtpMailer(url, "Boutique <help@example.com>", reply_to="help@example.com").send(
        "a@example.com", "Hi", "Body"
    )
    [to_contact, to_sender] = (message_from_bytes(content) for content, _ in inbox.mails)
    assert (to_contact["Reply-To"], to_contact["From"]) == (
        "help@example.com",
        "Boutique <noreply@example.com>",
    )
    assert to_sender["Reply-To"] is None  # an answer goes to the sender anyway


def test_the_check_logs_in_as_send_would_and_sends_nothing(
    starttls_server: tuple[Inbox, int], plain_server: tuple[Inbox, int], trusting: ssl.SSLContext
) -> None:
    """`check-settings` uses it: the server reached, encrypted and logged in to; no mail."""
    inbox, port = starttls_server
    SmtpMailer(f"smtp://shop:s3cret@127.0.0.1:{port}", "s@example.com", tls=trusting).check()
    assert (inbox.logins, inbox.mails) == ([(b"shop", b"s3cret")], [])
    plain, plain_port = plain_server
    with pytest.raises(MailNotSent, match="offers no STARTTLS"):
        SmtpMailer(f"smtp://shop:s3cret@127.0.0.1:{plain_port}", "s@example.com").check()
    assert (plain.logins, plain.mails) == ([], [])


def test_a_mailbox_refused_for_good_is_told_apart_from_one_refused_for_now(
    plain_server: tuple[Inbox, int],
) -> None:
    """Back-in-stock alerts mark the first done (never retried) and retry the second."""
    inbox, port = plain_server
    inbox.refusing = {
        "gone@example.com": "550 5.1.1 No such mailbox",
        "full@example.com": "452 4.2.2 Mailbox full",
    }
    mailer = SmtpMailer(f"smtp://127.0.0.1:{port}", "shop@example.com")
    with pytest.raises(RecipientRefused, match=r"gone@example\.com"):
        mailer.send("gone@example.com", "Hi", "Body")
    with pytest.raises(smtplib.SMTPRecipientsRefused) as for_now:
        mailer.send("full@example.com", "Hi", "Body")
    assert not isinstance(for_now.value, RecipientRefused)
    mailer.send("ann@example.com", "Hi", "Body")
    assert len(inbox.mails) == 1


def test_a_login_refused_for_good_is_told_apart_from_one_refused_for_now() -> None:
    """check-settings stops the shop on the first (exit 2, not restarted), waits out the
    second (a server whose login backend is down for a moment)."""
    assert login_refused(smtplib.SMTPAuthenticationError(535, b"bad credentials"))
    assert not login_refused(smtplib.SMTPAuthenticationError(454, b"temporary failure"))
    assert login_refused(MailNotSent("offers no STARTTLS"))
    assert not login_refused(smtplib.SMTPServerDisconnected("closed"))
    assert login_refused(ssl.SSLCertVerificationError(1, "hostname mismatch"))
    assert not login_refused(ConnectionRefusedError(111, "Connection refused"))
