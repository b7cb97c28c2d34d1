"""The catalog admin's parsing and checks, and its use cases on the in-memory fakes."""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from models.catalog import ProductStatus
from models.events import Event, ProductChanged
from models.money import MoneyParseError
from storefront.bootstrap import Shop
from storefront.i18n import LOCALES, MESSAGES
from storefront.services.admin.audit import AuditRecord
from storefront.services.admin.bulk import (
    MAX_BULK,
    change_prices,
    move_to_category,
    scaled,
    set_status,
)
from storefront.services.admin.catalog_codes import ALL_CODES
from storefront.services.admin.catalog_ports import (
    LowStockRow,
    StockAudit,
    StockEntry,
    StockHistoryRow,
    StockMove,
    StockProblem,
)
from storefront.services.admin.images import MAX_IMAGE_BYTES, attach_image, check_image
from storefront.services.admin.product_form import (
    FIELD_LIMITS,
    MAX_VARIANTS,
    VARIANT_LIMITS,
    ProductForm,
    VariantForm,
    format_options,
    parse_options,
    parse_price,
    parse_product_form,
    parse_stock,
)
from storefront.services.admin.product_writes import create_product, product_form_of, update_product
from storefront.services.admin.stock import StockAdmin, parse_delta
from storefront.services.catalog_csv import CatalogFileInvalid, import_catalog
from storefront.services.catalog_limits import MAX_DESCRIPTION, MAX_TITLE
from storefront.services.errors import Refusal
from storefront.services.ports import UnitOfWork
from storefront.services.use_cases import UseCaseRunner
from tests.fakes import CatalogData, FakeMediaStore, FakeUnitOfWork

NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def png_bytes() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg_bytes(scan: bytes = b"\x12\x34\xff\x00\x56", app: bytes = b"") -> bytes:
    """A JPEG's structure (not decoded here): start, a JFIF header, `app` segments, a scan
    header, the scan's data and the end marker."""
    jfif = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    start_of_scan = b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00"
    return b"\xff\xd8" + jfif + app + start_of_scan + scan + b"\xff\xd9"


def exif_with_thumbnail() -> bytes:
    """An APP1 segment carrying a small JPEG, whose own end marker must not count."""
    body = b"Exif\x00\x00" + jpeg_bytes()
    return b"\xff\xe1" + (len(body) + 2).to_bytes(2, "big") + body


def webp_bytes() -> bytes:
    body = b"WEBPVP8 " + struct.pack("<I", 10) + b"\0" * 10
    return b"RIFF" + struct.pack("<I", len(body)) + body


def chair_form(**changes: object) -> ProductForm:
    values: dict[str, object] = {
        "title": "Lounge chair",
        "description": "Deep and soft.",
        "category_id": 2,
        "brand": "Aalto",
        "status": "active",
        "variants": (
            VariantForm(sku="LC-M", price="129,90", stock="4", options="size=M, colour=Blue"),
            VariantForm(sku="LC-L", price="139", stock=2, options={"size": "L", "colour": "Blue"}),
        ),
    }
    values |= changes
    return ProductForm(**values)  # type: ignore[arg-type]


def refusal_of(call: object, *args: object, **kwargs: object) -> Refusal:
    with pytest.raises(Refusal) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    return caught.value


# Parsing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [
        ("12.90", "EUR", 1290),
        ("12,90", "EUR", 1290),
        ("12", "EUR", 1200),
        (" 12.9 ", "EUR", 1290),
        ("1 000,50", "EUR", 100050),
        ("1,000.50", "EUR", 100050),  # grouped as English writes it
        ("1\u202f000,50\u00a0€", "EUR", 100050),  # pasted from a price the shop shows
        ("12 €", "EUR", 1200),
        ("0", "EUR", 0),
        ("1200", "JPY", 1200),
    ],
)
def test_prices_are_read_as_typed_into_minor_units(text: str, currency: str, minor: int) -> None:
    assert parse_price(text, currency) == minor


@pytest.mark.parametrize(
    "text", ["", "abc", "-1", "12.999", "1e3", "12.9.0", "1,000", "1,000,50", "12 $", "12 USD"]
)
def test_prices_that_are_not_amounts_are_refused(text: str) -> None:
    with pytest.raises(MoneyParseError):
        parse_price(text, "EUR")


def test_a_price_above_the_ceiling_is_refused() -> None:
    with pytest.raises(MoneyParseError):
        parse_price("1000000.01", "EUR")


