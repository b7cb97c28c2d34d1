"""Shopper-written product reviews: who may write one, writing, editing and deleting one's own,
and the published reviews and their tally as the product page reads them.

A review is pending until the merchandiser publishes it (services/admin/reviews.py); editing a
published review makes it pending again, so nothing unchecked is ever shown. Only a shopper
with a paid (fulfilled, partly refunded) order holding the product may write one, one per
product. Reads go through the versioned cache under the product's review namespace, bumped in
every process (the versions live in the shared cache) when a review is published, hidden,
edited or deleted, and when an order of a product its writer reviewed is paid or refunded.

"Verified purchase" is read with the reviews, not stored: a review is verified while its
writer has an order of the product in BUYER_STATUSES. An order refunded in full (or canceled,
which refunds it first) no longer counts, a new paid one does again; the OrderPaid,
OrderRefunded and RefundFailed events (written in the transaction that moved the order) drop
the reviewed products' cached reads (`orders_changed`), so a guest's cached view still reads
nothing more.

Writing or editing is counted per account (REVIEW_WRITES): each write puts the review back in
the moderation queue, and a script must not fill it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final, Protocol

from storefront.services.errors import Refusal
from storefront.services.text import has_control
from storefront.services.throttle import Limit, Throttle
from storefront.services.versioned_cache import VersionedCache

MIN_RATING, MAX_RATING = 1, 5
MAX_TITLE: Final = 120
MIN_BODY: Final = 10  # "Good." says nothing another shopper can use
MAX_BODY: Final = 4000
PAGE_SIZE: Final = 5
# Orders in these states hold what the shopper received (or will): a refunded or canceled
# order's products may not be reviewed through it.
BUYER_STATUSES: Final = ("paid", "fulfilled", "partially_refunded")
E = "review.error."
# Reviews written or edited by one account (each goes back to the moderation queue): a shopper
# reviewing a large order, fixing a typo or two, stays far below; a script editing one review
# thousands of times stops at 30 an hour. Refused writes (a field at fault) are not counted.
REVIEW_WRITES = Limit("review", 30, 60 * 60)


def reviews_namespace(product_id: int) -> str:
    """The cache namespace of a product's published reviews and tally."""
    return f"reviews:{product_id}"


class Eligibility(StrEnum):
    SIGN_IN = "sign_in"  # a guest: sign in first
    BUYERS_ONLY = "buyers_only"  # signed in, but never bought it
    CAN_WRITE = "can_write"


@dataclass(frozen=True, slots=True)
class OwnReview:
    """The shopper's own review, as they wrote it, with where it stands."""

    rating: int
    title: str
    body: str
    status: str  # pending | published | hidden (models.reviews.ReviewStatus)
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ShownReview:
    """A published review as the product page shows it: the writer by first name and initial
    (never the email); `verified` while the writer has a paid (fulfilled, partly refunded)
    order of the product (only buyers write, but an order may be refunded since)."""

    review_id: int
    rating: int
    title: str
    body: str
    reviewer: str  # "Ann S."; "" when the account has no name
    published_at: datetime
    verified: bool


@dataclass(frozen=True, slots=True)
class AccountReview:
    """A review as its writer's data download holds it."""

    product: str
    rating: int
    title: str
    body: str
    status: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ReviewPage:
    reviews: tuple[ShownReview, ...]
    has_more: bool


@dataclass(frozen=True, slots=True)
class ReviewTally:
    """A product's published reviews: how many and the sum of their ratings."""

    count: int = 0
    total: int = 0


