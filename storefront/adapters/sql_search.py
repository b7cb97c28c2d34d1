"""Search's side of the database: product documents, stored embeddings, logs, activity."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

import numpy as np
from sqlalchemy import Engine, and_, delete, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlmodel import SQLModel

from models.catalog import ProductStatus
from models.orders import PURCHASED, OrderLine, SalesOrder
from models.search import ProductEmbedding, SearchLog, ShopperActivity
from models.types import sql_sku_key, utc_now
from storefront.adapters.sql_tables import (
    BRAND,
    IN_CHUNK,
    PRODUCT,
    VARIANT,
    category_nodes,
    facet_values,
    upsert_into,
)
from storefront.services.catalog_limits import SKU_SEPARATORS, sku_key
from storefront.services.category_tree import CategoryTree
from storefront.services.facets import popularity
from storefront.services.search.ports import Activity, SearchDocument, SkuMatch, StoredEmbedding

EMBEDDING = SQLModel.metadata.tables[str(ProductEmbedding.__tablename__)]
SEARCH_LOG = SQLModel.metadata.tables[str(SearchLog.__tablename__)]
ACTIVITY = SQLModel.metadata.tables[str(ShopperActivity.__tablename__)]
ORDER = SQLModel.metadata.tables[str(SalesOrder.__tablename__)]
ORDER_LINE = SQLModel.metadata.tables[str(OrderLine.__tablename__)]
_P, _B, _E, _A, _L = PRODUCT.c, BRAND.c, EMBEDDING.c, ACTIVITY.c, ORDER_LINE.c
_V = VARIANT.c
_SAVE_CHUNK = 1_000


class SqlSearchStore:
    """Implements services.search.ports.SearchStore; one short transaction per call."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def documents(self, product_ids: Collection[int] | None = None) -> list[SearchDocument]:
        statement = (
            select(
                _P.id,
                _P.title,
                _P.description,
                _P.category_id,
                _B.name,
                _P.facet_values,
                _P.rating,
                _P.review_count,
            )
            .select_from(PRODUCT.outerjoin(BRAND, _B.id == _P.brand_id))
            .where(_P.status == ProductStatus.ACTIVE.value)
            .order_by(_P.id)
        )
        with Session(self._engine) as session:
            tree = CategoryTree(category_nodes(session))
            if product_ids is None:
                rows = list(session.execute(statement))
            else:
                wanted = sorted(product_ids)
                rows = []
                for start in range(0, len(wanted), IN_CHUNK):
                    chunk = wanted[start : start + IN_CHUNK]
                    rows += session.execute(statement.where(_P.id.in_(chunk)))
        return [
            SearchDocument(
                product_id=row[0],
                title=row[1],
                description=row[2] or "",
                category_path=tuple(node.name for node in tree.ancestors(row[3])),
                category_names=tuple(
                    dict.fromkeys(
                        name
                        for node in tree.ancestors(row[3])
                        for name in node.name_i18n.values()
                        if name != node.name
                    )
                ),
                category_id=row[3],
                brand=row[4] or "",
                attributes=facet_values(row[5]),
                popularity=popularity(row[6], row[7]),
            )
            for row in rows
        ]

    def embeddings(
        self, model: str, product_ids: Collection[int] | None = None
    ) -> list[StoredEmbedding]:
        statement = select(_E.product_id, _E.text_hash, _E.vector).where(_E.model == model)
        wanted = sorted(product_ids) if product_ids is not None else None
        # A big set is cheaper to read whole and filter than to send in IN lists.
        if wanted is not None and len(wanted) <= IN_CHUNK:
            statement = statement.where(_E.product_id.in_(wanted))
        with self._engine.connect() as connection:
            rows = connection.execute(statement)
            keep = None if wanted is None else set(wanted)
            return [
                StoredEmbedding(row[0], row[1], np.frombuffer(row[2], dtype="<f4"))
                for row in rows
                if keep is None or row[0] in keep
            ]

    def save_embeddings(self, model: str, rows: Sequence[StoredEmbedding]) -> None:
        now = utc_now()
        with self._engine.begin() as connection:
            for start in range(0, len(rows), _SAVE_CHUNK):
                values = [
                    {
                        "product_id": row.product_id,
                        "model": model,
                        "text_hash": row.text_hash,
                        "vector": np.asarray(row.vector, dtype="<f4").tobytes(),
                        "updated_at": now,
                    }
                    for row in rows[start : start + _SAVE_CHUNK]
                ]
                statement = upsert_into(self._engine, EMBEDDING)
                statement = statement.on_conflict_do_update(
                    index_elements=[_E.product_id],
                    set_={k: statement.excluded[k] for k in ("model", "text_hash", "vector")}
                    | {"updated_at": statement.excluded.updated_at},
                )
                connection.execute(statement, values)

    def variant_of_sku(self, sku: str) -> SkuMatch | None:
        # Whatever its capitals (SKUs are unique so, migration 0056): read by that index.
        statement = (
            select(_V.product_id, _V.id, _V.price_minor, _V.compare_at_minor, _V.stock)
            .join(PRODUCT, _P.id == _V.product_id)
            .where(sql_sku_key(_V.sku) == sku_key(sku), _P.status == ProductStatus.ACTIVE.value)
            .limit(1)
        )
        with self._engine.connect() as connection:
            found = connection.execute(statement).first()
        if found is None:
            return None
        pid, variant_id, price, was, stock = found
        return SkuMatch(int(pid), int(variant_id), int(price), was, stock > 0)

    def product_of_sku_stem(self, stem: str) -> int | None:
        # A second read, only when the words are no SKU as written: the SKUs whose key starts
        # with the stem and a separator, whatever their capitals (a SKU stored "Hal-Apr-Rust"
        # and typed in lower case; review). A range on the key rather than a LIKE: SQLite
        # walks the unique index on it for a range and scans every variant for a LIKE.
        key = sql_sku_key(_V.sku)
        starts = [
            and_(key >= prefix, key < _just_after(prefix))
            for prefix in (sku_key(stem) + separator for separator in SKU_SEPARATORS)
        ]
        # The product's status is read by id for the variants found: joined, SQLite's planner
        # walked every active product and its variants instead.
        statement = (
            select(_P.id)
            .where(
                _P.id.in_(select(_V.product_id).where(or_(*starts))),
                _P.status == ProductStatus.ACTIVE.value,
            )
            .limit(2)
        )
        with self._engine.connect() as connection:
            found = connection.execute(statement).scalars().all()
        return int(found[0]) if len(found) == 1 else None

    def log_search(self, visitor_id: str, query: str, result_count: int, source: str) -> int:
        with self._engine.begin() as connection:
            result = connection.execute(
                insert(SEARCH_LOG).values(
                    visitor_id=visitor_id[:64],
                    query=query[:200],
                    result_count=result_count,
                    source=source,
                    created_at=utc_now(),
                )
            )
            key = result.inserted_primary_key
            return int(key[0]) if key else 0

    def log_click(self, search_id: int, visitor_id: str, product_id: int) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(SEARCH_LOG)
                .where(
                    SEARCH_LOG.c.id == search_id,
                    SEARCH_LOG.c.visitor_id == visitor_id,
                    SEARCH_LOG.c.clicked_product_id.is_(None),
                )
                .values(clicked_product_id=product_id)
            )

    def record_activity(
        self, visitor_id: str, kind: str, product_id: int | None, query: str | None
    ) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                insert(ACTIVITY).values(
                    visitor_id=visitor_id[:64],
                    kind=kind,
                    product_id=product_id,
                    query=None if query is None else query[:200],
                    created_at=utc_now(),
                )
            )

    def recent_activity(self, visitor_id: str, limit: int) -> list[Activity]:
        statement = (
            select(_A.kind, _A.product_id, _A.query, _A.created_at)
            .where(_A.visitor_id == visitor_id)
            .order_by(_A.created_at.desc(), _A.id.desc())
            .limit(limit)
        )
        with Session(self._engine) as session:
            return [Activity(r[0], r[1], r[2], r[3]) for r in session.execute(statement)]

    def prune_history(self, before: datetime, batch: int = 5_000) -> int:
        # In short transactions of `batch` rows: the first prune of a long-running shop (or
        # after a pause) must not hold a year of rows locked, beside other processes pruning.
        removed = 0
        for table in (SEARCH_LOG, ACTIVITY):
            while True:
                old = select(table.c.id).where(table.c.created_at < before).limit(batch)
                with self._engine.begin() as connection:
                    gone = connection.execute(
                        delete(table).where(table.c.id.in_(old.scalar_subquery()))
                    ).rowcount
                removed += gone
                if gone < batch:
                    break
        return removed

    def changed_since(self, moment: datetime | None) -> list[tuple[int, datetime]]:
        statement = select(_P.id, _P.updated_at)
        if moment is not None:
            statement = statement.where(_P.updated_at > moment)
        with Session(self._engine) as session:
            return [(row[0], row[1]) for row in session.execute(statement)]

    def baskets(self, since: datetime) -> list[list[int]]:
        statement = (
            select(_L.order_id, _L.product_id)
            .join(ORDER, ORDER.c.id == _L.order_id)
            .where(
                ORDER.c.status.in_([status.value for status in PURCHASED]),
                ORDER.c.created_at >= since,
            )
            .order_by(_L.order_id, _L.id)
        )
        baskets: dict[int, list[int]] = {}
        with self._engine.connect() as connection:
            for order_id, product_id in connection.execute(statement):
                baskets.setdefault(order_id, []).append(product_id)
        return list(baskets.values())


def _just_after(prefix: str) -> str:
    """The first key past every key starting with `prefix`, in code point order (that of
    SQLite's and of the index's COLLATE "C" on PostgreSQL): its last character's next one.
    The prefixes end with a separator, never the last code point."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
