"""The message keys that catalog, stock and image refusals (services.errors.Refusal) carry,
listed for the translation tables."""

from __future__ import annotations

PRODUCT_CODES = (
    "admin.product.error.invalid",  # the form has errors: see `fields`
    "admin.product.error.not_found",
    "admin.product.error.changed",  # the product changed since the form was opened
    "admin.product.error.title",
    "admin.product.error.too_long",
    "admin.product.error.disguised",  # a direction override or zero-width space in a name
    "admin.product.error.category",
    "admin.product.error.brand",
    "admin.product.error.status",
    "admin.product.error.variants",
    "admin.product.error.too_many_variants",
    "admin.product.error.sku",
    "admin.product.error.sku_repeated",
    "admin.product.error.sku_taken",
    "admin.product.error.options",
    "admin.product.error.options_repeated",
    "admin.product.error.option_twice",  # one option named twice in a variant's options
    "admin.product.error.price",
    "admin.product.error.compare_at",
    "admin.product.error.stock",
    "admin.product.error.external_id_taken",
)
BULK_CODES = (
    "admin.bulk.error.empty",
    "admin.bulk.error.too_many",
    "admin.bulk.error.not_found",
    "admin.bulk.error.status",
    "admin.bulk.error.percent",
    "admin.bulk.error.price_too_high",
    "admin.bulk.error.category",
)
STOCK_CODES = (
    "admin.stock.error.unknown_sku",
    "admin.stock.error.below_zero",
    "admin.stock.error.above_max",
    "admin.stock.error.below_owed",
    "admin.stock.error.delta",
    "admin.stock.error.counted",
    "admin.stock.error.reason",
    "admin.stock.error.note",
)
IMAGE_CODES = (
    "admin.image.error.empty",
    "admin.image.error.too_large",
    "admin.image.error.too_many_pixels",
    "admin.image.error.svg",
    "admin.image.error.type",
    "admin.image.error.damaged",
    "admin.image.error.gone",
    "admin.image.error.move",
    "admin.image.error.alt",
)
ALL_CODES = PRODUCT_CODES + BULK_CODES + STOCK_CODES + IMAGE_CODES
