"""Product reviews in SQL: the shopper's own review (written by upsert on the one-per-account
unique key), the published ones with their writer's name, the tally, the admin's queue and its
status changes written with their audit entry in one transaction. Every write that may change
which reviews are published sets the product's shown rating and count anew, with its
ProductChanged event, in its own transaction (sql_product_rating.py); hiding a pending review
writes the event alone, for its writer's open page."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, Select, and_, case, delete, exists, func, select, update
from sqlmodel import SQLModel

from models.accounts import Account
from models.catalog import ProductStatus
from models.orders import OrderLine, SalesOrder
from models.reviews import ProductReview, ReviewStatus
from storefront.adapters.sql_audit_write import write_audit
from storefront.adapters.sql_inventory import announce_products
from storefront.adapters.sql_product_rating import rerate
from storefront.adapters.sql_tables import PRODUCT, upsert_into
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.reviews import QueuedReview
from storefront.services.reviews import AccountReview, OwnReview, ReviewTally, ShownReview

REVIEW = SQLModel.metadata.tables[str(ProductReview.__tablename__)]
ACCOUNT = SQLModel.metadata.tables[str(Account.__tablename__)]
ORDER = SQLModel.metadata.tables[str(SalesOrder.__tablename__)]
LINE = SQLModel.metadata.tables[str(OrderLine.__tablename__)]
_R = REVIEW.c
PUBLISHED = ReviewStatus.PUBLISHED.value


class SqlReviewStore:
    """Implements services.reviews.ReviewStore and services.admin.reviews.ReviewAdminStore."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def has_bought(self, account_id: int, product_id: int, statuses: Sequence[str]) -> bool:
        bought = exists().where(
            LINE.c.order_id == ORDER.c.id,
            LINE.c.product_id == product_id,
            ORDER.c.account_id == account_id,
            ORDER.c.status.in_(list(statuses)),
        )
        with self._engine.connect() as connection:
            return bool(connection.execute(select(bought)).scalar())

    def on_sale(self, product_id: int) -> bool:
        query = select(PRODUCT.c.id).where(
            PRODUCT.c.id == product_id, PRODUCT.c.status == ProductStatus.ACTIVE.value
        )
        with self._engine.connect() as connection:
            return connection.execute(query).first() is not None

    def own(self, account_id: int, product_id: int) -> OwnReview | None:
        query = select(_R.rating, _R.title, _R.body, _R.status, _R.updated_at).where(
            _R.account_id == account_id, _R.product_id == product_id
        )
        with self._engine.connect() as connection:
            row = connection.execute(query).first()
        return (
            OwnReview(row.rating, row.title, row.body, row.status, row.updated_at) if row else None
        )

    def save(
        self,
        account_id: int,
        product_id: int,
        review: tuple[int, str, str],
        locale: str,
        now: datetime,
    ) -> None:
        rating, title, body = review
        changed = {
            "rating": rating,
            "title": title,
            "body": body,
            "locale": locale,
            "status": ReviewStatus.PENDING.value,
            "updated_at": now,
            "published_at": None,
        }
        with self._engine.begin() as connection:
            statement = upsert_into(connection.engine, REVIEW).values(
                product_id=product_id, account_id=account_id, created_at=now, **changed
            )
            connection.execute(
                statement.on_conflict_do_update(
                    index_elements=[_R.product_id, _R.account_id], set_=changed
                )
            )
            rerate(connection, [product_id])  # an edit of a published review withdraws it

    def delete(self, account_id: int, product_id: int) -> bool:
        with self._engine.begin() as connection:
            gone = connection.execute(
                delete(REVIEW).where(_R.account_id == account_id, _R.product_id == product_id)
            ).rowcount
            if gone:
                rerate(connection, [product_id])
        return bool(gone)

    def published(
        self, product_id: int, limit: int, offset: int, statuses: Sequence[str]
    ) -> list[ShownReview]:
        # Read with the page (cached with it), never stored: a refund or a new payment
        # changes it without touching the review.
        verified = exists().where(
            LINE.c.order_id == ORDER.c.id,
            LINE.c.product_id == _R.product_id,
            ORDER.c.account_id == _R.account_id,
            ORDER.c.status.in_(list(statuses)),
        )
        query = (
            select(
                _R.id,
                _R.rating,
                _R.title,
                _R.body,
                ACCOUNT.c.name,
                _R.published_at,
                verified.label("verified"),
            )
            .join(ACCOUNT, ACCOUNT.c.id == _R.account_id)
            .where(_R.product_id == product_id, _R.status == PUBLISHED)
            .order_by(_R.published_at.desc(), _R.id.desc())
            .limit(limit)
            .offset(offset)
        )
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
        return [
            ShownReview(r.id, r.rating, r.title, r.body, r.name, r.published_at, bool(r.verified))
            for r in rows
        ]

    def reviewed_in_orders(self, order_ids: Sequence[int]) -> list[int]:
        if not order_ids:
            return []
        query = (
            select(_R.product_id)
            .distinct()
            .join(ORDER, ORDER.c.account_id == _R.account_id)
            .join(LINE, and_(LINE.c.order_id == ORDER.c.id, LINE.c.product_id == _R.product_id))
            .where(ORDER.c.id.in_(sorted(set(order_ids))), _R.status == PUBLISHED)
        )
        with self._engine.connect() as connection:
            return sorted(int(p) for p in connection.execute(query).scalars())

    def tally(self, product_id: int) -> ReviewTally:
        query = select(func.count(), func.coalesce(func.sum(_R.rating), 0)).where(
            _R.product_id == product_id, _R.status == PUBLISHED
        )
        with self._engine.connect() as connection:
            count, total = connection.execute(query).one()
        return ReviewTally(int(count), int(total))

    def of_account(self, account_id: int) -> list[AccountReview]:
        query = (
            select(
                PRODUCT.c.title.label("product"),
                _R.rating,
                _R.title,
                _R.body,
                _R.status,
                _R.created_at,
                _R.updated_at,
            )
            .join(PRODUCT, PRODUCT.c.id == _R.product_id)
            .where(_R.account_id == account_id)
            .order_by(_R.created_at, _R.id)
        )
        with self._engine.connect() as connection:
            rows = connection.execute(query).all()
        return [AccountReview(*row) for row in rows]

    def published_products(self, account_id: int) -> list[int]:
        query = select(_R.product_id).where(_R.account_id == account_id, _R.status == PUBLISHED)
        with self._engine.connect() as connection:
            return [int(p) for p in connection.execute(query).scalars()]

    def _queued(self) -> Select[Any]:
        return (
            select(
                _R.id,
                _R.product_id,
                PRODUCT.c.title.label("product_title"),
                ACCOUNT.c.email,
                _R.rating,
                _R.title,
                _R.body,
                _R.status,
                _R.updated_at,
            )
            .join(PRODUCT, PRODUCT.c.id == _R.product_id)
            .join(ACCOUNT, ACCOUNT.c.id == _R.account_id)
        )

    def queue(self, limit: int) -> list[QueuedReview]:
        pending = _R.status == ReviewStatus.PENDING.value
        query = (
            self._queued()
            .order_by(
                case((pending, 0), else_=1),
                case((pending, _R.updated_at), else_=None),
                _R.updated_at.desc(),
                _R.id,
            )
            .limit(limit)
        )
        with self._engine.connect() as connection:
            return [QueuedReview(*row) for row in connection.execute(query).all()]

    def review(self, review_id: int) -> QueuedReview | None:
        with self._engine.connect() as connection:
            row = connection.execute(self._queued().where(_R.id == review_id)).first()
        return QueuedReview(*row) if row else None

    def set_status(
        self,
        review_id: int,
        status: str,
        expected: tuple[str, datetime],
        now: datetime,
        audit: AuditRecord,
    ) -> bool:
        stamp = {"published_at": now} if status == PUBLISHED else {}
        was, edited_at = expected
        with self._engine.begin() as connection:
            done = connection.execute(
                update(REVIEW)
                # Its writer's edit since the moderator read it is not theirs to publish.
                .where(and_(_R.id == review_id, _R.status == was, _R.updated_at == edited_at))
                .values(status=status, **stamp)
            ).rowcount
            if done:
                write_audit(connection, [audit])
                product = select(_R.product_id).where(_R.id == review_id)
                product_id = int(connection.execute(product).scalar_one())
                if PUBLISHED in (status, was):
                    rerate(connection, [product_id])
                else:  # a pending review hidden: nothing shown moved, but its writer's
                    # open page says where it stands
                    announce_products(connection, [product_id], review_moved=True)
        return bool(done)