def test_options_read_from_text_or_a_mapping_and_back() -> None:
    options = parse_options(" size = M , colour=Navy Blue,")
    assert options == {"size": "M", "colour": "Navy Blue"}
    assert parse_options(format_options(options)) == options
    assert parse_options({"size": "M"}) == {"size": "M"}
    assert parse_options("") == {}
    # The catalog file's semicolons: saved as one option "size" of "M; colour=Blue" (QA).
    assert parse_options("size=M; colour=Blue") == {"size": "M", "colour": "Blue"}
    # A value the catalog file gave with a comma: the form shows it escaped and saves it
    # back (it was refused on every save, even of the price alone; QA).
    imported = {"width": "10,5 cm", "fit": "a=b; c\\d"}
    assert format_options(imported) == "width=10\\,5 cm, fit=a\\=b\\; c\\\\d"
    assert parse_options(format_options(imported)) == imported


@pytest.mark.parametrize("text", ["size", "size=", "=M", "size=M, size=L", "size=M=L"])
def test_bad_options_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"option|name=value"):
        parse_options(text)


def test_an_option_named_twice_gets_a_message_of_its_own() -> None:
    """Well written, it got the format's help, which did not say what was wrong (QA)."""
    twice = chair_form(variants=(replace(chair_form().variants[0], options="size=M, size=L"),))
    assert refusal_of(parse_product_form, twice, "EUR").fields == {
        "variants.0.options": "admin.product.error.option_twice"
    }


def test_stock_is_a_whole_number_within_bounds() -> None:
    assert [parse_stock(v) for v in ("0", " 7 ", 12, "1000000")] == [0, 7, 12, 1_000_000]
    assert parse_stock("1\u202f000") == parse_stock("1 000") == 1_000  # grouped (QA)
    refused = ("-1", "2.5", "", "x", "1000001", -3, "1_0", "\u0661\u0662", "7\n8", "1 00")
    assert [parse_stock(v) for v in refused] == [None] * len(refused)


def test_a_good_form_parses_into_variant_records() -> None:
    parsed = parse_product_form(chair_form(), "EUR")
    assert parsed.title == "Lounge chair"
    assert parsed.category_id == 2
    assert parsed.status is ProductStatus.ACTIVE
    assert [(v.sku, v.price_minor, v.stock) for v in parsed.variants] == [
        ("LC-M", 12990, 4),
        ("LC-L", 13900, 2),
    ]
    assert parsed.variants[0].options == {"size": "M", "colour": "Blue"}
    # Named by its options, as imports and the demo catalog name variants.
    assert [v.title for v in parsed.variants] == ["M / Blue", "L / Blue"]
    assert parse_product_form(chair_form(category_id="2", brand=" 7 "), "EUR").brand == "7"


def test_a_bad_form_names_every_field_at_fault() -> None:
    form = chair_form(
        title="  ",
        category_id="",
        status="published",
        variants=(
            VariantForm(sku="A 1", price="12.999", stock="-1", options="size"),
            VariantForm(sku="B", price="10", compare_at="9", options="size=M"),
            VariantForm(sku="B", price="x", compare_at="y", options="size=L"),
        ),
    )
    refusal = refusal_of(parse_product_form, form, "EUR")
    assert refusal.code == "admin.product.error.invalid"
    assert refusal.fields == {
        "title": "admin.product.error.title",
        "category_id": "admin.product.error.category",
        "status": "admin.product.error.status",
        "variants.0.sku": "admin.product.error.sku",
        "variants.0.options": "admin.product.error.options",
        "variants.0.price": "admin.product.error.price",
        "variants.0.stock": "admin.product.error.stock",
        "variants.1.compare_at": "admin.product.error.compare_at",
        "variants.2.sku": "admin.product.error.sku_repeated",
        "variants.2.price": "admin.product.error.price",
        "variants.2.compare_at": "admin.product.error.compare_at",
    }


def test_a_published_product_is_not_given_away_but_a_draft_may_wait_for_its_price() -> None:
    free = (
        VariantForm(sku="LC-M", price="12.90", stock="4", options="size=M"),
        VariantForm(sku="LC-L", price="0", options="size=L"),
    )
    assert refusal_of(parse_product_form, chair_form(variants=free), "EUR").fields == {
        "variants.1.price": "admin.product.error.price_free"
    }
    draft = parse_product_form(chair_form(variants=free, status="draft"), "EUR")
    assert [v.price_minor for v in draft.variants] == [1_290, 0]


def test_a_form_without_variants_or_with_twin_variants_is_refused() -> None:
    assert refusal_of(parse_product_form, chair_form(variants=()), "EUR").fields == {
        "variants": "admin.product.error.variants"
    }
    twins = (
        VariantForm(sku="A", price="1", options="size=M"),
        VariantForm(sku="B", price="1", options="size=M"),
    )
    assert refusal_of(parse_product_form, chair_form(variants=twins), "EUR").fields == {
        "variants.1.options": "admin.product.error.options_repeated"
    }
    # No options at all: the page showed the first only, and the catalog's export could not
    # be imported again (QA).
    bare = (VariantForm(sku="A", price="1"), VariantForm(sku="B", price="2"))
    assert refusal_of(parse_product_form, chair_form(variants=bare), "EUR").fields == {
        "variants.1.options": "admin.product.error.options_missing"
    }
    # SKUs one reader takes for one.
    cased = (
        VariantForm(sku="ab-1", price="1", options="size=M"),
        VariantForm(sku="AB-1", price="1", options="size=L"),
    )
    assert refusal_of(parse_product_form, chair_form(variants=cased), "EUR").fields == {
        "variants.1.sku": "admin.product.error.sku_repeated"
    }


