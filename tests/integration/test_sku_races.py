"""Two saves at the same moment giving one SKU in different capitals ("SKU-1-0", "sku-1-0"), on
real SQLite and PostgreSQL: each passes the shop's check before the other commits, and the
database's unique index on the SKU's key (migration 0056) refuses the second. Whoever saves
it, the admin's product form, a catalog import or the demo seed, is told as the check tells
it, and nothing of it is written; the first save stands.

The race is lined up by blinding the check (`check_ran_before_the_rival_saved`): SQLite
takes its one write lock before the check, so that there two saves never truly interleave;
on PostgreSQL they do, and the last test runs the real race with two sessions."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from models.records import ProductRecord
from models.types import utc_now
from storefront.adapters.sql_catalog import SqlCatalogStore
from storefront.bootstrap import Shop
from storefront.i18n import translations
from storefront.services.admin.product_form import ProductForm, VariantForm
from storefront.services.admin.product_writes import create_product, product_form_of, update_product
from storefront.services.catalog_csv import CatalogFileInvalid, parse_catalog, save_catalog
from storefront.services.catalog_writer import save_drafts
from storefront.services.demo.generator import generate_demo_catalog
from storefront.services.errors import Refusal
from storefront.services.ports import SkuOwner
from tests.integration.admin_fixtures import admin_of, staff_of, team_sessions
from tests.integration.catalog_fixtures import seed_small_catalog
from tests.integration.cli_runs import cli_here
from tests.integration.db_locks import wait_until_waiting_on_a_lock
from tests.unit.conftest import draft

TAKEN = "admin.product.error.sku_taken"
FILE = (
    "product_id,title,description,category,brand,price,stock,sku\n"
    "IMP-1,Walnut side table,Oiled walnut.,Furniture > Tables,Aalto,149.00,4,IMP-1-A\n"
    "IMP-2,Linen cushion,Stonewashed.,Home > Textiles,,39.90,12,sku-1-0\n"
)


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    shop = make_shop(database_url)
    seed_small_catalog(shop)  # P1 holds SKU-1-0: the rival's save, committed
    return shop


@contextmanager
def check_ran_before_the_rival_saved(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Every SKU check made before a save writes sees no SKU of the shop, as one that ran
    before the rival's save committed; from the first write on, the shop as it is. Yields
    the number of saves the database refused a SKU to (it alone can refuse here)."""
    real_owners, real_save = SqlCatalogStore.sku_owners, SqlCatalogStore.save_products
    writing, refused = threading.Event(), [0]

    def owners(self: SqlCatalogStore, skus: Collection[str]) -> dict[str, SkuOwner]:
        return real_owners(self, skus) if writing.is_set() else {}

    def save(self: SqlCatalogStore, records: Sequence[ProductRecord]) -> list[int]:
        writing.set()
        try:
            return real_save(self, records)
        except Exception:
            refused[0] += 1
            raise

    with monkeypatch.context() as patch:
        patch.setattr(SqlCatalogStore, "sku_owners", owners)
        patch.setattr(SqlCatalogStore, "save_products", save)
        yield refused


def rows(shop: Shop, sql: str, **params: object) -> list[tuple[Any, ...]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql), params)]


def holders(shop: Shop, sku: str) -> list[tuple[str, str]]:
    """The variants holding `sku` in any capitals, as (product, SKU)."""
    return rows(
        shop,
        "select p.external_id, v.sku from variant v join product p on p.id = v.product_id"
        " where lower(v.sku) = lower(:sku) order by p.external_id",
        sku=sku,
    )


def stool(shop: Shop, *skus: str, **changes: object) -> ProductForm:
    chairs = rows(shop, "select id from category where name = 'Chairs'")[0][0]
    form = ProductForm(
        title="Bar stool",
        category_id=chairs,
        brand="A brand of its own",
        status="active",
        variants=tuple(
            VariantForm(sku=sku, price="89.90", stock="1", options=f"height={n}")
            for n, sku in enumerate(skus)
        ),
    )
    return replace(form, **changes)  # type: ignore[arg-type]


