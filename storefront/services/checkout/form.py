"""The checkout form a shopper sends: what it holds, and its fields checked one by one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


# The most of a field's text a browser's form is taken for: anything longer is cut before the
# checks (which then name the field's own, smaller limit).
EMAIL_AT_MOST, FIELD_AT_MOST = 254, 250
# The pay form's hidden field: the total its page showed, in minor units, when Pay was pressed.
SHOWN_TOTAL = "shown_total"


def sent_form(
    sent: Mapping[str, object],
    address_fields: Iterable[str],
    *,
    country: str,
    shipping_method: str,
    discount_code: str,
    locale: str,
    shown_total_minor: int,
    visitor_id: str | None,
) -> CheckoutForm:
    """The checkout form from what the browser sent (`address_fields`, the email and the
    total it showed; anything else it holds is ignored, and a field that is not text counts
    as empty) and the choices the page holds on the server. The total is the page's as the
    shopper saw it: the server's (`shown_total_minor`) may already be a price that changed
    as they pressed Pay, which the guard against charging an unseen amount compared with
    itself (QA: a code used up meanwhile was charged at the full price). Without one (a
    crafted payload), the server's."""
    address = {key: _text(sent.get(key))[:FIELD_AT_MOST] for key in address_fields}
    shown = _text(sent.get(SHOWN_TOTAL))
    if shown.isascii() and shown.isdigit() and len(shown) <= 15:
        shown_total_minor = int(shown)
    return CheckoutForm(
        email=_text(sent.get("email"))[:EMAIL_AT_MOST],
        address={**address, "country": country},
        shipping_method=shipping_method,
        discount_code=discount_code,
        locale=locale,
        shown_total_minor=shown_total_minor,
        visitor_id=visitor_id,
    )


def _text(value: object) -> str:
    """A field's text; a value that is not text (a crafted payload) counts as left empty."""
    return value if isinstance(value, str) else ""


def check_form(form: CheckoutForm) -> tuple[str, Address | None, dict[str, str]]:
    """(normalised email, address or None, message key per field at fault)."""
    address, errors = validate_address(form.address)
    email = ""
    try:
        email = normalize_email(form.email)
    except AccountError:
        errors["email"] = "checkout.error.email"
    return email, address, errors
