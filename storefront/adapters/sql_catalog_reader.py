"""The catalog's read queries behind the pages. They select plain columns (no ORM objects)
because listings touch thousands of rows."""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Engine, String, cast, exists, select, type_coerce
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from models.catalog import ProductStatus
from models.types import utc_now
from models.views import (
    BrandView,
    CategoryNode,
    FacetRow,
    FacetVariant,
    ImageView,
    ProductCard,
    ProductDetail,
    VariantView,
)
from storefront.adapters.sql_skus_to_add import skus_to_add
from storefront.adapters.sql_tables import (
    BRAND,
    CATEGORY,
    FACETS,
    IMAGE,
    PRODUCT,
    VARIANT,
    brand_views,
    category_nodes,
    facet_values,
    upsert_into,
)
from storefront.services.ports import FacetSnapshot, HomePick

_P, _V, _I, _B = PRODUCT.c, VARIANT.c, IMAGE.c, BRAND.c
log = logging.getLogger(__name__)
_ACTIVE = _P.status == ProductStatus.ACTIVE.value
_CARD_COLUMNS = (
    _P.id,
    _P.slug,
    _P.title,
    _B.name,
    _P.price_minor,
    _P.compare_at_minor,
    _P.currency,
    _P.rating,
    _P.review_count,
    _P.image_path,
    _P.stock,
    # Whether a variant costs more than the product's price (the lowest of them).
    exists().where(_V.product_id == _P.id, _V.price_minor > _P.price_minor),
)
# Bayesian average rating: the SQL twin of services.facets.popularity.
_POPULARITY = (_P.rating * _P.review_count + 3.5 * 20) / (_P.review_count + 20)