def test_a_new_product_racing_for_a_sku_is_refused_on_its_field_and_writes_nothing(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = rows(shop, "select count(*), (select count(*) from outbox_message) from product")
    with check_ran_before_the_rival_saved(monkeypatch) as refused, pytest.raises(Refusal) as caught:
        shop.run(create_product, stool(shop, "STOOL-1", "sku-1-0"), currency="EUR")
    assert refused == [1]
    assert (caught.value.code, caught.value.fields) == (
        "admin.product.error.invalid",
        {"variants.1.sku": TAKEN},
    )
    assert translations(TAKEN)["en"] == "Another product uses this SKU (in capitals or not)."
    assert (
        rows(shop, "select count(*), (select count(*) from outbox_message) from product") == before
    )
    assert rows(shop, "select count(*) from brand where name = 'A brand of its own'") == [(0,)]
    assert holders(shop, "SKU-1-0") == [("P1", "SKU-1-0")]
    assert holders(shop, "STOOL-1") == []


def test_a_product_edit_racing_for_a_sku_is_refused_on_its_field_and_keeps_the_product(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = rows(shop, "select id from product where external_id = 'P2'")[0][0]
    form = shop.run(product_form_of, pid)
    added = (*form.variants, VariantForm(sku="sku-1-0", price="5", options="colour=Teal"))
    edited = replace(form, title="Renamed", variants=added)
    with check_ran_before_the_rival_saved(monkeypatch) as refused, pytest.raises(Refusal) as caught:
        shop.run(update_product, pid, edited)
    assert refused == [1]
    assert caught.value.fields == {f"variants.{len(added) - 1}.sku": TAKEN}
    assert rows(shop, "select title from product where id = :id", id=pid) == [("Chair number 2",)]
    assert holders(shop, "SKU-1-0") == [("P1", "SKU-1-0")]
    with pytest.raises(Refusal) as checked:  # told as the check tells it
        shop.run(update_product, pid, edited)
    assert (checked.value.code, checked.value.fields) == (caught.value.code, caught.value.fields)


def test_a_catalog_import_racing_for_a_sku_is_refused_naming_its_row_and_writes_nothing(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The admin's apply asks for a new preview (the shop changed since); the file, checked
    again or imported from the command line, is refused on its row as the check refuses it."""
    staff = staff_of(shop, team_sessions(shop).staff)
    imports = admin_of(shop).imports
    products = rows(shop, "select count(*), (select count(*) from category) from product")
    with check_ran_before_the_rival_saved(monkeypatch) as refused:
        preview = imports.preview(staff, "a.csv", FILE.encode(), "auto", utc_now())
        assert (preview.created, preview.problems) == (2, ())
        with pytest.raises(Refusal) as caught:
            imports.apply(staff, preview.token, utc_now())
    assert refused == [1]
    assert caught.value.code == "admin.import.error.changed"
    assert rows(shop, "select count(*), (select count(*) from category) from product") == products
    assert holders(shop, "IMP-1-A") == []
    assert holders(shop, "SKU-1-0") == [("P1", "SKU-1-0")]
    again = imports.preview(staff, "a.csv", FILE.encode(), "auto", utc_now())
    assert [(p.line, p.column, p.reason) for p in again.problems] == [
        (3, "sku", '"sku-1-0" is "SKU-1-0" of product "P1" in the shop')
    ]
    parsed = parse_catalog(io.StringIO(FILE))  # as the command line imports it
    with (
        check_ran_before_the_rival_saved(monkeypatch) as refused,
        pytest.raises(CatalogFileInvalid) as invalid,
    ):
        shop.run(save_catalog, parsed)
    assert refused == [1]
    assert [(p.line, p.reason) for p in invalid.value.problems] == [
        (3, '"sku-1-0" is "SKU-1-0" of product "P1" in the shop')
    ]
    assert rows(shop, "select count(*), (select count(*) from category) from product") == products


def test_the_demo_seed_racing_for_a_sku_is_refused_naming_it_and_writes_nothing(
    database_url: str,
    make_shop: Callable[..., Shop],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    shop = make_shop(database_url)
    sku = generate_demo_catalog(1, seed=2026).products[0].variants[0].sku
    shop.run(
        save_drafts,
        [draft(1, external_id="RIVAL", variants=(replace(draft(1).variants[0], sku=sku.lower()),))],
    )
    with check_ran_before_the_rival_saved(monkeypatch) as refused:
        done = cli_here(
            monkeypatch,
            capsys,
            tmp_path,
            "seed",
            "--count",
            "3",
            DATABASE_URL=database_url,
            BOUTIQUE_MEDIA_DIR=str(tmp_path / "media"),
        )
    assert refused == [1]
    assert (done.returncode, done.stderr) == (
        1,
        f"seed refused: SKU {sku!r} already belongs to product 'RIVAL' (as {sku.lower()!r});"
        " nothing was written\n",
    )
    assert rows(shop, "select external_id from product") == [("RIVAL",)]
    assert rows(shop, "select name from category order by id") == [("Furniture",), ("Chairs",)]
    assert holders(shop, sku) == [("RIVAL", sku.lower())]


def test_two_product_forms_saving_one_sku_at_once_on_postgresql_one_saves_one_is_told(
    postgres_url: str, make_shop: Callable[..., Shop]
) -> None:
    """The real race, unblinded: the first save has written "RACE-1" and not committed when
    the second, which found it free, writes "race-1" and waits on the index; the first
    commits, and the second is refused on its field, as the check refuses it."""
    shop = make_shop(postgres_url)
    seed_small_catalog(shop)
    assert shop.engine is not None
    real_save = SqlCatalogStore.save_products
    first_wrote, go_on = threading.Event(), threading.Event()

    def save(self: SqlCatalogStore, records: Sequence[ProductRecord]) -> list[int]:
        ids = real_save(self, records)
        if records[0].title == "Bar stool":  # the first, held uncommitted
            first_wrote.set()
            assert go_on.wait(30)
        return ids

    # No brand, another title: the two would wait on each other's brand and slug too.
    first_form = stool(shop, "RACE-1", brand=None)
    second_form = stool(shop, "race-1", brand=None, title="Counter stool")
    with pytest.MonkeyPatch.context() as patch, ThreadPoolExecutor(2) as saves:
        patch.setattr(SqlCatalogStore, "save_products", save)
        try:
            first = saves.submit(shop.run, create_product, first_form, currency="EUR")
            assert first_wrote.wait(30)
            second = saves.submit(shop.run, create_product, second_form, currency="EUR")
            wait_until_waiting_on_a_lock(shop.engine)  # past the check, on the first's SKU
        finally:
            go_on.set()
        first_id = first.result(timeout=30)
        with pytest.raises(Refusal) as caught:
            second.result(timeout=30)
    assert (caught.value.code, caught.value.fields) == (
        "admin.product.error.invalid",
        {"variants.0.sku": TAKEN},
    )
    owner = rows(shop, "select external_id from product where id = :id", id=first_id)[0][0]
    assert holders(shop, "race-1") == [(owner, "RACE-1")]
    assert rows(shop, "select count(*) from product where title = 'Counter stool'") == [(0,)]