def test_every_variant_names_the_options_of_the_first() -> None:
    """A French merchant typed taille= beside the product's size=: the page drew two size
    pickers, the new size alone in the second (QA)."""
    mixed = (
        VariantForm(sku="A", price="1", options="size=M, colour=Oak"),
        VariantForm(sku="B", price="1", options="colour=Ash, size=L"),  # the order is free
        VariantForm(sku="C", price="1", options="taille=XL, colour=Oak"),
        VariantForm(sku="D", price="1", options="size=S"),
        VariantForm(sku="E", price="1"),
    )
    assert refusal_of(parse_product_form, chair_form(variants=mixed), "EUR").fields == {
        f"variants.{i}.options": "admin.product.error.option_names" for i in (2, 3, 4)
    }
    unreadable_first = (
        VariantForm(sku="A", price="1", options="size"),
        VariantForm(sku="B", price="1", options="size=L"),
    )
    assert refusal_of(parse_product_form, chair_form(variants=unreadable_first), "EUR").fields == {
        "variants.0.options": "admin.product.error.options"  # the second is not blamed
    }


def test_a_form_with_more_variants_than_the_limit_is_refused_as_such() -> None:
    many = tuple(
        VariantForm(sku=f"T-{i}", price="1", options=f"size={i}") for i in range(MAX_VARIANTS + 1)
    )
    assert refusal_of(parse_product_form, chair_form(variants=many), "EUR").fields == {
        "variants": "admin.product.error.too_many_variants"
    }
    assert len(parse_product_form(chair_form(variants=many[:-1]), "EUR").variants) == MAX_VARIANTS


def test_numbers_longer_than_int_reads_are_refused_not_raised() -> None:
    """int() raises on more than 4,300 digits; leading zeros count too."""
    huge = "0" * 5_000 + "1"
    assert parse_stock(huge) is None
    with pytest.raises(MoneyParseError):
        parse_price(huge, "EUR")
    form = chair_form(category_id=huge, variants=(VariantForm(sku="A", price="1", stock=huge),))
    assert refusal_of(parse_product_form, form, "EUR").fields == {
        "category_id": "admin.product.error.category",
        "variants.0.stock": "admin.product.error.stock",
    }


def test_every_field_is_refused_past_its_limit_even_when_it_would_read_well() -> None:
    """The page cuts what it is sent at these limits + 1: a cut value must be refused, never
    read (leading zeros would make a cut number valid, and another number)."""
    fields = {
        "title": "T" * (MAX_TITLE + 1),
        "description": "D" * (MAX_DESCRIPTION + 1),
        "brand": "B" * 161,
        "category_id": "0" * 40 + "2",
        "status": "x" * 41,
    }
    variant_fields = {
        "sku": "S" * 121,
        "options": ", ".join(f"k{i}=v" for i in range(1_000)),
        "price": "0" * 40 + "1",
        "compare_at": "0" * 40 + "200",
        "stock": "0" * 40 + "1",
    }
    assert {k: len(v) > FIELD_LIMITS[k] for k, v in fields.items()} == dict.fromkeys(
        FIELD_LIMITS, True
    )
    assert {k: len(v) > VARIANT_LIMITS[k] for k, v in variant_fields.items()} == dict.fromkeys(
        VARIANT_LIMITS, True
    )
    for name, value in fields.items():
        assert name in refusal_of(parse_product_form, chair_form(**{name: value}), "EUR").fields
    for name, value in variant_fields.items():
        over = chair_form(variants=(replace(chair_form().variants[0], **{name: value}),))
        assert [*refusal_of(parse_product_form, over, "EUR").fields] == [f"variants.0.{name}"]