def _timestamp(value: str | datetime) -> float:
    """Seconds since the epoch from SQLite's ISO text or PostgreSQL's datetime."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def _options(text: str | None) -> dict[str, str]:
    """A variant's options from the JSON column's text."""
    return orjson.loads(text) if text else {}


def _card(row: Sequence[Any]) -> ProductCard:
    return ProductCard(
        id=row[0],
        slug=row[1],
        title=row[2],
        brand_name=row[3] or "",
        price_minor=row[4],
        compare_at_minor=row[5],
        currency=row[6],
        rating=row[7],
        review_count=row[8],
        image_path=row[9],
        in_stock=row[10] > 0,
        price_varies=bool(row[11]),
    )


class SqlCatalogReader:
    """Implements services.ports.CatalogReader; one short session per call."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def categories(self) -> list[CategoryNode]:
        with Session(self._engine) as session:
            return category_nodes(session)

    def brands(self) -> list[BrandView]:
        with Session(self._engine) as session:
            return brand_views(session)

    def categories_with_products(self) -> list[int]:
        query = select(_P.category_id).where(_ACTIVE, _P.category_id.is_not(None)).distinct()
        with self._engine.connect() as connection:
            return [int(found) for found in connection.execute(query).scalars()]

    def facet_rows(self, category_ids: Collection[int] | None) -> list[FacetRow]:
        # The hot path of a cold listing (thousands of rows): raw column values, decoded
        # here with orjson and fromisoformat instead of per-row SQLAlchemy type processing.
        # Variants are read too: stock, option values and prices are per variant (a size 42
        # sold out must not list under "size 42, in stock" because the size 40 is there).
        products = select(
            _P.id,
            _P.category_id,
            _P.brand_id,
            _P.price_minor,
            _P.rating,
            _P.review_count,
            type_coerce(_P.created_at, String),
            _P.featured,
            type_coerce(_P.attributes, String),
        ).where(_ACTIVE)
        # Options as text on both databases (PostgreSQL would decode each JSONB value):
        # variants share few distinct option sets, each decoded once.
        variants = (
            select(
                _V.product_id,
                _V.stock,
                cast(_V.options, String),
                _V.price_minor,
                _V.compare_at_minor,
                _V.id,
            )
            .join_from(VARIANT, PRODUCT, _V.product_id == _P.id)
            .where(_ACTIVE)
        )
        if category_ids is not None:
            products = products.where(_P.category_id.in_(sorted(category_ids)))
            variants = variants.where(_P.category_id.in_(sorted(category_ids)))
        with Session(self._engine) as session:
            decoded: dict[str | None, Mapping[str, str]] = {}  # few distinct option sets
            by_product: dict[int, list[FacetVariant]] = {}
            for product_id, stock, options, price, was, vid in session.execute(variants):
                values = decoded.get(options)
                if values is None:
                    values = decoded[options] = _options(options)
                variant = FacetVariant(values, stock > 0, price, was, vid)
                by_product.setdefault(product_id, []).append(variant)
            return [
                FacetRow(
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    r[4],
                    r[5],
                    _timestamp(r[6]),
                    bool(r[7]),
                    facet_values(r[8]),
                    tuple(by_product.get(r[0], ())),
                )
                for r in session.execute(products)
            ]

    def cards(self, product_ids: Sequence[int]) -> list[ProductCard]:
        if not product_ids:
            return []
        stmt = (
            select(*_CARD_COLUMNS)
            .select_from(PRODUCT.outerjoin(BRAND))
            .where(_ACTIVE, _P.id.in_(list(product_ids)))
        )
        with Session(self._engine) as session:
            by_id = {row[0]: _card(row) for row in session.execute(stmt)}
        return [by_id[pid] for pid in product_ids if pid in by_id]

    def variant_pictures(self, variant_ids: Sequence[int]) -> dict[int, str]:
        if not variant_ids:
            return {}
        variants = select(_V.id, _V.product_id, _V.image_path, _V.options).where(
            _V.id.in_(sorted(set(variant_ids)))
        )
        with Session(self._engine) as session:
            rows = session.execute(variants).all()
            images = session.execute(
                select(_I.product_id, _I.path, _I.option_value)
                .where(
                    _I.product_id.in_(sorted({r[1] for r in rows})), _I.option_value.is_not(None)
                )
                .order_by(_I.position, _I.id)
            ).all()
        shown: dict[int, str] = {}
        for variant_id, product_id, own, options in rows:
            values = set((options or {}).values())
            found = own or next(
                (path for pid, path, value in images if pid == product_id and value in values),
                None,
            )
            if found:
                shown[int(variant_id)] = str(found)
        return shown

    def home_picks(self, pick: HomePick, limit: int) -> list[ProductCard]:
        conditions: list[ColumnElement[bool]] = [_ACTIVE, _P.stock > 0]
        if pick == "featured":
            conditions.append(_P.featured.is_(True))
            order: list[Any] = [_POPULARITY.desc(), _P.id]
        elif pick == "newest":
            order = [_P.created_at.desc(), _P.id.desc()]
        else:
            conditions.append(_P.review_count >= 5)
            order = [_POPULARITY.desc(), _P.id]
        stmt = (
            select(*_CARD_COLUMNS)
            .select_from(PRODUCT.outerjoin(BRAND))
            .where(*conditions)
            .order_by(*order)
            .limit(limit)
        )
        with Session(self._engine) as session:
            return [_card(row) for row in session.execute(stmt)]

    def facet_snapshot(self, category_id: int) -> FacetSnapshot:
        with Session(self._engine) as session:
            generation = session.execute(
                select(CATEGORY.c.facet_generation).where(CATEGORY.c.id == category_id)
            ).scalar_one_or_none()
            stored = session.execute(
                select(FACETS.c.generation, FACETS.c.data).where(
                    FACETS.c.category_id == category_id
                )
            ).first()
        current = generation or 0
        if stored is None or stored[0] != current:
            return FacetSnapshot(generation=current, data=None)
        return FacetSnapshot(generation=current, data=bytes(stored[1]))

    def store_facet_snapshot(self, category_id: int, generation: int, data: bytes) -> None:
        values = {
            "category_id": category_id,
            "generation": generation,
            "data": data,
            "built_at": utc_now(),
        }
        statement = upsert_into(self._engine, FACETS).values(values)
        statement = statement.on_conflict_do_update(
            index_elements=[FACETS.c.category_id],
            set_={k: statement.excluded[k] for k in ("generation", "data", "built_at")},
            # The same generation too: a table of an older format (unreadable now) is
            # replaced by the one rebuilt from it.
            where=FACETS.c.generation <= statement.excluded.generation,
        )
        try:
            with self._engine.begin() as connection:
                connection.execute(statement)
        except (OperationalError, IntegrityError) as exc:
            # Only a speed-up: a busy database or a category deleted meanwhile is no error.
            log.info("facet table of category %s not stored: %s", category_id, exc)

    def product_id(self, slug: str) -> int | None:
        with self._engine.connect() as connection:
            found = connection.execute(select(_P.id).where(_P.slug == slug)).scalar()
        return None if found is None else int(found)

    def skus_to_add(self, product_ids: Sequence[int]) -> dict[int, str]:
        return skus_to_add(self._engine, product_ids)

    def product_detail(self, slug: str) -> ProductDetail | None:
        with Session(self._engine) as session:
            row = (
                session.execute(
                    select(PRODUCT, _B.slug.label("brand_slug"), _B.name.label("brand_name"))
                    .select_from(PRODUCT.outerjoin(BRAND))
                    .where(_ACTIVE, _P.slug == slug)
                )
                .mappings()
                .first()
            )
            if row is None:
                return None
            variants = session.execute(
                select(VARIANT).where(_V.product_id == row["id"]).order_by(_V.position, _V.id)
            ).mappings()
            variant_views = tuple(
                VariantView(
                    id=v["id"],
                    sku=v["sku"],
                    title=v["title"],
                    options=dict(v["options"] or {}),
                    price_minor=v["price_minor"],
                    compare_at_minor=v["compare_at_minor"],
                    stock=v["stock"],
                    image_path=v["image_path"],
                )
                for v in variants
            )
            images = session.execute(
                select(_I.path, _I.alt, _I.option_value)
                .where(_I.product_id == row["id"])
                .order_by(_I.position, _I.id)
            )
            image_views = tuple(ImageView(path=i[0], alt=i[1], option_value=i[2]) for i in images)
        brand = (
            BrandView(id=row["brand_id"], slug=row["brand_slug"], name=row["brand_name"])
            if row["brand_id"] is not None
            else None
        )
        return ProductDetail(
            id=row["id"],
            slug=row["slug"],
            title=row["title"],
            description=row["description"],
            brand=brand,
            category_id=row["category_id"],
            currency=row["currency"],
            price_minor=row["price_minor"],
            compare_at_minor=row["compare_at_minor"],
            stock=row["stock"],
            rating=row["rating"],
            review_count=row["review_count"],
            attributes={k: tuple(v) for k, v in (row["facet_values"] or {}).items()},
            variants=variant_views,
            images=image_views,
            image_path=row["image_path"],
            created_at=row["created_at"],
            updated_at=row["updated_at"],
        )
