"""A real SMTP server (aiosmtpd) on 127.0.0.1 for tests: plain or with STARTTLS, taking
the login shop / s3cret, recording what it received."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.ports import free_port


@dataclass
class Inbox:
    """What the server received: each mail with whether its session was encrypted, and each
    login tried."""

    mails: list[tuple[bytes, bool]] = field(default_factory=list)
    logins: list[tuple[bytes, bytes]] = field(default_factory=list)
    refusing: dict[str, str] = field(default_factory=dict)  # recipient: the server's reply

    async def handle_RCPT(
        self, _server: Any, _session: Any, envelope: Any, address: str, _options: Any
    ) -> str:
        if address in self.refusing:
            return self.refusing[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, _server: Any, session: Any, envelope: Any) -> str:
        self.mails.append((envelope.content, session.ssl is not None))
        return "250 OK"

    def login(self, _server: Any, _session: Any, _envelope: Any, _mechanism: str, data: Any) -> Any:
        assert isinstance(data, LoginPassword)
        self.logins.append((data.login, data.password))
        right = (data.login, data.password) == (b"shop", b"s3cret")
        # Not handled: aiosmtpd answers a failure with 535 (handled, it would answer nothing).
        return AuthResult(success=right, handled=right)


@contextmanager
def serving(inbox: Inbox, tls: ssl.SSLContext | None = None) -> Iterator[int]:
    """The server's port while it runs: with STARTTLS (required) when given `tls`."""
    port = free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        tls_context=tls,
        require_starttls=tls is not None,
        authenticator=inbox.login,
        auth_require_tls=False,  # a plain server that would take a password in clear
    )
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def starttls_context(ca: trustme.CA) -> ssl.SSLContext:
    """The server's side of STARTTLS: a certificate for 127.0.0.1 issued by `ca`."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    return context


def trusting_context(ca: trustme.CA) -> ssl.SSLContext:
    """A client's context trusting `ca` (production trusts the system's CAs)."""
    context = ssl.create_default_context()
    ca.configure_trust(context)
    return context
