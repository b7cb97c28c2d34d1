"""Sending mail: SMTP when configured, otherwise the `mail_outbox` table (read it in dev and
tests: `SELECT * FROM mail_outbox`)."""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import parseaddr
from urllib.parse import unquote, urlsplit

from sqlalchemy import Engine, insert
from sqlmodel import SQLModel

from models.accounts import OutboxMail
from models.types import utc_now
from storefront.services.accounts.ports import RecipientRefused

OUTBOX = SQLModel.metadata.tables[str(OutboxMail.__tablename__)]


class OutboxMailer:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def send(self, recipient: str, subject: str, body: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                insert(OUTBOX).values(
                    recipient=recipient, subject=subject[:200], body=body, created_at=utc_now()
                )
            )


class MailNotSent(smtplib.SMTPException):
    """The server cannot take this mail safely (a password over an unencrypted link)."""


def login_refused(exc: BaseException) -> bool:
    """What a server that answers says when it will never take the settings' login: a wrong
    user or password (a 5xx answer: a 4xx one, "temporary authentication failure", may pass),
    no login offered, no encryption for the password, a certificate that does not verify (a
    wrong host name, a CA not trusted: every mail would fail) (`check-settings` refuses these;
    anything else may pass, as a server restarting)."""
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return exc.smtp_code >= 500
    return isinstance(
        exc, smtplib.SMTPNotSupportedError | MailNotSent | ssl.SSLCertVerificationError
    )


class SmtpMailer:
    """smtp://user:password@host:port or smtps:// (TLS from the start). On smtp://, STARTTLS
    whenever the server offers it; a password is only ever sent encrypted (a local relay
    without one may talk plainly). Certificates are checked against the system's CAs, or
    `tls`'s. With `reply_to`, an answer to a mail goes there rather than to the sender."""

    def __init__(
        self,
        url: str,
        sender: str,
        timeout: float = 10.0,
        tls: ssl.SSLContext | None = None,
        reply_to: str = "",
    ) -> None:
        parts = urlsplit(url)
        self._tls = parts.scheme == "smtps"
        self._host = parts.hostname or "localhost"
        self._port = parts.port or (465 if self._tls else 25)
        self._user = unquote(parts.username or "")
        self._password = unquote(parts.password or "")
        self._sender = sender
        self._timeout = timeout
        self._context = tls or ssl.create_default_context()
        self._reply_to = reply_to if reply_to != parseaddr(sender)[1] else ""

    def send(self, recipient: str, subject: str, body: str) -> None:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = self._sender, recipient, subject
        if self._reply_to:
            message["Reply-To"] = self._reply_to
        message.set_content(body)
        client = self._open()
        try:
            client.send_message(message)
        except BaseException as exc:
            client.close()
            if isinstance(exc, smtplib.SMTPRecipientsRefused) and refused_for_good(exc):
                raise RecipientRefused(f"{recipient}: {exc.recipients}") from exc
            raise
        self._goodbye(client)  # accepted: a failing goodbye must not send the mail again

    def check(self) -> None:
        """Raise unless the server answers, encrypts as `send` requires and accepts the
        login; nothing is sent (`check-settings`)."""
        self._goodbye(self._open())

    def _open(self) -> smtplib.SMTP:
        """A session ready to send: greeted, encrypted when it can be, logged in."""
        client: smtplib.SMTP = (
            smtplib.SMTP_SSL(self._host, self._port, timeout=self._timeout, context=self._context)
            if self._tls
            else smtplib.SMTP(self._host, self._port, timeout=self._timeout)
        )
        try:
            if not self._tls:
                client.ehlo()  # the server's extensions are known only after it
                if client.has_extn("starttls"):
                    client.starttls(context=self._context)
                    client.ehlo()
                elif self._user:
                    raise MailNotSent(
                        f"{self._host}:{self._port} offers no STARTTLS: the SMTP password is "
                        "not sent unencrypted (use smtps://, or a server with STARTTLS)"
                    )
            if self._user:
                client.login(self._user, self._password)
        except BaseException:
            client.close()
            raise
        return client

    @staticmethod
    def _goodbye(client: smtplib.SMTP) -> None:
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            client.close()


def refused_for_good(exc: smtplib.SMTPRecipientsRefused) -> bool:
    """Every recipient refused with a 5xx code (no such mailbox): sending again would fail
    again. A 4xx (mailbox full, greylisting) is worth a retry."""
    return bool(exc.recipients) and all(code >= 500 for code, _ in exc.recipients.values())
