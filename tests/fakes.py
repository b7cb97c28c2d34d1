"""In-memory fakes of the ports, for unit tests. Each has a real-adapter twin tested in
tests/integration against SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from models.catalog import ProductStatus
from models.events import Event
from models.records import ProductRecord
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
from storefront.services.admin.audit import AuditRecord
from storefront.services.catalog_limits import sku_key
from storefront.services.errors import SkuTaken
from storefront.services.facets import popularity
from storefront.services.ports import FacetSnapshot, HomePick, SkuOwner
from storefront.services.product_records import rollup


@dataclass
class CatalogData:
    """The fake database: what the SQL tables would hold."""

    categories: dict[int, CategoryNode] = field(default_factory=dict)
    brands: dict[int, BrandView] = field(default_factory=dict)
    products: dict[int, ProductRecord] = field(default_factory=dict)
    updated_at: dict[int, datetime] = field(default_factory=dict)
    facet_generations: dict[int, int] = field(default_factory=dict)
    facet_tables: dict[int, tuple[int, bytes]] = field(default_factory=dict)
    held: set[str] = field(default_factory=set)  # SKUs a checkout holds stock of
    next_id: int = 1
    queries: int = 0
    facet_row_reads: int = 0

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1


class FakeCatalogStore:
    def __init__(self, data: CatalogData) -> None:
        self.data = data

    def categories(self) -> list[CategoryNode]:
        return list(self.data.categories.values())

    def add_category(self, **fields: Any) -> int:
        cid = self.data.new_id()
        self.data.categories[cid] = CategoryNode(
            id=cid,
            parent_id=fields["parent_id"],
            slug=fields["slug"],
            name=fields["name"],
            name_i18n=dict(fields["name_i18n"]),
            position=fields["position"],
            facet_keys=tuple(fields["facet_keys"]),
            description=fields["description"],
        )
        return cid

    def update_category(
        self, category_id: int, *, name: str, name_i18n: dict[str, str], description: str
    ) -> None:
        node = self.data.categories[category_id]
        self.data.categories[category_id] = replace(
            node, name=name, name_i18n=dict(name_i18n), description=description
        )

    def delete_category(self, category_id: int) -> bool:
        held = any(r.category_id == category_id for r in self.data.products.values())
        parent = any(c.parent_id == category_id for c in self.data.categories.values())
        if held or parent or category_id not in self.data.categories:
            return False
        del self.data.categories[category_id]
        self.data.facet_tables.pop(category_id, None)
        return True

    def category_product_counts(self) -> dict[int, int]:
        counts: dict[int, int] = {}
        for record in self.data.products.values():
            if record.category_id is not None:
                counts[record.category_id] = counts.get(record.category_id, 0) + 1
        return counts

    def brands(self) -> list[BrandView]:
        return list(self.data.brands.values())

    def add_brand(self, *, slug: str, name: str) -> int:
        bid = self.data.new_id()
        self.data.brands[bid] = BrandView(id=bid, slug=slug, name=name)
        return bid

    def bump_facet_generations(self, category_ids: Collection[int] | None) -> None:
        for cid in self.data.categories if category_ids is None else category_ids:
            self.data.facet_generations[cid] = self.data.facet_generations.get(cid, 0) + 1

    def product_keys(self) -> dict[str, tuple[int, str, int | None]]:
        return {
            r.external_id: (pid, r.slug, r.category_id) for pid, r in self.data.products.items()
        }

    def lock_for_edit(self, product_ids: Collection[int]) -> None:
        del product_ids  # one process, one thread: nothing to lock

    def held_skus(self, skus: Collection[str]) -> set[str]:
        return self.data.held & set(skus)

    def product_record(self, product_id: int) -> ProductRecord | None:
        return self.data.products.get(product_id)

    def product_records(self, product_ids: Collection[int]) -> dict[int, ProductRecord]:
        return {pid: self.data.products[pid] for pid in product_ids if pid in self.data.products}

    def save_products(self, records: Sequence[ProductRecord]) -> list[int]:
        # The database's unique index on the SKU's key (migration 0056), checked before any
        # write as its refusal writes nothing of the call.
        held = {
            sku_key(v.sku): r.external_id for r in self.data.products.values() for v in r.variants
        }
        for record in records:
            for variant in record.variants:
                owner = held.setdefault(sku_key(variant.sku), record.external_id)
                if owner != record.external_id:
                    raise SkuTaken(f"SKU {variant.sku!r} is held by {owner!r}")
        ids = []
        for record in records:
            pid = record.id if record.id is not None else self.data.new_id()
            created = record.created_at or datetime.now(UTC)
            saved = replace(record, id=pid, created_at=created)
            before = self.data.products.get(pid)
            if before is not None:  # variants it has keep their stock (see the port)
                stock = {v.sku: v.stock for v in before.variants}
                kept = tuple(replace(v, stock=stock.get(v.sku, v.stock)) for v in saved.variants)
                saved = replace(saved, variants=kept)
            self.data.products[pid] = saved
            self.data.updated_at[pid] = datetime.now(UTC)
            ids.append(pid)
        return ids

    def sku_owners(self, skus: Collection[str]) -> dict[str, SkuOwner]:
        owners: dict[str, SkuOwner] = {}
        for record in self.data.products.values():
            for v in record.variants:
                for sku in (s for s in skus if sku_key(s) == sku_key(v.sku)):
                    owners[sku] = SkuOwner(record.external_id, v.sku)
        return owners

    def iter_product_records(self, batch_size: int = 500) -> Iterator[ProductRecord]:
        for pid in sorted(self.data.products):
            yield self.data.products[pid]


class FakeUnitOfWork:
    """Commits by swapping in a copy: a rolled-back unit of work leaves `data` untouched. A
    nested `with` joins the outer one, as in SqlUnitOfWork."""

    def __init__(self, data: CatalogData) -> None:
        self.data = data
        self.committed = False
        self.audits: list[AuditRecord] = []  # committed audit entries
        self._events: list[Event] = []
        self._audits: list[AuditRecord] = []
        self._published: list[Event] = []
        self._depth = 0

    def __enter__(self) -> FakeUnitOfWork:
        self._depth += 1
        if self._depth == 1:
            self._working = _copy(self.data)
            self.catalog = FakeCatalogStore(self._working)
            self._events, self._audits = [], []
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._depth -= 1
        if not self._depth:
            self._events, self._audits = [], []

    def commit(self) -> None:
        if self._depth > 1:
            return
        self.data.__dict__.update(_copy(self._working).__dict__)
        self._published.extend(self._events)
        self.audits.extend(self._audits)
        self._events, self._audits = [], []
        self.committed = True

    def rollback(self) -> None:
        self._events, self._audits = [], []

    def add_event(self, event: Event) -> None:
        self._events.append(event)

    def add_audit(self, entries: Sequence[AuditRecord]) -> None:
        self._audits.extend(entries)

    def collect_events(self) -> Iterator[Event]:
        while self._published:
            yield self._published.pop(0)


def _copy(data: CatalogData) -> CatalogData:
    # Every field carried over (a field added later too), the tables as copies of their own.
    return replace(
        data,
        categories=dict(data.categories),
        brands=dict(data.brands),
        products=dict(data.products),
        updated_at=dict(data.updated_at),
        facet_generations=dict(data.facet_generations),
        facet_tables=dict(data.facet_tables),
    )


class FakeCatalogReader:
    """Answers the read queries from CatalogData, counting them like the SQL adapter does."""

    def __init__(self, data: CatalogData) -> None:
        self.data = data

    def _active(self) -> list[tuple[int, ProductRecord]]:
        self.data.queries += 1
        return [
            (pid, r) for pid, r in self.data.products.items() if r.status is ProductStatus.ACTIVE
        ]

    def categories(self) -> list[CategoryNode]:
        self.data.queries += 1
        return list(self.data.categories.values())

    def brands(self) -> list[BrandView]:
        self.data.queries += 1
        return list(self.data.brands.values())

    def categories_with_products(self) -> list[int]:
        return sorted({r.category_id for _, r in self._active() if r.category_id is not None})

    def facet_rows(self, category_ids: Collection[int] | None) -> list[FacetRow]:
        self.data.facet_row_reads += 1
        rows = []
        for pid, record in self._active():
            if category_ids is not None and record.category_id not in category_ids:
                continue
            figures = rollup(record)
            rows.append(
                FacetRow(
                    product_id=pid,
                    category_id=record.category_id,
                    brand_id=record.brand_id,
                    price_minor=figures.price_minor,
                    rating=record.rating,
                    review_count=record.review_count,
                    created_ts=(record.created_at or datetime.now(UTC)).timestamp(),
                    featured=record.featured,
                    attributes=record.attributes,
                    variants=tuple(
                        FacetVariant(
                            v.options,
                            v.stock > 0,
                            v.price_minor,
                            v.compare_at_minor,
                            pid * 1000 + i,
                        )
                        for i, v in enumerate(record.variants)
                    ),
                )
            )
        return rows

    def _card(self, pid: int, record: ProductRecord) -> ProductCard:
        figures = rollup(record)
        brand = self.data.brands.get(record.brand_id) if record.brand_id else None
        return ProductCard(
            id=pid,
            slug=record.slug,
            title=record.title,
            brand_name=brand.name if brand else "",
            price_minor=figures.price_minor,
            compare_at_minor=figures.compare_at_minor,
            currency=record.currency,
            rating=record.rating,
            review_count=record.review_count,
            image_path=figures.image_path,
            in_stock=figures.stock > 0,
            price_varies=any(v.price_minor > figures.price_minor for v in record.variants),
        )

    def cards(self, product_ids: Sequence[int]) -> list[ProductCard]:
        active = dict(self._active())
        return [self._card(pid, active[pid]) for pid in product_ids if pid in active]

    def variant_pictures(self, variant_ids: Sequence[int]) -> dict[int, str]:
        shown: dict[int, str] = {}
        for pid, record in self._active():
            for vid, variant in enumerate(record.variants, start=pid * 1000):
                values = set(variant.options.values())
                own = variant.image_path or next(
                    (i.path for i in record.images if i.option_value in values), None
                )
                if vid in variant_ids and own:
                    shown[vid] = own
        return shown

    def home_picks(self, pick: HomePick, limit: int) -> list[ProductCard]:
        candidates = [(pid, r) for pid, r in self._active() if rollup(r).stock > 0]
        if pick == "featured":
            candidates = [(pid, r) for pid, r in candidates if r.featured]
        if pick == "best_rated":
            candidates = [(pid, r) for pid, r in candidates if r.review_count >= 5]
        if pick == "newest":
            candidates.sort(
                key=lambda c: (c[1].created_at or datetime.now(UTC), c[0]), reverse=True
            )
        else:
            candidates.sort(key=lambda c: (-popularity(c[1].rating, c[1].review_count), c[0]))
        return [self._card(pid, r) for pid, r in candidates[:limit]]

    def facet_snapshot(self, category_id: int) -> FacetSnapshot:
        self.data.queries += 1
        generation = self.data.facet_generations.get(category_id, 0)
        stored = self.data.facet_tables.get(category_id)
        valid = stored is not None and stored[0] == generation
        return FacetSnapshot(generation, stored[1] if stored and valid else None)

    def store_facet_snapshot(self, category_id: int, generation: int, data: bytes) -> None:
        stored = self.data.facet_tables.get(category_id)
        if stored is None or stored[0] <= generation:
            self.data.facet_tables[category_id] = (generation, data)

    def product_id(self, slug: str) -> int | None:
        self.data.queries += 1
        return next((pid for pid, r in self.data.products.items() if r.slug == slug), None)

    def skus_to_add(self, product_ids: Sequence[int]) -> dict[int, str]:
        return {
            pid: (record.variants[0].sku if len(record.variants) == 1 else "")
            for pid, record in self._active()
            if pid in product_ids and record.variants
        }

    def product_detail(self, slug: str) -> ProductDetail | None:
        for pid, record in self._active():
            if record.slug != slug:
                continue
            figures = rollup(record)
            brand = self.data.brands.get(record.brand_id) if record.brand_id else None
            return ProductDetail(
                id=pid,
                slug=record.slug,
                title=record.title,
                description=record.description,
                brand=brand,
                category_id=record.category_id,
                currency=record.currency,
                price_minor=figures.price_minor,
                compare_at_minor=figures.compare_at_minor,
                stock=figures.stock,
                rating=record.rating,
                review_count=record.review_count,
                attributes=figures.attributes,
                variants=tuple(
                    VariantView(
                        id=pid * 1000 + i,
                        sku=v.sku,
                        title=v.title,
                        options=v.options,
                        price_minor=v.price_minor,
                        compare_at_minor=v.compare_at_minor,
                        stock=v.stock,
                        image_path=v.image_path,
                    )
                    for i, v in enumerate(record.variants)
                ),
                images=tuple(ImageView(i.path, i.alt, i.option_value) for i in record.images),
                image_path=figures.image_path,
                created_at=record.created_at or datetime.now(UTC),
                updated_at=self.data.updated_at.get(pid, datetime.now(UTC)),
            )
        return None


class FakeMediaStore:
    def __init__(self) -> None:
        self.files: dict[str, str] = {}
        self.blobs: dict[str, bytes] = {}

    def write_text(self, relative_path: str, text: str) -> str:
        self.files[relative_path] = text
        return f"/media/{relative_path}"

    def write_bytes(self, relative_path: str, data: bytes) -> str:
        self.blobs[relative_path] = data
        return f"/media/{relative_path}"

    def exists(self, relative_path: str) -> bool:
        return relative_path in self.files or relative_path in self.blobs
