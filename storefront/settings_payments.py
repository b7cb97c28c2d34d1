"""The settings of payments and invoicing (part of storefront/settings.py's Settings): the
Stripe keys and endpoints, the shop's currency, the seller every invoice names and the staff's
refund limit. Bad values fail at start-up with a message naming the variable."""

from __future__ import annotations

from typing import Self
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from storefront.services.checkout.pricing import SHIPPING
from storefront.settings_urls import PLACEHOLDER, check_address, variable


class PaymentSettings(BaseModel):
    """Mixed into Settings: names are the environment variables (BOUTIQUE_ prefix)."""

    # Stripe. Without a secret key the shop runs without payments (checkout says so).
    # The demo run points these at localstripe on 127.0.0.1 (test keys, its own Stripe.js).
    stripe_secret_key: str | None = None
    stripe_publishable_key: str = ""
    stripe_webhook_secret: str = ""
    stripe_api_base: str | None = None  # None: api.stripe.com
    stripe_js_url: str = "https://js.stripe.com/v3/"
    currency: str = "EUR"
    # The seller printed on every invoice (demo values: set the merchant's own). The address
    # may hold several lines separated by "|" or newlines.
    seller_name: str = Field(default="Boutique Démo SAS", max_length=120)
    seller_address: str = Field(default="12 rue de la Paix | 75002 Paris | France", max_length=300)
    seller_vat_id: str = Field(default="FR40123456824", max_length=20)
    seller_company_id: str = Field(default="RCS Paris 123 456 782", max_length=40)
    # Staff (not admins) may refund at most this much of one order, its refunds together,
    # in minor units (storefront/services/admin/order_desk.py).
    staff_refund_limit_minor: int = Field(default=10_000, ge=0)

    @field_validator("stripe_api_base", "stripe_js_url")
    @classmethod
    def _stripe_addresses(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value and info.field_name == "stripe_api_base":
            # Any other text was taken, and every payment then failed on it (QA).
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                msg = (
                    "BOUTIQUE_STRIPE_API_BASE: not an http(s) address such as "
                    "http://127.0.0.1:8420 (unset, the shop talks to Stripe itself)"
                )
                raise ValueError(msg)
        if value and "://" in value:
            check_address(variable(info), value)
        return value

    @field_validator("stripe_secret_key", "stripe_publishable_key", "stripe_webhook_secret")
    @classmethod
    def _not_a_placeholder(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value and PLACEHOLDER.search(value):
            name = f"BOUTIQUE_{(info.field_name or '').upper()}"
            msg = f"{name}: still the example's placeholder (CHANGE-ME); set the value from Stripe"
            raise ValueError(msg)
        return value

    @field_validator("stripe_secret_key")
    @classmethod
    def _stripe_secret(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith(("sk_test_", "sk_live_", "rk_test_", "rk_live_")):
            msg = "BOUTIQUE_STRIPE_SECRET_KEY: expected a key starting sk_test_ or sk_live_"
            raise ValueError(msg)
        return value

    @model_validator(mode="after")
    def _stripe_complete(self) -> Self:
        if self.stripe_secret_key is None:
            if self.stripe_publishable_key or self.stripe_webhook_secret:
                # A missing or misspelt secret key would turn payments off without a word.
                msg = (
                    "BOUTIQUE_STRIPE_SECRET_KEY: not set, while the publishable key or webhook "
                    "secret is; set the sk_... key (payments are off without it), or unset them"
                )
                raise ValueError(msg)
            return self
        if not self.stripe_publishable_key.startswith("pk_"):
            msg = (
                "BOUTIQUE_STRIPE_PUBLISHABLE_KEY: set the pk_... key that goes with the secret key"
            )
            raise ValueError(msg)
        if not self.stripe_webhook_secret.startswith("whsec_"):
            msg = "BOUTIQUE_STRIPE_WEBHOOK_SECRET: set the endpoint's whsec_... signing secret"
            raise ValueError(msg)
        live = self.stripe_secret_key.startswith(("sk_live_", "rk_live_"))
        if live != self.stripe_publishable_key.startswith("pk_live_"):
            msg = "BOUTIQUE_STRIPE_*_KEY: the secret and publishable keys mix live and test mode"
            raise ValueError(msg)
        if live and self.stripe_api_base:
            msg = "BOUTIQUE_STRIPE_API_BASE: live keys must talk to Stripe itself; unset it"
            raise ValueError(msg)
        return self

    @property
    def payments_enabled(self) -> bool:
        return self.stripe_secret_key is not None

    @property
    def payments_test_mode(self) -> bool:
        """Test keys (or no keys): no real money moves, and the UI says so."""
        return not (self.stripe_secret_key or "").startswith(("sk_live_", "rk_live_"))

    @field_validator("currency")
    @classmethod
    def _iso_currency(cls, value: str) -> str:
        if len(value) != 3 or not value.isalpha():
            msg = f"BOUTIQUE_CURRENCY: {value!r} is not an ISO 4217 code such as EUR"
            raise ValueError(msg)
        if value.upper() not in SHIPPING:
            msg = (
                f"BOUTIQUE_CURRENCY: no shipping rates in {value.upper()} (they are set per"
                f" currency in storefront/services/checkout/pricing.py: {', '.join(SHIPPING)})"
            )
            raise ValueError(msg)
        return value.upper()

    @field_validator("seller_name", "seller_address", "seller_vat_id", "seller_company_id")
    @classmethod
    def _seller_filled(cls, value: str, info: ValidationInfo) -> str:
        text = value.strip()
        name = f"BOUTIQUE_{str(info.field_name).upper()}"
        if not text:
            raise ValueError(f"{name}: empty, but every invoice must show it")
        if PLACEHOLDER.search(text):
            raise ValueError(f"{name}: still the example's placeholder (CHANGE-ME)")
        if any(ord(c) < 32 and c != "\n" for c in text):
            raise ValueError(f"{name}: holds control characters")
        return text

    @field_validator("seller_vat_id")
    @classmethod
    def _vat_id_shape(cls, value: str) -> str:
        compact = value.replace(" ", "").upper()
        if not (len(compact) >= 4 and compact[:2].isalpha() and compact[2:].isalnum()):
            msg = f"BOUTIQUE_SELLER_VAT_ID: {value!r} is not a VAT number such as FR40123456824"
            raise ValueError(msg)
        return compact
