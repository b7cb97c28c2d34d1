"""What the checkout page's summary shows of a quote (state/checkout.py _requote): the
refusals beside the fields, the totals, and what each delivery method costs."""

from __future__ import annotations

from dataclasses import dataclass

from state.amounts import AmountsView, amounts_view
from state.checkout_calls import refusal_text
from storefront.services.checkout.pricing import shipping_prices
from storefront.services.checkout.quotes import Quote


@dataclass(frozen=True)
class Summary:
    errors: dict[str, dict[str, str]]  # field -> message per locale
    amounts: AmountsView | None  # None when these choices cannot be priced
    method_prices: dict[str, int]  # delivery method -> its price ({} when not priced)


def summary_of(quote: Quote, errors: dict[str, dict[str, str]], currency: str) -> Summary:
    """The page's summary for `quote`: its refusals replace the discount's message shown
    before (`errors`) and join the other fields'; amounts are written in `currency`."""
    kept = {f: m for f, m in errors.items() if f != "discount"}
    said = {f: refusal_text(k, quote.amounts, currency) for f, k in quote.errors.items()}
    amounts = amounts_view(quote.totals, quote.code) if quote.totals else None
    prices = shipping_prices(quote.totals) if quote.totals else {}
    return Summary({**kept, **said}, amounts, prices)
