"""Catalog import from the admin (check, preview, apply all or nothing) and the staff-only CSV
download, on real SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from starlette.routing import Route
from starlette.testclient import TestClient

from models.admin import Role
from models.types import utc_now
from state.admin.catalog_io import AdminImportState, problem_item
from state.admin.guard import said as problem_text
from storefront.api.routes import build_api
from storefront.bootstrap import Shop
from storefront.services.accounts.service import SESSION_COOKIE
from storefront.services.admin.access import AccessDenied, Permission, Staff
from storefront.services.catalog_csv import import_catalog
from storefront.services.errors import Refusal
from storefront.services.product_edits import set_variant_price
from tests.integration.admin_fixtures import (
    OWN,
    admin_of,
    exported_catalog,
    post_export,
    staff_of,
    team_sessions,
    unwritable_audit,
)
from tests.integration.test_admin_authorization import state_at

GOOD = (
    "product_id,title,description,category,brand,price,stock,sku\n"
    "IMP-1,Walnut side table,A small table in oiled walnut.,Furniture > Tables,Aalto,"
    "149.00,4,IMP-1-A\n"
    "IMP-2,Linen cushion,Stonewashed linen cover with a feather insert.,Home > Textiles,,"
    "39.90,12,IMP-2-A\n"
)
BAD = (
    "product_id,title,description,category,brand,price,stock,sku\n"
    "IMP-1,Walnut side table,A small table.,Furniture > Tables,Aalto,149.00,4,IMP-1-A\n"
    "IMP-2,,No title here.,Home > Textiles,,12.0.0,-3,IMP-2-A\n"
)

FULL = (  # every column: a file that updates products must not reset any (catalog_csv)
    "product_id,title,description,category,brand,price,compare_at_price,stock,sku,options,"
    "attributes,image,variant_image,status,featured,rating,review_count\n"
    "IMP-1,Walnut side table,Oiled walnut.,Furniture > Tables,Aalto,149.00,,4,IMP-1-A,,"
    ",,,active,false,0,0\n"
    "IMP-2,Linen cushion,Stonewashed.,Home > Textiles,,39.90,,12,IMP-2-A,,,,,active,false,0,0\n"
)


@pytest.fixture
def shop(current_shop: Shop) -> Shop:
    return current_shop


def product_count(shop: Shop) -> int:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return int(connection.execute(text("select count(*) from product")).scalar_one())


def staged_count(shop: Shop) -> int:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return int(connection.execute(text("select count(*) from catalog_import")).scalar_one())


def test_a_bad_file_is_refused_row_by_row_and_nothing_is_written(shop: Shop) -> None:
    staff = staff_of(shop, team_sessions(shop).staff)
    preview = admin_of(shop).imports.preview(staff, "bad.csv", BAD.encode(), "auto", utc_now())
    assert preview.token == ""
    assert [(p.line, p.column) for p in preview.problems] == [
        (3, "title"),
        (3, "price"),
        (3, "stock"),
    ]
    assert preview.problem_count == 3
    assert (product_count(shop), staged_count(shop)) == (0, 0)
    header_only = GOOD.splitlines()[0].encode() + b"\n\n"
    for data, code in ((b"", "empty"), (header_only, "empty"), (b"\xff\xfe bad", "encoding")):
        with pytest.raises(Refusal) as refused:
            admin_of(shop).imports.preview(staff, "x.csv", data, "auto", utc_now())
        assert refused.value.code == f"admin.import.error.{code}"


def test_a_refused_files_problems_read_in_french_on_the_french_admin(shop: Shop) -> None:
    shop.run(import_catalog, io.StringIO(GOOD))
    staff = staff_of(shop, team_sessions(shop).staff)
    imports = admin_of(shop).imports
    file = BAD.replace("IMP-1,Walnut side table", "IMP-9,Walnut side table") + (
        "IMP-3,Oak stool,Solid oak.,Furniture,,1x,2.5,IMP-3-A\n"
        "IMP-4,Oak bench,Solid oak.,Furniture,,80.00,1,IMP-4-A\n"
        "IMP-5,Ash bench,Solid ash.,Furniture,,90.00,1,IMP-4-A\n"
    )
    refused = imports.preview(staff, "bad.csv", file.encode(), "auto", utc_now())
    shown = [problem_item(p) for p in refused.problems]
    assert [(p.line, p.column, p.reason_fr) for p in shown] == [
        (
            2,
            "sku",
            "«\u202fIMP-1-A\u202f» appartient déjà au produit «\u202fIMP-1\u202f» de la boutique",
        ),
        (3, "title", "est vide"),
        (3, "price", "«\u202f12.0.0\u202f» n’est pas un montant"),
        (3, "stock", "«\u202f-3\u202f» est négatif"),
        (4, "price", "«\u202f1x\u202f» n’est pas un montant"),
        (4, "stock", "«\u202f2.5\u202f» n’est pas un nombre entier"),
        (6, "sku", "«\u202fIMP-4-A\u202f» est déjà utilisée à la ligne 5"),
    ]  # French quotes (QA)
    # The English admin shows the services' own words (the command line's too).
    assert [p.reason for p in shown] == [p.reason for p in refused.problems]
    header = imports.preview(staff, "x.csv", b"name,cost\nLamp,12\n", "auto", utc_now())
    (unknown,) = [problem_item(p) for p in header.problems]
    assert unknown.reason == header.problems[0].reason
    assert unknown.reason_fr.startswith(
        "format du fichier non reconnu\u202f: il manque les colonnes"
    )
    header_at_fault = (
        "product_id,title,description,featured,title\nP-1,Oak stool,Oak.,false,Oak stool\n"
    )
    faults = imports.preview(staff, "x.csv", header_at_fault.encode(), "auto", utc_now())
    assert [problem_item(p).reason_fr for p in faults.problems] == [
        "colonnes nommées deux fois\u202f: title",
    ]
    rows_at_fault = (
        "product_id,title,description,price,featured\n"
        'P-1,Oak stool,Oak.,"1,000",maybe\n'
        "P-1,Oak stools,Oak.,12.00,false\n"
        "P-2,Ash stool,Ash.\n"
    )
    faults = imports.preview(staff, "x.csv", rows_at_fault.encode(), "auto", utc_now())
    shown = [problem_item(p) for p in faults.problems]
    assert [p.reason_fr for p in shown] == [
        "«\u202fmaybe\u202f» n’est ni true ni false",
        "«\u202f1,000\u202f» est ambigu\u202f: écrivez-le sans séparateur de milliers",
        "«\u202fOak stools\u202f» diffère de «\u202fOak stool\u202f» à la ligne 2 "
        "pour le même produit",
        "«\u202ffalse\u202f» diffère de «\u202fmaybe\u202f» à la ligne 2 pour le même produit",
        "3 champs là où l’en-tête en a 5 "
        "(un séparateur manquant ou en trop, ou un guillemet non fermé\u202f?)",
    ]
    assert [p.reason for p in shown] == [p.reason for p in faults.problems]
    decimals = imports.preview(
        staff,
        "x.csv",
        b"product_id,title,description,price\nP-1,A,Oak.,12.999\n",
        "auto",
        utc_now(),
    )
    assert [problem_item(p).reason_fr for p in decimals.problems] == [
        "«\u202f12.999\u202f» a plus de 2 décimales pour la devise EUR "
        "(écrivez les montants comme 1000 ou 12.90, sans séparateur de milliers)"
    ]
    assert (product_count(shop), staged_count(shop)) == (2, 0)  # GOOD only
    # A French spreadsheet's "CSV": semicolons, a decimal comma. Read, not refused (QA).
    semicolons = imports.preview(
        staff,
        "x.csv",
        "product_id;title;description;price\nP-1;Tabouret;Chêne.;12,50\n".encode(),
        "auto",
        utc_now(),
    )
    assert (semicolons.problems, semicolons.products, semicolons.created) == ((), 1, 1)
    assert (product_count(shop), staged_count(shop)) == (2, 1)  # staged, not written


def test_the_preview_names_skus_the_shop_owns_beside_the_files_own_problems(shop: Shop) -> None:
    shop.run(import_catalog, io.StringIO(GOOD))
    staff = staff_of(shop, team_sessions(shop).staff)
    clash = BAD.replace("IMP-1,Walnut side table", "IMP-9,Walnut side table")  # IMP-1's SKU
    preview = admin_of(shop).imports.preview(staff, "bad.csv", clash.encode(), "auto", utc_now())
    assert [(p.line, p.column) for p in preview.problems] == [
        (2, "sku"),
        (3, "title"),
        (3, "price"),
        (3, "stock"),
    ]
    assert "already belongs to product" in preview.problems[0].reason


def test_a_good_file_is_previewed_then_applied_once_with_progress(shop: Shop) -> None:
    sessions = team_sessions(shop)
    staff = staff_of(shop, sessions.staff)
    imports = admin_of(shop).imports
    preview = imports.preview(staff, "good.csv", GOOD.encode(), "auto", utc_now())
    assert (preview.file_format, preview.products, preview.created, preview.updated) == (
        "generic",
        2,
        2,
        0,
    )
    assert [(s.external_id, s.price, s.stock) for s in preview.sample] == [
        ("IMP-1", "149.00", 4),
        ("IMP-2", "39.90", 12),
    ]
    # A new shop: every category of the file is new.
    assert preview.new_categories == ("Furniture", "Furniture › Tables", "Home", "Home › Textiles")
    assert product_count(shop) == 0  # a preview writes nothing to the catalog
    with pytest.raises(AccessDenied):
        imports.apply(Staff(0, "shopper@example.com", Role.SHOPPER), preview.token, utc_now())
    seen: list[int] = []
    summary = imports.apply(staff, preview.token, utc_now(), seen.append)
    assert (summary.created, summary.updated) == (2, 0)
    assert seen[-1:] == [2]
    assert product_count(shop) == 2
    with pytest.raises(Refusal) as again:
        imports.apply(staff, preview.token, utc_now())
    assert again.value.code == "admin.import.error.applied"
    assert shop.catalog.product("walnut-side-table") is not None


def test_the_preview_names_the_categories_made_and_counts_only_products_changed(
    shop: Shop,
) -> None:
    """A typo in a category path makes a new category: the preview lists it. The same file
    again, one product edited, updates that one (and the apply says so)."""
    staff = staff_of(shop, team_sessions(shop).staff)
    imports = admin_of(shop).imports
    imports.apply(
        staff, imports.preview(staff, "a.csv", FULL.encode(), "auto", utc_now()).token, utc_now()
    )
    edited = FULL.replace("Linen cushion", "Large linen cushion").replace(
        "Home > Textiles", "Home > Textilez"
    )
    preview = imports.preview(staff, "b.csv", edited.encode(), "auto", utc_now())
    assert (preview.created, preview.updated, preview.unchanged) == (0, 1, 1)
    assert preview.new_categories == ("Home › Textilez",)
    summary = imports.apply(staff, preview.token, utc_now())
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    again = imports.preview(staff, "c.csv", edited.encode(), "auto", utc_now())
    assert (again.created, again.updated, again.unchanged, again.new_categories) == (0, 0, 2, ())
    # Applied anyway (the page offers no Apply then): nothing is written, nor audited.
    before = audit_entries(shop)
    nothing = imports.apply(staff, again.token, utc_now())
    assert (nothing.created, nothing.updated, nothing.unchanged) == (0, 0, 2)
    assert audit_entries(shop) == before


def test_a_category_path_in_other_capitals_is_the_shops_category_in_preview_and_apply(
    shop: Shop,
) -> None:
    """QA: "lighting > table lamps" made a second department "lighting" (slug lighting-2)
    beside the shop's "Lighting". It is the shop's Lighting › Table lamps, whatever the capitals
    and spaces, in the preview and the apply."""
    staff = staff_of(shop, team_sessions(shop).staff)
    imports = admin_of(shop).imports
    header = "product_id,title,description,category,price,stock,status\n"
    first = header + "LAMP-1,Brass lamp,A lamp.,Lighting > Table lamps,10,1,active\n"
    imports.apply(
        staff, imports.preview(staff, "a.csv", first.encode(), "auto", utc_now()).token, utc_now()
    )
    repro = header + "CAT-1,Cat test one lamp,A lamp.,lighting >  TABLE LAMPS ,10,1,active\n"
    preview = imports.preview(staff, "b.csv", repro.encode(), "auto", utc_now())
    assert (preview.created, preview.new_categories) == (1, ())
    imports.apply(staff, preview.token, utc_now())
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        categories = connection.execute(
            text("select id, slug, name, parent_id from category order by id")
        ).all()
        placed = connection.execute(
            text("select external_id, category_id from product order by external_id")
        ).all()
    assert [(slug, name) for _, slug, name, _ in categories] == [
        ("lighting", "Lighting"),
        ("table-lamps", "Table lamps"),
    ]
    assert placed == [("CAT-1", categories[1][0]), ("LAMP-1", categories[1][0])]
    # A new child of a known department is named under the shop's spelling of it.
    child = header + "CAT-2,Floor lamp,A lamp.,LIGHTING > Floor lamps,10,1,active\n"
    preview = imports.preview(staff, "c.csv", child.encode(), "auto", utc_now())
    assert preview.new_categories == ("Lighting › Floor lamps",)


def test_a_product_edited_since_the_preview_refuses_the_apply_and_nothing_is_undone(
    shop: Shop,
) -> None:
    """A colleague edits a product of the file between its preview and its apply: applying
    would write the file's old values over the edit, unseen (QA). Refused, nothing written;
    checked again, the file applies. A sale or a review meanwhile is no edit: it applies."""
    staff = staff_of(shop, team_sessions(shop).staff)
    imports = admin_of(shop).imports
    imports.apply(
        staff, imports.preview(staff, "a.csv", FULL.encode(), "auto", utc_now()).token, utc_now()
    )
    repriced = FULL.replace("39.90", "35.00")
    preview = imports.preview(staff, "b.csv", repriced.encode(), "auto", utc_now())
    assert (preview.updated, preview.unchanged) == (1, 1)
    walnut = shop.catalog.product("walnut-side-table")
    assert walnut is not None
    shop.run(set_variant_price, walnut.product.id, "IMP-1-A", 12_300)  # the colleague
    with pytest.raises(Refusal) as refused:
        imports.apply(staff, preview.token, utc_now())
    assert (refused.value.code, refused.value.params) == ("admin.import.error.edited", {"count": 1})
    assert prices(shop) == {"IMP-1-A": 12_300, "IMP-2-A": 3_990}  # nothing of the file
    said = problem_text(refused.value, "EUR")
    # Which product: the message named none (QA).
    assert said["en"].startswith(
        "A product of this file was changed in the shop since its check: "
        "IMP-1 (Walnut side table). Importing"
    )
    assert said["fr"].startswith(
        "Un produit de ce fichier a été modifié dans la boutique depuis sa vérification\u202f: "
        "IMP-1 (Walnut side table). L’importer"
    )

    again = imports.preview(staff, "b.csv", repriced.encode(), "auto", utc_now())
    assert (again.updated, again.unchanged) == (2, 0)  # the colleague's price shows as a change
    assert shop.engine is not None
    with shop.engine.begin() as connection:  # sold meanwhile, a review published: no edit
        connection.execute(text("update variant set stock = 1 where sku = 'IMP-1-A'"))
        connection.execute(text("update product set rating = 4.5, review_count = 1"))
    imports.apply(staff, again.token, utc_now())
    assert prices(shop) == {"IMP-1-A": 14_900, "IMP-2-A": 3_500}


def test_several_products_edited_since_the_preview_are_named_the_first_few_and_counted(
    shop: Shop,
) -> None:
    staff = staff_of(shop, team_sessions(shop).staff)
    imports = admin_of(shop).imports
    four = FULL + "".join(
        f"IMP-{n},Stool {n},Low.,Furniture > Chairs,Aalto,59.00,,7,IMP-{n}-A,,,,,active,false,0,0\n"
        for n in (3, 4)
    )
    imports.apply(
        staff, imports.preview(staff, "a.csv", four.encode(), "auto", utc_now()).token, utc_now()
    )
    preview = imports.preview(
        staff, "b.csv", four.replace(",Low.,", ",Taller.,").encode(), "auto", utc_now()
    )
    assert shop.engine is not None
    with shop.engine.begin() as connection:  # colleagues reprice every product meanwhile
        connection.execute(text("update variant set price_minor = price_minor + 100"))
        connection.execute(text("update product set price_minor = price_minor + 100"))

    with pytest.raises(Refusal) as refused:
        imports.apply(staff, preview.token, utc_now())

    said = problem_text(refused.value, "EUR")
    assert said["en"].startswith(
        "4 products of this file were changed in the shop since its check: "
        "IMP-1 (Walnut side table), IMP-2 (Linen cushion), IMP-3 (Stool 3), …. Importing"
    )


def prices(shop: Shop) -> dict[str, int]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(text("select sku, price_minor from variant order by sku"))
        return {str(sku): int(price) for sku, price in rows}


def test_the_preview_shows_the_shops_stock_for_variants_it_has_as_the_import_keeps_it(
    shop: Shop,
) -> None:
    """An import never moves the stock of a variant the shop has: the preview showed the
    file's figure for it all the same, a stock the shop would not have."""
    staff = staff_of(shop, team_sessions(shop).staff)
    imports = admin_of(shop).imports
    imports.apply(
        staff, imports.preview(staff, "a.csv", FULL.encode(), "auto", utc_now()).token, utc_now()
    )
    assert shop.engine is not None
    with shop.engine.begin() as connection:  # sold and restocked since the file was made
        connection.execute(text("update variant set stock = 9 where sku = 'IMP-1-A'"))
    edited = FULL.replace(",4,IMP-1-A", ",50,IMP-1-A") + (
        "IMP-3,Oak stool,Low.,Furniture > Chairs,Aalto,59.00,,7,IMP-3-A,,,,,active,false,0,0\n"
    )

    preview = imports.preview(staff, "b.csv", edited.encode(), "auto", utc_now())

    sample = [(s.external_id, s.stock, s.kept_stock, s.stock_ignored) for s in preview.sample]
    assert sample == [  # new and changed first
        ("IMP-3", 7, 0, False),  # new: the file's
        ("IMP-1", 9, 1, True),  # the shop's, the file's 50 ignored, and the row says so
        ("IMP-2", 12, 1, False),
    ]
    assert preview.sample[1].file_stock == 50
    imports.apply(staff, preview.token, utc_now())
    with shop.engine.connect() as connection:
        stock = "select sku, stock from variant order by sku"
        assert connection.execute(text(stock)).all() == [
            ("IMP-1-A", 9),
            ("IMP-2-A", 12),
            ("IMP-3-A", 7),
        ]


