"""Domain errors. Each has a stable code; `retryable` tells a passing fault from a final one."""

from __future__ import annotations

from collections.abc import Mapping


class DomainError(Exception):
    code = "domain_error"
    retryable = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DomainError):
    code = "not_found"


class InvalidProduct(DomainError):
    code = "invalid_product"


class SkuTaken(InvalidProduct):
    """A SKU another product holds, the same or in other capitals ("ab-1", "AB-1"): found by
    the check before a save, or refused by the database when another save took it after."""

    code = "sku_taken"


class Refusal(Exception):
    """A refusal the person can act on; `code` is the key of the message that says why and
    `params` the whole numbers it names; `fields` a message key per form field at fault and
    `field_params` the numbers a field's message names, e.g. {"title": {"limit": 500}} for
    "At most {limit} characters."; `amounts` the sums (minor units) its message names, e.g.
    {"minimum": 5000} for "{minimum}"; `texts` the words it names as they are in every
    language (products' ids and titles)."""

    def __init__(
        self,
        code: str,
        fields: Mapping[str, str] | None = None,
        *,
        amounts: Mapping[str, int] | None = None,
        params: Mapping[str, int] | None = None,
        field_params: Mapping[str, Mapping[str, int]] | None = None,
        texts: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(code)
        self.code = code
        self.fields = dict(fields or {})
        self.amounts = dict(amounts or {})
        self.params = dict(params or {})
        self.field_params = {name: dict(p) for name, p in (field_params or {}).items()}
        self.texts = dict(texts or {})


class AlreadyDone(Refusal):
    """What was asked is already so (an order shipped, by this click's twin or by someone
    else): nothing changed, and the page says so plainly rather than as a fault."""
