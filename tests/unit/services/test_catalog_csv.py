"""Catalog CSV import and export (generic and Shopify formats) against the in-memory fakes."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from typing import Any

import pytest

from models.catalog import ProductStatus
from models.events import ProductChanged
from models.records import ImageRecord, VariantRecord
from storefront.services.catalog_csv import (
    CatalogFileInvalid,
    cells,
    check_catalog,
    export_catalog,
    import_catalog,
    parse_catalog,
    read_catalog,
)
from storefront.services.catalog_csv import table as csv_table
from storefront.services.catalog_writer import MAX_VARIANTS, ProductDraft, save_drafts
from storefront.services.category_tree import CategoryTree
from storefront.services.ports import UnitOfWork
from tests.fakes import CatalogData, FakeUnitOfWork


def problems_of(text: str, **kwargs: Any) -> list[str]:
    with pytest.raises(CatalogFileInvalid) as refused:
        read_catalog(io.StringIO(text), **kwargs)
    assert refused.value.code == "catalog_file_invalid"
    return [str(p) for p in refused.value.problems]


def catalog_snapshot(uow: UnitOfWork, *, image_alt: bool = True) -> dict[str, tuple[Any, ...]]:
    """What a round trip must keep, per product; ids and slugs are the database's own."""
    with uow:
        tree = CategoryTree(uow.catalog.categories())
        brands = {b.id: b.name for b in uow.catalog.brands()}
        return {
            r.external_id: (
                r.title,
                r.description,
                tuple(n.name for n in tree.ancestors(r.category_id)),
                brands.get(r.brand_id) if r.brand_id else None,
                r.currency,
                tuple(
                    (
                        v.sku,
                        dict(v.options),
                        v.price_minor,
                        v.compare_at_minor,
                        v.stock,
                        v.image_path,
                    )
                    for v in r.variants
                ),
                {k: tuple(v) for k, v in r.attributes.items()},
                tuple((i.path, i.alt if image_alt else "") for i in r.images),
                r.status,
                r.featured,
                r.rating,
                r.review_count,
            )
            for r in uow.catalog.iter_product_records()
        }


def assert_same_products(source: CatalogData, target: CatalogData, file_format: str) -> None:
    """A round trip kept every product (image alt texts only through Shopify's format)."""
    carries_alt = file_format == "shopify"
    assert catalog_snapshot(FakeUnitOfWork(target), image_alt=carries_alt) == catalog_snapshot(
        FakeUnitOfWork(source), image_alt=carries_alt
    )


def assert_nothing_saved(data: CatalogData) -> None:
    assert data.products == {}
    assert data.categories == {}
    assert data.brands == {}


# --- generic format -------------------------------------------------------------------------

# Every column a file updating the shop's products must carry (catalog_csv/generic.py).
FULL_HEADER = (
    "product_id,title,description,category,brand,price,compare_at_price,sku,options,"
    "attributes,image,variant_image,status,featured,rating,review_count"
)
GENERIC = """\
product_id,title,description,category,brand,price,compare_at_price,stock,sku,options,attributes,image,status,featured,rating,review_count,variant_image
P1,"Armchair, oak","Solid oak.
Hand finished.",Furniture > Chairs,Aalto,"129,90",149.00,3,ARM-M,size=M; colour=Navy,material=Oak|Walnut; style=Nordic,/media/p1.jpg|https://cdn.example.com/p1b.jpg,active,true,4.5,12,
P1,,,,,139.90,,0,ARM-L,size=L; colour=Navy,,,,,,,
P2,Side table,,Furniture > Tables,,45,,7,,,,,draft,,,,
"""  # noqa: E501


def test_rows_sharing_a_product_id_are_the_variants_of_one_product() -> None:
    drafts = read_catalog(io.StringIO(GENERIC))

    assert drafts == [
        ProductDraft(
            external_id="P1",
            title="Armchair, oak",
            description="Solid oak.\nHand finished.",
            currency="EUR",
            variants=(
                VariantRecord(
                    sku="ARM-M",
                    price_minor=12_990,
                    stock=3,
                    options={"size": "M", "colour": "Navy"},
                    title="M / Navy",
                    compare_at_minor=14_900,
                ),
                VariantRecord(
                    sku="ARM-L",
                    price_minor=13_990,
                    stock=0,
                    options={"size": "L", "colour": "Navy"},
                    title="L / Navy",
                ),
            ),
            category_path=("Furniture", "Chairs"),
            brand="Aalto",
            attributes={"material": ("Oak", "Walnut"), "style": ("Nordic",)},
            images=(
                ImageRecord(path="/media/p1.jpg"),
                ImageRecord(path="https://cdn.example.com/p1b.jpg"),
            ),
            featured=True,
            rating=4.5,
            review_count=12,
            keep_image_alt=True,
            keep_image_option=True,
        ),
        ProductDraft(
            external_id="P2",
            title="Side table",
            description="",
            currency="EUR",
            variants=(VariantRecord(sku="P2", price_minor=4_500, stock=7),),
            category_path=("Furniture", "Tables"),
            status=ProductStatus.DRAFT,
            keep_image_alt=True,
            keep_image_option=True,
        ),
    ]


def test_missing_sku_is_made_from_product_id_and_options_in_name_order() -> None:
    text = (
        "product_id,title,description,options\n"
        "TEE,Tee,,size=M; colour=Navy Blue\n"
        "TEE,,,size=L; colour=Navy Blue\n"
    )

    drafts = read_catalog(io.StringIO(text))

    assert [v.sku for v in drafts[0].variants] == ["TEE-Navy-Blue-M", "TEE-Navy-Blue-L"]
    assert read_catalog(io.StringIO(text)) == drafts


