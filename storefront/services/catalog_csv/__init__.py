"""Catalog import and export as CSV: Boutique's generic format and Shopify's product CSV.

A file is read and checked whole before anything is written; every bad row is reported.
"""

from storefront.services.catalog_csv.building import ParsedCatalog
from storefront.services.catalog_csv.export import ExportFormat, catalog_size, export_catalog
from storefront.services.catalog_csv.importing import (
    FileFormat,
    check_catalog,
    import_catalog,
    parse_catalog,
    read_catalog,
    save_catalog,
    with_shop_problems,
)
from storefront.services.catalog_csv.problems import CatalogFileInvalid, RowProblem

__all__ = [
    "CatalogFileInvalid",
    "ExportFormat",
    "FileFormat",
    "ParsedCatalog",
    "RowProblem",
    "catalog_size",
    "check_catalog",
    "export_catalog",
    "import_catalog",
    "parse_catalog",
    "read_catalog",
    "save_catalog",
    "with_shop_problems",
]
