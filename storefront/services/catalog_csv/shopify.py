"""Shopify's product CSV: rows sharing a Handle are one product.

The product's first row carries the product fields and its first variant; later rows add
variants (option values, SKU, price...) and/or images; image-only rows have no variant field.
Boutique-only fields travel in metafield columns, named as Shopify names them:
"Label (product.metafields.namespace.key)".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from models.catalog import ProductStatus
from models.records import ImageRecord, VariantRecord
from storefront.services.catalog_csv import cells, shopify_cells
from storefront.services.catalog_csv.building import (
    ParsedCatalog,
    VariantChecks,
    group_rows,
    merge_product_cells,
    refuse_free_variants,
    sale_price_only,
)
from storefront.services.catalog_csv.problems import ProblemLog, quoted
from storefront.services.catalog_csv.table import Row, Table
from storefront.services.catalog_limits import MAX_TITLE
from storefront.services.catalog_writer import ProductDraft
from storefront.services.product_records import variant_title

T = TypeVar("T")

HANDLE = "Handle"
TITLE = "Title"
BODY = "Body (HTML)"
VENDOR = "Vendor"
PRODUCT_CATEGORY = "Product Category"
TYPE = "Type"
TAGS = "Tags"
PUBLISHED = "Published"
OPTION_NAMES = ("Option1 Name", "Option2 Name", "Option3 Name")
OPTION_VALUES = ("Option1 Value", "Option2 Value", "Option3 Value")
SKU = "Variant SKU"
GRAMS = "Variant Grams"
QUANTITY = "Variant Inventory Qty"
PRICE = "Variant Price"
COMPARE_AT = "Variant Compare At Price"
BARCODE = "Variant Barcode"
IMAGE_SRC = "Image Src"
IMAGE_POSITION = "Image Position"
IMAGE_ALT = "Image Alt Text"
VARIANT_IMAGE = "Variant Image"
STATUS = "Status"
# Metafields: reviews.* are Shopify's standard review metafields; boutique.* are ours.
FEATURED = "Featured (product.metafields.boutique.featured)"
RATING = "Product rating (product.metafields.reviews.rating)"
RATING_COUNT = "Product rating count (product.metafields.reviews.rating_count)"
ATTRIBUTES = "Attributes (product.metafields.boutique.attributes)"

DETECTING = (HANDLE, TITLE, PRICE)
# What a product the shop has already would lose if its update came without these columns
# (any one of a group will do; an import replaces every field): a file updating products
# must carry them all, as the shop's own export does.
RESETTING = (
    (BODY,), (VENDOR,), (PRODUCT_CATEGORY, TYPE), (ATTRIBUTES,), (STATUS, PUBLISHED),
    (FEATURED,), (RATING,), (RATING_COUNT,), (OPTION_NAMES[0],), (OPTION_VALUES[0],), (SKU,),
    (PRICE,), (COMPARE_AT,), (IMAGE_SRC,),
)  # fmt: skip
REQUIRED = (HANDLE, TITLE)
KNOWN = (
    HANDLE, TITLE, BODY, VENDOR, PRODUCT_CATEGORY, TYPE, TAGS, PUBLISHED, *OPTION_NAMES,
    *OPTION_VALUES, SKU, GRAMS, QUANTITY, PRICE, COMPARE_AT, BARCODE, IMAGE_SRC, IMAGE_POSITION,
    IMAGE_ALT, VARIANT_IMAGE, STATUS,
)  # fmt: skip
METAFIELDS = {
    ("boutique", "featured"): FEATURED,
    ("reviews", "rating"): RATING,
    ("reviews", "rating_count"): RATING_COUNT,
    ("boutique", "attributes"): ATTRIBUTES,
}
PRODUCT_COLUMNS = (
    TITLE, BODY, VENDOR, PRODUCT_CATEGORY, TYPE, TAGS, PUBLISHED, STATUS, *OPTION_NAMES,
    *METAFIELDS.values(),
)  # fmt: skip
# A row with any of these is a variant row; a row with none of them but an image adds an image.
VARIANT_FIELDS = (*OPTION_VALUES, SKU, GRAMS, QUANTITY, PRICE, COMPARE_AT, BARCODE, VARIANT_IMAGE)
DEFAULT_OPTION = ("title", "Default Title")
_METAFIELD = re.compile(r"\(product\.metafields\.([\w-]+)\.([\w-]+)\)\s*$")


def is_shopify(header: Sequence[str]) -> bool:
    """Shopify's own header names, spelt exactly as its exports write them."""
    return all(name in header for name in DETECTING)