def test_a_sku_a_stock_or_a_price_the_product_form_would_refuse_are_refused_at_import() -> None:
    # Imported, they left the product unsaveable from its form: its SKUs and stocks are
    # checked on every save (QA).
    text = (
        "product_id,title,description,stock,sku\n"
        "P1,Chair,,3,QA SP 1\n"
        "P2,Table,,1000001,T-1\n"
        "P3,Lamp,,1000000,L-1\n"
    )
    priced = "product_id,title,description,price\nP1,Chair,,1000000.01\nP2,Desk,,1000000\n"

    assert problems_of(text) == [
        'line 2, column "sku": "QA SP 1" has a space: a SKU is one word, e.g. CHAIR-OAK-2',
        'line 3, column "stock": "1000001" is above 1,000,000, the most a variant may hold',
        # In stock at 0 (no price column): on sale for nothing (test_catalog_csv_prices.py).
        'line 4, column "price": is 0 with stock: a published product in stock needs a price '
        "above zero (or import it with status draft until it has one)",
    ]
    assert problems_of(priced) == [
        'line 2, column "price": "1000000.01" is above 1,000,000, the highest price a product '
        "may have"
    ]
    # The form's commas, where the file takes semicolons: told so, not "not name=value" (QA).
    commas = 'product_id,title,description,options\nP1,Tee,,"size=M, colour=Blue"\n'
    assert problems_of(commas) == [
        'line 2, column "options": "size=M, colour=Blue" holds several: separate them with ; '
        "in a catalog file"
    ]
    made = read_catalog(io.StringIO("product_id,title,description\nOAK CHAIR,Chair,\n"))
    assert [v.sku for v in made[0].variants] == ["OAK-CHAIR"]


def test_separators_inside_values_are_escaped_with_a_backslash() -> None:
    text = (
        "product_id,title,description,options,attributes\n"
        r"P1,Print,,size=50\=70 cm,note=a\;b|c\|d"
        "\n"
    )

    [draft] = read_catalog(io.StringIO(text))

    assert draft.variants[0].options == {"size": "50=70 cm"}
    assert draft.attributes == {"note": ("a;b", "c|d")}


def test_a_file_without_price_column_imports_everything_at_zero_price_and_stock() -> None:
    data = CatalogData()
    text = (
        "product_id,title,description\n"
        "100001,Simpson 12-Gauge Angle,\n"
        'A2,"Lamp, brass",Warm light\n'
    )

    summary = import_catalog(FakeUnitOfWork(data), io.StringIO(text))

    assert (summary.created, summary.updated) == (2, 0)
    records = sorted(data.products.values(), key=lambda r: r.external_id)
    assert [(r.external_id, r.title, r.description) for r in records] == [
        ("100001", "Simpson 12-Gauge Angle", ""),
        ("A2", "Lamp, brass", "Warm light"),
    ]
    assert [(v.sku, v.price_minor, v.stock) for r in records for v in r.variants] == [
        ("100001", 0, 0),
        ("A2", 0, 0),
    ]


def test_identical_repeated_rows_do_not_make_extra_variants() -> None:
    text = "product_id,title,description\nX1,Hook,Steel\nX1,Hook,Steel\nX1, Hook ,Steel\n"

    [draft] = read_catalog(io.StringIO(text))

    assert [v.sku for v in draft.variants] == ["X1"]


def test_every_bad_row_is_reported_with_its_line_and_column_and_nothing_is_saved() -> None:
    data = CatalogData()
    text = """\
product_id,title,description,price,stock,sku,status
P1,Chair,Nice,12.90,3,SKU-1,active
P2,Table,Big,"12,9x",1,SKU-2,active
P3,Lamp,,5.00,-2,SKU-3,active
P4,,No title,5.00,1,SKU-4,active
P5,Stool,,5.00,1,SKU-1,active
P6,Bench,,5.00,1,SKU-6,sold
P7,Shelf,,5.00,1
P8,Rug,,,1,SKU-8,active
"""

    with pytest.raises(CatalogFileInvalid) as refused:
        import_catalog(FakeUnitOfWork(data), io.StringIO(text))

    assert [str(p) for p in refused.value.problems] == [
        'line 3, column "price": "12,9x" is not an amount',
        'line 4, column "stock": "-2" is negative',
        'line 5, column "title": is empty',
        'line 6, column "sku": "SKU-1" is already used on line 2',
        'line 7, column "status": "sold" is not a status (active, draft or archived)',
        "line 8: 5 fields where the header has 7 "
        "(a missing or extra separator, or an unclosed quote?)",
        'line 9, column "price": is empty: every row needs a price when the file has this column',
    ]
    assert_nothing_saved(data)


@pytest.mark.parametrize(
    ("text", "told"),
    [
        (
            "product_id,title,description,price,stock,sku\nQ-1,Chair,,12.9x,3,Q-1-A\nQ-4,Dup,,5,1,Q-1-A\n",
            'line 3, column "sku": "Q-1-A" is already used on line 2',
        ),
        (
            "Handle,Title,Variant SKU,Variant Price\ntee,Tee,TEE-S,ten\ncap,Cap,TEE-S,5.00\n",
            'line 3, column "Variant SKU": "TEE-S" is already used on line 2',
        ),
    ],
)
def test_a_sku_repeated_from_a_row_with_another_problem_is_told_in_the_same_round(
    text: str, told: str
) -> None:
    # It was told only once the first row's price was fixed: two rounds of fixes (QA).
    with pytest.raises(CatalogFileInvalid) as refused:
        import_catalog(FakeUnitOfWork(CatalogData()), io.StringIO(text))
    problems = [str(p) for p in refused.value.problems]
    assert (len(problems), problems[-1]) == (2, told)


def test_a_problem_is_reported_on_its_physical_line_after_fields_with_newlines() -> None:
    text = (
        "product_id,title,description,price\r\n"
        'P1,Chair,"first line\r\nsecond line\r\nthird, with comma",1.00\r\n'
        'P2,"Table\nwith a ""quoted"" title",x,2.00\r\n'
        "P3,Lamp,,oops\r\n"
    )

    assert problems_of(text) == ['line 7, column "price": "oops" is not an amount']