class ReviewStore(Protocol):
    def has_bought(self, account_id: int, product_id: int, statuses: Sequence[str]) -> bool:
        """Whether an order of the account in one of `statuses` holds the product."""
        ...

    def own(self, account_id: int, product_id: int) -> OwnReview | None: ...

    def save(
        self,
        account_id: int,
        product_id: int,
        review: tuple[int, str, str],
        locale: str,
        now: datetime,
    ) -> None:
        """Store (rating, title, body) as the account's review of the product, pending."""
        ...

    def delete(self, account_id: int, product_id: int) -> bool: ...

    def on_sale(self, product_id: int) -> bool:
        """Whether the product is active (shoppers see its page)."""
        ...

    def published(
        self, product_id: int, limit: int, offset: int, statuses: Sequence[str]
    ) -> list[ShownReview]:
        """Published reviews, newest first; `reviewer` holds the account's full name,
        `verified` whether the writer has an order in one of `statuses` holding the product."""
        ...

    def reviewed_in_orders(self, order_ids: Sequence[int]) -> list[int]:
        """The products of these orders that the order's account has a published review of."""
        ...

    def tally(self, product_id: int) -> ReviewTally: ...

    def of_account(self, account_id: int) -> list[AccountReview]:
        """The account's reviews, oldest first."""
        ...

    def published_products(self, account_id: int) -> list[int]:
        """The products the account has a published review of."""
        ...


# Words before a name that are no part of it ("Dr. Ann Smith" is "Ann S.", not "Dr. S.").
_TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "m", "mme", "mlle", "prof", "sir", "dame"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})  # after it ("Alice Smith Jr." is "Alice S.")


def reviewer_name(name: str) -> str:
    """The first name and the initial of the last: "Ann Smith" → "Ann S."; one word as is.
    Never an email or an address: a name box holding one ("ann@example.com", typed there
    often enough) published it under the review; such words are left out, and with nothing
    left the review is a customer's ("")."""
    words = [
        word
        for word in name.split()
        if "@" not in word and "://" not in word and not word.lower().startswith("www.")
    ]
    while len(words) > 1 and words[0].lower().rstrip(".") in _TITLES:
        words = words[1:]
    while len(words) > 2 and words[-1].lower().rstrip(".,") in _SUFFIXES:
        words = words[:-1]
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return f"{words[0]} {words[-1][0].upper()}."


def check_review(rating: int, title: str, body: str) -> tuple[int, str, str]:
    """(rating, title, body) cleaned, or Refusal naming each field at fault."""
    title, body = title.strip(), body.replace("\r\n", "\n").strip()
    faults: dict[str, str] = {}
    limits: dict[str, dict[str, int]] = {}
    if not MIN_RATING <= rating <= MAX_RATING:
        faults["rating"] = E + "rating"
    if len(title) > MAX_TITLE:
        faults["title"], limits["title"] = E + "long", {"limit": MAX_TITLE}
    elif has_control(title) or "\n" in title or "\t" in title:
        faults["title"] = E + "control"
    if len(body) < MIN_BODY:
        faults["body"], limits["body"] = E + "short", {"limit": MIN_BODY}
    elif len(body) > MAX_BODY:
        faults["body"], limits["body"] = E + "long", {"limit": MAX_BODY}
    elif has_control(body):
        faults["body"] = E + "control"
    if faults:
        raise Refusal("review.form.error", faults, field_params=limits)
    return rating, title, body