def test_a_product_with_the_longest_description_an_import_takes_is_saved_from_the_form() -> None:
    """The import and the form take the same descriptions: the form used to refuse every save
    of an imported product described in more than 20,000 characters."""
    data = CatalogData()
    longest = "d" * 100_000
    header = "product_id,title,description,category,price,stock,sku,status"
    row = "P1,Rug,{},Home > Rugs,90,3,RUG-1,active"
    import_catalog(FakeUnitOfWork(data), io.StringIO(f"{header}\n{row.format(longest)}\n"))
    product_id = next(iter(data.products))
    form = product_form_of(FakeUnitOfWork(data), product_id)
    assert form.description == longest

    update_product(FakeUnitOfWork(data), product_id, replace(form, title="Wool rug"))

    assert (data.products[product_id].title, data.products[product_id].description) == (
        "Wool rug",
        longest,
    )
    with pytest.raises(CatalogFileInvalid) as refused:
        import_catalog(FakeUnitOfWork(data), io.StringIO(f"{header}\n{row.format(longest + 'd')}"))
    assert [str(p) for p in refused.value.problems] == [
        'line 2, column "description": is 100,001 characters long; at most 100,000 allowed'
    ]
    too_long = refusal_of(parse_product_form, replace(form, description=longest + "d"), "EUR")
    assert too_long.fields == {"description": "admin.product.error.too_long"}
    assert too_long.field_params == {"description": {"limit": MAX_DESCRIPTION}}


@pytest.mark.parametrize("hidden", ["\u202e", "\u200b", "\u2066", "\ufeff"])
def test_a_name_disguised_by_an_invisible_character_is_refused(hidden: str) -> None:
    """A right-to-left override or a zero-width space shows nothing, and makes a title read
    as another's (QA saved both). The joiners emoji need are text."""
    refused = refusal_of(parse_product_form, chair_form(title=f"Chair {hidden}eulav"), "EUR")
    assert refused.fields == {"title": "admin.product.error.disguised"}
    refused = refusal_of(parse_product_form, chair_form(brand=f"Ac{hidden}me"), "EUR")
    assert refused.fields == {"brand": "admin.product.error.disguised"}
    assert parse_product_form(chair_form(title="Chair \U0001f469\u200d\U0001f527"), "EUR")


def test_every_refusal_code_is_listed_for_translation() -> None:
    assert len(set(ALL_CODES)) == len(ALL_CODES)
    assert all(code.startswith("admin.") for code in ALL_CODES)
    assert [code for code in ALL_CODES if set(MESSAGES.get(code, {})) != set(LOCALES)] == []


# Images ------------------------------------------------------------------------------------


def test_images_are_known_by_their_bytes() -> None:
    assert check_image("photo.png", png_bytes()) == ("png", "image/png")
    assert check_image("photo", jpeg_bytes()) == ("jpg", "image/jpeg")
    assert check_image("photo.webp", webp_bytes()) == ("webp", "image/webp")
    # The name does not decide: a PNG called .jpg is stored as what it is.
    assert check_image("photo.jpg", png_bytes()) == ("png", "image/png")


@pytest.mark.parametrize(
    ("filename", "data", "code"),
    [
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "svg"),
        ("logo.png", b'\xef\xbb\xbf  <?xml version="1.0"?><svg></svg>', "svg"),
        ("logo.svg", b"\x1f\x8b\x08\x00compressed", "svg"),
        ("notes.png", b"just some text, renamed", "type"),
        ("page.jpg", b"<html><script>alert(1)</script></html>", "type"),
        ("anim.gif", b"GIF89a\x01\x00\x01\x00", "type"),
        ("empty.png", b"", "empty"),
        ("huge.png", b"\x89PNG\r\n\x1a\n" + b"\0" * (6 * 1024 * 1024), "too_large"),
        # Cut short, or with a byte changed: a half-drawn picture on the shop.
        ("cut.png", png_bytes()[:-12], "damaged"),
        ("cut.png", png_bytes()[:40], "damaged"),
        ("flipped.png", png_bytes()[:40] + b"\x00" + png_bytes()[41:], "damaged"),
        ("headless.png", b"\x89PNG\r\n\x1a\n" + png_bytes()[33:], "damaged"),
        ("cut.jpg", jpeg_bytes()[:-2], "damaged"),
        ("cut.webp", webp_bytes()[:-1], "damaged"),
    ],
)
def test_anything_but_a_small_png_jpeg_or_webp_is_refused(
    filename: str, data: bytes, code: str
) -> None:
    refusal = refusal_of(check_image, filename, data)
    assert refusal.code == f"admin.image.error.{code}"
    assert refusal.fields == {"image": refusal.code}


def test_an_image_of_exactly_the_limit_is_accepted() -> None:
    data = jpeg_bytes(scan=b"\0" * (MAX_IMAGE_BYTES - len(jpeg_bytes(scan=b""))))
    assert len(data) == MAX_IMAGE_BYTES
    assert check_image("big.jpg", data) == ("jpg", "image/jpeg")


def test_a_jpeg_with_more_after_its_end_marker_is_whole() -> None:
    padded = jpeg_bytes() + b"\0" * 64
    motion_photo = jpeg_bytes() + b"\x00\x00\x00\x18ftypmp42" + b"\x01" * 100
    for data in (padded, motion_photo, jpeg_bytes(app=exif_with_thumbnail())):
        assert check_image("camera.jpg", data) == ("jpg", "image/jpeg")