def test_a_price_with_a_thousands_separator_is_refused_as_ambiguous() -> None:
    text = 'product_id,title,description,price\nP1,Sofa,,"1,000"\nP2,Chair,,"1,00"\n'

    assert problems_of(text) == [
        'line 2, column "price": "1,000" is ambiguous: write it without a thousands separator'
    ]


def test_later_rows_that_contradict_the_product_columns_are_reported() -> None:
    text = "product_id,title,description,options\nP1,Chair,,size=M\nP1,Chiar,,size=L\n"

    assert problems_of(text) == [
        'line 3, column "title": "Chiar" differs from "Chair" on line 2 for the same product'
    ]


def test_two_variants_with_the_same_options_are_refused() -> None:
    text = "product_id,title,description,sku\nP1,Chair,,A\nP1,,,B\n"

    assert problems_of(text) == [
        'line 3, column "options": same options (none) as line 2: a shopper could not pick '
        "between these variants"
    ]


def test_a_variant_naming_options_of_its_own_is_refused() -> None:
    """As the admin form refuses it: taille= beside size= drew a second size picker (QA)."""
    text = (
        "product_id,title,description,sku,options\n"
        "P1,Bed,,B-1,size=140 cm\n"
        "P1,,,B-2,taille=200 cm\n"
        "P1,,,B-3,size=160 cm\n"
    )

    assert problems_of(text) == [
        'line 3, column "options": option names differ from those of line 2 (size): the '
        "product page would show a second picker"
    ]


@pytest.mark.parametrize("ref", ["//evil.example/x.jpg", "/\\evil.example/x.jpg", " //x/y.png"])
def test_an_image_on_another_host_without_its_scheme_is_refused(ref: str) -> None:
    # A browser loads `//host/x` and `/\\host/x` from that host: neither is a path on this site.
    with pytest.raises(cells.CellError, match="is not an http"):
        cells.image_ref(ref)


def test_image_refs_on_this_site_or_over_http_are_kept() -> None:
    assert cells.image_refs("/media/a.jpg | https://cdn.example/b.png") == (
        "/media/a.jpg",
        "https://cdn.example/b.png",
    )


def test_malformed_cells_are_reported_per_column() -> None:
    text = (
        "product_id,title,description,options,attributes,image,featured,rating,currency\n"
        "P1,Chair,,size,material=,photo.jpg,maybe,7,euro\n"
    )

    assert problems_of(text) == [
        'line 2, column "currency": "euro" is not an ISO 4217 currency code such as EUR',
        'line 2, column "attributes": attribute "material" has no value',
        'line 2, column "image": "photo.jpg" is not an http(s) URL or a /media path',
        'line 2, column "featured": "maybe" is not true or false',
        'line 2, column "rating": "7" is not a rating from 0 to 5',
        'line 2, column "options": "size" is not name=value',
    ]


def test_a_product_in_another_currency_than_the_shops_is_refused() -> None:
    text = "product_id,title,description,sku,price,currency\nP1,Chair,,A,25.00,USD\n"

    assert problems_of(text) == [
        'line 2, column "currency": USD: this shop sells in EUR; convert the prices, or leave '
        "the column empty"
    ]


def test_a_title_longer_than_500_characters_is_refused() -> None:
    text = f"product_id,title,description\nP1,{'x' * 501},\n"

    assert problems_of(text) == [
        'line 2, column "title": is 501 characters long; at most 500 allowed'
    ]


def test_a_title_or_brand_disguised_by_an_invisible_character_is_refused() -> None:
    text = "product_id,title,description,brand\nP1,Chair \u202eriahc,,Ac\u200bme\n"

    why = "holds an invisible character that changes how the text shows"
    assert [p.split(": ", 1)[1].split(" (")[0] for p in problems_of(text)] == [why, why]
    assert [p.split(":")[0] for p in problems_of(text)] == [
        'line 2, column "title"',
        'line 2, column "brand"',
    ]


def test_a_file_with_too_many_rows_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_table, "MAX_ROWS", 2)
    text = "product_id,title,description\nP1,A,\nP2,B,\nP3,C,\n"

    assert problems_of(text) == ["line 4: the file has more than 2 rows; split it"]


def test_a_utf8_byte_order_mark_is_ignored() -> None:
    text = '\ufeff"product_id",title,description\nP1,Café crème,\n'

    [draft] = read_catalog(io.StringIO(text))

    assert (draft.external_id, draft.title) == ("P1", "Café crème")


def test_a_file_that_is_not_utf8_is_refused() -> None:
    raw = io.BytesIO(b"product_id,title,description\nP1,Caf\xe9,\n")

    assert_problems = pytest.raises(CatalogFileInvalid)
    with assert_problems as refused:
        read_catalog(io.TextIOWrapper(raw, encoding="utf-8", newline=""))

    assert [p.line for p in refused.value.problems] == [1]  # a strict stream: where it failed
    assert "not UTF-8" in refused.value.problems[0].reason


def test_a_file_read_with_its_bad_bytes_escaped_is_refused_at_their_line() -> None:
    """As the command line reads a file: the line holding them is named, not line 1 (QA)."""
    raw = b"product_id,title,description\nP1,Chair,\n\nP2,Caf\xe9,\nP3,Lamp,\n"
    stream = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors="surrogateescape")

    with pytest.raises(CatalogFileInvalid) as refused:
        read_catalog(stream)

    assert [p.line for p in refused.value.problems] == [4]
    assert "not UTF-8" in refused.value.problems[0].reason
    header = io.TextIOWrapper(io.BytesIO(b"product_id,tit\xe9\n"), errors="surrogateescape")
    with pytest.raises(CatalogFileInvalid) as refused:
        read_catalog(header)
    assert [p.line for p in refused.value.problems] == [1]


def test_an_unknown_format_is_one_problem_on_line_1_naming_the_missing_columns() -> None:
    text = "sku;name;price\nA;Chair;1\n"

    assert problems_of(text) == [
        "line 1: cannot tell the file's format: missing columns product_id, title, description "
        "for the generic format, or Handle, Title, Variant Price for Shopify's"
    ]


