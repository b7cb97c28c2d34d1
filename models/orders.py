"""Orders, their lines, payments' bookkeeping and discount codes.

An order moves through one state machine (services/orders/status.py): pending → requires
action / failed → paid → fulfilled → partially refunded / refunded, or canceled. Every move
is a conditional update on the current status, so two racers (the success page and Stripe's
webhook) can never both apply it.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Index, String, UniqueConstraint, false, text
from sqlmodel import Field, SQLModel

from models.types import UtcDateTime, utc_now


class OrderStatus(StrEnum):
    PENDING = "pending"
    REQUIRES_ACTION = "requires_action"
    FAILED = "failed"
    PAID = "paid"
    FULFILLED = "fulfilled"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"
    CANCELED = "canceled"


REFUND_STATUSES = ("pending", "succeeded", "failed")  # a refund's, as the provider settles it


# Orders whose lines count as "bought together".
PURCHASED = (OrderStatus.PAID, OrderStatus.FULFILLED, OrderStatus.PARTIALLY_REFUNDED)


class SalesOrder(SQLModel, table=True):
    __tablename__ = "sales_order"
    # The admin's customer list: each account's paid orders, what they came to and when,
    # read from the index alone (migration 0030).
    __table_args__ = (
        Index(
            "ix_sales_order_account_paid",
            "account_id",
            "paid_at",
            "created_at",
            "total_minor",
            "refunded_minor",
        ),
        # Its invoice number, allocated once in the transaction that makes it paid (0032).
        # Partial: PostgreSQL then does not count the column as a key, so setting it takes no
        # stronger row lock than the status change before it (a full unique index would, and
        # deadlock against a racing webhook whose payment_event insert holds a key-share lock).
        Index(
            "ix_sales_order_invoice_number",
            "invoice_number",
            unique=True,
            postgresql_where=text("invoice_number IS NOT NULL"),
            sqlite_where=text("invoice_number IS NOT NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    status: OrderStatus = Field(default=OrderStatus.PENDING, sa_type=String(24), index=True)
    currency: str = Field(default="EUR", max_length=3)
    total_minor: int = 0
    # "shop" for real checkouts, "demo" for the demo catalog's generated history.
    source: str = Field(default="shop", max_length=16)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime(), index=True)
    # Checkout orders only (the demo history leaves these empty).
    reference: str | None = Field(default=None, max_length=16, unique=True)
    # Opens the order page without an account (a capability URL, as in mails); the data
    # it opens is in this same row, so storing it plainly exposes nothing more.
    access_key: str | None = Field(default=None, max_length=64)
    account_id: int | None = Field(default=None, foreign_key="account.id", index=True)
    # The anonymous visitor who placed it: ties recommendation clicks to the revenue they led to.
    visitor_id: str | None = Field(default=None, max_length=64, index=True)
    # The cart it was placed from: its ordered lines leave the cart once paid.
    cart_id: int | None = Field(default=None, index=True)
    # Kept when the account it was placed in closed (account_id then empty): never a guest's
    # order that an account of its address may add (migration 0060).
    account_closed: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    email: str = Field(default="", max_length=254)
    locale: str = Field(default="en", max_length=5)  # of the mails sent about it
    ship_name: str = Field(default="", max_length=120)
    ship_line1: str = Field(default="", max_length=200)
    ship_line2: str = Field(default="", max_length=200)
    ship_postal_code: str = Field(default="", max_length=16)
    ship_city: str = Field(default="", max_length=120)
    ship_country: str = Field(default="", max_length=2)
    shipping_method: str = Field(default="", max_length=16)
    subtotal_minor: int = 0
    discount_code: str | None = Field(default=None, max_length=40)
    discount_minor: int = 0
    shipping_minor: int = 0
    vat_rate_bp: int = 0  # basis points: 2550 is 25.5 %
    vat_minor: int = 0
    refunded_minor: int = 0
    payment_intent_id: str | None = Field(default=None, max_length=255, unique=True)
    payment_error: str = Field(default="", max_length=300)
    paid_at: datetime | None = Field(default=None, sa_type=UtcDateTime(), index=True)
    # Paid after its stock hold expired, when the stock had sold out meanwhile: nothing
    # stands behind it until restocked (the admin says so).
    stock_short: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # Set when the merchandiser ships it (the shopper is mailed the tracking number).
    carrier: str = Field(default="", max_length=40)
    tracking_number: str = Field(default="", max_length=80)
    fulfilled_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    # Set once the shopper (or the shop) asked to cancel it, paid and unshipped: from then
    # on it is not shipped (shipping requires it unset, as cancelling requires `fulfilled_at`
    # unset, in one conditional update each), and its refund and move to canceled follow.
    cancel_requested_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    # That claim is the shop's own, not the shopper's: the merchant canceled the paid order
    # from the admin (its refund, close and mail say so; migration 0045).
    cancel_by_shop: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # Set when that cancel was given up, its claim released (the refund refused for good,
    # or the merchant released it): the order may ship again, is not offered for cancel
    # again, and its page tells the shopper to contact the shop (not of the shop's own).
    # Indexed for the catch-up of the mails telling so (migration 0038).
    cancel_released_at: datetime | None = Field(default=None, sa_type=UtcDateTime(), index=True)
    # The shopper is mailed once that their cancel was given up: claimed first, as the other
    # order mails (a stale claim's sender died), then marked sent (migration 0038).
    cancel_release_mail_claimed_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    cancel_release_mailed_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    # Who mails the confirmation claims it first; a claim older than a few minutes without
    # `confirmation_sent_at` is taken to have died and may be claimed again.
    confirmation_claimed_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    confirmation_sent_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    # When the refunded total last rose (None for refunds before migration 0022): the refund
    # mails' catch-up looks a day back from it.
    refunded_at: datetime | None = Field(default=None, sa_type=UtcDateTime(), index=True)
    # The refunded total the shopper was last mailed about: a refund mail tells of what went
    # back since, once, whichever process takes the event (a reversal lowers it again). Who
    # mails it claims it first, as the confirmation (a stale claim's sender died); a reversal
    # voids the claim, so the mail under way does not count as telling of what stands now.
    refund_mailed_minor: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    refund_mail_claimed_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
    # When the checkout page's payment script refused the card details of this attempt before
    # any card reached the provider (0054): no longer being confirmed (checkout/attempts.py).
    card_refused_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    # Its invoice ("F2026-000123") and when it was issued: set in the same transaction as the
    # move to paid, from the year's InvoiceCounter; None before (and for orders paid earlier).
    invoice_number: str | None = Field(default=None, max_length=16)
    invoiced_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    # Its issue date as printed: the shop's day at `invoiced_at`, fixed then (0033), so that a
    # later change of BOUTIQUE_TIMEZONE cannot move an issued invoice to another day or year.
    invoice_date: date | None = Field(default=None)


class CreditNote(SQLModel, table=True):
    """A credit note ("A2026-000001"): one for each refund of an invoiced order that went
    through, numbered in the transaction that recorded it as gone through, from the year's
    CreditNoteCounter (a series of its own, gapless like the invoices')."""

    __tablename__ = "credit_note"
    __table_args__ = (
        UniqueConstraint("number", name="uq_credit_note_number"),
        UniqueConstraint("refund_id", name="uq_credit_note_refund"),  # one per refund, ever
    )

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=16)
    order_id: int = Field(foreign_key="sales_order.id", index=True)
    refund_id: int = Field(foreign_key="order_refund.id")
    amount_minor: int  # VAT included, as the refund gave it back
    issued_at: datetime = Field(sa_type=UtcDateTime())
    issue_date: date  # the shop's day at `issued_at`, as printed


