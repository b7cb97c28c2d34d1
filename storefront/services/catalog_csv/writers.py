"""Products as CSV rows, one row per variant, in the generic and the Shopify layout."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Protocol

from models.catalog import ProductStatus
from models.money import format_major_amount
from models.records import ProductRecord, VariantRecord
from storefront.services.catalog_csv import cells, generic, shopify
from storefront.services.catalog_csv.html_text import text_to_html


class RowWriter(Protocol):
    header: tuple[str, ...]

    def rows(
        self, record: ProductRecord, category: Sequence[str], brand: str | None
    ) -> list[list[str]]: ...


class GenericWriter:
    header: tuple[str, ...] = generic.COLUMNS

    def rows(
        self, record: ProductRecord, category: Sequence[str], brand: str | None
    ) -> list[list[str]]:
        product = {
            "product_id": record.external_id,
            "title": record.title,
            "description": record.description,
            "category": cells.write_path(category),
            "brand": brand or "",
            "currency": record.currency,
            "attributes": cells.write_attributes(record.attributes),
            "image": cells.write_images(i.path for i in record.images),
            "status": record.status.value,
            "featured": _flag(record.featured),
            "rating": repr(record.rating),
            "review_count": str(record.review_count),
        }
        rows: list[list[str]] = []
        # Product columns on the first row only, as the format allows: descriptions are long.
        for index, variant in enumerate(record.variants or (None,)):
            values = dict(product) if index == 0 else {"product_id": record.external_id}
            if variant is not None:
                values |= {
                    "sku": variant.sku,
                    "options": cells.write_options(variant.options),
                    "price": format_major_amount(variant.price_minor, record.currency),
                    "compare_at_price": _amount(variant.compare_at_minor, record.currency),
                    "stock": str(variant.stock),
                    "variant_image": variant.image_path or "",
                }
            rows.append([values.get(name, "") for name in self.header])
        return rows


class ShopifyWriter:
    """The columns of Shopify's export, plus metafield columns for Boutique-only fields."""

    header: tuple[str, ...] = (
        shopify.HANDLE, shopify.TITLE, shopify.BODY, shopify.VENDOR, shopify.PRODUCT_CATEGORY,
        shopify.TYPE, shopify.TAGS, shopify.PUBLISHED,
        shopify.OPTION_NAMES[0], shopify.OPTION_VALUES[0],
        shopify.OPTION_NAMES[1], shopify.OPTION_VALUES[1],
        shopify.OPTION_NAMES[2], shopify.OPTION_VALUES[2],
        shopify.SKU, shopify.GRAMS, "Variant Inventory Tracker", shopify.QUANTITY,
        "Variant Inventory Policy", "Variant Fulfillment Service", shopify.PRICE,
        shopify.COMPARE_AT, "Variant Requires Shipping", "Variant Taxable", shopify.BARCODE,
        shopify.IMAGE_SRC, shopify.IMAGE_POSITION, shopify.IMAGE_ALT, "Gift Card", "SEO Title",
        "SEO Description", shopify.RATING, shopify.RATING_COUNT, shopify.FEATURED,
        shopify.ATTRIBUTES, shopify.VARIANT_IMAGE, "Variant Weight Unit", "Variant Tax Code",
        "Cost per item", shopify.STATUS,
    )  # fmt: skip

    def rows(
        self, record: ProductRecord, category: Sequence[str], brand: str | None
    ) -> list[list[str]]:
        keys = _option_keys(record.variants)
        product = {
            shopify.TITLE: record.title,
            shopify.BODY: text_to_html(record.description),
            shopify.VENDOR: brand or "",
            # Type, not Product Category: Shopify accepts only its own taxonomy there.
            shopify.TYPE: cells.write_path(category),
            shopify.TAGS: ", ".join(record.attributes.get("tags", ())),
            shopify.PUBLISHED: _flag(record.status is ProductStatus.ACTIVE),
            "Gift Card": "false",
            shopify.RATING: repr(record.rating),
            shopify.RATING_COUNT: str(record.review_count),
            shopify.FEATURED: _flag(record.featured),
            shopify.ATTRIBUTES: _attributes_json(record),
            shopify.STATUS: record.status.value,
        }
        names = [k.capitalize() for k in keys] or ["Title"]
        product |= dict(zip(shopify.OPTION_NAMES, names, strict=False))
        rows: list[dict[str, str]] = []
        for index, variant in enumerate(record.variants):
            values = dict(product) if index == 0 else {}
            values |= self._variant(variant, keys, record.currency)
            rows.append(values)
        # Images ride on the variant rows in order; any left over get image-only rows.
        for position, image in enumerate(record.images):
            if position == len(rows):
                rows.append({})
            rows[position] |= {
                shopify.IMAGE_SRC: image.path,
                shopify.IMAGE_POSITION: str(position + 1),
                shopify.IMAGE_ALT: image.alt,
            }
        if not rows:
            rows.append(product)
        return [
            [record.external_id, *(row.get(name, "") for name in self.header[1:])] for row in rows
        ]

    @staticmethod
    def _variant(variant: VariantRecord, keys: list[str], currency: str) -> dict[str, str]:
        values = {
            shopify.SKU: variant.sku,
            shopify.GRAMS: "0",
            "Variant Inventory Tracker": "shopify",
            shopify.QUANTITY: str(variant.stock),
            "Variant Inventory Policy": "deny",
            "Variant Fulfillment Service": "manual",
            shopify.PRICE: format_major_amount(variant.price_minor, currency),
            shopify.COMPARE_AT: _amount(variant.compare_at_minor, currency),
            "Variant Requires Shipping": "true",
            "Variant Taxable": "true",
            shopify.VARIANT_IMAGE: variant.image_path or "",
            "Variant Weight Unit": "kg",
        }
        if not keys:
            values[shopify.OPTION_VALUES[0]] = "Default Title"
        for key, column in zip(keys, shopify.OPTION_VALUES, strict=False):
            values[column] = variant.options.get(key, "")
        return values


def _option_keys(variants: Sequence[VariantRecord]) -> list[str]:
    """Option names in first-seen order; Shopify carries three at most."""
    keys: dict[str, None] = {}
    for variant in variants:
        keys.update(dict.fromkeys(variant.options))
    return list(keys)[:3]


def _attributes_json(record: ProductRecord) -> str:
    # Tags travel in Shopify's own Tags column.
    values = {k: list(v) for k, v in record.attributes.items() if k != "tags"}
    return json.dumps(values, ensure_ascii=False) if values else ""


def _amount(amount_minor: int | None, currency: str) -> str:
    return "" if amount_minor is None else format_major_amount(amount_minor, currency)


def _flag(value: bool) -> str:
    return "true" if value else "false"