def test_the_generic_format_names_its_missing_and_unknown_columns() -> None:
    text = "product_id,title,prize\nP1,Chair,12\n"

    assert problems_of(text, file_format="generic") == [
        "line 1: missing required columns: description",
        "line 1: unknown columns: prize (known: product_id, title, description, category, brand, "
        "price, compare_at_price, currency, stock, sku, options, attributes, image, "
        "variant_image, status, featured, rating, review_count)",
    ]


def test_a_file_separated_by_semicolons_or_tabs_reads_as_one_with_commas() -> None:
    # What a spreadsheet set to a European locale saves as "CSV" (it was refused, QA): its
    # header tells the separator, a cell may hold it quoted, and prices take a decimal comma.
    semicolons = (
        "\n"
        "product_id;title;description;price;options\n"
        'P1;Chair;"Oak; waxed";12,50;"size=M; colour=Navy Blue"\n'
    )
    tabs = "Handle\tTitle\tVariant Price\nchair\tChair\t10.00\n"

    [chair] = read_catalog(io.StringIO(semicolons))
    assert (chair.title, chair.description) == ("Chair", "Oak; waxed")
    [variant] = chair.variants
    assert (variant.price_minor, variant.options) == (1250, {"size": "M", "colour": "Navy Blue"})
    [shopify] = read_catalog(io.StringIO(tabs))
    assert (shopify.title, shopify.variants[0].price_minor) == ("Chair", 1000)
    # A comma file is still one whatever semicolons its cells hold.
    [commas] = read_catalog(io.StringIO("product_id,title,description\nP2,Bench,a;b;c;d\n"))
    assert commas.description == "a;b;c;d"
    assert csv_table.separator_of("product_id;title,description") == ","  # even: commas
    # A quoted name holding semicolons: the split that makes a known header wins, so that
    # column is named unknown rather than the whole file's format.
    [problem] = problems_of('product_id,title,description,"a;b;c;d"\nP3,Stool,,x\n')
    assert "unknown columns: a;b;c;d" in problem, problem


def test_auto_detection_tells_shopify_from_generic_by_the_header() -> None:
    generic = "Product_ID,Title,Description\np1,Chair,\n"
    shopify = "Handle,Title,Variant Price\nchair,Chair,10.00\n"
    lowercase_shopify = "handle,title,variant price\nchair,Chair,10.00\n"

    assert read_catalog(io.StringIO(generic))[0].external_id == "p1"
    assert read_catalog(io.StringIO(shopify))[0].variants[0].price_minor == 1_000
    assert problems_of(lowercase_shopify)[0].startswith("line 1: cannot tell the file's format")
    assert read_catalog(io.StringIO(lowercase_shopify), file_format="shopify")[0].title == "Chair"


# --- Shopify format -------------------------------------------------------------------------

SHOPIFY = """\
Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Variant SKU,Variant Grams,Variant Inventory Qty,Variant Price,Variant Compare At Price,Image Src,Image Position,Image Alt Text,Variant Image,Status
linen-shirt,Linen Shirt,"<p>Soft <b>linen</b>.</p>
<p>Made in Portugal &amp; dyed.</p><script>track()</script>",Acme,Apparel & Accessories > Clothing,Shirts,"summer, linen",true,Size,S,Color,Navy,LS-S-NAVY,200,4,39.00,49.00,https://cdn.example.com/front.jpg,1,Front,https://cdn.example.com/front.jpg,active
linen-shirt,,,,,,,,,M,,Navy,LS-M-NAVY,200,0,39.00,,https://cdn.example.com/back.jpg,2,Back,,
linen-shirt,,,,,,,,,L,,Sand,,200,2,41.50,,,,,,
linen-shirt,,,,,,,,,,,,,,,,,https://cdn.example.com/detail.jpg,3,Detail,,
mug,Mug,Plain mug,,,Kitchen > Mugs,,false,Title,Default Title,,,MUG-1,300,10,8.00,,,,,,
"""  # noqa: E501


def test_shopify_rows_sharing_a_handle_are_one_product_with_variants_and_images() -> None:
    drafts = read_catalog(io.StringIO(SHOPIFY))

    assert drafts == [
        ProductDraft(
            external_id="linen-shirt",
            title="Linen Shirt",
            description="Soft linen. Made in Portugal & dyed.",
            currency="EUR",
            variants=(
                VariantRecord(
                    sku="LS-S-NAVY",
                    price_minor=3_900,
                    stock=4,
                    options={"size": "S", "colour": "Navy"},
                    title="S / Navy",
                    compare_at_minor=4_900,
                    image_path="https://cdn.example.com/front.jpg",
                ),
                VariantRecord(
                    sku="LS-M-NAVY",
                    price_minor=3_900,
                    stock=0,
                    options={"size": "M", "colour": "Navy"},
                    title="M / Navy",
                ),
                VariantRecord(
                    sku="linen-shirt-Sand-L",
                    price_minor=4_150,
                    stock=2,
                    options={"size": "L", "colour": "Sand"},
                    title="L / Sand",
                ),
            ),
            category_path=("Apparel & Accessories", "Clothing"),
            brand="Acme",
            attributes={"tags": ("summer", "linen")},
            images=(
                ImageRecord(path="https://cdn.example.com/front.jpg", alt="Front"),
                ImageRecord(path="https://cdn.example.com/back.jpg", alt="Back"),
                ImageRecord(path="https://cdn.example.com/detail.jpg", alt="Detail"),
            ),
            keep_image_option=True,
        ),
        ProductDraft(
            external_id="mug",
            title="Mug",
            description="Plain mug",
            currency="EUR",
            variants=(VariantRecord(sku="MUG-1", price_minor=800, stock=10),),
            category_path=("Kitchen", "Mugs"),
            status=ProductStatus.DRAFT,
            keep_image_option=True,
        ),
    ]