class ReversalInvoice(SQLModel, table=True):
    """An invoice ("F2026-000123", the invoices' own series) cancelling the credit note of a
    refund that failed after it went through (its money came back to the shop, not to the
    customer): numbered in the transaction that recorded the reversal. Its amount and VAT
    are its credit note's, so that the two cancel to the cent; numbered documents are never
    deleted, so this is how the note stops counting."""

    __tablename__ = "reversal_invoice"
    __table_args__ = (
        UniqueConstraint("number", name="uq_reversal_invoice_number"),
        UniqueConstraint("refund_id", name="uq_reversal_invoice_refund"),  # one per refund
    )

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(max_length=16)
    order_id: int = Field(foreign_key="sales_order.id", index=True)
    refund_id: int = Field(foreign_key="order_refund.id")
    amount_minor: int  # VAT included: its credit note's
    issued_at: datetime = Field(sa_type=UtcDateTime())
    issue_date: date  # the shop's day at `issued_at`, as printed


class CreditNoteCounter(SQLModel, table=True):
    """The last credit note number given in a calendar year of the shop's time zone."""

    __tablename__ = "credit_note_counter"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last_number: int = Field(default=0)


class InvoiceCounter(SQLModel, table=True):
    """The last invoice number given in a calendar year of the shop's time zone: raised by one
    atomic update in the paying transaction, so the series has no gap and no duplicate."""

    __tablename__ = "invoice_counter"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last_number: int = Field(default=0)


