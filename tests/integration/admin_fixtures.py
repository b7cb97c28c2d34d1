"""Accounts with roles for admin tests: an admin, a staff member and a shopper, signed in."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from httpx import Response
from sqlalchemy import text
from starlette.testclient import TestClient

from models.types import utc_now
from storefront.bootstrap import Shop
from storefront.bootstrap_admin import Admin
from storefront.i18n import translations
from storefront.services.accounts.service import SESSION_COOKIE
from storefront.services.admin.access import Permission, Staff
from storefront.services.admin.exports import ROUTES, Export

PASSWORD = "correct horse battery"
OWN = {"origin": "http://testserver"}  # a form posted from the shop's own page


@dataclass(frozen=True)
class Sessions:
    admin: str
    staff: str
    shopper: str


def admin_of(shop: Shop) -> Admin:
    assert shop.admin is not None
    return shop.admin


def sign_up(shop: Shop, email: str) -> str:
    assert shop.accounts is not None
    return shop.accounts.sign_up(
        email, PASSWORD, email.split("@", maxsplit=1)[0], utc_now()
    ).session_token


def team_sessions(shop: Shop) -> Sessions:
    """Sign up three accounts; the first becomes admin (as the CLI does), and it makes the
    second staff through the team service: signed out by it, the second signs in again
    through the link it was mailed."""
    admin = admin_of(shop)
    admin_session = sign_up(shop, "ada@example.com")
    sign_up(shop, "sam@example.com")
    shopper = sign_up(shop, "shopper@example.com")
    admin.team.make_admin("ada@example.com")
    admin.team.set_role(staff_of(shop, admin_session, Permission.TEAM), "sam@example.com", "staff")
    return Sessions(admin_session, joined_by_mail(shop, "sam@example.com"), shopper)


def joined_by_mail(shop: Shop, email: str) -> str:
    """The session of a new team member who chose a password through the link mailed when
    the role was granted (Resets.start_over)."""
    assert shop.engine is not None
    assert shop.resets is not None
    # The team mail by its subject in any language: the shop writes in its own (language).
    subjects = set(translations("account.mail.team.subject").values())
    with shop.engine.connect() as connection:
        mails = connection.execute(
            text("select subject, body from mail_outbox where recipient = :to"), {"to": email}
        ).all()
    [body] = [mail.body for mail in mails if mail.subject in subjects]
    token = re.search(r"token=([\w-]+)", body)
    assert token is not None
    return shop.resets.reset_password(token.group(1), PASSWORD, utc_now()).session_token


def staff_of(shop: Shop, session: str, permission: Permission = Permission.VIEW) -> Staff:
    return admin_of(shop).team.staff(session, utc_now(), permission)


def unwritable_audit(_connection: object, entries: Sequence[object]) -> None:
    """Stands in for an adapter's `write_audit` (monkeypatched): the audit table refuses
    every entry, so the change that goes with it must not land either."""
    if entries:
        raise RuntimeError("the audit table is unwritable")


def assert_cross_site_posts_refused(client: TestClient, route: str, form: dict[str, str]) -> None:
    """A download's route refuses (403) `form` posted from another site, or from nowhere it
    says: by its Origin, its Referer, neither, or Sec-Fetch-Site (the ticket is not used)."""
    refused = [
        client.post(route, data=form, headers=headers).status_code
        for headers in (
            {"origin": "https://evil.example"},
            {"referer": "https://evil.example/page"},
            {},  # neither Origin nor Referer
            {**OWN, "sec-fetch-site": "cross-site"},
        )
    ]
    assert refused == [403, 403, 403, 403]


def post_export(client: TestClient, session: str, export: Export, ticket: str) -> Response:
    """The page's post of a CSV download's ticket (services/admin/exports.py), as `session`."""
    client.cookies.set(SESSION_COOKIE, session)
    return client.post(ROUTES[export], data={"ticket": ticket}, headers=OWN)


def exported_catalog(shop: Shop, staff: Staff, stream: TextIO) -> None:
    """The catalog in Boutique's format, as a download by ticket writes it."""
    exports = admin_of(shop).exports
    ticket = exports.catalog_ticket(staff, "generic", utc_now())
    exports.download(staff, "catalog", ticket, utc_now()).write(stream)
