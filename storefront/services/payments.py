"""The payment provider behind one port: amounts always come from the server's totals, and
every call that changes something carries an idempotency key."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class PaymentIntent:
    id: str
    status: str  # requires_payment_method | requires_action | succeeded | canceled | ...
    amount_minor: int
    currency: str
    client_secret: str
    metadata: Mapping[str, str]
    # The provider's message for the last failed attempt (declined card, failed 3-D Secure),
    # and its code (e.g. "insufficient_funds"), for a message in the shopper's language.
    last_error: str = ""
    last_error_code: str = ""


@dataclass(frozen=True, slots=True)
class ProviderRefund:
    """A refund as the provider holds it, whoever made it: this shop, or staff in the
    provider's own dashboard."""

    id: str
    amount_minor: int
    currency: str
    status: str  # succeeded | pending | requires_action | failed | canceled
    created_at: datetime
    request_key: str  # the key this shop made it with (kept in its metadata), else ""


class PaymentError(Exception):
    """The provider refused or could not be reached; `retryable` says whether to try again.
    `declined` marks a card refused by its bank: the shopper may try another card; `code`
    is the provider's reason then (as PaymentIntent.last_error_code). `missing`: the provider
    answered that it has no such object (a 404, never a timeout or its own failure): the
    demo's localstripe restarted, or the object was made with another account's key."""

    def __init__(
        self,
        message: str,
        *,
        retryable: bool,
        declined: bool = False,
        code: str = "",
        missing: bool = False,
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.declined = declined
        self.code = code  # the provider's reason, as last_error_code
        self.missing = missing


class PaymentGateway(Protocol):
    def create_intent(
        self,
        *,
        amount_minor: int,
        currency: str,
        metadata: Mapping[str, str],
        idempotency_key: str,
    ) -> PaymentIntent: ...

    def confirm_intent(
        self, intent_id: str, payment_method: str, idempotency_key: str
    ) -> PaymentIntent:
        """Attach the card the browser tokenised and confirm; may need 3-D Secure next."""
        ...

    def cancel_intent(self, intent_id: str, idempotency_key: str) -> PaymentIntent: ...

    def retrieve_intent(self, intent_id: str) -> PaymentIntent: ...

    def refund(
        self, intent_id: str, amount_minor: int, idempotency_key: str, *, request_key: str
    ) -> ProviderRefund:
        """The refund as the provider answered it (its status may be pending: some payment
        methods, or a balance too low, settle later); `request_key` stays with the refund
        at the provider, so its refunds list tells ours from those made in its dashboard."""
        ...

    def refunds_of(self, intent_id: str) -> list[ProviderRefund]:
        """Every refund of the payment, oldest first."""
        ...
