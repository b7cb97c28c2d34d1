"""What the checkout page's handlers (state/checkout.py) call: the checkout service, the
work they hand to a worker thread, and their messages."""

from __future__ import annotations

import logging

from models.types import utc_now
from state.address_book import address_book
from state.cart import view_cart
from state.shop import call, shop
from storefront.i18n import translations
from storefront.services.accounts.address_book import SavedAddress
from storefront.services.accounts.errors import AccountError
from storefront.services.cart.service import CartView
from storefront.services.checkout.quotes import Quote
from storefront.services.checkout.service import Checkout

log = logging.getLogger(__name__)


def checkout_service() -> Checkout | None:
    commerce = shop().commerce
    return commerce.checkout if commerce else None


def with_reason(key: str, reason: object) -> dict[str, str]:
    text = str(reason or "").strip()[:200]
    return {
        locale: message.replace("{reason}", text) for locale, message in translations(key).items()
    }


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


def price_cart(
    tokens: tuple[str, str], country: str, method: str, code: str, client: str
) -> tuple[CartView, Quote | None]:
    """In one worker-thread hop: the cart, and its price with these choices."""
    view = view_cart(*tokens)
    checkout = checkout_service()
    if checkout is None:
        return view, None
    quote = checkout.quotes.quote_choices(view, country, method, code, utc_now(), client=client)
    return view, quote
