"""The order page: opened with its key (the confirmation link, the mail) or by its owner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

import reflex as rx

from models.orders import OrderStatus
from models.types import utc_now
from models.views import ProductCard
from state.account import AccountState
from state.account_pages import account_page
from state.amounts import AmountsView, amounts_view
from state.checkout import CheckoutState
from state.checkout_paid import is_return
from state.listing import last_segment
from state.order_access import product_href, shown_with_products
from state.order_buy_again import BuyAgainState
from state.order_cancel_text import cancel_question, refund_owed_text
from state.order_withdrawal import OrderWithdrawalState
from state.shop import call, shop
from storefront.i18n import LOCALES, translate, translations
from storefront.i18n_format import format_money
from storefront.services.accounts.credentials import masked_email
from storefront.services.inventory import HOLD_MINUTES
from storefront.services.invoices.credit_notes import credit_note_links
from storefront.services.invoices.document import invoice_link
from storefront.services.invoices.reversal_invoices import reversal_invoice_links
from storefront.services.orders.cancel_rules import refund_owed
from storefront.services.orders.carriers import carrier_name, tracking_url
from storefront.services.orders.confirmation_due import confirmation_due
from storefront.services.orders.customer_cancel import Asker, needs_email, refund_due
from storefront.services.orders.delivery import delivery_line
from storefront.services.orders.ports import OrderRecord
from storefront.services.orders.status import UNPAID
from storefront.services.orders.viewing import offers_buying_again

THANKS_FOR = timedelta(hours=1)  # a checkout's return reloaded later is no thanks either
AUTHENTICATING = timedelta(minutes=5)  # a 3-D Secure step this recent may be under way still
# What the page thanks for: an order on its way (paid, or its payment still being settled);
# not one whose payment failed, nor one canceled, refunded or shipped since (its return
# reloaded), however recent. Not an order whose card authentication was left unfinished: no
# bank is answering (QA).
_THANKED = frozenset({OrderStatus.PENDING, OrderStatus.PAID})


@dataclass
class OrderLineItem:
    title: str = ""
    sku: str = ""
    options: str = ""  # the variant bought, as the cart named it: "M · Navy"
    quantity: int = 0
    line_total_minor: int = 0
    # Its product's page, on the variant bought; "" once the product is no longer on sale.
    href: str = ""


@account_page  # an order's address and email leave the tab when its account does
class OrderState(rx.State):
    found: bool = False
    loaded: bool = False
    reference: str = ""
    status_labels: dict[str, str] = {}  # noqa: RUF012
    waiting: bool = False
    # Paid once (its confirmation went out then); or canceled without ever being paid.
    confirmed: bool = False
    # Its confirmation went out; else it is due (the mail server refused it, or the bus
    # has it still), and the page says it will be sent rather than that it was (QA), or it
    # never will be (the reconciliation's catch-up gave up on it: a day on), and the page
    # says so (review: it said "will be sent" of those).
    mail_sent: bool = False
    mail_due: bool = False
    canceled_unpaid: bool = False
    authentication_left: bool = False
    # Its card declined: nothing charged, paid from checkout again or canceled by itself
    # after `cancels_at` (ISO; the reconciliation gives unpaid orders up HOLD_MINUTES on).
    declined: bool = False
    cancels_at: str = ""
    email: str = ""
    placed_at: str = ""
    # The checkout's return in the tab that paid it (state/checkout_paid.py), placed within
    # THANKS_FOR and on its way (_THANKED): the page thanks the shopper. Opened any other way
    # (the account's list of orders, a mail), it is "Order <reference>", however recent (QA:
    # a shipped and withdrawn order said "Thank you for your order").
    just_placed: bool = False
    owned: bool = False  # the signed-in shopper's own: a link back to their list of orders
    lines: list[OrderLineItem] = []  # noqa: RUF012
    buy_again_offered: bool = False  # its "Buy again" (state/order_buy_again.py)
    address_lines: list[str] = []  # noqa: RUF012
    country_labels: dict[str, str] = {}  # noqa: RUF012  # the address's country, named
    delivery_labels: dict[str, str] = {}  # noqa: RUF012  # "Delivery: Express, next working day"
    amounts: AmountsView = AmountsView()
    refunded_minor: int = 0  # what went back to the shopper, refunds still pending not counted
    # Empty until it ships; shown whatever its status says of refunds.
    shipped_at: str = ""
    carrier_labels: dict[str, str] = {}  # noqa: RUF012
    tracking_number: str = ""
    tracking_href: str = ""  # the carrier's page following the parcel, "" if none known
    # The shopper's own cancel (state/order_cancel.py): offered while it has not shipped,
    # the confirmation naming what goes back; the email asked of a guest who came by link.
    cancel_offered: bool = False
    cancel_labels: dict[str, str] = {}  # noqa: RUF012
    cancel_needs_email: bool = False
    # Asked and not through yet (its refund under way); or given up (refused, or released
    # by the shop): the order stands and the shopper is told to contact the shop.
    cancel_claimed: bool = False
    cancel_released: bool = False
    # The shop canceled it (its own cancel, from the admin): under way, or done.
    cancel_by_shop: bool = False
    canceled_by_shop: bool = False
    # Canceled, and a refund that closed it failed since (a closed card): what is owed, said
    # with who makes it good (empty for any other order).
    refund_owed_labels: dict[str, str] = {}  # noqa: RUF012
    invoice_url: str = ""  # once paid: its invoice page (storefront/api/invoice.py)
    # Its invoice's credit notes, one a refund (number, url), oldest first.
    credit_notes: list[dict[str, str]] = []  # noqa: RUF012
    reversal_invoices: list[dict[str, str]] = []  # noqa: RUF012  # number, note, url
    # Refunds the shop paid outside the payment provider, each said in every language
    # ("€20.00 was paid to you by bank transfer."), oldest first.
    paid_outside: list[dict[str, str]] = []  # noqa: RUF012
    # None shown to a visitor who is not signed in: the sign-in page, back here after.
    sign_in_href: str = ""

    @rx.event
    async def load(self) -> None:
        reference = last_segment(self.router.url.path)  # /order/<reference>
        key = str(self.router.url.query_parameters.get("key", ""))
        account = await self.get_state(AccountState)
        await account.load()
        (await self.get_state(BuyAgainState))._forget()
        order, cards = await call(shown_with_products, reference, key, account.account_id)
        # The withdrawal function is offered for the order shown here, or for none; its form
        # is filled with the order's email only for whom the page shows it whole (QA).
        owner = (
            order is not None
            and bool(account.account_id)
            and order.account_id == account.account_id
        )
        known = order is not None and (owner or await self._placed_in_this_tab(order))
        await (await self.get_state(OrderWithdrawalState))._grant(order, email_known=known)
        if order is None:  # nothing of an order shown before stays
            self.reset()
            self.loaded = True
            if not account.account_id:
                back = quote(self.router.url.path, safe="/")
                self.sign_in_href = f"/account/sign-in?next={back}"
            return
        self.loaded, self.found = True, True
        self.owned = bool(account.account_id) and order.account_id == account.account_id
        paid_here = (await self.get_state(CheckoutState))._paid_last_here(order.id)
        self._show(order, cards, thanks=paid_here and is_return(self.router.url.query_parameters))
        self._offer_cancel(order, account.account_id)
        # Asked of the link's holder, so not shown them (QA): but to the browser that typed
        # it at checkout, whole, where a typo is seen at once.
        if self.cancel_needs_email and not await self._placed_in_this_tab(order):
            self.email = masked_email(order.email)
        link = invoice_link(order, key)
        self.invoice_url = f"{shop().settings.api_base_url}{link}" if link else ""
        self.credit_notes = [
            {"number": number, "url": f"{shop().settings.api_base_url}{url}"}
            for number, url in credit_note_links(order, key)
        ]
        self.reversal_invoices = [
            {"number": number, "note": note, "url": f"{shop().settings.api_base_url}{url}"}
            for number, note, url in reversal_invoice_links(order, key)
        ]

    async def _placed_in_this_tab(self, order: OrderRecord) -> bool:
        """Whether this tab placed the order, its email typed here (or its account's)."""
        return order.reference in (await self.get_state(CheckoutState))._placed_here

    def _offer_cancel(self, order: OrderRecord, account_id: int) -> None:
        due = refund_due(order)
        self.cancel_offered = due is not None
        self.cancel_needs_email = needs_email(order, Asker(account_id or None))
        self.cancel_labels = cancel_question(due or 0, order.amounts.currency)
        claimed = order.cancel_requested_at is not None
        self.cancel_claimed = claimed and order.status is not OrderStatus.CANCELED
        # The shop's own cancel given up is not the shopper's to hear of: they never asked.
        self.cancel_released = order.cancel_released_at is not None and not order.cancel_by_shop
        by_shop = claimed and order.cancel_by_shop
        self.cancel_by_shop = by_shop
        self.canceled_by_shop = by_shop and order.status is OrderStatus.CANCELED
        self.refund_owed_labels = refund_owed_text(refund_owed(order), order.amounts.currency)

    def _show(
        self,
        order: OrderRecord,
        cards: dict[int, ProductCard] | None = None,
        *,
        thanks: bool = False,
    ) -> None:
        """`cards`: its products still on sale, by id (their lines link to them); `thanks`:
        the page is the checkout's return after paying in this tab."""
        cards = cards or {}
        amounts, address = order.amounts, order.address
        self.reference, self.email = order.reference, order.email
        self.status_labels = translations(f"order.status.{order.status.value}")
        # Its 3-D Secure left unfinished (the bank's window closed): the shopper pays from
        # checkout again, or it is canceled unpaid; no bank answer is coming (QA). Within
        # AUTHENTICATING of its last step, it may still be under way in another tab.
        since = order.updated_at or order.created_at
        self.authentication_left = (
            order.status is OrderStatus.REQUIRES_ACTION and utc_now() - since >= AUTHENTICATING
        )
        # Declined: no bank answer is coming either; it said it waited for one (QA).
        self.declined = order.status is OrderStatus.FAILED
        self.cancels_at = (
            (since + timedelta(minutes=HOLD_MINUTES)).isoformat() if self.declined else ""
        )
        self.waiting = order.status in UNPAID and not (self.authentication_left or self.declined)
        canceled = order.status is OrderStatus.CANCELED
        # The confirmation mailed is not said of an order canceled since, nor of one shipped,
        # whose page says when and how instead (QA).
        self.confirmed = order.paid_at is not None and not canceled and not order.fulfilled_at
        self.mail_sent = order.confirmation_sent_at is not None
        self.mail_due = confirmation_due(order, utc_now())
        self.canceled_unpaid = canceled and order.paid_at is None
        self.placed_at = order.created_at.isoformat()
        recent = utc_now() - order.created_at < THANKS_FOR
        self.just_placed = thanks and recent and order.status in _THANKED
        shipped = order.fulfilled_at
        self.shipped_at = shipped.isoformat() if shipped else ""
        self.carrier_labels = (
            {lang: carrier_name(order.carrier, lang) for lang in LOCALES} if shipped else {}
        )
        self.tracking_number = order.tracking_number if shipped else ""
        self.tracking_href = tracking_url(order.carrier, order.tracking_number) if shipped else ""
        self.lines = [
            OrderLineItem(
                line.title,
                line.sku,
                line.options,
                line.quantity,
                line.total_minor,
                product_href(cards.get(line.product_id), line.sku),
            )
            for line in order.lines
        ]
        self.buy_again_offered = offers_buying_again(order)
        self.address_lines = [
            part
            for part in (
                address.name,
                address.line1,
                address.line2,
                f"{address.postal_code} {address.city}",
            )
            if part
        ]
        # Its name in the shopper's language, as the checkout's list showed it (not "DE").
        country = address.country
        self.country_labels = translations(f"country.{country}", country) if country else {}
        delivery = {lang: delivery_line(order.shipping_method, lang) for lang in LOCALES}
        self.delivery_labels = delivery if all(delivery.values()) else {}
        self.amounts = amounts_view(amounts, order.discount_code)
        self.refunded_minor = order.refunded_minor
        self.paid_outside = [
            {
                lang: translate(
                    lang,
                    f"refund.offline.{refund.method}",
                    amount=format_money(lang, refund.amount_minor, amounts.currency),
                )
                for lang in LOCALES
            }
            for refund in order.paid_outside
        ]
