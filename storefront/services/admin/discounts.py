"""Discount codes in the admin: list with usage, create, edit, expire, switch off or on.

The form arrives as the person typed it (amounts as "7,50", expiry as a date); every field at
fault gets its own message and nothing is saved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime, time, tzinfo
from typing import Literal, Protocol

from models.money import MoneyParseError, parse_major_amount
from models.types import utc_now
from storefront.services.admin.access import Permission, Staff, require
from storefront.services.admin.audit import AuditRecord
from storefront.services.checkout.discounts import (
    MAX_AMOUNT_MINOR,
    MAX_USES,
    DiscountError,
    is_valid_code,
    new_discount,
)
from storefront.services.checkout.pricing import Discount, limit_reached
from storefront.services.errors import Refusal
from storefront.services.shop_days import shop_day

# The fields of a code the admin sets; a save changes these and only these.
TERMS = ("kind", "value", "min_subtotal_minor", "expires_at", "usage_limit", "active")
STATUSES = ("active", "off", "expired", "held", "used_up")  # DiscountRow.status
E = "admin.discount.error."
CODE_ERROR = E + "code"
MAX_PERCENT = 100
# The whole numbers a field takes, by the key of the message that names them ({low}, {high}).
_RANGES = {E + "percent": (1, MAX_PERCENT), E + "limit": (1, MAX_USES)}


@dataclass(frozen=True, slots=True)
class DiscountRow:
    code: str
    kind: Literal["percent", "fixed"]
    value: int
    min_subtotal_minor: int
    expires_at: datetime | None
    usage_limit: int | None
    used: int
    active: bool
    awaiting: int = 0  # of `used`, orders still awaiting payment (given back if canceled)

    def terms(self) -> dict[str, object]:
        """What the admin sets (TERMS): all but the code and the use count, which orders move."""
        return {name: getattr(self, name) for name in TERMS}

    def version(self) -> str:
        """Its terms as an edit form starts from them: an edit begun on another version
        would undo someone else's change."""
        return hashlib.sha256(repr(tuple(self.terms().values())).encode()).hexdigest()

    def status(self, now: datetime) -> str:
        """One of STATUSES."""
        if not self.active:
            return "off"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return limit_reached(self.used, self.awaiting, self.usage_limit) or "active"


class DiscountAdminStore(Protocol):
    def page(self, offset: int, limit: int) -> tuple[list[DiscountRow], int]:
        """Newest first, with the total count."""
        ...

    def get(self, code: str) -> DiscountRow | None: ...

    def add(self, discount: Discount, audit: AuditRecord) -> bool:
        """Save a new active code and write the audit entry in one transaction; False
        (nothing written) when the code exists already."""
        ...

    def save(self, row: DiscountRow, audit: AuditRecord, expected: DiscountRow) -> bool:
        """Replace the terms of the code and write the audit entry in one transaction (the
        use count is left alone), if its terms are still `expected`'s; False (nothing
        written) when the code is unknown or its terms changed meanwhile."""
        ...


@dataclass(frozen=True, slots=True)
class Terms:
    kind: Literal["percent", "fixed"]
    value: int
    min_subtotal_minor: int
    expires_at: datetime | None
    usage_limit: int | None


def parse_terms(
    form: Mapping[str, str],
    currency: str,
    *,
    after: datetime | None = None,
    zone: tzinfo = UTC,
) -> Terms:
    """The terms of a discount form; Refusal with a message key per field at fault. With
    `after`, an expiry at or before it is at fault (a new code must not be born expired).
    The expiry date typed is the shop's day (in its time `zone`)."""
    fields: dict[str, str] = {}
    kind = form.get("kind", "")
    value = 0
    if kind == "percent":
        value = _int(form.get("value", ""), E + "percent", "value", fields)
    elif kind == "fixed":  # each kind says what it takes: -5 is refused as an amount
        value = _amount(form.get("value", ""), currency, E + "amount", "value", fields)
        if value <= 0 and "value" not in fields:
            fields["value"] = E + "amount"
    else:
        fields["kind"] = E + "kind"
    minimum = _amount(form.get("minimum", "") or "0", currency, E + "minimum", "minimum", fields)
    limit_text = form.get("limit", "").strip()
    limit = _int(limit_text, E + "limit", "limit", fields) if limit_text else None
    expires = _expiry(form.get("expires", "").strip(), zone, fields)
    if expires is not None and after is not None and expires <= after:
        fields["expires"] = "admin.discount.error.past"
    if fields:
        said = {f: _bounds(key) for f, key in fields.items() if key in _RANGES}
        raise Refusal("admin.form.error", fields, field_params=said)
    return Terms("percent" if kind == "percent" else "fixed", value, minimum, expires, limit)


