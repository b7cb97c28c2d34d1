"""Exporting the whole catalog as CSV, a batch of products at a time."""

from __future__ import annotations

import csv
from typing import Literal, TextIO

from storefront.services.catalog_csv import cells
from storefront.services.catalog_csv.writers import GenericWriter, RowWriter, ShopifyWriter
from storefront.services.catalog_writer import Progress
from storefront.services.category_tree import CategoryTree
from storefront.services.ports import UnitOfWork

ExportFormat = Literal["generic", "shopify"]
_PROGRESS_EVERY = 500


def catalog_size(uow: UnitOfWork) -> int:
    """How many products an export would write (all statuses)."""
    with uow:
        return len(uow.catalog.product_keys())


def export_catalog(
    uow: UnitOfWork,
    stream: TextIO,
    *,
    file_format: ExportFormat,
    on_progress: Progress | None = None,
) -> int:
    """Write every product, one row per variant; return how many products were written.
    In the generic format, a cell a spreadsheet would run as a formula is written as text
    (cells.spreadsheet_safe); Shopify's format stays as Shopify writes it, for Shopify."""
    writer: RowWriter = GenericWriter() if file_format == "generic" else ShopifyWriter()
    as_text = file_format == "generic"
    out = csv.writer(stream)
    out.writerow(writer.header)
    written = 0
    with uow:
        tree = CategoryTree(uow.catalog.categories())
        brands = {brand.id: brand.name for brand in uow.catalog.brands()}
        for record in uow.catalog.iter_product_records():
            category = tuple(node.name for node in tree.ancestors(record.category_id))
            brand = brands.get(record.brand_id) if record.brand_id is not None else None
            rows = writer.rows(record, category, brand)
            if as_text:
                rows = [[cells.spreadsheet_safe(cell) for cell in row] for row in rows]
            out.writerows(rows)
            written += 1
            if on_progress and written % _PROGRESS_EVERY == 0:
                on_progress(written)
    if on_progress:
        on_progress(written)
    return written