def test_the_preview_shows_prices_old_to_new_and_warns_of_a_slip_it_still_applies(
    shop: Shop,
) -> None:
    """An Excel-style "9,90 €" for a 149.00 table: the preview showed 9.90 alone, mixed with
    unchanged products, and the file was applied unnoticed (QA). It shows the price old → new,
    the rows changed first, and counts the slip; applying is still allowed."""
    staff = staff_of(shop, team_sessions(shop).staff)
    imports = admin_of(shop).imports
    imports.apply(
        staff, imports.preview(staff, "a.csv", FULL.encode(), "auto", utc_now()).token, utc_now()
    )
    slipped = FULL.replace("149.00", '"9,90 €"').replace("Linen cushion", "Linen cushion in grey")

    preview = imports.preview(staff, "b.csv", slipped.encode(), "auto", utc_now())

    rows = {s.external_id: s for s in preview.sample}
    assert [(s.external_id, s.status) for s in preview.sample] == [
        ("IMP-1", "changed"),
        ("IMP-2", "changed"),
    ]
    assert (rows["IMP-1"].price_changes, rows["IMP-1"].price_alarm) == (
        ("IMP-1-A: 149.00 → 9.90",),
        True,
    )
    assert (rows["IMP-2"].old_title, rows["IMP-2"].price_changes) == ("Linen cushion", ())
    assert (preview.price_changes, preview.price_alarms) == (1, 1)
    assert preview.price_alarm_examples == ("IMP-1 · IMP-1-A: 149.00 → 9.90",)
    imports.apply(staff, preview.token, utc_now())  # a warning, not a refusal
    assert prices(shop)["IMP-1-A"] == 990

    again = imports.preview(staff, "c.csv", slipped.encode(), "auto", utc_now())
    assert [s.status for s in again.sample] == ["unchanged", "unchanged"]
    assert (again.price_changes, again.price_alarms) == (0, 0)


