"""The seller's details a legal notice gives beyond the invoices' (part of storefront/settings.py's
Settings; the invoices' seller is in settings_payments.py). Each may be left empty: the default
legal notice (services/legal_notice.py) then leaves it out, and `check-settings` says so."""

from __future__ import annotations

import re

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from storefront.settings_urls import PLACEHOLDER, variable

# A telephone number as people write it: +33 1 23 45 67 89, (030) 1234-567, 01.23.45.67.89.
_PHONE = re.compile(r"\+?[0-9 ().\-/]+")


class SellerSettings(BaseModel):
    """Mixed into Settings: names are the environment variables (BOUTIQUE_ prefix)."""

    # As the law names it, with its share capital where that is the custom: "SAS au capital
    # de 10 000 €", "GmbH", "EI".
    seller_legal_form: str = Field(default="", max_length=120)
    seller_phone: str = Field(default="", max_length=40)
    # The person who represents the seller (its manager), also the publication director.
    seller_representative: str = Field(default="", max_length=120)
    # The company hosting the shop: its name, address and telephone, "|" between them.
    hosting_provider: str = Field(default="", max_length=300)
    # The consumer mediator the seller belongs to: its name and website.
    consumer_mediator: str = Field(default="", max_length=300)

    @field_validator(
        "seller_legal_form",
        "seller_phone",
        "seller_representative",
        "hosting_provider",
        "consumer_mediator",
    )
    @classmethod
    def _plain_text(cls, value: str, info: ValidationInfo) -> str:
        text = value.strip()
        name = variable(info)
        if PLACEHOLDER.search(text):
            raise ValueError(f"{name}: still the example's placeholder (CHANGE-ME)")
        if any(ord(c) < 32 for c in text):
            raise ValueError(f"{name}: holds control characters (separate lines with |)")
        return text

    @field_validator("seller_phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        if value and (not _PHONE.fullmatch(value) or sum(c.isdigit() for c in value) < 6):
            msg = (
                f"BOUTIQUE_SELLER_PHONE: {value!r} is not a telephone number such as "
                "+33 1 23 45 67 89"
            )
            raise ValueError(msg)
        return value
