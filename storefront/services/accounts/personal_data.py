"""Everything the shop holds of a shopper's account, for the shopper to download (the GDPR's
rights of access and portability): the profile, saved addresses, wishlist, orders (with their
statements of withdrawal), back-in-stock alerts, product reviews, and what the browsers that
signed in to it browsed, searched and put in the cart while they were."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from storefront.services.accounts.address_book import AddressBook
from storefront.services.accounts.ports import SignedInBrowser
from storefront.services.accounts.service import Accounts
from storefront.services.accounts.wishlist import Wishlist
from storefront.services.orders.ports import OrderRecord, OrderStore
from storefront.services.orders.withdrawal import Withdrawals
from storefront.services.restock import RestockAlerts
from storefront.services.reviews import Reviews
from storefront.services.search.ports import SearchStore

FORMAT = 1  # the version of the document's shape
DOWNLOAD_PATH = "/api/account/data.json"  # where the shopper downloads it
MAX_ORDERS = 100_000
MAX_ACTIVITY = 10_000  # per browser, newest first: what its recommendations are drawn from


def personal_data(
    account_id: int,
    now: datetime,
    *,
    accounts: Accounts,
    book: AddressBook,
    wishlist: Wishlist,
    orders: OrderStore,
    browsing: SearchStore | None = None,
    restock: RestockAlerts | None = None,
    reviews: Reviews | None = None,
    withdrawals: Withdrawals | None = None,
) -> dict[str, Any] | None:
    """The account's data as JSON-ready values, or None when there is no such account.
    Secrets (the password's hash, the order links' keys) and the shop's own references
    (payment ids) are left out."""
    account = accounts.account(account_id)
    if account is None:
        return None
    on_sale = {card.id: card for card in wishlist.items(account_id)}
    return {
        "format": FORMAT,
        "exported_at": now.isoformat(),
        "account": {
            "email": account.email,
            "name": account.name,
            # When the owner proved they receive mail there (None: not yet).
            "email_confirmed_at": (
                account.email_confirmed_at.isoformat() if account.email_confirmed_at else None
            ),
        },
        "addresses": [asdict(saved.address) for saved in book.addresses(account_id)],
        "wishlist": [
            {
                "product_id": product_id,
                "title": on_sale[product_id].title if product_id in on_sale else "",
                "on_sale": product_id in on_sale,
            }
            for product_id in wishlist.product_ids(account_id)
        ],
        "orders": [
            _order(order, withdrawals) for order in orders.for_account(account_id, MAX_ORDERS)
        ],
        "browsing": _browsing(accounts.browsers(account_id), browsing),
        "restock_alerts": [
            {
                "product": alert.product_title,
                "variant": alert.variant_title,
                "asked_at": alert.created_at.isoformat(),
                "mailed_at": alert.mailed_at.isoformat() if alert.mailed_at else None,
                # Not mailed: the mail server refused the address for good.
                "refused_at": alert.refused_at.isoformat() if alert.refused_at else None,
            }
            for alert in (restock.alerts_of(account_id) if restock else [])
        ],
        "reviews": [
            {
                "product": review.product,
                "rating": review.rating,
                "title": review.title,
                "text": review.body,
                "status": review.status,
                "written_at": review.created_at.isoformat(),
                "edited_at": review.updated_at.isoformat(),
            }
            for review in (reviews.of_account(account_id) if reviews else [])
        ],
    }


def _browsing(browsers: list[SignedInBrowser], store: SearchStore | None) -> list[dict[str, Any]]:
    """What the account's browsers did while signed in to it, newest first (kept by visitor
    id: before and after, the browser may have been someone else's)."""
    if store is None:
        return []
    done = [
        act
        for browser in browsers
        for act in store.recent_activity(browser.visitor_id, MAX_ACTIVITY)
        if browser.since <= act.at < browser.until
    ]
    return [
        {"kind": act.kind, "product_id": act.product_id, "query": act.query,
         "at": act.at.isoformat()}
        for act in sorted(done, key=lambda act: act.at, reverse=True)
    ]  # fmt: skip


def _order(order: OrderRecord, withdrawals: Withdrawals | None) -> dict[str, Any]:
    return {
        "reference": order.reference,
        "status": order.status.value,
        "placed_at": order.created_at.isoformat(),
        "paid_at": order.paid_at.isoformat() if order.paid_at else None,
        "email": order.email,
        "language": order.locale,
        "shipping_address": asdict(order.address),
        "shipping_method": order.shipping_method,
        "discount_code": order.discount_code,
        "amounts": asdict(order.amounts),
        "refunded_minor": order.refunded_minor,
        "lines": [
            {
                "sku": line.sku,
                "title": line.title,
                "quantity": line.quantity,
                "unit_price_minor": line.unit_price_minor,
            }
            for line in order.lines
        ],
        "shipped_at": order.fulfilled_at.isoformat() if order.fulfilled_at else None,
        "carrier": order.carrier,
        "tracking_number": order.tracking_number,
        # The shopper's statements of withdrawal: the name and email given for each.
        "withdrawals": [
            {
                "received_at": statement.received_at.isoformat(),
                "name": statement.name,
                "email": statement.email,
                "items": [
                    {"sku": item.sku, "title": item.named, "quantity": item.quantity}
                    for item in statement.items
                ],
            }
            for statement in (withdrawals.statements(order.id) if withdrawals else [])
        ],
    }