def test_the_preview_names_the_variants_applying_deletes_with_their_stock(shop: Shop) -> None:
    """A file of one row of a two-variant product deletes the other variant, and its
    stock: the preview said nothing of it (QA)."""
    staff = staff_of(shop, team_sessions(shop).staff)
    imports = admin_of(shop).imports
    header, walnut, cushion = FULL.splitlines()
    small = walnut.replace(",IMP-1-A,,", ",IMP-1-A,size=S,")
    large = walnut.replace(",4,IMP-1-A,,", ",6,IMP-1-B,size=L,")
    both = "\n".join((header, small, large, cushion)) + "\n"
    imports.apply(
        staff, imports.preview(staff, "a.csv", both.encode(), "auto", utc_now()).token, utc_now()
    )
    kept = imports.preview(staff, "b.csv", both.encode(), "auto", utc_now())
    assert (kept.removed_variants, kept.removed_units, kept.removed_skus) == (0, 0, ())

    preview = imports.preview(
        staff, "c.csv", f"{header}\n{small}\n{cushion}\n".encode(), "auto", utc_now()
    )
    assert (preview.removed_variants, preview.removed_units, preview.removed_skus) == (
        1,
        6,
        ("IMP-1-B",),
    )
    imports.apply(staff, preview.token, utc_now())
    assert set(prices(shop)) == {"IMP-1-A", "IMP-2-A"}  # as the preview said


