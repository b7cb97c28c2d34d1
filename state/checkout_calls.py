"""What the checkout page's handlers (state/checkout.py) call: the checkout service, the
work they hand to a worker thread, and their messages."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from models.orders import OrderStatus
from models.types import utc_now
from state.address_book import address_book
from state.cart import keep_code, owner_of, view_cart
from state.shop import call, shop
from storefront.i18n import MESSAGES, translations
from storefront.i18n_format import format_money
from storefront.services.accounts.address_book import SavedAddress
from storefront.services.accounts.errors import AccountError
from storefront.services.cart.service import CartView
from storefront.services.checkout.quotes import Quote
from storefront.services.checkout.service import Checkout, PaymentStep
from storefront.services.orders.ports import OrderRecord

log = logging.getLogger(__name__)
DECLINED = "checkout.decline.card_declined"  # the reason when no other is known
# A code refused for these is dropped from the cart; one held by others' unpaid orders, under
# its minimum, or not checked (too many codes tried) may apply later, and stays (review).
FINAL_REFUSALS = frozenset(
    {
        "checkout.error.discount_unknown",
        "checkout.error.discount_expired",
        "checkout.error.discount_used_up",
    }
)


def checkout_service() -> Checkout | None:
    commerce = shop().commerce
    return commerce.checkout if commerce else None


def with_reason(key: str, reason: object) -> dict[str, str]:
    text = str(reason or "").strip()[:200]
    return {
        locale: message.replace("{reason}", text) for locale, message in translations(key).items()
    }


def refusal_text(key: str, amounts: Mapping[str, int], currency: str) -> dict[str, str]:
    """A refusal's message in each language, with the amounts it names written as readers of
    that language write them ("{minimum}": "€50.00", "50,00\u00a0€")."""
    texts = translations(key)
    if not amounts:
        return texts
    return {
        locale: text.format(**{n: format_money(locale, a, currency) for n, a in amounts.items()})
        for locale, text in texts.items()
    }


def declined(words: str, reason: str) -> dict[str, str]:
    """A card declined, in the shopper's language: the reason the shop can name (by the
    provider's code) in each, else the provider's own words in English and a plain
    "declined" elsewhere (never an English sentence inside a French one)."""
    key = f"checkout.decline.{reason}"
    if reason and key in MESSAGES:
        reasons = translations(key)
    else:
        reasons = translations(DECLINED) | ({"en": words.strip()[:200]} if words.strip() else {})
    return {
        locale: message.replace("{reason}", _after_colon(locale, reasons[locale]))
        for locale, message in translations("checkout.error.declined").items()
    }


def _after_colon(locale: str, sentence: str) -> str:
    """French writes on in lower case after a colon ("n’a pas abouti : votre carte...")."""
    return sentence[:1].lower() + sentence[1:] if locale == "fr" else sentence


async def save_address(account_id: int, address: dict[str, str]) -> SavedAddress | None:
    """Keep the order's address on the account, at best: a full address book or a database
    hiccup here never stops the order (the shopper can add it on the account page)."""
    try:
        return await call(address_book().add, account_id, address, utc_now())
    except AccountError:
        return None
    except Exception:
        log.exception("saving the checkout address for account %s", account_id)
        return None


async def card_refused(checkout: Checkout, order_id: int) -> None:
    """Note, at best, that the page's payment script refused the card details of its attempt:
    a database hiccup here leaves the attempt spared as before (CONFIRMING), nothing worse."""
    try:
        await call(checkout.card_refused, order_id, utc_now())
    except Exception:
        log.exception("noting the refused card details of order %s", order_id)


def interrupted_step(checkout: Checkout, order_id: int) -> PaymentStep | None:
    """Where a payment left waiting for 3-D Secure stands at the provider (None: the order
    is not waiting)."""
    return checkout.refresh(order_id) if checkout.unfinished(order_id) else None


def order_href(order: OrderRecord) -> str:
    """An order's page, with its key: the cart's own browser or account paid it."""
    return f"/order/{order.reference}?key={order.access_key}"


def cart_paid_lately(tokens: tuple[str, str]) -> tuple[int, str] | None:
    """An empty cart's news at checkout: the order of it just paid (in another tab?), and
    its page."""
    checkout = checkout_service()
    paid = checkout.paid_lately(owner_of(*tokens), utc_now()) if checkout else None
    return None if paid is None else (paid.id, order_href(paid))


def replaced_by(tokens: tuple[str, str], order_id: int) -> tuple[bool, str] | None:
    """The attempt that replaced this tab's canceled one (another tab's Pay): whether it
    is paid, and then its page, while the tab's browser or account still holds that cart
    and paid it lately (not after a sign-out in another tab: the link carries the order's
    key; review); None if none did."""
    checkout = checkout_service()
    other = checkout.replaced_by(order_id) if checkout else None
    if checkout is None or other is None:
        return None
    paid = other.status in (OrderStatus.PAID, OrderStatus.FULFILLED)
    lately = checkout.paid_lately(owner_of(*tokens), utc_now()) if paid else None
    mine = lately is not None and lately.id == other.id
    return paid, order_href(other) if mine else ""


def unpaid_attempt(tokens: tuple[str, str]) -> OrderRecord | None:
    """The cart's last unpaid order, whose choices fill a checkout opened again."""
    checkout = checkout_service()
    return checkout.unpaid_attempt(owner_of(*tokens)) if checkout else None


def price_cart(
    tokens: tuple[str, str], country: str, method: str, code: str | None, client: str
) -> tuple[CartView, Quote | None]:
    """In one worker-thread hop: the cart, and its price with these choices. `code`: the
    tab's ("": the shopper removed it), else (None) the cart's own, the one applied last
    (another tab, another day). The cart keeps the code applied, and drops it when removed
    or refused for good."""
    view = view_cart(*tokens, shown=True)
    checkout = checkout_service()
    if checkout is None:
        return view, None
    chosen = view.discount_code if code is None else code
    quote = checkout.quotes.quote_choices(view, country, method, chosen, utc_now(), client=client)
    if quote.code != view.discount_code:
        if quote.code and quote.totals is not None:  # checked and applied: kept
            keep_code(view, quote.code)
        elif not quote.code and (not chosen or quote.errors.get("discount") in FINAL_REFUSALS):
            keep_code(view, "")
    return view, quote