def test_shopify_images_follow_image_position_and_appear_once() -> None:
    text = (
        "Handle,Title,Variant Price,Image Src,Image Position\n"
        "cup,Cup,5.00,https://x.test/b.jpg,2\n"
        "cup,,,https://x.test/a.jpg,1\n"
        "cup,,,https://x.test/b.jpg,2\n"
    )

    [draft] = read_catalog(io.StringIO(text))

    assert [i.path for i in draft.images] == ["https://x.test/a.jpg", "https://x.test/b.jpg"]


def test_a_variant_holding_more_than_the_form_takes_is_refused_and_so_no_sum_overflows() -> None:
    """At most 1,000,000 a variant, 100 variants: a product's stock (their sum) fits its
    INTEGER column, which PostgreSQL would otherwise refuse at apply time, after a preview
    that said yes."""
    data = CatalogData()
    text = """\
Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Price,Status
tee,Tee,Size,S,TEE-S,999999999,10.00,active
tee,,,M,TEE-M,999999999,10.00,
tee,,,L,TEE-L,999999999,10.00,
"""

    with pytest.raises(CatalogFileInvalid) as refused:
        import_catalog(FakeUnitOfWork(data), io.StringIO(text))

    assert [str(p) for p in refused.value.problems] == [
        f'line {line}, column "Variant Inventory Qty": "999999999" is above 1,000,000, the most '
        "a variant may hold"
        for line in (2, 3, 4)
    ]
    assert_nothing_saved(data)


def test_a_product_with_more_variants_than_the_product_form_edits_is_refused() -> None:
    """The admin's form shows and saves MAX_VARIANTS at most: a product imported with more
    could not be edited, and a save from the form would have dropped the rest."""
    data = CatalogData()
    header = "product_id,title,description,category,price,stock,sku,options\n"
    rows = [
        f"P1,Tee,,Clothes,10,1,TEE-{i},size={i}\n" if i == 0 else f"P1,,,,10,1,TEE-{i},size={i}\n"
        for i in range(MAX_VARIANTS + 1)
    ]
    with pytest.raises(CatalogFileInvalid) as refused:
        import_catalog(FakeUnitOfWork(data), io.StringIO(header + "".join(rows)))

    assert [str(p) for p in refused.value.problems] == [
        f'line {MAX_VARIANTS + 2}, column "sku": product "P1" has {MAX_VARIANTS + 1} variants: '
        f"at most {MAX_VARIANTS} are allowed"
    ]
    assert_nothing_saved(data)
    [product] = read_catalog(io.StringIO(header + "".join(rows[:MAX_VARIANTS])))
    assert len(product.variants) == MAX_VARIANTS


def test_shopify_bad_rows_are_reported_with_shopify_column_names_and_nothing_saved() -> None:
    data = CatalogData()
    text = """\
Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Price,Status
tee,Tee,Size,S,TEE-S,1,10.00,active
tee,,,M,TEE-S,1,10.00,
tee,,,L,TEE-L,-1,ten,
cap,,,,CAP,1,5.00,retired
"""

    with pytest.raises(CatalogFileInvalid) as refused:
        import_catalog(FakeUnitOfWork(data), io.StringIO(text))

    assert [str(p) for p in refused.value.problems] == [
        'line 3, column "Variant SKU": "TEE-S" is already used on line 2',
        'line 4, column "Variant Price": "ten" is not an amount',
        'line 4, column "Variant Inventory Qty": "-1" is negative',
        'line 5, column "Title": is empty',
        'line 5, column "Status": "retired" is not a status (active, draft or archived)',
    ]
    assert_nothing_saved(data)


# --- import against the shop ----------------------------------------------------------------


def test_reimporting_a_file_updates_its_products_without_duplicates() -> None:
    data = CatalogData()
    import_catalog(FakeUnitOfWork(data), io.StringIO(GENERIC))
    changed = GENERIC.replace("Side table", '"Side table, walnut"')

    summary = import_catalog(FakeUnitOfWork(data), io.StringIO(changed))

    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    assert sorted(r.title for r in data.products.values()) == [
        "Armchair, oak",
        "Side table, walnut",
    ]


def test_a_sku_owned_by_another_product_is_refused_and_nothing_is_saved() -> None:
    data = CatalogData()
    import_catalog(FakeUnitOfWork(data), io.StringIO(GENERIC))
    before = dict(data.products)
    text = (
        f"{FULL_HEADER}\n"
        "P9,Ottoman,,,,10.00,,ARM-M,,,,,active,,,\nP1,Armchair,,,,1.00,,ARM-L,,,,,active,,,\n"
    )

    with pytest.raises(CatalogFileInvalid) as refused:
        import_catalog(FakeUnitOfWork(data), io.StringIO(text))

    assert [str(p) for p in refused.value.problems] == [
        'line 2, column "sku": "ARM-M" already belongs to product "P1" in the shop'
    ]
    assert data.products == before


def test_a_file_with_bad_rows_is_told_of_skus_the_shop_owns_in_the_same_report() -> None:
    """A merchant fixing a price is not sent back a second time for a SKU taken."""
    data = CatalogData()
    import_catalog(FakeUnitOfWork(data), io.StringIO(GENERIC))
    before = dict(data.products)
    text = (
        f"{FULL_HEADER}\n"
        "P9,Ottoman,,,,10.00,,ARM-M,,,,,active,,,\nP8,Stool,,,,ten,,ST-1,,,,,active,,,\n"
    )

    with pytest.raises(CatalogFileInvalid) as refused:
        import_catalog(FakeUnitOfWork(data), io.StringIO(text))

    assert [str(p) for p in refused.value.problems] == [
        'line 2, column "sku": "ARM-M" already belongs to product "P1" in the shop',
        'line 3, column "price": "ten" is not an amount',
    ]
    assert data.products == before