class Reviews:
    def __init__(
        self, store: ReviewStore, cache: VersionedCache, throttle: Throttle | None = None
    ) -> None:
        self._store = store
        self._cache = cache
        self._throttle = throttle  # None: writes are not counted (tests of other concerns)

    def eligibility(self, account_id: int | None, product_id: int) -> Eligibility:
        """Whether this shopper may write a review of the product, or why not."""
        if account_id is None:
            return Eligibility.SIGN_IN
        if not self._store.has_bought(account_id, product_id, BUYER_STATUSES):
            return Eligibility.BUYERS_ONLY
        return Eligibility.CAN_WRITE

    def own(self, account_id: int, product_id: int) -> OwnReview | None:
        """The shopper's review of the product, whatever its status."""
        return self._store.own(account_id, product_id)

    def write(
        self,
        account_id: int | None,
        product_id: int,
        review: tuple[int, str, str],
        locale: str,
        now: datetime,
    ) -> OwnReview:
        """Write or edit the shopper's review (rating, title, body): pending until published.
        Refusal, nothing saved, for a guest, a non-buyer, a product not on sale, a field at
        fault or an account over REVIEW_WRITES."""
        allowed = self.eligibility(account_id, product_id)
        if account_id is None or allowed is not Eligibility.CAN_WRITE:
            raise Refusal(E + allowed.value)
        if not self._store.on_sale(product_id):  # a draft's or archived product's id, crafted
            raise Refusal(E + "not_on_sale")
        cleaned = check_review(*review)
        throttle = self._throttle
        if throttle is not None and not REVIEW_WRITES.take(throttle, f"account:{account_id}", now):
            raise Refusal(E + "throttled")
        was = self._store.own(account_id, product_id)
        self._store.save(account_id, product_id, cleaned, locale, now)
        if was is not None:
            # It leaves the page until published again; read pending, it may have been
            # published (and cached) before the save, so any edit drops the product's reads.
            self.forget(product_id)
        found = self._store.own(account_id, product_id)
        assert found is not None
        return found

    def delete(self, account_id: int, product_id: int) -> bool:
        """Delete the shopper's own review; False when they had none."""
        was = self._store.own(account_id, product_id)
        if was is None or not self._store.delete(account_id, product_id):
            return False
        if was.status == "published":
            self.forget(product_id)
        return True

    def of_account(self, account_id: int) -> list[AccountReview]:
        """Every review the account wrote, whatever its status (for its data download)."""
        return self._store.of_account(account_id)

    def on_renamed(self, account_id: int) -> None:
        """The account's name changed: the bylines of its published reviews with it, in
        every process (its old name stayed up to the cache's lifetime, 6 hours)."""
        for product_id in self._store.published_products(account_id):
            self.forget(product_id)

    def on_account_closing(self, account_id: int) -> Callable[[], None]:
        """An account is about to close (deleting its reviews): what to do once it is, drop
        the cached reviews of the products it had a published review of."""
        shown = self._store.published_products(account_id)

        def forget_them() -> None:
            for product_id in shown:
                self.forget(product_id)

        return forget_them

    def page(self, product_id: int, page: int = 1) -> ReviewPage:
        """The product's published reviews, newest first, PAGE_SIZE a page (from 1)."""
        page = max(1, page)

        def load() -> ReviewPage:
            found = self._store.published(
                product_id, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE, BUYER_STATUSES
            )
            shown = tuple(
                ShownReview(
                    r.review_id,
                    r.rating,
                    r.title,
                    r.body,
                    reviewer_name(r.reviewer),
                    r.published_at,
                    r.verified,
                )
                for r in found[:PAGE_SIZE]
            )
            return ReviewPage(shown, len(found) > PAGE_SIZE)

        # "shown", no longer "page": a ShownReview pickled before `verified` must not be read.
        key = f"reviews:{product_id}:shown:{page}"
        return self._cache.read_through(key, [reviews_namespace(product_id)], load)

    def tally(self, product_id: int) -> ReviewTally:
        """How many published reviews the product has and the sum of their ratings."""
        key = f"reviews:{product_id}:tally"
        return self._cache.read_through(
            key, [reviews_namespace(product_id)], lambda: self._store.tally(product_id)
        )

    def orders_changed(self, order_ids: Sequence[int]) -> None:
        """Handler: orders were paid or refunded (or a refund failed), so their writers'
        reviews of the orders' products may have become verified or stopped being: drop
        those products' cached reads (none when the account reviewed none of them)."""
        for product_id in sorted(set(self._store.reviewed_in_orders(order_ids))):
            self.forget(product_id)

    def forget(self, product_id: int) -> None:
        """Drop the product's cached reviews in every process (one was published or hidden)."""
        self._cache.invalidate([reviews_namespace(product_id)])
