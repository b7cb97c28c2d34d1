"""Boutique's own CSV format: one row per variant, product columns on the product's first row.

The columns and rules are documented for merchants in docs/catalog-csv.md.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from models.records import ImageRecord, VariantRecord
from storefront.services.catalog_csv import cells, name_values
from storefront.services.catalog_csv.building import (
    ParsedCatalog,
    VariantChecks,
    group_rows,
    merge_product_cells,
    refuse_free_variants,
    sale_price_only,
)
from storefront.services.catalog_csv.problems import CellError, ProblemLog
from storefront.services.catalog_csv.table import Row, Table
from storefront.services.catalog_limits import MAX_DESCRIPTION, MAX_TITLE
from storefront.services.catalog_writer import ProductDraft
from storefront.services.product_records import variant_title

T = TypeVar("T")

REQUIRED = ("product_id", "title", "description")
PRODUCT_COLUMNS = (
    "title",
    "description",
    "category",
    "brand",
    "currency",
    "attributes",
    "image",
    "status",
    "featured",
    "rating",
    "review_count",
)
# In the order exports write them (the order merchants read in docs/catalog-csv.md).
COLUMNS = (
    "product_id", "title", "description", "category", "brand", "price", "compare_at_price",
    "currency", "stock", "sku", "options", "attributes", "image", "variant_image", "status",
    "featured", "rating", "review_count",
)  # fmt: skip


# What a product the shop has already would lose if its update came without the column (an
# import replaces every field): a file updating products must carry them all. Not the stock
# (existing variants keep theirs) nor the currency (always the shop's).
RESETTING = tuple(c for c in COLUMNS if c not in (*REQUIRED, "currency", "stock"))


def is_generic(header: Sequence[str]) -> bool:
    names = {_name(h) for h in header}
    return "product_id" in names and "title" in names


def parse_generic(table: Table, log: ProblemLog, currency: str) -> ParsedCatalog | None:
    """Drafts from a generic file, or None after logging why its header is unusable."""
    at = _columns(table.header, log)
    if at is None:
        return None
    reader = _GenericReader(at, currency, log)
    drafts: list[ProductDraft] = []
    # Cells the export wrote as text for spreadsheets read back as they were.
    written = [Row(r.line, tuple(cells.from_spreadsheet(c) for c in r.cells)) for r in table.rows]
    for product_id, rows in group_rows(written, at["product_id"], "product_id", log).items():
        draft = reader.product(product_id, rows)
        if draft is not None:
            drafts.append(draft)
    lacking = tuple(name for name in RESETTING if name not in at)
    return ParsedCatalog(
        "generic",
        tuple(drafts),
        reader.checks.sku_lines,
        sku_column="sku",
        resetting=lacking,
    )


def _name(header_name: str) -> str:
    return header_name.strip().casefold()


def _columns(header: Sequence[str], log: ProblemLog) -> dict[str, int] | None:
    at: dict[str, int] = {}
    unknown: list[str] = []
    repeated: list[str] = []
    for position, raw in enumerate(header):
        name = _name(raw)
        if not name:
            continue  # spreadsheets often add unnamed empty columns
        if name in at:
            repeated.append(raw)
        elif name in COLUMNS:
            at[name] = position
        else:
            unknown.append(raw)
    missing = [name for name in REQUIRED if name not in at]
    if missing:
        log.add(
            1,
            "",
            f"missing required columns: {', '.join(missing)}",
            "missing_columns",
            columns=", ".join(missing),
        )
    if unknown:
        # A misspelt optional column (say "prices") would otherwise import silently as empty.
        log.add(
            1,
            "",
            f"unknown columns: {', '.join(unknown)} (known: {', '.join(COLUMNS)})",
            "unknown_columns",
            unknown=", ".join(unknown),
            known=", ".join(COLUMNS),
        )
    if repeated:
        log.add(
            1,
            "",
            f"columns named twice: {', '.join(repeated)}",
            "columns_twice",
            columns=", ".join(repeated),
        )
    return None if missing or unknown or repeated else at


class _GenericReader:
    def __init__(self, at: dict[str, int], currency: str, log: ProblemLog) -> None:
        self.at = at
        self.product_columns = {name: at[name] for name in PRODUCT_COLUMNS if name in at}
        # Without a price column the file is a bare catalogue: everything at 0, out of stock.
        self.priced = "price" in at
        self.default_currency = currency
        self.log = log
        self.checks = VariantChecks(log, "sku")

    def _shop_currency(self, value: str) -> str:
        """The shop prices and charges in one currency: a product in another could be
        listed but never bought."""
        code = cells.currency_code(value) if value.strip() else self.default_currency
        if code != self.default_currency:
            raise CellError(
                f"{code}: this shop sells in {self.default_currency}; convert the prices, "
                "or leave the column empty",
                "other_currency",
                code=code,
                shop_currency=self.default_currency,
            )
        return code

    def product(self, product_id: str, rows: list[Row]) -> ProductDraft | None:
        log = self.log
        problems_before = len(log.problems)
        merged = merge_product_cells(rows, self.product_columns, log)

        def product_cell(name: str, parse: Callable[[str], T]) -> T | None:
            cell = merged.get(name)
            line, value = (cell.line, cell.value) if cell else (rows[0].line, "")
            return log.parse(line, name, parse, value)

        title = product_cell(
            "title", lambda v: cells.text(v, max_length=MAX_TITLE, required=True, name=True)
        )
        description = product_cell(
            "description", lambda v: cells.text(v, max_length=MAX_DESCRIPTION)
        )
        category = product_cell("category", cells.category_path)
        brand = product_cell("brand", lambda v: cells.text(v, max_length=cells.MAX_NAME, name=True))
        currency = product_cell("currency", self._shop_currency)
        attributes = product_cell("attributes", name_values.attributes)
        images = product_cell("image", cells.image_refs)
        status = product_cell("status", cells.status)
        featured = product_cell("featured", cells.flag)
        rating = product_cell("rating", cells.rating)
        review_count = product_cell("review_count", cells.count)

        variants: list[VariantRecord] = []
        seen_options: dict[tuple[tuple[str, str], ...], int] = {}
        for row in rows:
            found = self._variant(product_id, row, currency or self.default_currency)
            if found is None:
                continue
            variant, generated = found
            if self.checks.accept(
                row.line,
                variant.sku,
                generated=generated,
                option_values=variant.options,
                product_options=seen_options,
                options_column="options",
            ):
                variants.append(variant)
        refuse_free_variants(log, status, variants, self.checks.sku_lines, "price")
        if len(log.problems) > problems_before or title is None or status is None:
            return None
        return ProductDraft(
            external_id=product_id,
            title=title,
            description=description or "",
            currency=currency or self.default_currency,
            variants=tuple(variants),
            category_path=category or (),
            brand=brand or None,
            attributes=attributes or {},
            images=tuple(ImageRecord(path=p) for p in images or ()),
            # The format carries neither: an image the product has already keeps its own.
            keep_image_alt=True,
            keep_image_option=True,
            status=status,
            featured=bool(featured),
            rating=rating or 0.0,
            review_count=review_count or 0,
        )

    def _variant(
        self, product_id: str, row: Row, currency: str
    ) -> tuple[VariantRecord, bool] | None:
        """The row's variant and whether its SKU was generated; None after logging problems."""
        problems_before = len(self.log.problems)

        def cell(name: str, parse: Callable[[str], T], default: T) -> T | None:
            if name not in self.at:
                return default
            value = row.cells[self.at[name]]
            return self.log.check(row.line, name, lambda: parse(value))

        price = cell("price", lambda v: cells.amount(v, currency), 0) if self.priced else 0
        compare_at = cell("compare_at_price", lambda v: cells.optional_amount(v, currency), None)
        stock = cell("stock", cells.stock, 0)
        no_options: dict[str, str] = {}
        option_values = cell("options", name_values.options, no_options)
        given_sku = cell("sku", cells.sku, "")
        image = cell("variant_image", lambda v: cells.image_ref(v) if v.strip() else None, None)
        if len(self.log.problems) > problems_before:
            self.checks.note(row.line, given_sku or "")
            return None
        if price is None or stock is None or option_values is None:
            return None
        sku = given_sku or cells.default_sku(product_id, option_values)
        variant = VariantRecord(
            sku=sku,
            price_minor=price,
            stock=stock,
            options=option_values,
            title=variant_title(option_values),
            compare_at_minor=sale_price_only(compare_at, price),
            image_path=image,
        )
        return variant, not given_sku