def test_a_jpeg_cut_in_its_image_data_is_damaged_even_with_a_thumbnail() -> None:
    whole = jpeg_bytes(scan=b"\x12" * 500, app=exif_with_thumbnail())
    assert refusal_of(check_image, "cut.jpg", whole[:-200]).code == "admin.image.error.damaged"
    assert refusal_of(check_image, "cut.jpg", whole[:30]).code == "admin.image.error.damaged"


# Products on the fakes ---------------------------------------------------------------------


def chairs_id(data: CatalogData) -> int:
    return next(c.id for c in data.categories.values() if c.name == "Chairs")


def test_a_created_product_is_on_sale_with_its_variants(seeded: Shop, data: CatalogData) -> None:
    product_id = seeded.run(
        create_product, chair_form(category_id=chairs_id(data), brand="Nordform"), currency="EUR"
    )
    page = seeded.catalog.product("lounge-chair")
    assert page is not None
    assert page.product.id == product_id
    assert page.product.brand is not None
    assert page.product.brand.name == "Nordform"
    assert [(v.sku, v.price_minor, v.stock) for v in page.product.variants] == [
        ("LC-M", 12990, 4),
        ("LC-L", 13900, 2),
    ]


def test_a_product_form_with_a_taken_sku_or_unknown_category_writes_nothing(
    seeded: Shop, data: CatalogData
) -> None:
    before = dict(data.products)
    form = chair_form(
        category_id=9999,
        brand=9999,
        variants=(
            VariantForm(sku="SKU-1-0", price="10", options="size=M"),
            VariantForm(sku="NEW-1", price="10", options="size=L"),
        ),
    )
    refusal = refusal_of(seeded.run, create_product, form, currency="EUR")
    assert refusal.fields == {
        "category_id": "admin.product.error.category",
        "brand": "admin.product.error.brand",
        "variants.0.sku": "admin.product.error.sku_taken",
    }
    taken = chair_form(category_id=chairs_id(data), external_id="P1")
    assert refusal_of(seeded.run, create_product, taken, currency="EUR").fields == {
        "external_id": "admin.product.error.external_id_taken"
    }
    assert data.products == before


def test_a_product_form_names_every_mistake_at_once_the_databases_too(
    seeded: Shop, data: CatalogData
) -> None:
    """A price typed wrong does not hide that a SKU is taken or the category gone: one
    refusal names them all, whether the product is new or edited."""
    before = dict(data.products)
    variants = (
        VariantForm(sku="SKU-2-0", price="ten", options="size=M"),
        VariantForm(sku="NEW-1", price="10", options="size=L"),
    )
    form = chair_form(category_id=9999, title="", external_id="P1", variants=variants)
    assert refusal_of(seeded.run, create_product, form, currency="EUR").fields == {
        "title": "admin.product.error.title",
        "category_id": "admin.product.error.category",
        "external_id": "admin.product.error.external_id_taken",
        "variants.0.sku": "admin.product.error.sku_taken",
        "variants.0.price": "admin.product.error.price",
    }
    variants = (
        VariantForm(sku="SKU-1-0", price="ten", options="size=M"),
        VariantForm(sku="NEW-1", price="10", options="size=L"),
    )
    edit = chair_form(category_id=9999, variants=variants)
    p2 = next(pid for pid, record in data.products.items() if record.external_id == "P2")
    assert refusal_of(seeded.run, update_product, p2, edit).fields == {
        "category_id": "admin.product.error.category",
        "variants.0.sku": "admin.product.error.sku_taken",
        "variants.0.price": "admin.product.error.price",
    }
    assert data.products == before


def test_the_edit_form_round_trips_and_keeps_stock_of_existing_variants(
    seeded: Shop, data: CatalogData
) -> None:
    product_id = next(pid for pid, r in data.products.items() if r.external_id == "P3")
    form = seeded.run(product_form_of, product_id)
    assert form.brand == "Aalto"
    assert [(v.sku, v.price, v.stock, v.options) for v in form.variants] == [
        ("SKU-3-0", "80.00", "5", "colour=Green"),
    ]
    edited = ProductForm(
        title="Chair three",
        description=form.description,
        category_id=form.category_id,
        brand="Birch & Co",
        status="active",
        variants=(
            VariantForm(sku="SKU-3-0", price="79,50", stock="999", options="colour=Green"),
            VariantForm(sku="SKU-3-NEW", price="81", stock="3", options="colour=Red"),
        ),
    )
    change = seeded.run(update_product, product_id, edited)
    assert change.before is not None
    assert (change.before["title"], change.after["title"]) == ("Chair number 3", "Chair three")
    record = data.products[product_id]
    assert [(v.sku, v.price_minor, v.stock) for v in record.variants] == [
        ("SKU-3-0", 7950, 5),  # stock moves by adjustments only
        ("SKU-3-NEW", 8100, 3),
    ]
    assert record.external_id == "P3"
    assert data.brands[record.brand_id or 0].name == "Birch & Co"


