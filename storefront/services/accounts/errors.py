"""The refusal every account use case raises (accounts, resets, address book, wishlist): a code
the UI translates, and a refused request changes nothing."""

from __future__ import annotations

from storefront.services.errors import Refusal


class AccountError(Refusal):
    """Sign-up, sign-in or reset refused."""