class OrderLine(SQLModel, table=True):
    __tablename__ = "order_line"
    __table_args__ = (CheckConstraint("quantity > 0", name="ck_order_line_quantity"),)

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="sales_order.id", index=True)
    product_id: int = Field(foreign_key="product.id", index=True)
    # Variants are replaced when a product is edited; the line keeps its product and price.
    variant_id: int | None = Field(default=None, foreign_key="variant.id", ondelete="SET NULL")
    quantity: int = 1
    unit_price_minor: int = 0
    sku: str = Field(default="", max_length=120)
    title: str = Field(default="", max_length=300)
    # The variant's options as bought ("M · Navy"), kept with the line: a later edit of the
    # catalog does not rewrite what past orders say was bought.
    options: str = Field(default="", max_length=300, sa_column_kwargs={"server_default": ""})


class DiscountCode(SQLModel, table=True):
    __tablename__ = "discount_code"
    __table_args__ = (
        CheckConstraint("value > 0", name="ck_discount_value"),
        CheckConstraint("used_count >= 0", name="ck_discount_used"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)  # stored upper-case
    kind: str = Field(max_length=8)  # percent | fixed
    value: int
    min_subtotal_minor: int = 0
    expires_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    usage_limit: int | None = None
    used_count: int = 0
    active: bool = True
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())


class PaymentEvent(SQLModel, table=True):
    """A Stripe event already applied: its id is inserted in the same transaction as the
    order change, so a repeated delivery changes nothing."""

    __tablename__ = "payment_event"

    id: str = Field(primary_key=True, max_length=255)
    type: str = Field(max_length=80)
    order_id: int | None = Field(default=None, foreign_key="sales_order.id", index=True)
    received_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())


class OrderRefund(SQLModel, table=True):
    __tablename__ = "order_refund"
    __table_args__ = (
        CheckConstraint("amount_minor > 0", name="ck_refund_amount"),
        UniqueConstraint("request_key", name="uq_refund_request"),
    )

    id: int | None = Field(default=None, primary_key=True)
    order_id: int = Field(foreign_key="sales_order.id", index=True)
    amount_minor: int
    # The caller's idempotency key: the same request twice refunds once.
    request_key: str = Field(max_length=80)
    provider_refund_id: str | None = Field(default=None, max_length=255, unique=True)
    reason: str = Field(default="", max_length=200)  # or, of one made outside: its reference
    status: str = Field(default="pending", max_length=16)  # one of REFUND_STATUSES
    # How the money went back when not through the payment provider (OFFLINE_METHODS in
    # services/orders/offline_refunds.py: a bank transfer, a cheque...), recorded by the admin
    # as gone through; "" for the provider's refunds (migration 0057).
    method: str = Field(default="", max_length=16, sa_column_kwargs={"server_default": ""})
    created_at: datetime = Field(default_factory=utc_now, sa_type=UtcDateTime())
    # When this shop recorded it as gone through (the provider's answer, webhook or
    # reconciliation; one made outside the provider when recorded), set once and kept if it
    # fails later; None while pending, never gone through, or gone through before migration
    # 0058 through the provider (when is not known).
    succeeded_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    # A refund mail told its shopper it went through (claimed with the order's refund mail,
    # marked when that mail is marked sent: services/orders/refund_mail.py).
    refund_mailed: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # When this shop heard that it failed: at once, or days after it went through (a refund
    # to a closed card).
    failed_at: datetime | None = Field(default=None, sa_type=UtcDateTime(), index=True)
    # It had gone through before it failed: its amount had counted as given back, and went
    # back to the shop's balance instead (the refunds download books it back on failed_at).
    reversed: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # When a pending one was last compared with the provider's refunds (the reconciliation
    # takes those compared longest ago first).
    checked_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    # When the shopper was mailed that this reversed refund never reached them; who mails it
    # claims it first (given back if it could not be sent; a stale claim's sender died).
    failure_mailed_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
    failure_mail_claimed_at: datetime | None = Field(default=None, sa_type=UtcDateTime())
