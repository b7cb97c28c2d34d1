"""Who handles which event once the bus delivers it.

Consumer groups run once per shop, whichever process takes the message (web workers and
`worker` processes share them); their handlers take a batch of events of one type. Listeners
run in every web process, for what each keeps in memory; they are wired in lifespan.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from models.events import (
    AccountCreated,
    CancelReleased,
    CatalogRestructured,
    Event,
    OrderPaid,
    OrderRefunded,
    ProductChanged,
    RefundFailed,
    WithdrawalReceived,
)
from models.types import utc_now
from storefront.bootstrap import Shop
from storefront.services.accounts.email_confirmation import EmailConfirmations
from storefront.services.bus.consumer import GroupHandlers
from storefront.services.catalog_invalidation import invalidate_catalog_for
from storefront.services.orders.sales import record_sales
from storefront.services.restock import RestockAlerts

CATALOG_CACHE = "catalog-cache"
ORDER_MAIL = "order-mail"
SALES_STATS = "sales-stats"
RESTOCK_MAIL = "restock-mail"
REVIEW_MARKS = "review-marks"
ACCOUNT_MAIL = "account-mail"


def consumer_groups(shop: Shop) -> dict[str, GroupHandlers]:
    """Every group with its handlers (a group per concern, so that one failing concern
    retries without holding up the others)."""

    def invalidate(events: Sequence[Event]) -> None:
        invalidate_catalog_for(events, shop.catalog)

    groups: dict[str, GroupHandlers] = {
        CATALOG_CACHE: {ProductChanged: [invalidate], CatalogRestructured: [invalidate]},
    }
    if shop.commerce is not None:
        settlement, refund_mail = shop.commerce.settlement, shop.commerce.refund_mail
        release_mail = shop.commerce.release_mail
        withdrawal_mail = shop.commerce.withdrawal_mail

        def confirm(events: Sequence[Event]) -> None:
            # The payment step mails at once; this is for when that failed or never ran.
            for event in events:
                assert isinstance(event, OrderPaid)
                settlement.send_confirmation(event.order_id)

        def mail_refunds(events: Sequence[Event]) -> None:
            for event in events:
                assert isinstance(event, OrderRefunded)
                refund_mail.send(event.order_id)

        def mail_refund_failures(events: Sequence[Event]) -> None:
            for event in events:
                assert isinstance(event, RefundFailed)
                refund_mail.send_failures(event.order_id)

        def mail_releases(events: Sequence[Event]) -> None:
            # The shopper's cancel given up: told once (claimed, then marked sent).
            for event in events:
                assert isinstance(event, CancelReleased)
                release_mail.send(event.order_id)

        def acknowledge_withdrawals(events: Sequence[Event]) -> None:
            # The acknowledgement the law asks for: sent once (claimed, then marked sent).
            for event in events:
                assert isinstance(event, WithdrawalReceived)
                withdrawal_mail.send(event.statement_id)

        groups[ORDER_MAIL] = {
            OrderPaid: [confirm],
            OrderRefunded: [mail_refunds],
            RefundFailed: [mail_refund_failures],
            CancelReleased: [mail_releases],
            WithdrawalReceived: [acknowledge_withdrawals],
        }
    if shop.email_confirmations is not None:
        groups[ACCOUNT_MAIL] = account_mail_handlers(shop.email_confirmations)
    if shop.sales is not None:
        sales = shop.sales

        def count_sales(events: Sequence[Event]) -> None:
            record_sales(sales, [e for e in events if isinstance(e, OrderPaid)])

        groups[SALES_STATS] = {OrderPaid: [count_sales]}
    if shop.restock is not None:
        groups[RESTOCK_MAIL] = restock_handlers(shop.restock)
    if shop.reviews is not None:
        reviews = shop.reviews

        def review_marks(events: Sequence[Event]) -> None:
            # A paid or (no longer) refunded order may make its writer's reviews verified
            # purchases again, or no longer: their products' cached reviews are read anew.
            orders = (OrderPaid, OrderRefunded, RefundFailed)
            reviews.orders_changed([e.order_id for e in events if isinstance(e, orders)])

        groups[REVIEW_MARKS] = {
            OrderPaid: [review_marks],
            OrderRefunded: [review_marks],
            RefundFailed: [review_marks],
        }
    return groups


def account_mail_handlers(confirmations: EmailConfirmations) -> GroupHandlers:
    """A new account's welcome, with the link confirming its address: sent once (the link
    kept before the mail, in the account's row lock), whoever takes the event and however
    often; a mail server down makes the bus try it again."""

    def welcome(events: Sequence[Event]) -> None:
        for event in events:
            assert isinstance(event, AccountCreated)
            confirmations.welcome(event.account_id, utc_now(), event.lang)

    return {AccountCreated: [welcome]}


def restock_handlers(restock: RestockAlerts) -> GroupHandlers:
    """Back-in-stock mails: a product whose stock moved (an admin edit, a refund or
    cancellation giving stock back: ProductChanged; a catalog import: CatalogRestructured)
    mails whoever waits for its variants that are in stock now."""

    def mail(events: Sequence[Event]) -> None:
        product_ids: set[int] = set()
        for event in events:
            if isinstance(event, ProductChanged):
                product_ids.add(event.product_id)
            elif isinstance(event, CatalogRestructured):
                product_ids.update(event.product_ids)
        # Only the products with an alert waiting, found in one statement per few hundred
        # ids (an import lists thousands); one failing does not hold back the others.
        restock.notify_all(product_ids)

    return {ProductChanged: [mail], CatalogRestructured: [mail]}