class DiscountAdmin:
    def __init__(self, store: DiscountAdminStore, currency: str, zone: tzinfo = UTC) -> None:
        self._store = store
        self._currency = currency
        self.zone = zone  # the shop's: an expiry date is its day

    def expiry_day(self, expires_at: datetime) -> date:
        """The shop's day a code expires on, as its form shows it."""
        return shop_day(expires_at, self.zone)

    def page(self, actor: Staff, page: int, page_size: int) -> tuple[list[DiscountRow], int]:
        require(actor, Permission.VIEW)
        return self._store.page(max(page - 1, 0) * page_size, page_size)

    def create(
        self, actor: Staff, form: Mapping[str, str], now: datetime | None = None
    ) -> DiscountRow:
        """A new active code from the admin form; one that would be born expired is refused
        (an existing code may be given a past date: that ends it, as expire does)."""
        require(actor, Permission.DISCOUNTS)
        # The code is named with the other fields at fault, not only once they are right.
        bad_code = {} if is_valid_code(form.get("code", "")) else {"code": CODE_ERROR}
        try:
            terms = parse_terms(form, self._currency, after=now or utc_now(), zone=self.zone)
        except Refusal as refused:
            fields, params = bad_code | refused.fields, refused.field_params
            raise Refusal(refused.code, fields, field_params=params) from None
        try:
            made = new_discount(form.get("code", ""), **asdict(terms))
        except DiscountError:
            raise Refusal("admin.form.error", {"code": CODE_ERROR}) from None
        row = _row(made)
        entry = AuditRecord.of(actor, "discount.create", f"discount:{row.code}", None, _snap(row))
        if not self._store.add(made, entry):
            raise Refusal("admin.form.error", {"code": "admin.discount.error.taken"})
        return row

    def edit(
        self, actor: Staff, code: str, form: Mapping[str, str], version: str | None = None
    ) -> DiscountRow:
        """New terms for an existing code; what it was used for stays counted. `version`:
        the terms the form was filled from (DiscountRow.version); refused if they changed
        since, so that two people editing one code never undo each other unawares."""
        require(actor, Permission.DISCOUNTS)
        before = self._known(code)
        if version is not None and version != before.version():
            raise Refusal("admin.discount.error.changed")
        terms = parse_terms(form, self._currency, zone=self.zone)
        kept = before.expires_at
        if kept and terms.expires_at and self.expiry_day(terms.expires_at) == self.expiry_day(kept):
            # The form holds only the date: the time the code has (say an expire's "now")
            # stays, or saving it would revive an expired code until the end of that day.
            terms = replace(terms, expires_at=kept)
        return self._save(actor, "discount.edit", before, replace(before, **asdict(terms)))

    def expire(self, actor: Staff, code: str, now: datetime) -> DiscountRow:
        """End the code now (it stays listed with its use count). A code that has ended
        already keeps the moment it ended."""
        require(actor, Permission.DISCOUNTS)
        before = self._known(code)
        if before.expires_at is not None and before.expires_at <= now:
            return before
        return self._save(actor, "discount.expire", before, replace(before, expires_at=now))

    def set_active(self, actor: Staff, code: str, active: bool) -> DiscountRow:
        require(actor, Permission.DISCOUNTS)
        before = self._known(code)
        action = "discount.enable" if active else "discount.disable"
        return self._save(actor, action, before, replace(before, active=active))

    def _known(self, code: str) -> DiscountRow:
        row = self._store.get(code.strip().upper())
        if row is None:
            raise Refusal("admin.discount.error.unknown")
        return row

    def _save(
        self, actor: Staff, action: str, before: DiscountRow, after: DiscountRow
    ) -> DiscountRow:
        if after == before:
            return before  # saved unchanged: nothing to write, nothing for the audit log
        entry = AuditRecord.of(
            actor, action, f"discount:{before.code}", _snap(before), _snap(after)
        )
        if not self._store.save(after, entry, expected=before):
            self._known(before.code)  # gone: says so
            raise Refusal("admin.discount.error.changed")  # changed since it was read
        return after


def _row(discount: Discount) -> DiscountRow:
    return DiscountRow(
        discount.code,
        discount.kind,
        discount.value,
        discount.min_subtotal_minor,
        discount.expires_at,
        discount.usage_limit,
        discount.used,
        True,
    )


def _snap(row: DiscountRow) -> dict[str, object]:
    return asdict(row)


def _int(text: str, key: str, field: str, fields: dict[str, str]) -> int:
    """A whole number in the range of `key` (_RANGES), whose message is the field's if not."""
    low, high = _RANGES[key]
    digits = text.strip()
    # Digits only: int() took "1_0" (a slipped key) for 10, and other scripts' digits.
    value = int(digits) if digits.isascii() and digits.isdigit() and len(digits) < 10 else low - 1
    if not low <= value <= high:
        fields[field] = key
    return value


def _bounds(key: str) -> dict[str, int]:
    low, high = _RANGES[key]
    return {"low": low, "high": high}


def _amount(text: str, currency: str, key: str, field: str, fields: dict[str, str]) -> int:
    try:
        amount = parse_major_amount(text, currency)
    except MoneyParseError:
        fields[field] = key
        return 0
    if amount > MAX_AMOUNT_MINOR:
        fields[field] = E + "too_large"
    return amount


def _expiry(text: str, zone: tzinfo, fields: dict[str, str]) -> datetime | None:
    """A date typed as YYYY-MM-DD: the code works until the end of that day in the shop."""
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        fields["expires"] = "admin.discount.error.expires"
        return None
    return datetime.combine(day, time(23, 59, 59), tzinfo=zone).astimezone(UTC)
