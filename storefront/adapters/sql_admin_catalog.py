"""The admin's product list in SQL: a filtered COUNT, then one page by LIMIT/OFFSET.

Text search is a substring match (LIKE) on title, external id and any variant's SKU (and a
whole number also finds the product of that id, listed first): fine for a merchandiser's
catalog of tens of thousands of products, and it finds partial SKUs, which the shop's search
index (built for shoppers' words) does not.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, case, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from models.views import CategoryNode
from storefront.adapters.sql_tables import BRAND, CATEGORY, PRODUCT, VARIANT, category_nodes
from storefront.services.admin.catalog_ports import ProductFilter, ProductRow, SortKey

_P, _V, _B, _C = PRODUCT.c, VARIANT.c, BRAND.c, CATEGORY.c
_SORT_COLUMNS: dict[SortKey, Any] = {
    "title": func.lower(_P.title),
    "price": _P.price_minor,  # the product's lowest variant price (its roll-up)
    "stock": _P.stock,
    "newest": _P.created_at,
    "updated": _P.updated_at,
}


class SqlAdminCatalog:
    """Implements services.admin.catalog_ports.AdminCatalogStore."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def categories(self) -> list[CategoryNode]:
        with Session(self._engine) as session:
            return category_nodes(session)

    def count_products(self, where: ProductFilter) -> int:
        statement = select(func.count()).select_from(PRODUCT).where(*_conditions(where))
        with self._engine.connect() as connection:
            return int(connection.execute(statement).scalar_one())

    def product_rows(
        self, where: ProductFilter, sort: SortKey, descending: bool, offset: int, limit: int
    ) -> list[ProductRow]:
        column = _SORT_COLUMNS[sort]
        order = [column.desc(), _P.id.desc()] if descending else [column.asc(), _P.id.asc()]
        if where.text_id is not None:  # the product whose id was typed, before the others
            order.insert(0, case((_P.id == where.text_id, 0), else_=1))
        statement = (
            select(
                _P.id,
                _P.title,
                _P.slug,
                _P.status,
                _C.name,
                _B.name,
                _P.price_minor,
                _P.currency,
                _P.stock,
                _P.image_path,
                _P.updated_at,
            )
            .select_from(
                PRODUCT.outerjoin(BRAND, _P.brand_id == _B.id).outerjoin(
                    CATEGORY, _P.category_id == _C.id
                )
            )
            .where(*_conditions(where))
            .order_by(*order)
            .offset(offset)
            .limit(limit)
        )
        with self._engine.connect() as connection:
            rows = connection.execute(statement).all()
            # Variant figures for this page only, not for every product that matched.
            figures = {
                r[0]: (int(r[1]), int(r[2]))
                for r in connection.execute(
                    select(_V.product_id, func.max(_V.price_minor), func.count())
                    .where(_V.product_id.in_([row[0] for row in rows]))
                    .group_by(_V.product_id)
                )
            }
        return [
            ProductRow(
                id=r[0],
                title=r[1],
                slug=r[2],
                status=r[3],
                category_name=r[4] or "",
                brand_name=r[5] or "",
                min_price_minor=r[6],
                max_price_minor=figures.get(r[0], (r[6], 0))[0],
                currency=r[7],
                stock=r[8],
                variant_count=figures.get(r[0], (0, 0))[1],
                image_path=r[9],
                updated_at=r[10],
            )
            for r in rows
        ]


def _conditions(where: ProductFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if where.text:
        # autoescape: a '%' or '_' typed in the search box matches itself.
        sku_matches = (
            select(_V.id)
            .where(_V.product_id == _P.id, _V.sku.icontains(where.text, autoescape=True))
            .exists()
        )
        conditions.append(
            or_(
                _P.title.icontains(where.text, autoescape=True),
                _P.external_id.icontains(where.text, autoescape=True),
                sku_matches,
                *([_P.id == where.text_id] if where.text_id is not None else []),
            )
        )
    if where.product_id is not None:
        conditions.append(_P.id == where.product_id)
    if where.status:
        conditions.append(_P.status == where.status)
    if where.category_ids is not None:
        conditions.append(_P.category_id.in_(sorted(where.category_ids)))
    if where.brand_id is not None:
        conditions.append(_P.brand_id == where.brand_id)
    if where.low_stock_at is not None:
        conditions.append(
            select(_V.id).where(_V.product_id == _P.id, _V.stock <= where.low_stock_at).exists()
        )
    return conditions