def test_a_shopify_file_with_a_blank_first_line_and_padded_headers_applies(shop: Shop) -> None:
    """Applied as the preview read it: the staged format is the one the check detected."""
    staff = staff_of(shop, team_sessions(shop).staff)
    imports = admin_of(shop).imports
    data = (
        "\n"
        "Handle, Title, Option1 Name, Option1 Value, Variant SKU, Variant Inventory Qty,"
        " Variant Price, Status\n"
        "tee,Tee,Size,S,TEE-S,3,10.00,active\n"
    )
    preview = imports.preview(staff, "shopify.csv", data.encode(), "auto", utc_now())
    assert (preview.file_format, preview.products, preview.problems) == ("shopify", 1, ())
    summary = imports.apply(staff, preview.token, utc_now())
    assert (summary.created, summary.updated) == (1, 0)
    assert shop.catalog.product("tee") is not None


async def test_a_fault_while_applying_does_not_leave_the_page_applying(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = team_sessions(shop)
    imports = admin_of(shop).imports
    preview = imports.preview(
        staff_of(shop, sessions.staff), "good.csv", GOOD.encode(), "auto", utc_now()
    )

    def database_gone(*_args: object) -> None:
        raise OperationalError("apply", {}, Exception("the database went away"))

    monkeypatch.setattr(imports, "apply", database_gone)
    page = state_at(AdminImportState, sessions.staff, {})
    page.token = preview.token  # type: ignore[attr-defined]
    with pytest.raises(OperationalError):
        async for _ in page.apply():  # type: ignore[attr-defined]
            pass
    assert page.applying is False  # type: ignore[attr-defined]  # the button works again


async def test_a_download_form_is_read_only_for_staff_who_may_download(shop: Shop) -> None:
    """Its body once read before the staff check, an anonymous 300 MB post was spooled to
    disk before the refusal (security review): the route must refuse without reading it."""
    app = build_api()
    for path in ("/api/admin/catalog.csv", "/api/admin/orders.csv", "/api/admin/refunds.csv"):
        assert await anonymous_post(app, path) == (403, False), path


async def anonymous_post(app: Any, path: str) -> tuple[int, bool]:
    """The status a form posted with no session gets, and whether its body was read."""
    read: list[bool] = []
    sent: list[Any] = []

    async def receive() -> dict[str, Any]:
        read.append(True)
        return {"type": "http.request", "body": b"ticket=x", "more_body": False}

    async def send(message: Any) -> None:
        sent.append(message)

    headers = [
        (b"host", b"testserver"),
        (b"origin", b"http://testserver"),
        (b"content-type", b"application/x-www-form-urlencoded"),
        (b"content-length", b"8"),
    ]
    scope = {
        "type": "http",
        "method": "POST",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": headers,
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 5000),
        "http_version": "1.1",
    }
    await app(scope, receive, send)
    return sent[0]["status"], bool(read)