def parse_shopify(table: Table, log: ProblemLog, currency: str) -> ParsedCatalog | None:
    """Drafts from a Shopify product CSV, or None after logging why its header is unusable."""
    at = _columns(table.header)
    missing = [name for name in REQUIRED if name not in at]
    if missing:
        log.add(
            1,
            "",
            f"missing required Shopify columns: {', '.join(missing)}",
            "missing_shopify_columns",
            columns=", ".join(missing),
        )
        return None
    reader = _ShopifyReader(at, currency, log)
    drafts: list[ProductDraft] = []
    for handle, rows in group_rows(table.rows, at[HANDLE], HANDLE, log).items():
        draft = reader.product(handle, rows)
        if draft is not None:
            drafts.append(draft)
    lacking = tuple(group[0] for group in RESETTING if not any(name in at for name in group))
    return ParsedCatalog(
        "shopify",
        tuple(drafts),
        reader.checks.sku_lines,
        sku_column=SKU,
        resetting=lacking,
    )


def _columns(header: Sequence[str]) -> dict[str, int]:
    """Known columns by their canonical name; Shopify's many other columns are ignored."""
    canonical = {name.casefold(): name for name in KNOWN}
    at: dict[str, int] = {}
    for position, raw in enumerate(header):
        metafield = _METAFIELD.search(raw)
        name = (
            METAFIELDS.get((metafield[1], metafield[2]))
            if metafield
            else canonical.get(raw.strip().casefold())
        )
        if name is not None:
            at.setdefault(name, position)
    return at


