"""Unit-test wiring: the real bootstrap with in-memory fakes for the database and media."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from models.records import ImageRecord, VariantRecord
from storefront.adapters.cache import InProcessCache
from storefront.bootstrap import Shop, build_shop
from storefront.services.catalog_names import CategorySpec
from storefront.services.catalog_writer import ProductDraft, save_drafts
from tests.conftest import settings_for
from tests.fakes import CatalogData, FakeCatalogReader, FakeMediaStore, FakeUnitOfWork

T0 = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture
def data() -> CatalogData:
    return CatalogData()


@pytest.fixture
def fake_shop(data: CatalogData, tmp_path: Path) -> Shop:
    return build_shop(
        settings_for("sqlite://", tmp_path),
        cache=InProcessCache(),
        reader=FakeCatalogReader(data),
        uow_factory=lambda: FakeUnitOfWork(data),
        media=FakeMediaStore(),
        query_counter=lambda: data.queries,
    )


def draft(
    n: int,
    *,
    category: tuple[str, ...] = ("Furniture", "Chairs"),
    brand: str = "Aalto",
    price: int = 10_000,
    stock: int = 5,
    colours: tuple[str, ...] = ("Oak",),
    **extra: object,
) -> ProductDraft:
    """A small product with one variant per colour."""
    variants = tuple(
        VariantRecord(
            sku=f"SKU-{n}-{i}", price_minor=price + i * 100, stock=stock, options={"colour": c}
        )
        for i, c in enumerate(colours)
    )
    values: dict[str, object] = {
        "external_id": f"P{n}",
        "title": f"Chair number {n}",
        "description": "A sturdy chair.",
        "currency": "EUR",
        "variants": variants,
        "category_path": category,
        "brand": brand,
        "attributes": {"material": ("Oak",)},
        "images": (ImageRecord(path=f"/media/products/P{n}.svg"),),
        "created_at": T0 + timedelta(days=n),
        "rating": 4.0,
        "review_count": 10,
    }
    values |= extra
    return ProductDraft(**values)  # type: ignore[arg-type]


CHAIRS = CategorySpec(("Furniture", "Chairs"), {"fr": "Chaises"}, ("colour", "material"))
TABLES = CategorySpec(("Furniture", "Tables"), {"fr": "Tables"}, ("material",))


@pytest.fixture
def seeded(fake_shop: Shop) -> Shop:
    """A fake shop with 30 chairs and 10 tables over two brands."""
    drafts = [
        draft(
            n,
            brand="Aalto" if n % 2 else "Birch & Co",
            price=5_000 + n * 1_000,
            stock=0 if n % 10 == 0 else 5,
            colours=("Red", "Navy Blue") if n % 3 else ("Green",),
        )
        for n in range(1, 31)
    ]
    drafts += [draft(n, category=("Furniture", "Tables"), price=20_000 + n) for n in range(31, 41)]
    fake_shop.run(save_drafts, drafts, categories=[CHAIRS, TABLES])
    return fake_shop
