"""Wires the shop's commerce: carts, inventory, orders, discounts, payments and accounts, on
SQL adapters with the payment provider and the mailer the settings name."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from storefront.adapters.mailer import OutboxMailer, SmtpMailer
from storefront.adapters.passwords import Argon2Hasher
from storefront.adapters.sql_account_lists import SqlAddressBook, SqlWishlist
from storefront.adapters.sql_accounts import SqlAccountStore
from storefront.adapters.sql_admin_orders import SqlAdminOrders
from storefront.adapters.sql_audit import SqlAuditLog
from storefront.adapters.sql_carts import SqlCartStore
from storefront.adapters.sql_customer_cancel import SqlCustomerCancel
from storefront.adapters.sql_discounts import SqlDiscountStore
from storefront.adapters.sql_email_changes import SqlEmailChanges
from storefront.adapters.sql_email_confirmations import SqlEmailConfirmations
from storefront.adapters.sql_guest_orders import SqlGuestOrders
from storefront.adapters.sql_inventory import SqlInventory
from storefront.adapters.sql_order_store import SqlOrderStore
from storefront.adapters.sql_refund_closes import SqlRefundCloses
from storefront.adapters.sql_refund_mail import SqlRefundMailStore
from storefront.adapters.sql_refunds import SqlRefundStore
from storefront.adapters.sql_release_mail import SqlReleaseMailStore
from storefront.adapters.sql_restock import SqlRestockStore
from storefront.adapters.sql_restock_links import SqlRestockLinks
from storefront.adapters.sql_withdrawals import SqlWithdrawals
from storefront.adapters.stripe_gateway import StripeGateway
from storefront.services.accounts.address_book import AddressBook
from storefront.services.accounts.email_change import EmailChanges
from storefront.services.accounts.email_confirmation import EmailConfirmations
from storefront.services.accounts.guest_orders import GuestOrders
from storefront.services.accounts.password_notice import PasswordNotice
from storefront.services.accounts.ports import Mailer, PasswordHasher
from storefront.services.accounts.resets import RESET_PATH, Resets
from storefront.services.accounts.service import Accounts
from storefront.services.accounts.wishlist import Wishlist
from storefront.services.admin.orders import AdminOrders
from storefront.services.bus.after_commit import MessageBus
from storefront.services.cart.service import Carts
from storefront.services.catalog import CatalogService
from storefront.services.checkout.discounts import DiscountStore
from storefront.services.checkout.payment_events import PaymentEvents
from storefront.services.checkout.reconciliation import Reconciliation
from storefront.services.checkout.service import Checkout
from storefront.services.checkout.settlement import Settlement
from storefront.services.inventory import Inventory
from storefront.services.invoices.document import seller_of
from storefront.services.orders.customer_cancel import CustomerCancel
from storefront.services.orders.ports import OrderStore
from storefront.services.orders.refund_close import RefundCloses
from storefront.services.orders.refund_mail import RefundMail
from storefront.services.orders.refunds import Refunds
from storefront.services.orders.release_mail import CancelReleaseMail
from storefront.services.orders.withdrawal import Withdrawals
from storefront.services.orders.withdrawal_mail import WithdrawalMail
from storefront.services.payments import PaymentGateway
from storefront.services.restock import RestockAlerts
from storefront.services.throttle import Throttle
from storefront.settings import Settings


@dataclass(frozen=True)
class Commerce:
    """Orders and payments; checkout and refunds need a payment provider configured."""

    orders: OrderStore
    discounts: DiscountStore
    settlement: Settlement
    refund_mail: RefundMail
    release_mail: CancelReleaseMail  # the shopper's cancel given up: told once
    payment_events: PaymentEvents
    checkout: Checkout | None
    reconciliation: Reconciliation | None
    refunds: Refunds | None
    gateway: PaymentGateway | None
    # The shopper's own cancel (services/orders/customer_cancel.py).
    cancels: CustomerCancel
    # The shopper's withdrawal from a shipped order, and its acknowledgement, sent once.
    withdrawals: Withdrawals
    withdrawal_mail: WithdrawalMail
    # Orders refunded in full before they shipped, from before such refunds closed them.
    refund_closes: RefundCloses
    # The shopper's guest orders added to their account (services/accounts/guest_orders.py).
    guest_orders: GuestOrders


@dataclass(frozen=True)
class SqlCommerce:
    accounts: Accounts
    resets: Resets
    email_changes: EmailChanges
    email_confirmations: EmailConfirmations
    address_book: AddressBook
    wishlist: Wishlist
    carts: Carts
    inventory: Inventory
    commerce: Commerce
    mailer: Mailer
    restock: RestockAlerts


def sql_commerce(
    settings: Settings,
    engine: Engine,
    bus: MessageBus,
    catalog: CatalogService,
    throttle: Throttle,
    *,
    passwords: PasswordHasher | None = None,
) -> SqlCommerce:
    mailer: Mailer = (
        SmtpMailer(settings.smtp_url, settings.mail_from, reply_to=settings.contact_address)
        if settings.smtp_url
        else OutboxMailer(engine)
    )
    carts = Carts(SqlCartStore(engine), settings.currency)
    sql_inventory = SqlInventory(engine)
    inventory = Inventory(sql_inventory, bus.publish)
    orders = SqlOrderStore(engine, sql_inventory, settings.zone)
    settlement = Settlement(
        orders,
        inventory,
        mailer,
        settings.public_url,
        bus.publish,
        withdrawal_days=settings.withdrawal_days,
    )
    gateway = (
        StripeGateway(settings.stripe_secret_key, api_base=settings.stripe_api_base)
        if settings.stripe_secret_key
        else None
    )
    discounts = SqlDiscountStore(engine)
    checkout = (
        Checkout(
            carts,
            orders,
            discounts=discounts,
            inventory=inventory,
            payments=gateway,
            settlement=settlement,
            throttle=throttle,
        )
        if gateway
        else None
    )
    refund_store = SqlRefundStore(engine, settings.zone)
    refunds = Refunds(orders, refund_store, gateway) if gateway else None
    refund_mail = RefundMail(orders, SqlRefundMailStore(engine), mailer, settings.public_url)
    release_mail = CancelReleaseMail(
        orders, SqlReleaseMailStore(engine), mailer, settings.public_url
    )
    statements = SqlWithdrawals(engine)
    withdrawals = Withdrawals(
        orders, statements, bus.publish, throttle, settings.withdrawal_days, zone=settings.zone
    )
    seller = seller_of(
        settings.seller_name,
        settings.seller_address,
        settings.seller_vat_id,
        settings.seller_company_id,
    )
    withdrawal_mail = WithdrawalMail(
        orders,
        statements,
        statements,
        mailer,
        public_url=settings.public_url,
        zone=settings.zone,
        # The seller's name and address, as invoices give them (lines on "|" or newlines).
        return_to=", ".join((seller.name, *seller.address_lines)),
    )
    # The shopper's cancel of an unpaid order is the admin desk's (intent first, then hold).
    unpaid = AdminOrders(
        SqlAdminOrders(engine),
        orders,
        inventory,
        mailer,
        public_url=settings.public_url,
        abandon=checkout.abandon if checkout else None,
        withdrawal_days=settings.withdrawal_days,
        zone=settings.zone,
    )
    cancels = CustomerCancel(
        orders,
        SqlCustomerCancel(engine, sql_inventory),
        refunds,
        unpaid.cancel,
        bus.publish,
        mailer=mailer,
        throttle=throttle,
        audit=SqlAuditLog(engine),
        public_url=settings.public_url,
    )
    account_store = SqlAccountStore(engine)
    commerce = Commerce(
        orders=orders,
        discounts=discounts,
        settlement=settlement,
        refund_mail=refund_mail,
        release_mail=release_mail,
        payment_events=PaymentEvents(orders, settlement, gateway, refund_store),
        checkout=checkout,
        reconciliation=(
            Reconciliation(
                checkout,
                orders,
                inventory,
                gateway,
                settlement,
                refunds=refunds,
                refund_mail=refund_mail,
                release_mail=release_mail,
                withdrawal_mail=withdrawal_mail,
                audit=SqlAuditLog(engine),
            )
            if checkout and gateway
            else None
        ),
        refunds=refunds,
        gateway=gateway,
        cancels=cancels,
        withdrawals=withdrawals,
        withdrawal_mail=withdrawal_mail,
        refund_closes=RefundCloses(SqlRefundCloses(engine), bus.publish),
        guest_orders=GuestOrders(
            account_store, SqlGuestOrders(engine), mailer, throttle, settings.public_url
        ),
    )
    hasher = passwords or Argon2Hasher()
    # A changed password's notice: when, on the shop's clock; where to reset it and whom to tell.
    notice = PasswordNotice(
        mailer,
        settings.zone,
        reset_page=settings.public_url.rstrip("/") + RESET_PATH,
        contact=settings.contact_address,
    )
    accounts = Accounts(account_store, hasher, mailer, throttle=throttle, notice=notice)
    confirmations = EmailConfirmations(
        account_store, SqlEmailConfirmations(engine), mailer, throttle, settings.public_url
    )
    accounts.publish = bus.publish  # the welcome: subscriptions.py, ACCOUNT_MAIL
    return SqlCommerce(
        accounts,
        Resets(account_store, hasher, mailer, throttle=throttle, notice=notice),
        EmailChanges(accounts, account_store, SqlEmailChanges(engine), mailer),
        confirmations,
        AddressBook(SqlAddressBook(engine)),
        Wishlist(SqlWishlist(engine), catalog),
        carts,
        inventory,
        commerce,
        mailer,
        RestockAlerts(
            SqlRestockStore(engine),
            SqlRestockLinks(engine),
            mailer,
            throttle,
            settings.public_url,
            email_confirmed=confirmations.is_confirmed,
        ),
    )