def test_checking_a_file_counts_what_an_import_would_do_and_writes_nothing() -> None:
    data = CatalogData()
    import_catalog(FakeUnitOfWork(data), io.StringIO(GENERIC))
    before = dict(data.products)
    text = (
        f"{FULL_HEADER}\n"
        "P1,Armchair,,,,1.00,,ARM-M,,,,,active,,,\nP3,Bench,,,,2.00,,BEN-1,,,,,active,,,\n"
    )

    summary = check_catalog(FakeUnitOfWork(data), parse_catalog(io.StringIO(text)))

    assert (summary.created, summary.updated) == (1, 1)
    assert data.products == before


def test_checking_a_file_names_the_categories_it_would_create() -> None:
    """A category path the shop lacks is created, not refused: a typo must show before."""
    data = CatalogData()
    import_catalog(FakeUnitOfWork(data), io.StringIO(GENERIC))  # Furniture > Chairs, Tables
    text = (
        f"{FULL_HEADER}\n"
        "P3,Bench,,Furniture > Chayrs,,2.00,,BEN-1,,,,,active,,,\n"
        "P4,Ball,,Pets > Dog Toyz,,3.00,,BAL-1,,,,,active,,,\n"
        "P5,Rope,,Pets > Dog Toyz,,4.00,,ROP-1,,,,,active,,,\n"
        "P6,Stool,,Furniture > Chairs,,5.00,,STO-1,,,,,active,,,\n"
    )
    categories = len(data.categories)

    summary = check_catalog(FakeUnitOfWork(data), parse_catalog(io.StringIO(text)))

    assert summary.new_categories == (("Furniture", "Chayrs"), ("Pets",), ("Pets", "Dog Toyz"))
    assert len(data.categories) == categories  # nothing written
    saved = import_catalog(FakeUnitOfWork(data), io.StringIO(text))
    assert saved.new_categories == summary.new_categories
    assert len(data.categories) == categories + 3


def test_a_category_path_matches_the_shops_categories_whatever_its_capitals() -> None:
    """'furniture >  CHAIRS ' is the shop's Furniture > Chairs, in the check and in the save,
    as brands are matched: a second "furniture" department was made (QA). A new child of a
    known department is named under the shop's spelling of it, and two spellings of one new
    path in a file make one category."""
    data = CatalogData()
    import_catalog(FakeUnitOfWork(data), io.StringIO(GENERIC))  # Furniture > Chairs, Tables
    chairs = {c.name: c.id for c in data.categories.values()}["Chairs"]
    text = (
        f"{FULL_HEADER}\n"
        "P3,Bench,,furniture >  CHAIRS ,,2.00,,BEN-1,,,,,active,,,\n"
        "P4,Lamp,,FURNITURE > desk lamps,,3.00,,LAM-1,,,,,active,,,\n"
        "P5,Shade,,Furniture > Desk Lamps,,4.00,,SHA-1,,,,,active,,,\n"
    )
    categories = len(data.categories)

    summary = check_catalog(FakeUnitOfWork(data), parse_catalog(io.StringIO(text)))

    assert summary.new_categories == (("Furniture", "desk lamps"),)
    saved = import_catalog(FakeUnitOfWork(data), io.StringIO(text))
    assert saved.new_categories == summary.new_categories
    assert len(data.categories) == categories + 1
    by_id = {r.external_id: r.category_id for r in data.products.values()}
    assert by_id["P3"] == chairs
    assert by_id["P4"] == by_id["P5"] != chairs
    lamps = data.categories[by_id["P4"]]
    assert (lamps.name, data.categories[lamps.parent_id].name) == ("desk lamps", "Furniture")


@pytest.mark.parametrize("file_format", ["generic", "shopify"])
def test_reimporting_the_catalogs_export_counts_only_what_it_changes(file_format: str) -> None:
    """The export imported again, one title edited: one product updated, the others left
    alone (not written, no event), whatever their stock did since the export."""
    source, data = CatalogData(), CatalogData()
    save_drafts(FakeUnitOfWork(source), shop_drafts())
    exported = exported_text(source, file_format)
    import_catalog(FakeUnitOfWork(data), io.StringIO(exported))  # a shop as its files made it
    exported = exported_text(data, file_format)
    # Sold since the export: the file's stock is not saved over a variant's.
    lamp = next(pid for pid, r in data.products.items() if r.external_id == "lamp-2")
    data.products[lamp] = replace(
        data.products[lamp], variants=(replace(data.products[lamp].variants[0], stock=6),)
    )
    rug = next(pid for pid, r in data.products.items() if r.external_id == "rug-3")
    touched = dict(data.updated_at)
    edited = exported.replace("Wool rug", "Grey wool rug")

    planned = check_catalog(FakeUnitOfWork(data), parse_catalog(io.StringIO(edited)))
    uow = FakeUnitOfWork(data)
    saved = import_catalog(uow, io.StringIO(edited))

    assert (planned.created, planned.updated, planned.unchanged) == (0, 1, 2)
    assert (saved.created, saved.updated, saved.unchanged) == (0, 1, 2)
    assert data.products[rug].title == "Grey wool rug"
    assert data.updated_at[lamp] == touched[lamp]
    assert data.products[lamp].variants[0].stock == 6
    changed = {e.product_id for e in uow.collect_events() if isinstance(e, ProductChanged)}
    assert (rug in changed, lamp in changed) == (True, False)


def exported_text(data: CatalogData, file_format: str) -> str:
    stream = io.StringIO()
    export_catalog(FakeUnitOfWork(data), stream, file_format=file_format)  # type: ignore[arg-type]
    return stream.getvalue()


