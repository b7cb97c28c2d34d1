"""The catalog's writes in SQL, inside a unit of work's session: categories, brands, products
with their variants and images, facet generations."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from models.catalog import Brand, Category
from models.inventory import ReservationStatus
from models.records import ImageRecord, ProductRecord, VariantRecord
from models.types import utc_now
from models.views import BrandView, CategoryNode
from storefront.adapters.sql_category_writes import SqlCategoryWrites
from storefront.adapters.sql_inventory import RESERVATION
from storefront.adapters.sql_locks import among, hold_rows
from storefront.adapters.sql_product_rating import combine_ratings
from storefront.adapters.sql_product_records import product_records_of
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
from storefront.services.ports import SkuOwner
from storefront.services.product_records import rollup

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
        # Chunked: SQLite caps the bound parameters of one statement (a key and its spellings
        # asked, about twice a chunk's keys). Exactly, or by lower(sku) (ix_variant_sku_lower):
        # PostgreSQL's lower() folds more than ASCII.
        for start in range(0, len(keys), IN_CHUNK // 2):
            chunk = keys[start : start + IN_CHUNK // 2]
            exact = [sku for key in chunk for sku in asked[key]]
            rows = self._session.execute(
                select(_P.external_id, _V.sku)
                .join_from(VARIANT, PRODUCT, _V.product_id == _P.id)
                .where(or_(_V.sku.in_(exact), func.lower(_V.sku).in_(chunk)))
            )
            held += [SkuOwner(r[0], r[1]) for r in rows]
        owners: dict[str, SkuOwner] = {}
        for owner in held:
            for sku in asked.get(sku_key(owner.sku), ()):
                if sku not in owners or sku == owner.sku:  # the SKU written so wins
                    owners[sku] = owner
        return owners

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
        rows = [_product_values(r, now) | {"created_at": r.created_at or now} for r in records]
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
        rows = [{"b_id": r.id} | _prefixed(_product_values(r, now)) for r in records]
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
            _image_values(r.id, position, image)
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
                values = _variant_values(record.id, position, variant)
                variant_id = existing.get((record.id, variant.sku))
                if variant_id is None:
                    inserts.append(values)
                else:  # its stock as it stands (see the port)
                    kept = {k: v for k, v in values.items() if k != "stock"}
                    updates.append({"b_id": variant_id} | _prefixed(kept))
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
            _variant_values(pid, position, v)
            for pid, record in pairs
            for position, v in enumerate(record.variants)
        ]
        image_rows = [
            _image_values(pid, position, image)
            for pid, record in pairs
            for position, image in enumerate(record.images)
        ]
        if variant_rows:
            self._session.execute(insert(VARIANT), variant_rows)
        if image_rows:
            self._session.execute(insert(IMAGE), image_rows)


def _prefixed(values: dict[str, Any]) -> dict[str, Any]:
    """Bind names apart from column names, as executemany UPDATE ... WHERE needs."""
    return {f"b_{key}": value for key, value in values.items()}


def _product_values(record: ProductRecord, now: Any) -> dict[str, Any]:
    figures = rollup(record)
    return {
        "slug": record.slug,
        "external_id": record.external_id,
        "title": record.title,
        "description": record.description,
        "brand_id": record.brand_id,
        "category_id": record.category_id,
        "status": record.status.value,
        "featured": record.featured,
        "currency": record.currency,
        "price_minor": figures.price_minor,
        "compare_at_minor": figures.compare_at_minor,
        "stock": figures.stock,
        # The record carries the imported figures; the shown ones add the published reviews
        # (set right after, by combine_ratings: a new product has none yet).
        "imported_rating": record.rating,
        "imported_review_count": record.review_count,
        "rating": record.rating,
        "review_count": record.review_count,
        "attributes": {k: list(v) for k, v in record.attributes.items()},
        "facet_values": {k: list(v) for k, v in figures.attributes.items()},
        "image_path": figures.image_path,
        "updated_at": now,
    }


def _variant_values(product_id: int, position: int, variant: VariantRecord) -> dict[str, Any]:
    return {
        "product_id": product_id,
        "sku": variant.sku,
        "title": variant.title,
        "options": dict(variant.options),
        "price_minor": variant.price_minor,
        "compare_at_minor": variant.compare_at_minor,
        "stock": variant.stock,
        "position": position,
        "image_path": variant.image_path,
    }


def _image_values(product_id: int, position: int, image: ImageRecord) -> dict[str, Any]:
    return {
        "product_id": product_id,
        "path": image.path,
        "alt": image.alt,
        "position": position,
        "option_value": image.option_value,
    }
