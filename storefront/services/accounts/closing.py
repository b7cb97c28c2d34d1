"""Closing a shopper's account: what is told of it first (the closing hooks), the store's one
transaction that deletes it, and the receipt mailed to the address it had. Accounts.close
reaches it once the password is given again; a merchant acting on the shopper's request
(close_on_request) without one."""

from __future__ import annotations

import logging
from collections.abc import Callable

from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.mail import closed_mail
from storefront.services.accounts.ports import AccountRecord, AccountStore, Mailer
from storefront.services.admin.audit import AuditRecord

# A merchant's closing on request refused (close_on_request), said to the merchant.
CLOSED_ALREADY = "admin.customer.error.closed"
STAFF_NOT_CLOSED = "admin.customer.error.staff"
# Told of an account about to close (its id), returns what to do once it is closed.
ClosingHook = Callable[[int], Callable[[], None]]

log = logging.getLogger(__name__)


def close_account(
    store: AccountStore,
    mailer: Mailer,
    hooks: list[ClosingHook],
    *,
    account: AccountRecord,
    visitor_id: str,
    audit: AuditRecord | None,
    lang: str,
) -> str:
    """Close `account` (its browsing by `visitor_id` too, `audit` written with it) and mail
    its receipt in `lang`; the email it had. Refused when it is staff or gone meanwhile."""
    then = [hook(account.id) for hook in hooks]
    if not store.close(account.id, account.email, visitor_id, audit=audit):
        raise AccountError("account.error.close_staff")
    for done in then:
        done()
    try:
        mailer.send(account.email, *closed_mail(lang))
    except Exception:  # the account is closed whatever its receipt does
        log.exception("mailing the receipt of a closed account")
    return account.email


def close_on_request(
    store: AccountStore,
    mailer: Mailer,
    hooks: list[ClosingHook],
    *,
    account_id: int,
    audit: AuditRecord,
    lang: str,
) -> str:
    """`close_account` for a merchant: refused in the merchant's words when the account is
    closed already or is staff (both checked again as it closes)."""
    account = store.by_id(account_id)
    if account is None:
        raise AccountError(CLOSED_ALREADY)
    if account.role != "shopper":
        raise AccountError(STAFF_NOT_CLOSED)
    try:
        return close_account(
            store, mailer, hooks, account=account, visitor_id="", audit=audit, lang=lang
        )
    except AccountError:  # closed, or given a role, since it was read
        gone = store.by_id(account_id) is None
        raise AccountError(CLOSED_ALREADY if gone else STAFF_NOT_CLOSED) from None
