"""The checkout form a shopper sends: what it holds, and its fields checked one by one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from storefront.services.accounts.credentials import normalize_email
from storefront.services.accounts.errors import AccountError
from storefront.services.checkout.address import validate_address
from storefront.services.orders.ports import Address


@dataclass(frozen=True, slots=True)
class CheckoutForm:
    email: str
    address: Mapping[str, str]
    shipping_method: str
    discount_code: str = ""
    locale: str = "en"
    # The total the page showed when the shopper pressed pay; None when there was no page.
    shown_total_minor: int | None = None
    # The anonymous visitor id (cookie), tying the order to the recommendations they used.
    visitor_id: str | None = None


def check_form(form: CheckoutForm) -> tuple[str, Address | None, dict[str, str]]:
    """(normalised email, address or None, message key per field at fault)."""
    address, errors = validate_address(form.address)
    email = ""
    try:
        email = normalize_email(form.email)
    except AccountError:
        errors["email"] = "checkout.error.email"
    return email, address, errors
