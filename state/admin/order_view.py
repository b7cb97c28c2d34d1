"""One order as the admin's order page shows it: lines, refunds and what may be done with it,
from the service's OrderDetail (amounts as the server computed them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from models.money import format_major_amount
from models.orders import OrderStatus
from state.amounts import AmountsView, amounts_view
from storefront.i18n import translations
from storefront.services.admin.order_views import OrderDetail
from storefront.services.orders.cancel_store import CUSTOMER_CANCEL_REASON, SHOP_CANCEL_REASON


@dataclass
class LineRow:
    sku: str = ""
    title: str = ""
    quantity: int = 0
    line_total_minor: int = 0
    # As the invoice names them (QA: the page said neither): "24 cm", and the price paid each.
    options: str = ""
    unit_price_minor: int = 0


@dataclass
class RefundRow:
    amount_minor: int = 0
    status: str = ""
    reason: str = ""
    created_at: str = ""
    made_at_provider: bool = False
    failed_at: str = ""
    reversed: bool = False  # it went through, then failed: the customer got nothing back
    request_key: str = ""  # the form's key it was asked with (provider: for the dashboard's)
    reason_labels: dict[str, str] = field(default_factory=dict)  # a cancel's, per language
    # Made outside the payment provider: how ("bank_transfer"...), named in each language;
    # its reason is then its reference.
    method: str = ""
    method_labels: dict[str, str] = field(default_factory=dict)


@dataclass
class OrderView:
    id: int = 0
    reference: str = ""
    status: str = ""
    email: str = ""
    created_at: str = ""
    paid_at: str = ""
    address: list[str] = field(default_factory=list)  # its lines, the country apart
    country_labels: dict[str, str] = field(default_factory=dict)  # its name in each language
    shipping_method: str = ""
    discount_code: str = ""
    currency: str = "EUR"
    amounts: AmountsView = field(default_factory=AmountsView)
    refunded_minor: int = 0
    lines: list[LineRow] = field(default_factory=list)
    refunds: list[RefundRow] = field(default_factory=list)
    payment_intent_id: str = ""
    payment_error: str = ""
    stock_short: bool = False
    carrier: str = ""  # its code: "la_poste", "other"
    tracking_number: str = ""
    shipped_at: str = ""
    refundable_minor: int = 0
    refundable_text: str = ""
    refund_reversed: bool = False  # a refund went through, then failed
    # Canceled, and a refund that closed it failed since: what it gave back is owed again.
    refund_owed: bool = False
    can_fulfil: bool = False
    can_cancel: bool = False
    canceled_by_customer: bool = False
    customer_canceling: bool = False  # asked, not through yet: may be released
    # The shop may cancel it and refund it in full, and this reader may ask; or it may, but
    # its refund is over this reader's limit (OrderDesk.paid_cancel_offer).
    can_cancel_paid: bool = False
    cancel_needs_admin: bool = False
    canceled_by_shop: bool = False
    shop_canceling: bool = False  # its refund not through yet (asking again tries it again)
    cancel_released: bool = False  # the customer's cancel failed: settle it with them
    shop_cancel_released: bool = False  # the shop's own cancel failed: its refund refused
    invoice_number: str = ""  # "" while it has none (the page's link to it then hidden)
    credit_notes: list[str] = field(default_factory=list)  # its invoice's, oldest first
    # {"number", "note"}: each invoice cancelling a credit note (its refund failed since).
    reversal_invoices: list[dict[str, str]] = field(default_factory=list)


def order_view(order: OrderDetail) -> OrderView:
    a, cur = order.amounts, order.amounts.currency
    ad = order.address
    return OrderView(
        id=order.id,
        reference=order.reference,
        status=order.status.value,
        email=order.email,
        created_at=order.created_at.isoformat(),
        paid_at=order.paid_at.isoformat() if order.paid_at else "",
        address=[
            x for x in (ad.name, ad.line1, ad.line2, f"{ad.postal_code} {ad.city}") if x.strip()
        ],
        country_labels=translations(f"country.{ad.country}", ad.country) if ad.country else {},
        shipping_method=order.shipping_method,
        discount_code=order.discount_code or "",
        currency=cur,
        amounts=amounts_view(a, order.discount_code),
        refunded_minor=order.refunded_minor,
        lines=[
            LineRow(
                x.sku,
                x.title,
                x.quantity,
                x.unit_price_minor * x.quantity,
                x.options,
                x.unit_price_minor,
            )
            for x in order.lines
        ],
        refunds=[
            RefundRow(
                r.amount_minor,
                r.status,
                r.reason,
                r.created_at.isoformat(),
                r.made_at_provider,
                r.failed_at.isoformat() if r.failed_at else "",
                r.reversed,
                r.request_key,
                _reason_labels(r.reason),
                r.method,
                translations(f"admin.offline_refund.method.{r.method}") if r.method else {},
            )
            for r in order.refunds
        ],
        # A canceled order's own alert (refund_owed) says what to do while it is owed; this
        # one goes once refunds since (a bank transfer recorded, say) make the failed one up.
        refund_reversed=order.status is not OrderStatus.CANCELED and order.reversal_owed_minor > 0,
        refund_owed=order.status is OrderStatus.CANCELED and order.refundable_minor > 0,
        payment_intent_id=order.payment_intent_id or "",
        payment_error=order.payment_error,
        stock_short=order.stock_short,
        carrier=order.carrier,  # a code, named in the page's language
        tracking_number=order.tracking_number,
        shipped_at=order.fulfilled_at.isoformat() if order.fulfilled_at else "",
        refundable_minor=order.refundable_minor,
        refundable_text=format_major_amount(order.refundable_minor, cur),
        can_fulfil=order.shippable,
        can_cancel=order.status
        in (OrderStatus.PENDING, OrderStatus.REQUIRES_ACTION, OrderStatus.FAILED),
        canceled_by_customer=order.canceled_by_customer and not order.customer_canceling,
        customer_canceling=order.customer_canceling,
        canceled_by_shop=order.canceled_by_shop and not order.shop_canceling,
        shop_canceling=order.shop_canceling,
        cancel_released=order.cancel_released_at is not None and not order.shop_cancel_released,
        shop_cancel_released=order.shop_cancel_released,
        invoice_number=order.invoice_number or "",
        credit_notes=list(order.credit_notes),
        reversal_invoices=[{"number": n, "note": note} for n, note in order.reversal_invoices],
    )


# The reasons a cancel's refund is written with (services/orders/customer_cancel.py), read in
# the page's language rather than as stored (QA: English under "Motif").
_CANCEL_REASONS = {
    CUSTOMER_CANCEL_REASON: "admin.order.canceled_by_customer",
    SHOP_CANCEL_REASON: "admin.order.canceled_by_shop",
}


def _reason_labels(reason: str) -> dict[str, str]:
    key = _CANCEL_REASONS.get(reason)
    return translations(key) if key else {}