class _ShopifyReader:
    def __init__(self, at: dict[str, int], currency: str, log: ProblemLog) -> None:
        self.at = at
        self.product_columns = {name: at[name] for name in PRODUCT_COLUMNS if name in at}
        self.variant_columns = [at[name] for name in VARIANT_FIELDS if name in at]
        self.priced = PRICE in at
        self.currency = currency
        self.log = log
        self.checks = VariantChecks(log, SKU)

    def product(self, handle: str, rows: list[Row]) -> ProductDraft | None:
        log = self.log
        problems_before = len(log.problems)
        merged = merge_product_cells(rows, self.product_columns, log)

        def product_cell(name: str, parse: Callable[[str], T]) -> T | None:
            cell = merged.get(name)
            line, value = (cell.line, cell.value) if cell else (rows[0].line, "")
            return log.parse(line, name, parse, value)

        title = product_cell(
            TITLE, lambda v: cells.text(v, max_length=MAX_TITLE, required=True, name=True)
        )
        description = product_cell(BODY, shopify_cells.description)
        brand = product_cell(VENDOR, lambda v: cells.text(v, max_length=cells.MAX_NAME, name=True))
        category = product_cell(PRODUCT_CATEGORY, cells.category_path)
        if not category:
            category = product_cell(TYPE, cells.category_path)
        attributes = product_cell(ATTRIBUTES, shopify_cells.attributes) or {}
        tags = product_cell(TAGS, shopify_cells.tags)
        if tags:
            attributes["tags"] = tuple(dict.fromkeys((*attributes.get("tags", ()), *tags)))
        published = product_cell(PUBLISHED, lambda v: cells.flag(v) if v else True)
        status = product_cell(STATUS, lambda v: cells.status(v) if v else None)
        if status is None and published is False:
            status = ProductStatus.DRAFT
        featured = product_cell(FEATURED, cells.flag)
        rating = product_cell(RATING, shopify_cells.rating)
        review_count = product_cell(RATING_COUNT, cells.count)
        keys = [product_cell(name, shopify_cells.option_name) for name in OPTION_NAMES]
        for position, key in enumerate(keys):
            if key is not None and key in keys[:position]:
                log.add(
                    merged[OPTION_NAMES[position]].line,
                    OPTION_NAMES[position],
                    f"repeats the option {quoted(key)}",
                    "option_repeated",
                    name=quoted(key),
                )

        variants: list[VariantRecord] = []
        seen_options: dict[tuple[tuple[str, str], ...], int] = {}
        images: list[tuple[int, int, ImageRecord]] = []
        for index, row in enumerate(rows):
            image = self._image(row)
            if image is not None:
                images.append((image[0], index, image[1]))
            if index > 0 and not any(row.cells[at].strip() for at in self.variant_columns):
                continue  # an image-only row
            found = self._variant(handle, row, keys)
            if found is None:
                continue
            variant, generated = found
            if self.checks.accept(
                row.line,
                variant.sku,
                generated=generated,
                option_values=variant.options,
                product_options=seen_options,
                options_column=OPTION_VALUES[0],
            ):
                variants.append(variant)
        status = status or ProductStatus.ACTIVE
        refuse_free_variants(log, status, variants, self.checks.sku_lines, PRICE)
        if len(log.problems) > problems_before or title is None:
            return None
        # Shopify lists a variant's image again as a product image; keep each path once.
        ordered: dict[str, ImageRecord] = {}
        for _, _, record in sorted(images, key=lambda i: (i[0], i[1])):
            ordered.setdefault(record.path, record)
        return ProductDraft(
            external_id=handle,
            title=title,
            description=description or "",
            currency=self.currency,
            variants=tuple(variants),
            category_path=category or (),
            brand=brand or None,
            attributes=attributes,
            images=tuple(ordered.values()),
            keep_image_option=True,  # the format has no colour link for an image
            status=status,
            featured=bool(featured),
            rating=rating or 0.0,
            review_count=review_count or 0,
        )

    def _cell(self, row: Row, name: str) -> str:
        return row.cells[self.at[name]] if name in self.at else ""

    def _image(self, row: Row) -> tuple[int, ImageRecord] | None:
        """(position, image) of the row's Image Src, if any; rows without a position go last."""
        src = self._cell(row, IMAGE_SRC).strip()
        if not src:
            return None
        log = self.log
        path = log.check(row.line, IMAGE_SRC, lambda: cells.image_ref(src))
        position = log.check(
            row.line, IMAGE_POSITION, lambda: cells.count(self._cell(row, IMAGE_POSITION))
        )
        alt = log.check(
            row.line,
            IMAGE_ALT,
            lambda: cells.text(self._cell(row, IMAGE_ALT), max_length=cells.MAX_ALT),
        )
        if path is None or position is None or alt is None:
            return None
        return position or cells.MAX_INTEGER, ImageRecord(path=path, alt=alt)

    def _variant(
        self, handle: str, row: Row, keys: list[str | None]
    ) -> tuple[VariantRecord, bool] | None:
        """The row's variant and whether its SKU was generated; None after logging problems."""
        log = self.log
        problems_before = len(log.problems)
        option_values: dict[str, str] = {}
        for key, column in zip(keys, OPTION_VALUES, strict=True):
            value = self._cell(row, column).strip()
            if not value:
                continue
            if key is None:
                log.add(
                    row.line,
                    column,
                    f"{quoted(value)} has no option name on the product's first row",
                    "option_unnamed",
                    value=quoted(value),
                )
            elif len(value) > cells.MAX_OPTION_VALUE:
                log.add(
                    row.line,
                    column,
                    f"is longer than {cells.MAX_OPTION_VALUE} characters",
                    "too_long",
                    limit=cells.MAX_OPTION_VALUE,
                )
            elif (key, value) != DEFAULT_OPTION:
                option_values[key] = value

        def cell(name: str, parse: Callable[[str], T]) -> T | None:
            value = self._cell(row, name)
            return log.check(row.line, name, lambda: parse(value))

        price = cell(PRICE, lambda v: cells.amount(v, self.currency)) if self.priced else 0
        compare_at = cell(COMPARE_AT, lambda v: cells.optional_amount(v, self.currency))
        stock = cell(QUANTITY, cells.stock)
        given_sku = cell(SKU, cells.sku)
        image = cell(VARIANT_IMAGE, lambda v: cells.image_ref(v) if v.strip() else None)
        if len(log.problems) > problems_before or price is None or stock is None:
            self.checks.note(row.line, given_sku or "")
            return None
        variant = VariantRecord(
            sku=given_sku or cells.default_sku(handle, option_values),
            price_minor=price,
            stock=stock,
            options=option_values,
            title=variant_title(option_values),
            compare_at_minor=sale_price_only(compare_at, price),
            image_path=image,
        )
        return variant, not given_sku