def test_a_file_lacking_columns_that_would_reset_products_the_shop_has_is_refused() -> None:
    """A "fix the titles" file of product_id, title and description only would give the
    shop's products new SKUs (deleting their variants), a zero price and the active status,
    and take their category, brand, images and rating; for new products those defaults are
    fine."""
    data = CatalogData()
    import_catalog(FakeUnitOfWork(data), io.StringIO(GENERIC))
    before = dict(data.products)
    text = "product_id,title,description\nP1,Armchair (new title),\nP3,Bench,\n"

    assert problems_of_check(data, text) == [
        'line 1: the file has no "category", "brand", "price", "compare_at_price", "sku", '
        '"options", "attributes", "image", "variant_image", "status", "featured", "rating", '
        '"review_count" column, so it would reset that on the 1 products the shop has already '
        '(such as "P1"): add the columns, or edit an export of the catalog'
    ]
    # With the variant columns but not the rest, the category, images and rating would go.
    variants_only = (
        "product_id,title,description,sku,price,status\n"
        "P1,Armchair (new title),,ARM-M,129.90,active\n"
    )
    assert problems_of_check(data, variants_only)[0].startswith(
        'line 1: the file has no "category", "brand", "compare_at_price", "options"'
    )
    assert data.products == before
    new_only = "product_id,title,description\nP3,Bench,\n"
    assert check_catalog(FakeUnitOfWork(data), parse_catalog(io.StringIO(new_only))).created == 1


def problems_of_check(data: CatalogData, text: str) -> list[str]:
    with pytest.raises(CatalogFileInvalid) as refused:
        import_catalog(FakeUnitOfWork(data), io.StringIO(text))
    return [str(p) for p in refused.value.problems]


# --- export and round trips -----------------------------------------------------------------


def shop_drafts() -> list[ProductDraft]:
    """Products using every field either format carries."""
    return [
        ProductDraft(
            external_id="chair-1",
            title="Aalto chair, oak",
            description='Bent birch & oak, 45 cm <seat> "classic"',
            currency="EUR",
            variants=(
                VariantRecord(
                    sku="CH-1-RED",
                    price_minor=12_990,
                    stock=3,
                    options={"colour": "Red", "size": "M"},
                    title="Red / M",
                    compare_at_minor=14_900,
                    image_path="/media/products/ch-red.jpg",
                ),
                VariantRecord(
                    sku="CH-1-NAVY",
                    price_minor=13_990,
                    stock=0,
                    options={"colour": "Navy", "size": "L"},
                    title="Navy / L",
                ),
            ),
            category_path=("Furniture", "Chairs"),
            brand="Aalto",
            attributes={"material": ("Oak", "Birch"), "tags": ("nordic", "classic")},
            images=(
                ImageRecord(path="/media/products/ch-red.jpg", alt="Red chair", option_value="Red"),
                ImageRecord(path="https://cdn.example.com/ch-2.jpg", alt="Side"),
                ImageRecord(path="https://cdn.example.com/ch-3.jpg", alt="Back"),
            ),
            featured=True,
            rating=4.25,
            review_count=31,
        ),
        ProductDraft(
            external_id="lamp-2",
            title="Brass lamp",
            description="",
            currency="EUR",
            variants=(VariantRecord(sku="LAMP-2", price_minor=4_500, stock=7),),
            category_path=("Lighting",),
            status=ProductStatus.ARCHIVED,
        ),
        ProductDraft(
            external_id="rug-3",
            title="Wool rug",
            description="Hand woven.",
            currency="EUR",
            variants=(VariantRecord(sku="RUG-3", price_minor=0, stock=0),),
            status=ProductStatus.DRAFT,
            brand="Birch & Co",
        ),
    ]


@pytest.mark.parametrize("file_format", ["generic", "shopify"])
def test_export_then_import_into_an_empty_shop_gives_the_same_products(file_format: str) -> None:
    source, target = CatalogData(), CatalogData()
    save_drafts(FakeUnitOfWork(source), shop_drafts())
    stream = io.StringIO()

    written = export_catalog(FakeUnitOfWork(source), stream, file_format=file_format)  # type: ignore[arg-type]
    stream.seek(0)
    summary = import_catalog(FakeUnitOfWork(target), stream, file_format="auto")

    assert (written, summary.created) == (3, 3)
    assert_same_products(source, target, file_format)


def images_of(data: CatalogData) -> dict[str, tuple[ImageRecord, ...]]:
    uow = FakeUnitOfWork(data)
    with uow:
        return {r.external_id: r.images for r in uow.catalog.iter_product_records()}


@pytest.mark.parametrize("file_format", ["generic", "shopify"])
def test_reimporting_an_export_changes_nothing_and_keeps_what_the_format_leaves_out(
    file_format: str,
) -> None:
    data = CatalogData()
    save_drafts(FakeUnitOfWork(data), shop_drafts())
    images = images_of(data)
    stream = io.StringIO()
    export_catalog(FakeUnitOfWork(data), stream, file_format=file_format)  # type: ignore[arg-type]

    stream.seek(0)
    preview = check_catalog(FakeUnitOfWork(data), parse_catalog(stream))
    stream.seek(0)
    uow = FakeUnitOfWork(data)
    summary = import_catalog(uow, stream)

    assert (preview.created, preview.updated, preview.unchanged) == (0, 0, 3)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 3)
    assert images_of(data) == images
    assert images["chair-1"][0] == ImageRecord("/media/products/ch-red.jpg", "Red chair", "Red")
    assert list(uow.collect_events()) == []


def test_a_reimported_image_keeps_its_details_only_at_the_same_path() -> None:
    data = CatalogData()
    save_drafts(FakeUnitOfWork(data), shop_drafts())
    stream = io.StringIO()
    export_catalog(FakeUnitOfWork(data), stream, file_format="generic")
    edited = stream.getvalue().replace("https://cdn.example.com/ch-3.jpg", "/media/ch-new.jpg")

    summary = import_catalog(FakeUnitOfWork(data), io.StringIO(edited))

    assert (summary.updated, summary.unchanged) == (1, 2)
    assert images_of(data)["chair-1"] == (
        ImageRecord("/media/products/ch-red.jpg", "Red chair", "Red"),
        ImageRecord("https://cdn.example.com/ch-2.jpg", "Side"),
        ImageRecord("/media/ch-new.jpg"),
    )


