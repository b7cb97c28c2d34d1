"""The payment provider behind one port: amounts always come from the server's totals, and
every call that changes something carries an idempotency key."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class PaymentIntent:
    id: str
    status: str  # requires_payment_method | requires_action | succeeded | canceled | ...
    amount_minor: int
    currency: str
    client_secret: str
    metadata: Mapping[str, str]


class PaymentError(Exception):
    """The provider refused or could not be reached; `retryable` says whether to try again."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


class PaymentGateway(Protocol):
    def create_intent(
        self,
        *,
        amount_minor: int,
        currency: str,
        metadata: Mapping[str, str],
        idempotency_key: str,
    ) -> PaymentIntent: ...

    def retrieve_intent(self, intent_id: str) -> PaymentIntent: ...

    def refund(self, intent_id: str, amount_minor: int, idempotency_key: str) -> str:
        """The refund's id."""
        ...