def test_staff_download_the_catalog_and_others_are_refused(shop: Shop) -> None:
    sessions = team_sessions(shop)
    staff = staff_of(shop, sessions.staff)
    imports = admin_of(shop).imports
    imports.apply(
        staff, imports.preview(staff, "g.csv", GOOD.encode(), "auto", utc_now()).token, utc_now()
    )
    client = TestClient(build_api())
    admin_routes = [
        (r.path, sorted(r.methods or ()))
        for r in build_api().routes
        if isinstance(r, Route) and r.path.startswith("/api/admin")
    ]
    posted = ["POST"]  # with a ticket an admin action issued (test_admin_exports.py)
    assert admin_routes == [
        ("/api/admin/catalog.csv", posted),
        ("/api/admin/orders.csv", posted),
        ("/api/admin/refunds.csv", posted),
        ("/api/admin/orders/{reference}/invoice", ["GET", "HEAD"]),
        ("/api/admin/orders/{reference}/credit-notes/{number}", ["GET", "HEAD"]),
        ("/api/admin/orders/{reference}/invoices/{number}", ["GET", "HEAD"]),  # reversals
        ("/api/admin/customers/data.json", posted),  # test_admin_customers_page.py
    ]
    for route, methods in admin_routes:
        path = route.replace("{reference}", "B-X").replace("{number}", "A2026-000001")
        for cookie in ("", sessions.shopper, "forged-token"):
            client.cookies.set(SESSION_COOKIE, cookie)
            if methods == posted:
                refused = client.post(path, data={"ticket": "x"}, headers=OWN)
            else:
                refused = client.get(path)
            # The invoice and credit notes answer 404 to whoever may not see them
            # (test_invoice_page.py, test_credit_notes.py check a paid order's): they say no
            # more than an order that does not exist.
            assert refused.status_code == (404 if "{reference}" in route else 403)
            assert "IMP-1" not in refused.text
    # A link followed (a GET, a prefetch) is no download, for staff either, and writes nothing.
    client.cookies.set(SESSION_COOKIE, sessions.staff)
    assert client.get("/api/admin/catalog.csv").status_code == 405
    assert client.get("/api/admin/catalog.csv?format=shopify").status_code == 405
    exports = admin_of(shop).exports
    with pytest.raises(Refusal) as excel:
        exports.catalog_ticket(staff, "excel", utc_now())
    assert excel.value.code == "admin.export.error.format"
    generic = post_export(
        client, sessions.staff, "catalog", exports.catalog_ticket(staff, "generic", utc_now())
    )
    assert generic.status_code == 200
    assert generic.headers["content-type"].startswith("text/csv")
    assert generic.headers["content-disposition"] == 'attachment; filename="catalog-generic.csv"'
    rows = list(csv.DictReader(io.StringIO(generic.text)))
    assert sorted(r["product_id"] for r in rows) == ["IMP-1", "IMP-2"]
    shopify = post_export(
        client, sessions.staff, "catalog", exports.catalog_ticket(staff, "shopify", utc_now())
    )
    assert shopify.text.startswith("Handle,")
    assert shopify.headers["content-disposition"] == 'attachment; filename="catalog-shopify.csv"'
    # Each download is audited with who took it, as its ticket was issued (the refused ones
    # wrote nothing).
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        entries = connection.execute(
            text(
                "select actor_email, subject, after from admin_audit"
                " where action = 'catalog.export' order by id"
            )
        ).all()
    assert [(e.actor_email, e.subject, json.loads(e.after)) for e in entries] == [
        (staff.email, "catalog", {"format": "generic", "products": 2}),
        (staff.email, "catalog", {"format": "shopify", "products": 2}),
    ]


