"""What back-in-stock alerts (services/restock.py) read and write: the alert as the account
page shows it, the alert as its mail names it, and the store's port (adapters/sql_restock.py;
the links' own port is in services/restock_links.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Waiting:
    """A variant a shopper waits for, as the account page and the data download show it:
    mailed (`mailed_at`), or not, as the mail server refused `email` for good
    (`refused_at`), or neither yet."""

    alert_id: int
    product_title: str
    product_slug: str
    variant_title: str
    created_at: datetime
    mailed_at: datetime | None = None
    email: str = ""
    refused_at: datetime | None = None
    sku: str = ""  # its link opens the product on this variant (?sku=)
    # False: asked while the account's address was not confirmed, it waits for the link
    # mailed to it (or for the address to be confirmed).
    confirmed: bool = True


@dataclass(frozen=True, slots=True)
class DueAlert:
    """An alert whose variant is in stock again: what its mail says."""

    alert_id: int
    email: str
    locale: str
    product_title: str
    product_slug: str
    variant_title: str
    sku: str = ""  # the link opens the product on this variant (?sku=)


class RestockStore(Protocol):
    def sold_out_variant(self, variant_id: int) -> int | None:
        """The variant's product id while the variant is for sale (product active) and has
        no stock; None otherwise (unknown, archived, draft, in stock)."""
        ...

    def add(
        self,
        product_id: int,
        variant_id: int,
        email: str,
        *,
        account_id: int | None,
        locale: str,
        now: datetime,
        confirm_hash: str | None = None,
        relink_before: datetime | None = None,
    ) -> bool:
        """Wait for the variant, one alert per email and variant, in `locale`. Signed in
        (`confirm_hash` None): the alert is confirmed now; True when it waits anew (new, sent
        or refused before, or unconfirmed till now), False when it already waited (then it
        becomes the account's if no account had it). A guest, or an account whose address is
        not confirmed (`confirm_hash` given): the alert waits for its link's confirmation
        (the account's, if given, once asked anew; never another's, nor one already
        waiting, taken by an unconfirmed account); True when the link of `confirm_hash` is
        to be mailed (a new alert, one sent or refused before, one unconfirmed asked for
        before `relink_before`), False otherwise (waiting, or a link went lately)."""
        ...

    def is_waiting(self, variant_id: int, email: str) -> bool:
        """A confirmed alert not sent yet."""
        ...

    def waiting_for(self, account_id: int, mailed_since: datetime) -> list[Waiting]:
        """The account's alerts not sent yet (those waiting for their link too), those the
        mail server refused and those mailed since `mailed_since`, newest first."""
        ...

    def alerts_of(self, account_id: int) -> list[Waiting]:
        """Every alert asked for while signed in to the account, sent ones too, newest
        first (for the shopper's data download). Not a guest's alert of the same email:
        signing up proves no one owns the address."""
        ...

    def remove(self, alert_id: int, account_id: int) -> bool:
        """Drop one of the account's alerts (False: not its own, or gone)."""
        ...

    def drop_unfulfillable(self, product_id: int) -> int:
        """Delete the product's waiting alerts whose variant is gone or whose product is
        archived: they would never be sent. How many went."""
        ...

    def with_waiting(self, product_ids: Sequence[int]) -> list[int]:
        """Those of the products (a few hundred at most) with an alert not sent yet: one
        statement, whatever their number."""
        ...

    def due(
        self, product_id: int, stale_before: datetime, limit: int, after: int = 0
    ) -> list[DueAlert]:
        """The product's alerts not sent, not claimed (or claimed before `stale_before`),
        whose variant has stock and whose product is active; by id, from past `after`."""
        ...

    def products_due(self, stale_before: datetime, limit: int) -> list[int]:
        """Products with an alert `due` would return: missed by the handler (the shopper
        asked while the restock's event was being handled) or whose sender died."""
        ...

    def claim(self, alert_id: int, claimed_at: datetime, stale_before: datetime) -> bool:
        """For one caller only: the alert is not sent and nobody else holds it."""
        ...

    def sent(self, alert_id: int, claimed_at: datetime) -> None: ...

    def refused(self, alert_id: int, claimed_at: datetime) -> None:
        """The mail server refused the address for good: done (never tried again), and
        marked refused rather than mailed; only while the claim of `claimed_at` stands."""
        ...

    def release(self, alert_id: int, claimed_at: datetime) -> None: ...
