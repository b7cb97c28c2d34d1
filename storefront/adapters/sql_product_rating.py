"""A product's shown rating and count: its imported (or seeded, or typed) figures and its
published reviews together, weighted by their numbers, stored in `product.rating` and
`product.review_count` so that cards, search, the rating filter, popularity and the product
page all read the same figures.

Rewritten in the transaction of every change to which reviews are published (publish, hide,
edit or deletion of a published one, the account's closing) and of every product write.
Recomputed from the review table in one UPDATE, never added to in Python: two publishes of
one product at once both count. On PostgreSQL the product row is held first, so the UPDATE's
own snapshot (READ COMMITTED: one per statement) is taken after the other writer committed;
SQLite lets one writer at a time.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Connection, Float, case, cast, func, or_, select, update
from sqlmodel import SQLModel

from models.events import ProductChanged
from models.reviews import ProductReview, ReviewStatus
from models.types import utc_now
from storefront.adapters.sql_inventory import record_product_changes
from storefront.adapters.sql_locks import among, hold_rows
from storefront.adapters.sql_tables import PRODUCT

REVIEW = SQLModel.metadata.tables[str(ProductReview.__tablename__)]
_P, _R = PRODUCT.c, REVIEW.c
_SHOWN = (_R.product_id == _P.id, _R.status == ReviewStatus.PUBLISHED.value)
_COUNT = select(func.count()).where(*_SHOWN).scalar_subquery()
_TOTAL = select(func.coalesce(func.sum(_R.rating), 0)).where(*_SHOWN).scalar_subquery()
COMBINED_COUNT = _P.imported_review_count + _COUNT
COMBINED_RATING = case(
    (COMBINED_COUNT == 0, cast(0.0, Float)),
    else_=(cast(_P.imported_rating * _P.imported_review_count, Float) + _TOTAL)
    / cast(COMBINED_COUNT, Float),
)


def combine_ratings(connection: Connection, product_ids: Collection[int]) -> list[int]:
    """Set the products' rating and count from their imported figures and published
    reviews, in the caller's transaction (the rows already held); the ids that changed."""
    if not product_ids:
        return []
    changed = connection.execute(
        update(PRODUCT)
        .where(
            among(connection, _P.id, sorted(product_ids)),
            or_(_P.review_count != COMBINED_COUNT, _P.rating != COMBINED_RATING),
        )
        .values(rating=COMBINED_RATING, review_count=COMBINED_COUNT, updated_at=utc_now())
        .returning(_P.id)
    ).scalars()
    return sorted(int(pid) for pid in changed)


def rerate(connection: Connection, product_ids: Collection[int]) -> list[ProductChanged]:
    """After a change to the products' reviews, in its transaction: hold the products, set
    their shown figures anew and, for those that moved, outdate their categories' facets and
    write their ProductChanged events (so every process's cache, index and open pages follow)."""
    if not product_ids:
        return []
    hold_rows(connection, PRODUCT, _P.id.in_(sorted(product_ids)), _P.id)
    return record_product_changes(connection, combine_ratings(connection, product_ids))