def audit_entries(shop: Shop) -> list[tuple[str, str]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(text("select action, subject from admin_audit order by id"))
        return [(row.action, row.subject) for row in rows]


def test_a_change_and_its_audit_entry_are_written_together_or_not_at_all(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff = staff_of(shop, team_sessions(shop).staff, Permission.CATALOG)
    admin = admin_of(shop)
    preview = admin.imports.preview(staff, "good.csv", GOOD.encode(), "auto", utc_now())
    before = audit_entries(shop)

    with monkeypatch.context() as patched:
        patched.setattr("storefront.adapters.db.write_audit", unwritable_audit)
        with pytest.raises(RuntimeError):
            admin.imports.apply(staff, preview.token, utc_now())
    assert product_count(shop) == 0  # the import did not land without its entry
    assert audit_entries(shop) == before

    admin.imports.apply(staff, preview.token, utc_now())  # released, so it can be applied
    assert product_count(shop) == 2
    assert audit_entries(shop)[len(before) :] == [("catalog.import", "import:good.csv")]

    table = shop.catalog.product("walnut-side-table")
    assert table is not None
    with monkeypatch.context() as patched:
        patched.setattr("storefront.adapters.db.write_audit", unwritable_audit)
        with pytest.raises(RuntimeError):
            admin.catalog.set_status(staff, [table.product.id], "archived")
    assert status_of(shop, table.product.id) == "active"  # not archived without its entry
    admin.catalog.set_status(staff, [table.product.id], "archived")
    assert status_of(shop, table.product.id) == "archived"
    assert audit_entries(shop)[-1] == ("product.archived", f"product:{table.product.id}")


def status_of(shop: Shop, product_id: int) -> str:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        sql = text("select status from product where id = :id")
        return str(connection.execute(sql, {"id": product_id}).scalar_one())


def import_entries(shop: Shop) -> list[tuple[dict[str, object], dict[str, object]]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        rows = connection.execute(
            text("select before, after from admin_audit where action = :a order by id"),
            {"a": "catalog.import"},
        )
        return [(json.loads(row.before or "{}"), json.loads(row.after)) for row in rows]


def test_an_import_is_audited_with_the_products_it_wrote_and_what_it_changed_bounded(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Which products an import created or changed (id and external id), and the fields it
    changed, before and after: for a bounded number of them, whatever the file's size."""
    staff = staff_of(shop, team_sessions(shop).staff, Permission.CATALOG)
    imports = admin_of(shop).imports

    def apply(name: str, content: str) -> None:
        preview = imports.preview(staff, name, content.encode(), "auto", utc_now())
        assert preview.problems == ()
        imports.apply(staff, preview.token, utc_now())

    apply("good.csv", GOOD)
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        ids = dict(connection.execute(text("select external_id, id from product")).all())
    table, cushion = ids["IMP-1"], ids["IMP-2"]
    [(before, after)] = import_entries(shop)
    assert before == {"products": {}}
    assert after == {
        "format": "generic", "created": 2, "updated": 0,
        "products": [
            {"id": table, "external_id": "IMP-1", "change": "created"},
            {"id": cushion, "external_id": "IMP-2", "change": "created"},
        ],
        "products_not_listed": 0, "changes": {}, "changes_not_shown": 0,
    }  # fmt: skip

    # From an export: the table's title and price change, the cushion is left as it is.
    exported = io.StringIO()
    exported_catalog(shop, staff, exported)
    changed = exported.getvalue().replace("Walnut side table,", "Walnut side table (oiled),")
    assert changed.count("149.00") == 1
    changed = changed.replace("149.00", "139.00")
    apply("prices.csv", changed)
    before, after = import_entries(shop)[-1]
    variant = {"price_minor": 14900, "compare_at_minor": None, "stock": 4, "options": {}}
    assert before == {
        "products": {str(table): {"title": "Walnut side table", "variants": {"IMP-1-A": variant}}}
    }
    assert after["products"] == [{"id": table, "external_id": "IMP-1", "change": "updated"}]
    assert after["changes"] == {
        str(table): {
            "title": "Walnut side table (oiled)",
            "variants": {"IMP-1-A": variant | {"price_minor": 13900}},
        }
    }
    assert (after["updated"], after["products_not_listed"], after["changes_not_shown"]) == (1, 0, 0)

    # However many products a file holds, the entry names a bounded number of them.
    monkeypatch.setattr("storefront.services.admin.import_audit.MAX_LISTED", 1)
    monkeypatch.setattr("storefront.services.admin.import_audit.MAX_DETAILED", 1)
    assert changed.count("39.90") == 1
    apply("both.csv", changed.replace("139.00", "129.00").replace("39.90", "35.00"))
    _, after = import_entries(shop)[-1]
    assert [p["id"] for p in after["products"]] == [table]  # type: ignore[union-attr]
    assert (after["products_not_listed"], after["changes_not_shown"]) == (1, 1)
    assert list(after["changes"]) == [str(table)]  # type: ignore[call-overload]