def test_editing_a_missing_product_is_refused(seeded: Shop) -> None:
    assert refusal_of(seeded.run, product_form_of, 123456).code == "admin.product.error.not_found"
    refusal = refusal_of(seeded.run, update_product, 123456, chair_form())
    assert refusal.code == "admin.product.error.not_found"


def test_an_edit_form_opened_before_a_price_or_status_change_is_refused(
    seeded: Shop, data: CatalogData
) -> None:
    product_id = next(pid for pid, r in data.products.items() if r.external_id == "P3")
    opened = seeded.run(product_form_of, product_id)
    record = data.products[product_id]  # a sale meanwhile: stock is not shown as a change
    data.products[product_id] = replace(record, variants=(replace(record.variants[0], stock=4),))
    seeded.run(update_product, product_id, replace(opened, title="Chair three"))
    reopened = seeded.run(product_form_of, product_id)
    seeded.run(change_prices, [product_id], "10")  # a bulk price change meanwhile
    refusal = refusal_of(seeded.run, update_product, product_id, replace(reopened, title="X"))
    assert refusal.code == "admin.product.error.changed"
    kept = data.products[product_id]
    assert (kept.title, kept.variants[0].price_minor, kept.variants[0].stock) == (
        "Chair three", 8800, 4,
    )  # fmt: skip
    seeded.run(set_status, [product_id], "draft")
    fresh = seeded.run(product_form_of, product_id)
    assert refusal_of(seeded.run, update_product, product_id, opened).code == (
        "admin.product.error.changed"
    )
    seeded.run(update_product, product_id, replace(fresh, title="Chair four"))
    assert (data.products[product_id].title, data.products[product_id].status) == (
        "Chair four", ProductStatus.DRAFT,
    )  # fmt: skip


def test_bulk_actions_refuse_empty_and_oversized_selections(seeded: Shop) -> None:
    assert refusal_of(seeded.run, set_status, [], "draft").code == "admin.bulk.error.empty"
    ids = list(range(1, MAX_BULK + 2))
    assert refusal_of(seeded.run, set_status, ids, "draft").code == "admin.bulk.error.too_many"
    assert refusal_of(seeded.run, set_status, [1], "gone").code == "admin.bulk.error.status"
    assert refusal_of(seeded.run, set_status, [999_999], "draft").code == (
        "admin.bulk.error.not_found"
    )


def test_bulk_status_changes_only_what_differs_and_raises_one_event_each(
    seeded: Shop, data: CatalogData
) -> None:
    ids = sorted(data.products)[:3]
    uow = seeded.uow()
    first = set_status(uow, ids[:1], "draft")
    assert [(c.before, c.after) for c in first] == [({"status": "active"}, {"status": "draft"})]
    list(uow.collect_events())
    changes = set_status(uow, ids, "draft")
    assert [c.product_id for c in changes] == ids[1:]
    events = list(uow.collect_events())
    assert [e.product_id for e in events if isinstance(e, ProductChanged)] == ids[1:]
    assert all(data.products[pid].status is ProductStatus.DRAFT for pid in ids)


def test_bulk_publishing_refuses_a_product_priced_0_and_changes_nothing(
    seeded: Shop, data: CatalogData
) -> None:
    ids = sorted(data.products)[:2]
    seeded.run(set_status, ids, "draft")
    record = data.products[ids[1]]
    free = replace(record.variants[0], price_minor=0)
    data.products[ids[1]] = replace(record, variants=(free, *record.variants[1:]))
    assert refusal_of(seeded.run, set_status, ids, "active").code == "admin.bulk.error.free"
    assert all(data.products[pid].status is ProductStatus.DRAFT for pid in ids)
    seeded.run(set_status, ids, "archived")  # any other status is no sale
    assert all(data.products[pid].status is ProductStatus.ARCHIVED for pid in ids)


@pytest.mark.parametrize(
    ("price", "percent", "expected"),
    [
        (1000, Decimal(10), 1100),
        (999, Decimal(10), 1099),  # 1098.9
        (125, Decimal(-10), 113),  # 112.5 rounds half up
        (5, Decimal(-90), 1),  # 0.5
        (1, Decimal(-90), 0),  # 0.1: never below zero
        (0, Decimal(500), 0),
        (1990, Decimal("12.5"), 2239),  # 2238.75
    ],
)
def test_prices_scale_with_half_up_rounding(price: int, percent: Decimal, expected: int) -> None:
    assert scaled(price, percent) == expected


