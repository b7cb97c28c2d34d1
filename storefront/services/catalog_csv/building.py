"""What both file formats share once cells are read: grouping rows into products, merging
product-level cells, and checking variants (SKUs and option combinations) across the file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from models.catalog import ProductStatus
from models.records import VariantRecord
from storefront.services.catalog_csv.cells import MAX_EXTERNAL_ID
from storefront.services.catalog_csv.problems import NONE, ProblemLog, quoted
from storefront.services.catalog_csv.table import Row
from storefront.services.catalog_writer import ProductDraft


@dataclass(frozen=True, slots=True)
class ParsedCatalog:
    """A valid file: its format, its products, and where each SKU was read (for later
    checks)."""

    file_format: Literal["generic", "shopify"]
    drafts: tuple[ProductDraft, ...]
    sku_lines: Mapping[str, int]
    sku_column: str
    # Columns the file lacks whose default would replace what a product the shop has holds
    # (its SKUs, so its variants; its prices; its status): fine for new products only.
    resetting: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cell:
    line: int
    value: str


def group_rows(
    rows: Sequence[Row], key_at: int, key_column: str, log: ProblemLog
) -> dict[str, list[Row]]:
    """Rows by product key, in file order; exact repeats of a row are dropped.

    Repeated rows are common in exported data sets; keeping them would make bogus
    variants whose generated SKUs clash.
    """
    groups: dict[str, list[Row]] = {}
    seen: dict[str, set[tuple[str, ...]]] = {}
    for row in rows:
        key = row.cells[key_at].strip()
        if not key:
            log.add(row.line, key_column, "is empty", "empty")
            continue
        if len(key) > MAX_EXTERNAL_ID:
            log.add(
                row.line,
                key_column,
                f"is longer than {MAX_EXTERNAL_ID} characters",
                "too_long",
                limit=MAX_EXTERNAL_ID,
            )
            continue
        cells = tuple(c.strip() for c in row.cells)
        if cells in seen.setdefault(key, set()):
            continue
        seen[key].add(cells)
        groups.setdefault(key, []).append(row)
    return groups


def merge_product_cells(
    rows: Sequence[Row], columns: Mapping[str, int], log: ProblemLog
) -> dict[str, Cell]:
    """Each product-level column's first non-empty cell among the product's rows.

    Later rows may leave these columns empty, or repeat the same value (so a sorted
    spreadsheet still imports); a different value is reported rather than dropped.
    """
    merged: dict[str, Cell] = {}
    for row in rows:
        for name, at in columns.items():
            value = row.cells[at].strip()
            if not value:
                continue
            first = merged.get(name)
            if first is None:
                merged[name] = Cell(row.line, value)
            elif first.value != value:
                log.add(
                    row.line,
                    name,
                    f"{quoted(value)} differs from {quoted(first.value)} on line {first.line} "
                    "for the same product",
                    "differs",
                    value=quoted(value),
                    first=quoted(first.value),
                    first_line=str(first.line),
                )
    return merged


class VariantChecks:
    """SKUs unique in the whole file, case aside ("ab-1" beside "AB-1" is one SKU to a
    reader, and the product form refuses them); within a product, the same option names on
    every variant and each combination of their values once."""

    def __init__(self, log: ProblemLog, sku_column: str) -> None:
        self._log = log
        self._sku_column = sku_column
        self.sku_lines: dict[str, int] = {}
        self._folded: dict[str, int] = {}  # each SKU's first line, by its case-folded form

    def accept(
        self,
        line: int,
        sku: str,
        *,
        generated: bool,
        option_values: Mapping[str, str],
        product_options: dict[tuple[tuple[str, str], ...], int],
        options_column: str,
    ) -> bool:
        if product_options:  # named as the product's first variant (the admin form's rule)
            first_combination, first_line = next(iter(product_options.items()))
            names = sorted(name for name, _ in first_combination)
            if sorted(option_values) != names:
                shown = ", ".join(names)
                self._log.add(
                    line,
                    options_column,
                    f"option names differ from those of line {first_line} ({shown or NONE}): "
                    "the product page would show a second picker",
                    "option_names",
                    names=shown,
                    first_line=str(first_line),
                )
                return False
        combination = tuple(sorted(option_values.items()))
        same_options = product_options.get(combination)
        if same_options is not None:
            shown = "; ".join(f"{k}={v}" for k, v in combination)
            self._log.add(
                line,
                options_column,
                f"same options ({shown or NONE}) as line {same_options}: a shopper could not pick "
                "between these variants",
                "same_options",
                options=shown,
                first_line=str(same_options),
            )
            return False
        product_options[combination] = line
        return self._taken(line, sku, generated=generated)

    def note(self, line: int, sku: str) -> None:
        """The SKU typed on a row refused for another cell: taken all the same, so a later
        row using it is told with the file's other problems, not after they are fixed."""
        if sku:
            self._taken(line, sku, generated=False)

    def _taken(self, line: int, sku: str, *, generated: bool) -> bool:
        first = self._folded.get(sku.casefold())
        if first is not None:
            how = " (made from the product id and options)" if generated else ""
            self._log.add(
                line,
                self._sku_column,
                f"{quoted(sku)}{how} is already used on line {first}",
                "sku_generated_repeated" if generated else "sku_repeated",
                sku=quoted(sku),
                first_line=str(first),
            )
            return False
        self.sku_lines[sku] = line
        self._folded[sku.casefold()] = line
        return True


def refuse_free_variants(
    log: ProblemLog,
    status: ProductStatus | None,
    variants: Sequence[VariantRecord],
    sku_lines: Mapping[str, int],
    price_column: str,
) -> None:
    """A published product's variant at 0 with stock is on sale for nothing: each such row
    is told (a file set one at 0 with stock, and a shopper bought it for the shipping; QA).
    One out of stock is not for sale: a bare catalogue is imported at 0 without stock
    (docs/catalog-csv.md), and its export, prices at 0, imports again."""
    if status is not ProductStatus.ACTIVE:
        return
    for variant in variants:
        if variant.price_minor == 0 and variant.stock > 0:
            log.add(
                sku_lines[variant.sku],
                price_column,
                "is 0 with stock: a published product in stock needs a price above zero "
                "(or import it with status draft until it has one)",
                "price_free",
            )


def sale_price_only(compare_at: int | None, price: int) -> int | None:
    """A compare-at price above the price, else none: the shop shows no sale for one at or
    below it, and the product form refuses one (kept, every later save of the product in the
    form was refused; merchandiser QA). Shopify keeps such a value, and an older import may
    have: left out rather than refused, so that those files, and exports of them, import."""
    return compare_at if compare_at is not None and compare_at > price else None
