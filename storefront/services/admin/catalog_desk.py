"""The admin's catalog use cases with their permission checks and audit entries: list,
create, edit, bulk actions, images, stock adjustments. Writes run in a unit of work whose
events are published after commit, as every other catalog change."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from models.records import ImageRecord
from storefront.i18n import DEFAULT_LOCALE, LOCALES
from storefront.services.admin import bulk
from storefront.services.admin.access import Permission, Staff, require
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.catalog_ports import (
    AdminCatalogStore,
    LowStockRow,
    ProductFilter,
    ProductRow,
    StockHistoryRow,
    StockMove,
)
from storefront.services.admin.images import (
    arrange_image,
    attach_image,
    describe_image,
    image_choices,
    product_images,
    show_image_for,
)
from storefront.services.admin.product_form import ProductForm
from storefront.services.admin.product_list import ProductPage, ProductQuery, list_products
from storefront.services.admin.product_writes import (
    ProductChange,
    create_product,
    product_form_of,
    snapshot,
    update_product,
)
from storefront.services.admin.stock import StockAdmin
from storefront.services.ports import MediaStore, UnitOfWork
from storefront.services.use_cases import UseCaseRunner


class CatalogDesk:
    def __init__(
        self,
        store: AdminCatalogStore,
        stock: StockAdmin,
        *,
        media: MediaStore,
        run: UseCaseRunner,
        currency: str,
    ) -> None:
        self._store = store
        self._stock = stock
        self._media = media
        self._run = run
        self.currency = currency

    def page(self, actor: Staff, query: ProductQuery) -> ProductPage:
        require(actor, Permission.VIEW)
        return list_products(self._store, query)

    def row(self, actor: Staff, product_id: int) -> ProductRow | None:
        """The list row of one product (its image, slug, stock), whatever its status."""
        require(actor, Permission.VIEW)
        rows = self._store.product_rows(ProductFilter(product_id=product_id), "updated", True, 0, 1)
        return rows[0] if rows else None

    def categories(self, actor: Staff) -> list[tuple[int, dict[str, str]]]:
        """(id, path in each language) of every category, for pickers, in the order of the
        default language's paths: 'Home › Kitchen › Knives', 'Maison › Cuisine › Couteaux'."""
        require(actor, Permission.VIEW)
        nodes = {n.id: n for n in self._store.categories()}

        def path(node_id: int | None, locale: str) -> list[str]:
            node = nodes.get(node_id) if node_id is not None else None
            return [*path(node.parent_id, locale), node.label(locale)] if node else []

        paths = [(i, {loc: " › ".join(path(i, loc)) for loc in LOCALES}) for i in nodes]
        return sorted(paths, key=lambda pair: pair[1][DEFAULT_LOCALE])

    def form(self, actor: Staff, product_id: int) -> ProductForm:
        require(actor, Permission.VIEW)
        return self._run(product_form_of, product_id)

    def create(self, actor: Staff, form: ProductForm) -> int:
        require(actor, Permission.CATALOG)

        def entry(uow: UnitOfWork, product_id: int) -> list[AuditRecord]:
            # The same snapshot as edits keep, read in the creating transaction: the form
            # itself is no JSON (it would be kept as its repr).
            with uow:
                created = uow.catalog.product_record(product_id)
            after = snapshot(created) if created is not None else {}
            return [AuditRecord.of(actor, "product.create", f"product:{product_id}", None, after)]

        return self._run.audited(entry, create_product, form, currency=self.currency)

    def update(self, actor: Staff, product_id: int, form: ProductForm) -> ProductChange:
        require(actor, Permission.CATALOG)
        audit = _entries(actor, "product.edit")
        return self._run.audited(lambda uow, c: audit(uow, [c]), update_product, product_id, form)

    def set_status(self, actor: Staff, product_ids: Sequence[int], status: str) -> int:
        require(actor, Permission.CATALOG)
        audit = _entries(actor, f"product.{status}")
        return len(self._run.audited(audit, bulk.set_status, product_ids, status))

    def set_featured(self, actor: Staff, product_ids: Sequence[int], featured: bool) -> int:
        require(actor, Permission.CATALOG)
        audit = _entries(actor, "product.feature" if featured else "product.unfeature")
        return len(self._run.audited(audit, bulk.set_featured, product_ids, featured))

    def change_prices(self, actor: Staff, product_ids: Sequence[int], percent: str) -> int:
        require(actor, Permission.CATALOG)
        audit = _entries(actor, "product.price", percent=percent.strip()[:12])
        return len(self._run.audited(audit, bulk.change_prices, product_ids, percent))

    def move_to_category(self, actor: Staff, product_ids: Sequence[int], category_id: int) -> int:
        require(actor, Permission.CATALOG)
        audit = _entries(actor, "product.move")
        return len(self._run.audited(audit, bulk.move_to_category, product_ids, category_id))

    def attach_image(
        self, actor: Staff, product_id: int, filename: str, data: bytes, alt: str = ""
    ) -> ProductChange:
        require(actor, Permission.CATALOG)
        audit = _entries(actor, "product.image")
        return self._run.audited(
            lambda uow, c: audit(uow, [c]),
            attach_image,
            self._media,
            product_id,
            filename,
            data,
            alt=alt,
        )

    def images(self, actor: Staff, product_id: int) -> tuple[ImageRecord, ...]:
        require(actor, Permission.VIEW)
        return self._run(product_images, product_id)

    def image_choices(self, actor: Staff, product_id: int) -> tuple[tuple[str, str], ...]:
        require(actor, Permission.VIEW)
        return self._run(image_choices, product_id)

    def show_image_for(self, actor: Staff, product_id: int, path: str, value: str) -> ProductChange:
        require(actor, Permission.CATALOG)
        audit = _entries(actor, "product.image")
        return self._run.audited(
            lambda uow, c: audit(uow, [c]), show_image_for, product_id, path, value
        )

    def arrange_image(self, actor: Staff, product_id: int, path: str, move: str) -> ProductChange:
        require(actor, Permission.CATALOG)
        audit = _entries(actor, "product.image")
        return self._run.audited(
            lambda uow, c: audit(uow, [c]), arrange_image, product_id, path, move
        )

    def describe_image(self, actor: Staff, product_id: int, path: str, alt: str) -> ProductChange:
        require(actor, Permission.CATALOG)
        audit = _entries(actor, "product.image")
        return self._run.audited(
            lambda uow, c: audit(uow, [c]), describe_image, product_id, path, alt
        )

    def adjust_stock(
        self,
        actor: Staff,
        sku: str,
        delta: str,
        *,
        reason: str,
        note: str,
        now: datetime,
    ) -> StockMove:
        """Move a variant's stock (StockAdmin.adjust_stock), audited."""
        require(actor, Permission.STOCK)

        def audit(moved: StockMove) -> list[AuditRecord]:
            return [
                AuditRecord.of(
                    actor,
                    "stock.adjust",
                    f"product:{moved.product_id}",
                    {"sku": moved.sku, "stock": moved.stock_after - moved.delta},
                    {"sku": moved.sku, "stock": moved.stock_after, "reason": reason},
                )
            ]

        return self._stock.adjust_stock(
            sku,
            delta,
            reason=reason,
            note=note,
            actor_id=actor.account_id,
            now=now,
            audit=audit,
        )

    def low_stock(self, actor: Staff, threshold: int, limit: int = 100) -> list[LowStockRow]:
        require(actor, Permission.VIEW)
        return self._stock.low_stock(threshold, limit)

    def stock_history(self, actor: Staff, product_id: int) -> list[StockHistoryRow]:
        require(actor, Permission.VIEW)
        return self._stock.stock_history(product_id=product_id)


def _entries(
    actor: Staff, action: str, **extra: str
) -> Callable[[UnitOfWork, Sequence[ProductChange]], list[AuditRecord]]:
    """The audit entries of product changes: one per product, before and after; none for a
    save that changed nothing (the log records changes)."""

    def entries(_uow: UnitOfWork, changes: Sequence[ProductChange]) -> list[AuditRecord]:
        return [
            AuditRecord.of(actor, action, f"product:{c.product_id}", c.before, c.after | extra)
            for c in changes
            if c.before != c.after
        ]

    return entries