def test_a_shopify_file_sets_the_alt_text_it_carries() -> None:
    data = CatalogData()
    save_drafts(FakeUnitOfWork(data), shop_drafts())
    stream = io.StringIO()
    export_catalog(FakeUnitOfWork(data), stream, file_format="shopify")
    edited = stream.getvalue().replace(",Red chair,", ",Red chair from the front,")
    assert edited != stream.getvalue()

    summary = import_catalog(FakeUnitOfWork(data), io.StringIO(edited))

    assert (summary.updated, summary.unchanged) == (1, 2)
    assert images_of(data)["chair-1"][0] == ImageRecord(
        "/media/products/ch-red.jpg", "Red chair from the front", "Red"
    )


def test_generic_export_keeps_newlines_and_separators_in_values() -> None:
    source, target = CatalogData(), CatalogData()
    tricky = ProductDraft(
        external_id="P;1",
        title='Print "50|70"',
        description="Line one\n\nLine three, with comma",
        currency="EUR",
        variants=(
            VariantRecord(sku="P1", price_minor=1_200, stock=1, options={"size=cm": "50;70"}),
        ),
        category_path=("Art > Prints", "Posters"),
        attributes={"note": ("a|b", "c\\d")},
    )
    save_drafts(FakeUnitOfWork(source), [tricky])
    stream = io.StringIO()

    export_catalog(FakeUnitOfWork(source), stream, file_format="generic")
    stream.seek(0)
    import_catalog(FakeUnitOfWork(target), stream)

    snapshot = catalog_snapshot(FakeUnitOfWork(target), image_alt=False)
    assert snapshot == catalog_snapshot(FakeUnitOfWork(source), image_alt=False)
    assert snapshot["P;1"][2] == ("Art > Prints", "Posters")


def test_shopify_export_writes_one_row_per_variant_and_image_only_rows_for_extra_images() -> None:
    source = CatalogData()
    save_drafts(FakeUnitOfWork(source), shop_drafts()[:2])
    stream = io.StringIO()

    export_catalog(FakeUnitOfWork(source), stream, file_format="shopify")

    stream.seek(0)
    rows = list(csv.DictReader(stream))
    picked = [
        (
            r["Handle"],
            r["Option1 Name"],
            r["Option1 Value"],
            r["Variant SKU"],
            r["Variant Price"],
            r["Image Position"],
        )
        for r in rows
    ]
    assert picked == [
        ("chair-1", "Colour", "Red", "CH-1-RED", "129.90", "1"),
        ("chair-1", "", "Navy", "CH-1-NAVY", "139.90", "2"),
        ("chair-1", "", "", "", "", "3"),
        ("lamp-2", "Title", "Default Title", "LAMP-2", "45.00", ""),
    ]
    assert rows[3]["Published"] == "false"
    assert rows[3]["Status"] == "archived"


def test_export_reports_progress_and_counts_products() -> None:
    source = CatalogData()
    save_drafts(FakeUnitOfWork(source), shop_drafts())
    seen: list[int] = []

    written = export_catalog(
        FakeUnitOfWork(source), io.StringIO(), file_format="generic", on_progress=seen.append
    )

    assert written == 3
    assert seen == [3]


@pytest.mark.parametrize("file_format", ["generic", "shopify"])
def test_formula_like_cells_are_text_in_the_generic_export_and_both_formats_read_back(
    file_format: str,
) -> None:
    """Shopify's format is written as Shopify writes it (a Shopify import would keep the
    apostrophe); both read back to the same products."""
    source, target = CatalogData(), CatalogData()
    risky = ProductDraft(
        external_id="P1",
        title='=HYPERLINK("http://evil.example","Click")',
        description="-20% this week",
        currency="EUR",
        variants=(VariantRecord(sku="+SKU-1", price_minor=1_000, stock=2),),
        category_path=("Sale",),
        brand="'-80s",  # an apostrophe of its own before a formula character
    )
    save_drafts(FakeUnitOfWork(source), [risky])
    stream = io.StringIO()

    export_catalog(FakeUnitOfWork(source), stream, file_format=file_format)  # type: ignore[arg-type]

    stream.seek(0)
    cells = [cell for row in csv.reader(stream) for cell in row]
    formulas = [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    if file_format == "generic":
        assert formulas == []
        assert '\'=HYPERLINK("http://evil.example","Click")' in cells
        assert "''-80s" in cells
    else:
        assert '=HYPERLINK("http://evil.example","Click")' in formulas
    stream.seek(0)
    import_catalog(FakeUnitOfWork(target), stream, file_format="auto")
    assert_same_products(source, target, file_format)


def test_a_shopify_file_keeps_a_leading_apostrophe_that_shopify_wrote() -> None:
    """Only Boutique's generic export escapes formulas, so only its import unescapes them."""
    text = "Handle,Title,Variant SKU,Variant Price,Variant Inventory Qty\nmug,'=Mug,MUG-1,10.00,3\n"
    data = CatalogData()
    import_catalog(FakeUnitOfWork(data), io.StringIO(text), file_format="shopify")
    assert [p.title for p in data.products.values()] == ["'=Mug"]


def test_a_stock_grouped_by_thousands_with_spaces_is_read() -> None:
    """As a French spreadsheet writes 1 000 (QA); "1,000" is still no whole number."""
    text = "product_id,title,description,price,stock\nP1,Chair,,10,1\u202f000\n"
    [draft] = read_catalog(io.StringIO(text))
    assert draft.variants[0].stock == 1_000
    assert problems_of(text.replace("1\u202f000", '"1,000"')) == [
        'line 2, column "stock": "1,000" is not a whole number'
    ]


def test_skus_differing_only_by_case_are_one_sku_in_a_file() -> None:
    """As the product form holds them (QA): one reader, one SKU."""
    text = (
        "product_id,title,description,price,sku,options\n"
        "P1,Chair,,10,ab-1,size=M\nP1,,,10,AB-1,size=L\n"
    )
    assert problems_of(text) == ['line 3, column "sku": "AB-1" is already used on line 2']