def test_price_changes_keep_compare_at_unless_the_price_reaches_it(
    seeded: Shop, data: CatalogData
) -> None:
    product_id = next(pid for pid, r in data.products.items() if r.external_id == "P3")
    form = seeded.run(product_form_of, product_id)
    sale = VariantForm(sku="SKU-3-0", price="80", compare_at="100", options="colour=Green")
    seeded.run(update_product, product_id, replace(form, variants=(sale,)))
    seeded.run(change_prices, [product_id], "10")
    assert data.products[product_id].variants[0].price_minor == 8800
    assert data.products[product_id].variants[0].compare_at_minor == 10000
    changes = seeded.run(change_prices, [product_id], 15)
    assert data.products[product_id].variants[0].price_minor == 10120
    assert data.products[product_id].variants[0].compare_at_minor is None
    assert changes[0].after == {
        "prices": {"SKU-3-0": {"price_minor": 10120, "compare_at_minor": None}}
    }


def test_a_price_cut_that_would_give_a_published_product_away_is_refused(
    seeded: Shop, data: CatalogData
) -> None:
    product_id = next(pid for pid, r in data.products.items() if r.external_id == "P3")
    record = data.products[product_id]
    cent = replace(record.variants[0], price_minor=4)  # 0.4 after a 90 % cut
    data.products[product_id] = replace(record, variants=(cent,))
    refused = refusal_of(seeded.run, change_prices, [product_id], "-90")
    assert refused.code == "admin.bulk.error.price_free"
    assert data.products[product_id].variants[0].price_minor == 4
    seeded.run(set_status, [product_id], "draft")
    seeded.run(change_prices, [product_id], "-90")  # a draft may wait for its price
    assert data.products[product_id].variants[0].price_minor == 0


# "1e2" doubled the prices, confirmed as "+1E+2%" (QA).
@pytest.mark.parametrize("percent", ["-91", "501", "x", "NaN", "1e3", "1e2", "1_0", "0.001", ""])
def test_price_changes_out_of_range_are_refused(seeded: Shop, percent: str) -> None:
    assert refusal_of(seeded.run, change_prices, [1], percent).code == "admin.bulk.error.percent"


def test_moving_to_an_unknown_category_is_refused(seeded: Shop, data: CatalogData) -> None:
    ids = sorted(data.products)[:2]
    assert refusal_of(seeded.run, move_to_category, ids, 99999).code == (
        "admin.bulk.error.category"
    )
    tables = next(c.id for c in data.categories.values() if c.name == "Tables")
    changes = seeded.run(move_to_category, ids, tables)
    assert {c.after["category_id"] for c in changes} == {tables}


def test_an_attached_image_becomes_the_first_image(seeded: Shop, data: CatalogData) -> None:
    media = FakeMediaStore()
    product_id = sorted(data.products)[0]
    change = seeded.run(attach_image, media, product_id, "x.png", png_bytes(), alt="Front")
    path = change.after["image"]
    assert path.startswith(f"/media/products/{product_id}/")
    assert path.endswith(".png")
    assert media.blobs[path.removeprefix("/media/")] == png_bytes()
    images = data.products[product_id].images
    assert (images[0].path, images[0].alt) == (path, "Front")
    assert change.before == {"image": images[1].path}
    refusal = refusal_of(seeded.run, attach_image, media, product_id, "x.svg", b"<svg/>")
    assert refusal.code == "admin.image.error.svg"


# Stock on a fake store ---------------------------------------------------------------------


class FakeStockStore:
    def __init__(self) -> None:
        self.stock = {"A": 3}
        self.owed = 0  # units held or ordered and not shipped
        self.entries: list[tuple[str, int, StockEntry]] = []

    def adjust(
        self, sku: str, delta: int, entry: StockEntry, audit: StockAudit | None = None
    ) -> StockMove | StockProblem:
        if sku not in self.stock:
            return "unknown_sku"
        if self.stock[sku] + delta < 0:
            return "below_zero"
        self.stock[sku] += delta
        self.entries.append((sku, delta, entry))
        return StockMove(sku, 1, 1, delta, self.stock[sku], (ProductChanged(1, ("a",), ()),))

    def recount(
        self, sku: str, counted: int, entry: StockEntry, audit: StockAudit | None = None
    ) -> StockMove | StockProblem:
        if sku not in self.stock:
            return "unknown_sku"
        if counted < self.owed:
            return "below_owed"
        delta = counted - self.owed - self.stock[sku]
        self.stock[sku] += delta
        self.entries.append((sku, delta, entry))
        return StockMove(sku, 1, 1, delta, self.stock[sku], ())

    def low_stock(self, threshold: int, limit: int) -> list[LowStockRow]:
        return []

    def history(
        self, *, sku: str | None, product_id: int | None, limit: int
    ) -> list[StockHistoryRow]:
        return []


