"""The admin's category edits in SQL, inside a unit of work's session: a category renamed,
translated or described, deleted while empty, and the products each holds counted."""

from __future__ import annotations

from sqlalchemy import delete, exists, func, select, update
from sqlalchemy.orm import Session, aliased

from storefront.adapters.sql_tables import CATEGORY, FACETS, PRODUCT

_C, _P = CATEGORY.c, PRODUCT.c


class SqlCategoryWrites:
    """Part of SqlCatalogStore (services.ports.CatalogStore)."""

    _session: Session

    def update_category(
        self, category_id: int, *, name: str, name_i18n: dict[str, str], description: str
    ) -> None:
        self._session.execute(
            update(CATEGORY)
            .where(_C.id == category_id)
            .values(name=name, name_i18n=name_i18n, description=description)
        )

    def delete_category(self, category_id: int) -> bool:
        # One statement that checks and deletes: a product moved into the category, or a
        # subcategory made under it, by a transaction committed since the caller looked
        # keeps it. Its stored facet table is derived data and goes first (its foreign key).
        child = aliased(CATEGORY)
        self._session.execute(delete(FACETS).where(FACETS.c.category_id == category_id))
        deleted = self._session.execute(
            delete(CATEGORY).where(
                _C.id == category_id,
                ~exists().where(_P.category_id == category_id),
                ~exists().where(child.c.parent_id == category_id),
            )
        )
        return bool(deleted.rowcount)  # type: ignore[attr-defined]

    def category_product_counts(self) -> dict[int, int]:
        rows = self._session.execute(
            select(_P.category_id, func.count())
            .where(_P.category_id.is_not(None))
            .group_by(_P.category_id)
        )
        return {int(row[0]): int(row[1]) for row in rows}
