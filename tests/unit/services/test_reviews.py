"""Shopper reviews (services/reviews.py, services/admin/reviews.py) on an in-memory store; the
SQL store is tested in tests/integration/test_reviews.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from models.admin import Role
from storefront.adapters.cache import InProcessCache
from storefront.adapters.throttle import InProcessThrottle
from storefront.services.admin.access import AccessDenied, Staff
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.reviews import QueuedReview, ReviewModeration
from storefront.services.errors import Refusal
from storefront.services.reviews import (
    PAGE_SIZE,
    REVIEW_WRITES,
    AccountReview,
    Eligibility,
    OwnReview,
    Reviews,
    ReviewTally,
    ShownReview,
    reviewer_name,
)
from storefront.services.versioned_cache import VersionedCache

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
BUYER, OTHER, PRODUCT = 1, 2, 10
STAFF = Staff(9, "sam@example.com", Role.STAFF)
GOOD = (5, "Lovely", "Sturdy and comfortable, worth it.")


class FakeReviewStore:
    def __init__(self) -> None:
        self.bought: set[tuple[int, int]] = {(BUYER, PRODUCT)}
        self.for_sale: set[int] = {PRODUCT}
        self.orders: dict[int, tuple[int, int]] = {}  # order id -> (account, product)
        self.rows: dict[int, QueuedReview] = {}  # by id
        self.names = {BUYER: "Ann Marie Smith", OTHER: ""}
        self.audit: list[AuditRecord] = []
        self.reads = 0

    def _find(self, account_id: int, product_id: int) -> int | None:
        return next((i for i, r in self.rows.items() if r.reviewer_email == str(account_id)
                     and r.product_id == product_id), None)  # fmt: skip

    def has_bought(self, account_id: int, product_id: int, statuses: Sequence[str]) -> bool:
        assert "paid" in statuses
        assert "refunded" not in statuses
        return (account_id, product_id) in self.bought

    def own(self, account_id: int, product_id: int) -> OwnReview | None:
        found = self._find(account_id, product_id)
        if found is None:
            return None
        r = self.rows[found]
        return OwnReview(r.rating, r.title, r.body, r.status, r.updated_at)

    def save(self, account_id: int, product_id: int, review: tuple[int, str, str],
             locale: str, now: datetime) -> None:  # fmt: skip
        found = self._find(account_id, product_id) or len(self.rows) + 1
        self.rows[found] = QueuedReview(
            found, product_id, "Chair", str(account_id), *review, "pending", now
        )

    def delete(self, account_id: int, product_id: int) -> bool:
        found = self._find(account_id, product_id)
        return found is not None and self.rows.pop(found) is not None

    def on_sale(self, product_id: int) -> bool:
        return product_id in self.for_sale

    def reviewed_in_orders(self, order_ids: Sequence[int]) -> list[int]:
        held = [self.orders[i] for i in order_ids if i in self.orders]
        return [p for a, p in held if p in self.published_products(a)]

    def published(
        self, product_id: int, limit: int, offset: int, statuses: Sequence[str]
    ) -> list[ShownReview]:
        assert "refunded" not in statuses
        self.reads += 1
        shown = [r for r in self.rows.values() if r.status == "published"]
        shown.sort(key=lambda r: r.updated_at, reverse=True)
        return [
            ShownReview(
                r.review_id,
                r.rating,
                r.title,
                r.body,
                self.names[int(r.reviewer_email)],
                r.updated_at,
                (int(r.reviewer_email), r.product_id) in self.bought,
            )
            for r in shown[offset : offset + limit]
        ]

    def tally(self, product_id: int) -> ReviewTally:
        self.reads += 1
        shown = [r.rating for r in self.rows.values() if r.status == "published"]
        return ReviewTally(len(shown), sum(shown))

    def of_account(self, account_id: int) -> list[AccountReview]:
        return [
            AccountReview(
                r.product_title, r.rating, r.title, r.body, r.status, r.updated_at, r.updated_at
            )
            for r in self.rows.values()
            if r.reviewer_email == str(account_id)
        ]

    def published_products(self, account_id: int) -> list[int]:
        return [r.product_id for r in self.rows.values()
                if r.reviewer_email == str(account_id) and r.status == "published"]  # fmt: skip

    def queue(self, limit: int) -> list[QueuedReview]:
        return sorted(self.rows.values(), key=lambda r: r.status != "pending")[:limit]

    def review(self, review_id: int) -> QueuedReview | None:
        return self.rows.get(review_id)

    def set_status(self, review_id: int, status: str, expected: tuple[str, datetime],
                   now: datetime, audit: AuditRecord) -> bool:  # fmt: skip
        if (self.rows[review_id].status, self.rows[review_id].updated_at) != expected:
            return False
        self.rows[review_id] = replace(self.rows[review_id], status=status, updated_at=now)
        self.audit.append(audit)
        return True


@pytest.fixture
def store() -> FakeReviewStore:
    return FakeReviewStore()


@pytest.fixture
def reviews(store: FakeReviewStore) -> Reviews:
    return Reviews(store, VersionedCache(InProcessCache(), ttl_seconds=60))


def test_only_a_signed_in_buyer_may_write_and_others_learn_why(
    reviews: Reviews, store: FakeReviewStore
) -> None:
    assert reviews.eligibility(None, PRODUCT) is Eligibility.SIGN_IN
    assert reviews.eligibility(OTHER, PRODUCT) is Eligibility.BUYERS_ONLY
    assert reviews.eligibility(BUYER, PRODUCT) is Eligibility.CAN_WRITE
    for account, code in ((None, "review.error.sign_in"), (OTHER, "review.error.buyers_only")):
        with pytest.raises(Refusal) as refused:
            reviews.write(account, PRODUCT, GOOD, "en", NOW)
        assert refused.value.code == code
    assert store.rows == {}


@pytest.mark.parametrize(
    ("review", "faults"),
    [
        ((0, "", "Sturdy and comfortable."), {"rating": "review.error.rating"}),
        ((6, "", "Sturdy and comfortable."), {"rating": "review.error.rating"}),
        ((4, "", "  Good.   "), {"body": "review.error.short"}),
        ((4, "", "x" * 4001), {"body": "review.error.long"}),
        ((4, "t" * 121, "Sturdy and comfortable."), {"title": "review.error.long"}),
        (
            (4, "Bad\x00", "Sturdy\x07 and comfortable."),
            {"title": "review.error.control", "body": "review.error.control"},
        ),
    ],
)
def test_a_review_at_fault_is_refused_field_by_field_and_nothing_is_saved(
    reviews: Reviews, store: FakeReviewStore, review: tuple[int, str, str], faults: dict[str, str]
) -> None:
    with pytest.raises(Refusal) as refused:
        reviews.write(BUYER, PRODUCT, review, "en", NOW)
    assert refused.value.code == "review.form.error"
    assert dict(refused.value.fields) == faults
    assert store.rows == {}


def test_a_review_waits_for_publication_then_shows_with_first_name_and_initial(
    reviews: Reviews, store: FakeReviewStore
) -> None:
    own = reviews.write(BUYER, PRODUCT, (5, "  Lovely ", GOOD[2] + "  "), "en", NOW)
    assert (own.rating, own.title, own.body, own.status) == (5, "Lovely", GOOD[2], "pending")
    assert reviews.page(PRODUCT).reviews == ()
    assert reviews.tally(PRODUCT) == ReviewTally(0, 0)
    moderation = ReviewModeration(store, reviews)
    [queued] = moderation.queue(STAFF)
    moderation.moderate(STAFF, queued.review_id, "publish", NOW)
    [shown] = reviews.page(PRODUCT).reviews  # the cache was dropped on publishing
    assert (shown.reviewer, shown.rating, shown.title) == ("Ann S.", 5, "Lovely")
    assert reviews.tally(PRODUCT) == ReviewTally(1, 5)
    # A new name reaches the byline at once (it stayed up to the cache's six hours).
    store.names[BUYER] = "Ann Jones"
    assert reviews.page(PRODUCT).reviews[0].reviewer == "Ann S."  # cached
    reviews.on_renamed(BUYER)
    assert reviews.page(PRODUCT).reviews[0].reviewer == "Ann J."
    assert [(a.action, a.subject) for a in store.audit] == [("review.publish", "review:1")]
    # Editing takes it off the page until published again.
    assert reviews.write(BUYER, PRODUCT, (3, "", GOOD[2]), "en", NOW).status == "pending"
    assert reviews.page(PRODUCT).reviews == ()
    assert reviews.tally(PRODUCT) == ReviewTally(0, 0)


def test_cached_reads_stay_until_a_review_is_published_or_hidden(
    reviews: Reviews, store: FakeReviewStore
) -> None:
    reviews.write(BUYER, PRODUCT, GOOD, "en", NOW)
    moderation = ReviewModeration(store, reviews)
    moderation.moderate(STAFF, 1, "publish", NOW)
    reviews.tally(PRODUCT)
    reads = store.reads
    assert reviews.tally(PRODUCT) == ReviewTally(1, 5)
    assert store.reads == reads  # from the cache
    moderation.moderate(STAFF, 1, "hide", NOW + timedelta(minutes=1))
    assert reviews.tally(PRODUCT) == ReviewTally(0, 0)
    assert [a.action for a in store.audit] == ["review.publish", "review.hide"]


def test_a_review_edited_after_the_moderator_read_it_is_not_published_unseen(
    reviews: Reviews, store: FakeReviewStore
) -> None:
    reviews.write(BUYER, PRODUCT, GOOD, "en", NOW)
    moderation = ReviewModeration(store, reviews)
    [seen] = moderation.queue(STAFF)
    # The writer edits it while the queue is open: still pending, other words.
    reviews.write(BUYER, PRODUCT, (1, "Spam", "Buy cheap watches at example.com"), "en",
                  NOW + timedelta(minutes=1))  # fmt: skip
    with pytest.raises(Refusal) as refused:
        moderation.moderate(STAFF, seen.review_id, "publish", NOW, seen=seen.updated_at)
    assert refused.value.code == "admin.review.error.changed"
    assert store.rows[seen.review_id].status == "pending"
    assert store.audit == []
    assert reviews.page(PRODUCT).reviews == ()
    [again] = moderation.queue(STAFF)  # read again, it may be published
    moderation.moderate(STAFF, again.review_id, "publish", NOW, seen=again.updated_at)
    assert [r.title for r in reviews.page(PRODUCT).reviews] == ["Spam"]


def test_moderating_needs_the_permission_and_a_known_action(
    reviews: Reviews, store: FakeReviewStore
) -> None:
    reviews.write(BUYER, PRODUCT, GOOD, "en", NOW)
    moderation = ReviewModeration(store, reviews)
    with pytest.raises(AccessDenied):
        moderation.moderate(Staff(8, "sho@example.com", Role.SHOPPER), 1, "publish", NOW)
    with pytest.raises(Refusal) as refused:
        moderation.moderate(STAFF, 1, "delete", NOW)
    assert refused.value.code == "admin.review.error.unknown"
    with pytest.raises(Refusal) as refused:
        moderation.moderate(STAFF, 99, "publish", NOW)
    assert refused.value.code == "admin.review.error.gone"
    assert store.rows[1].status == "pending"
    assert store.audit == []


def test_a_shopper_deletes_their_own_review_and_it_leaves_the_page(
    reviews: Reviews, store: FakeReviewStore
) -> None:
    reviews.write(BUYER, PRODUCT, GOOD, "en", NOW)
    ReviewModeration(store, reviews).moderate(STAFF, 1, "publish", NOW)
    assert len(reviews.page(PRODUCT).reviews) == 1
    assert not reviews.delete(OTHER, PRODUCT)
    assert reviews.delete(BUYER, PRODUCT)
    assert reviews.page(PRODUCT).reviews == ()
    assert reviews.own(BUYER, PRODUCT) is None


def test_pages_say_whether_more_reviews_follow(reviews: Reviews, store: FakeReviewStore) -> None:
    for i in range(PAGE_SIZE + 1):
        store.rows[i + 1] = QueuedReview(i + 1, PRODUCT, "Chair", str(BUYER), 4, "", "x" * 10,
                                         "published", NOW + timedelta(minutes=i))  # fmt: skip
    first, second = reviews.page(PRODUCT, 1), reviews.page(PRODUCT, 2)
    assert first.has_more
    assert not second.has_more
    assert [r.review_id for r in first.reviews] == [6, 5, 4, 3, 2]
    assert [r.review_id for r in second.reviews] == [1]


def test_a_reviewer_is_named_by_first_name_and_initial_only() -> None:
    assert reviewer_name("Ann Marie smith") == "Ann S."
    assert reviewer_name("  Cher ") == "Cher"
    assert reviewer_name("") == ""
    # Never an email: one typed in the name box was published under the review (QA).
    assert reviewer_name("alice.r2@example.com") == ""
    assert reviewer_name("Alice alice@example.com") == "Alice"
    assert reviewer_name("Dr. Alice van der Berg") == "Alice B."
    assert reviewer_name("Mme Claire Dupont") == "Claire D."
    assert reviewer_name("Dr") == "Dr"  # a name, alone
    assert reviewer_name("Alice Smith Jr.") == "Alice S."


def test_an_edit_racing_its_publication_leaves_no_stale_review_on_the_page(
    reviews: Reviews, store: FakeReviewStore
) -> None:
    reviews.write(BUYER, PRODUCT, GOOD, "en", NOW)
    moderation = ReviewModeration(store, reviews)
    real_save = store.save

    def published_meanwhile(*args: Any) -> None:
        # The writer's edit read their review pending; the moderator publishes it and a
        # page view caches it before the edit is saved.
        store.save = real_save  # type: ignore[method-assign]
        moderation.moderate(STAFF, 1, "publish", NOW)
        assert [r.title for r in reviews.page(PRODUCT).reviews] == ["Lovely"]
        real_save(*args)

    store.save = published_meanwhile  # type: ignore[method-assign]
    edited = reviews.write(BUYER, PRODUCT, (2, "Changed my mind", GOOD[2]), "en", NOW)
    assert edited.status == "pending"
    assert reviews.page(PRODUCT).reviews == ()
    assert reviews.tally(PRODUCT) == ReviewTally(0, 0)


def test_a_review_is_verified_only_while_its_writer_holds_a_paid_order_of_it(
    reviews: Reviews, store: FakeReviewStore
) -> None:
    reviews.write(BUYER, PRODUCT, GOOD, "en", NOW)
    ReviewModeration(store, reviews).moderate(STAFF, 1, "publish", NOW)
    store.orders = {70: (BUYER, PRODUCT), 71: (OTHER, PRODUCT)}
    assert [r.verified for r in reviews.page(PRODUCT).reviews] == [True]
    store.bought.clear()  # order 70 refunded in full
    assert [r.verified for r in reviews.page(PRODUCT).reviews] == [True]  # cached until told
    reads = store.reads
    reviews.orders_changed([71])  # someone else's order: nothing of Ann's to read again
    assert [r.verified for r in reviews.page(PRODUCT).reviews] == [True]
    assert store.reads == reads
    reviews.orders_changed([70])
    assert [r.verified for r in reviews.page(PRODUCT).reviews] == [False]
    store.bought.add((BUYER, PRODUCT))  # bought again and paid
    reviews.orders_changed([70])
    assert [r.verified for r in reviews.page(PRODUCT).reviews] == [True]


def test_writing_a_review_of_a_product_not_on_sale_is_refused(
    reviews: Reviews, store: FakeReviewStore
) -> None:
    store.for_sale.clear()  # a draft or archived product's id, crafted into the event
    with pytest.raises(Refusal) as refused:
        reviews.write(BUYER, PRODUCT, GOOD, "en", NOW)
    assert refused.value.code == "review.error.not_on_sale"
    assert store.rows == {}


def test_an_account_writing_too_many_reviews_is_refused_and_nothing_changes(
    store: FakeReviewStore,
) -> None:
    reviews = Reviews(store, VersionedCache(InProcessCache(), ttl_seconds=60), InProcessThrottle())
    for minute in range(REVIEW_WRITES.attempts):
        reviews.write(BUYER, PRODUCT, (4, f"Take {minute}", GOOD[2]), "en", NOW)
    ReviewModeration(store, reviews).moderate(STAFF, 1, "publish", NOW)
    # A field at fault is not counted: the shopper fixes it and tries again.
    with pytest.raises(Refusal) as refused:
        reviews.write(BUYER, PRODUCT, (9, "", GOOD[2]), "en", NOW)
    assert refused.value.code == "review.form.error"
    with pytest.raises(Refusal) as refused:
        reviews.write(BUYER, PRODUCT, (1, "Spam", GOOD[2]), "en", NOW + timedelta(minutes=5))
    assert refused.value.code == "review.error.throttled"
    assert (store.rows[1].title, store.rows[1].status) == (
        f"Take {REVIEW_WRITES.attempts - 1}",
        "published",
    )
    # Another account is counted apart; the next hour the writer may edit again.
    store.bought.add((OTHER, PRODUCT))
    assert reviews.write(OTHER, PRODUCT, GOOD, "en", NOW).status == "pending"
    later = NOW + timedelta(seconds=REVIEW_WRITES.window_seconds)
    assert reviews.write(BUYER, PRODUCT, (1, "Spam", GOOD[2]), "en", later).status == "pending"
