"""The catalog's writes in SQL, inside a unit of work's session: categories, brands, products
with their variants and images, facet generations."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, false, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.catalog import Brand, Category
from models.inventory import ReservationStatus
from models.records import ProductRecord
from models.types import sql_sku_key, utc_now
from models.views import BrandView, CategoryNode
from storefront.adapters.sql_catalog_rows import (
    image_values,
    prefixed,
    product_values,
    variant_values,
)
from storefront.adapters.sql_category_writes import SqlCategoryWrites
from storefront.adapters.sql_inventory import RESERVATION
from storefront.adapters.sql_locks import among, hold_rows
from storefront.adapters.sql_product_rating import combine_ratings
from storefront.adapters.sql_product_records import product_records_of
from storefront.adapters.sql_sku import is_sku_clash
from storefront.adapters.sql_tables import (
    CATEGORY,
    IMAGE,
    IN_CHUNK,
    PRODUCT,
    VARIANT,
    brand_views,
    category_nodes,
)
from storefront.services.catalog_limits import sku_key
from storefront.services.errors import SkuTaken
from storefront.services.ports import SkuOwner

_P, _V, _I = PRODUCT.c, VARIANT.c, IMAGE.c


class SqlCatalogStore(SqlCategoryWrites):
    """Implements services.ports.CatalogStore inside a unit of work's session (the admin's
    category edits in SqlCategoryWrites)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def categories(self) -> list[CategoryNode]:
        return category_nodes(self._session)

    def held_skus(self, skus: Collection[str]) -> set[str]:
        wanted = sorted(set(skus))
        if not wanted:
            return set()
        query = select(RESERVATION.c.sku).where(
            RESERVATION.c.status == ReservationStatus.HELD.value,
            RESERVATION.c.sku.in_(wanted),
        )
        return set(self._session.execute(query).scalars())

    def add_category(
        self,
        *,
        slug: str,
        name: str,
        parent_id: int | None,
        position: int,
        name_i18n: dict[str, str],
        facet_keys: list[str],
        description: str,
    ) -> int:
        category = Category(
            slug=slug,
            name=name,
            parent_id=parent_id,
            position=position,
            name_i18n=name_i18n,
            facet_keys=facet_keys,
            description=description,
        )
        self._session.add(category)
        self._session.flush()
        assert category.id is not None
        return category.id

    def brands(self) -> list[BrandView]:
        return brand_views(self._session)

    def add_brand(self, *, slug: str, name: str) -> int:
        brand = Brand(slug=slug, name=name)
        self._session.add(brand)
        self._session.flush()
        assert brand.id is not None
        return brand.id

    def bump_facet_generations(self, category_ids: Collection[int] | None) -> None:
        statement = update(CATEGORY).values(facet_generation=CATEGORY.c.facet_generation + 1)
        if category_ids is not None:
            if not category_ids:
                return
            statement = statement.where(CATEGORY.c.id.in_(sorted(category_ids)))
        self._session.execute(statement)

    def product_keys(self) -> dict[str, tuple[int, str, int | None]]:
        rows = self._session.execute(select(_P.external_id, _P.id, _P.slug, _P.category_id))
        return {r[0]: (r[1], r[2], r[3]) for r in rows}

    def lock_for_edit(self, product_ids: Collection[int]) -> None:
        # Variants in SKU order, then products in id order: the order checkout's stock
        # updates take them in, so an edit and a checkout never deadlock. Checkouts sort
        # SKUs in Python, by code point: PostgreSQL's "C" collation sorts them the same way,
        # where the database's own (en_US, ICU) would put "abc" before "Zed".
        ids = sorted(set(product_ids))
        connection = self._session.connection()
        by_sku = _V.sku.collate("C")
        hold_rows(connection, VARIANT, among(connection, _V.product_id, ids), by_sku)
        hold_rows(connection, PRODUCT, among(connection, _P.id, ids), _P.id)

    def product_record(self, product_id: int) -> ProductRecord | None:
        row = self._session.execute(select(PRODUCT).where(_P.id == product_id)).mappings().first()
        return None if row is None else product_records_of(self._session, [row])[0]

    def product_records(self, product_ids: Collection[int]) -> dict[int, ProductRecord]:
        wanted = sorted(set(product_ids))
        records: dict[int, ProductRecord] = {}
        # Chunked: SQLite caps the bound parameters of one statement.
        for start in range(0, len(wanted), IN_CHUNK):
            rows = (
                self._session.execute(
                    select(PRODUCT).where(_P.id.in_(wanted[start : start + IN_CHUNK]))
                )
                .mappings()
                .all()
            )
            records.update(
                {r.id: r for r in product_records_of(self._session, rows) if r.id is not None}
            )
        return records

    def sku_owners(self, skus: Collection[str]) -> dict[str, SkuOwner]:
        asked: dict[str, list[str]] = {}
        for sku in set(skus):
            asked.setdefault(sku_key(sku), []).append(sku)
        held: list[SkuOwner] = []
        keys = sorted(asked)
        # Chunked: SQLite caps the bound parameters of one statement. By the key the unique
        # index ix_variant_sku_lower holds, the same as sku_key's on both databases.
        for start in range(0, len(keys), IN_CHUNK):
            rows = self._session.execute(
                select(_P.external_id, _V.sku)
                .join_from(VARIANT, PRODUCT, _V.product_id == _P.id)
                .where(sql_sku_key(_V.sku).in_(keys[start : start + IN_CHUNK]))
            )
            held += [SkuOwner(r[0], r[1]) for r in rows]
        # One owner a key at most: the index is unique (migration 0056).
        return {sku: owner for owner in held for sku in asked.get(sku_key(owner.sku), ())}

    def iter_product_records(self, batch_size: int = 500) -> Iterator[ProductRecord]:
        # Keyset paging on id: each batch is one indexed range scan, however deep the export.
        last_id = 0
        while True:
            rows = (
                self._session.execute(
                    select(PRODUCT).where(_P.id > last_id).order_by(_P.id).limit(batch_size)
                )
                .mappings()
                .all()
            )
            if not rows:
                return
            yield from product_records_of(self._session, rows)
            last_id = rows[-1]["id"]

    def save_products(self, records: Sequence[ProductRecord]) -> list[int]:
        # In a savepoint: a SKU another save took since the caller's check (the unique index
        # refuses it) undoes this call's writes alone and is raised as SkuTaken, leaving the
        # transaction usable for the caller to say which SKU (PostgreSQL's is aborted by an
        # error otherwise).
        connection = self._session.connection()
        if connection.dialect.name == "sqlite":
            # pysqlite begins a transaction at the first write only: a SAVEPOINT opened first
            # would begin it, and its release commit it (sql_order_store.py). Callers have
            # taken the write lock already (lock_for_edit): this makes sure.
            hold_rows(connection, VARIANT, false())
        try:
            with self._session.begin_nested():
                return self._save_products(records)
        except IntegrityError as exc:
            if not is_sku_clash(exc):
                raise
        raise SkuTaken("another product took one of these SKUs (in capitals or not) meanwhile")

    def _save_products(self, records: Sequence[ProductRecord]) -> list[int]:
        # Set-based on purpose: a 50,000-product import is a few statements per batch,
        # not a few per product.
        now = utc_now()
        ids = self._insert_products([r for r in records if r.id is None], now)
        existing = [r for r in records if r.id is not None]
        if existing:
            self._update_products(existing, now)
        new_ids = iter(ids)
        return [r.id if r.id is not None else next(new_ids) for r in records]

    def _insert_products(self, records: list[ProductRecord], now: Any) -> list[int]:
        if not records:
            return []
        rows = [product_values(r, now) | {"created_at": r.created_at or now} for r in records]
        self._session.execute(insert(PRODUCT), rows)
        external_ids = [r.external_id for r in records]
        by_external_id = {
            row[0]: row[1]
            for row in self._session.execute(
                select(_P.external_id, _P.id).where(_P.external_id.in_(external_ids))
            )
        }
        ids = [by_external_id[e] for e in external_ids]
        self._insert_children(list(zip(ids, records, strict=True)))
        return ids

    def _update_products(self, records: list[ProductRecord], now: Any) -> None:
        rows = [{"b_id": r.id} | prefixed(product_values(r, now)) for r in records]
        columns = [key.removeprefix("b_") for key in rows[0] if key != "b_id"]
        statement = (
            update(PRODUCT)
            .where(_P.id == bindparam("b_id"))
            .values({column: bindparam(f"b_{column}") for column in columns})
        )
        self._session.execute(statement, rows)
        combine_ratings(self._session.connection(), [r.id for r in records if r.id is not None])
        self._replace_variants(records)
        product_ids = [r.id for r in records]
        self._session.execute(delete(IMAGE).where(_I.product_id.in_(product_ids)))
        image_rows = [
            image_values(r.id, position, image)
            for r in records
            if r.id is not None
            for position, image in enumerate(r.images)
        ]
        if image_rows:
            self._session.execute(insert(IMAGE), image_rows)

    def _replace_variants(self, records: list[ProductRecord]) -> None:
        # Variants are matched by SKU and updated in place, so their ids (which carts and
        # orders reference) survive an edit; only SKUs that disappeared are deleted.
        product_ids = [r.id for r in records]
        existing = {
            (row[0], row[1]): row[2]
            for row in self._session.execute(
                select(_V.product_id, _V.sku, _V.id).where(_V.product_id.in_(product_ids))
            )
        }
        wanted = {(r.id, v.sku) for r in records for v in r.variants}
        gone = [vid for key, vid in existing.items() if key not in wanted]
        if gone:
            self._session.execute(delete(VARIANT).where(_V.id.in_(gone)))
        updates, inserts = [], []
        for record in records:
            assert record.id is not None
            for position, variant in enumerate(record.variants):
                values = variant_values(record.id, position, variant)
                variant_id = existing.get((record.id, variant.sku))
                if variant_id is None:
                    inserts.append(values)
                else:  # its stock as it stands (see the port)
                    kept = {k: v for k, v in values.items() if k != "stock"}
                    updates.append({"b_id": variant_id} | prefixed(kept))
        if updates:
            columns = [key.removeprefix("b_") for key in updates[0] if key != "b_id"]
            self._session.execute(
                update(VARIANT)
                .where(_V.id == bindparam("b_id"))
                .values({column: bindparam(f"b_{column}") for column in columns}),
                updates,
            )
        if inserts:
            self._session.execute(insert(VARIANT), inserts)
        if updates:  # the products' totals from the stock their variants kept
            total = (
                select(func.coalesce(func.sum(_V.stock), 0))
                .where(_V.product_id == _P.id)
                .scalar_subquery()
            )
            self._session.execute(update(PRODUCT).where(_P.id.in_(product_ids)).values(stock=total))

    def _insert_children(self, pairs: list[tuple[int, ProductRecord]]) -> None:
        variant_rows = [
            variant_values(pid, position, v)
            for pid, record in pairs
            for position, v in enumerate(record.variants)
        ]
        image_rows = [
            image_values(pid, position, image)
            for pid, record in pairs
            for position, image in enumerate(record.images)
        ]
        if variant_rows:
            self._session.execute(insert(VARIANT), variant_rows)
        if image_rows:
            self._session.execute(insert(IMAGE), image_rows)