def test_stock_adjustments_are_checked_before_anything_is_written() -> None:
    store, published = FakeStockStore(), list[Event]()
    admin = StockAdmin(store, published.extend)

    def refused(**changes: object) -> Refusal:
        values: dict[str, object] = {"reason": "received", "note": "", "actor_id": 1, "now": NOW}
        values |= changes
        delta = values.pop("delta", 1)
        sku = values.pop("sku", "A")
        return refusal_of(admin.adjust_stock, sku, delta, **values)

    assert refused(delta=0).fields == {"delta": "admin.stock.error.delta"}
    assert refused(delta=100_001).fields == {"delta": "admin.stock.error.delta"}
    assert refused(delta="two").fields == {"delta": "admin.stock.error.delta"}
    assert refused(reason="stolen").fields == {"reason": "admin.stock.error.reason"}
    assert refused(note="x" * 201).fields == {"note": "admin.stock.error.note"}
    # Each message names its limit, the page's banner too (it says the first field's).
    too_many = refused(delta=100_001)
    assert (too_many.params, too_many.field_params) == (
        {"limit": 100_000},
        {"delta": {"limit": 100_000}},
    )
    over = refused(delta="1000001", reason="recount", note="x" * 201)
    assert (over.code, over.params) == ("admin.stock.error.counted", {"limit": 1_000_000})
    assert over.field_params == {"delta": {"limit": 1_000_000}, "note": {"limit": 200}}
    assert refused(sku="B").code == "admin.stock.error.unknown_sku"
    assert refused(delta=-4, reason="correction").code == "admin.stock.error.below_zero"
    # A reason that says which way units move refuses the other way (a slipped sign).
    assert refused(delta="-2").fields == {"delta": "admin.stock.error.adds"}
    assert refused(delta=-2, reason="returned").fields == {"delta": "admin.stock.error.adds"}
    assert refused(delta="+2", reason="damaged").fields == {"delta": "admin.stock.error.removes"}
    assert store.entries == []
    assert published == []
    moved = admin.adjust_stock("A", "-3", reason="damaged", note=" dropped ", actor_id=1, now=NOW)
    assert (moved.stock_after, store.entries[0][2].note) == (0, "dropped")
    assert published == [ProductChanged(1, ("a",), ())]


def test_a_recount_is_the_units_on_the_shelf_less_those_already_sold() -> None:
    store, published = FakeStockStore(), list[Event]()
    store.owed = 2
    admin = StockAdmin(store, published.extend)
    values: dict[str, object] = {"reason": "recount", "note": "", "actor_id": 1, "now": NOW}

    def refused(counted: object) -> Refusal:
        return refusal_of(admin.adjust_stock, "A", counted, **values)

    assert refused("+2").fields == {"delta": "admin.stock.error.counted"}
    assert refused("-1").fields == {"delta": "admin.stock.error.counted"}
    assert refused(True).fields == {"delta": "admin.stock.error.counted"}
    assert refused("1").fields == {"delta": "admin.stock.error.below_owed"}
    assert (store.entries, published) == ([], [])
    moved = admin.adjust_stock("A", "7", **values)  # 7 on the shelf, 2 of them sold
    assert (moved.delta, moved.stock_after, store.stock["A"]) == (2, 5, 5)
    matched = admin.adjust_stock("A", 7, **values)  # a count that found no change
    assert (matched.delta, matched.stock_after) == (0, 5)
    assert [e[2].reason for e in store.entries] == ["recount", "recount"]


def test_delta_text_is_read_with_its_sign() -> None:
    assert [parse_delta(v) for v in ("+5", "-3", " 7 ", 100_000, -100_000)] == [
        5,
        -3,
        7,
        100_000,
        -100_000,
    ]
    assert [parse_delta(v) for v in ("0", "1.5", "", "--1", True, 100_001)] == [None] * 6


def test_an_audited_use_case_commits_with_its_entries_or_not_at_all(
    seeded: Shop, data: CatalogData
) -> None:
    uow = FakeUnitOfWork(data)
    run = UseCaseRunner(lambda: uow, lambda events: None)
    form = chair_form(category_id=chairs_id(data))
    before = dict(data.products)

    def unwritable(_uow: UnitOfWork, _product_id: int) -> list[AuditRecord]:
        raise RuntimeError("no audit today")

    with pytest.raises(RuntimeError):
        run.audited(unwritable, create_product, form, currency="EUR")
    assert data.products == before
    assert uow.audits == []

    def entry(inner: UnitOfWork, product_id: int) -> list[AuditRecord]:
        title = product_form_of(inner, product_id).title  # reads inside the same transaction
        return [
            AuditRecord(1, "ada@example.com", "product.create", f"product:{product_id}", "", title)
        ]

    product_id = run.audited(entry, create_product, form, currency="EUR")
    assert product_id in data.products
    assert [(a.subject, a.after) for a in uow.audits] == [(f"product:{product_id}", "Lounge chair")]
