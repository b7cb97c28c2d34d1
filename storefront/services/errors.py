"""Domain errors. Each has a stable code; `retryable` tells a passing fault from a final one."""

from __future__ import annotations


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
