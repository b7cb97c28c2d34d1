"""Importing a catalog file: read and check all of it, then save it in one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Literal, TextIO

from storefront.services.catalog_csv.building import ParsedCatalog
from storefront.services.catalog_csv.generic import REQUIRED as GENERIC_COLUMNS
from storefront.services.catalog_csv.generic import is_generic, parse_generic
from storefront.services.catalog_csv.problems import (
    CatalogFileInvalid,
    ProblemLog,
    RowProblem,
    quoted,
)
from storefront.services.catalog_csv.shopify import DETECTING as SHOPIFY_COLUMNS
from storefront.services.catalog_csv.shopify import is_shopify, parse_shopify
from storefront.services.catalog_csv.table import read_table
from storefront.services.catalog_writer import (
    MAX_VARIANTS,
    ProductDraft,
    Progress,
    SaveSummary,
    plan_drafts,
    save_drafts,
)
from storefront.services.errors import SkuTaken
from storefront.services.ports import SkuOwner, UnitOfWork

FileFormat = Literal["auto", "generic", "shopify"]


def read_catalog(
    stream: TextIO, *, file_format: FileFormat = "auto", currency: str = "EUR"
) -> list[ProductDraft]:
    """Parse and check a whole catalog file; raise CatalogFileInvalid listing every bad row."""
    return list(parse_catalog(stream, file_format=file_format, currency=currency).drafts)


def parse_catalog(
    lines: Iterable[str], *, file_format: FileFormat = "auto", currency: str = "EUR"
) -> ParsedCatalog:
    """Like read_catalog, keeping where each SKU was read for the checks against the shop."""
    row_log = ProblemLog()
    table = read_table(lines, row_log, known=lambda names: is_generic(names) or is_shopify(names))
    if table is None:
        if not row_log:
            row_log.add(1, "", "the file is empty: expected a header row", "file_empty")
        raise CatalogFileInvalid(row_log.problems)
    log = ProblemLog()
    chosen = _detect(table.header, file_format, log)
    # A wrong header makes every row look wrong: report the header alone.
    log.raise_if_any()
    log.problems.extend(row_log.problems)
    currency = currency.upper()
    parse = parse_generic if chosen == "generic" else parse_shopify
    parsed = parse(table, log, currency)
    if parsed is not None:
        _check_variant_counts(parsed, log)
    if log.problems:
        raise CatalogFileInvalid(log.problems, readable=parsed)
    assert parsed is not None
    return parsed


def with_shop_problems(uow: UnitOfWork, refused: CatalogFileInvalid) -> CatalogFileInvalid:
    """The refusal of a file, adding what the shop finds wrong with the rows that read well
    (SKUs other products own), so that a merchant fixes the file once, not once per kind."""
    if refused.readable is None:
        return refused
    with uow:
        owners = uow.catalog.sku_owners(list(refused.readable.sku_lines))
    return CatalogFileInvalid([*refused.problems, *_foreign_skus(refused.readable, owners)])


def _check_variant_counts(parsed: ParsedCatalog, log: ProblemLog) -> None:
    """The admin's product form edits at most MAX_VARIANTS variants: a product with more
    could never be saved from it."""
    for draft in parsed.drafts:
        if len(draft.variants) > MAX_VARIANTS:
            log.add(
                parsed.sku_lines[draft.variants[MAX_VARIANTS].sku],
                parsed.sku_column,
                f"product {quoted(draft.external_id)} has {len(draft.variants)} variants: "
                f"at most {MAX_VARIANTS} are allowed",
                "too_many_variants",
                product=quoted(draft.external_id),
                variants=len(draft.variants),
                limit=MAX_VARIANTS,
            )


def check_catalog(uow: UnitOfWork, parsed: ParsedCatalog) -> SaveSummary:
    """Refuse SKUs that other products of the shop own; count what saving would do (products
    new, changed and left as they are) and name the categories it would create."""
    with uow:
        owners = uow.catalog.sku_owners(list(parsed.sku_lines))
        known = uow.catalog.product_keys()
        plan = plan_drafts(uow, parsed.drafts)
    problems = _foreign_skus(parsed, owners)
    updating = [draft.external_id for draft in parsed.drafts if draft.external_id in known]
    if parsed.resetting and updating:
        lacking = ", ".join(quoted(name) for name in parsed.resetting)
        problems.append(
            RowProblem(
                1,
                "",
                f"the file has no {lacking} column, so it would reset that on the "
                f"{len(updating):,} products the shop has already (such as "
                f"{quoted(updating[0])}): add the columns, or edit an export of the catalog",
                "would_reset",
                (
                    ("columns", lacking),
                    ("products", len(updating)),
                    ("example", quoted(updating[0])),
                ),
            )
        )
    if problems:
        raise CatalogFileInvalid(problems)
    return plan


def _foreign_skus(parsed: ParsedCatalog, owners: Mapping[str, SkuOwner]) -> list[RowProblem]:
    problems = []
    for draft in parsed.drafts:
        for variant in draft.variants:
            owner = owners.get(variant.sku)
            if owner is None or owner.external_id == draft.external_id:
                continue
            line, sku, product = (
                parsed.sku_lines[variant.sku],
                quoted(variant.sku),
                quoted(owner.external_id),
            )
            if owner.sku == variant.sku:
                problem = RowProblem(
                    line,
                    parsed.sku_column,
                    f"{sku} already belongs to product {product} in the shop",
                    "sku_owned",
                    (("sku", sku), ("owner", product)),
                )
            else:  # "ab-1" beside "AB-1": one SKU to a reader (QA)
                held = quoted(owner.sku)
                problem = RowProblem(
                    line,
                    parsed.sku_column,
                    f"{sku} is {held} of product {product} in the shop",
                    "sku_owned_as",
                    (("sku", sku), ("held", held), ("owner", product)),
                )
            problems.append(problem)
    return problems


def save_catalog(
    uow: UnitOfWork,
    parsed: ParsedCatalog,
    *,
    on_progress: Progress | None = None,
    seen: Mapping[str, str] | None = None,
) -> SaveSummary:
    """Check a parsed file against the shop, then create or update all its products at once
    (none if one is not as its preview saw it, `seen`: save_drafts)."""
    # The check runs in its own short transaction; the unique index on SKUs (whatever their
    # capitals) still refuses one a concurrent writer takes in between: then the file is
    # refused as the check refuses it, naming the row, and nothing is written.
    check_catalog(uow, parsed)
    try:
        return save_drafts(uow, parsed.drafts, on_progress=on_progress, seen=seen)
    except SkuTaken:
        check_catalog(uow, parsed)
        raise


def import_catalog(
    uow: UnitOfWork,
    stream: TextIO,
    *,
    file_format: FileFormat = "auto",
    currency: str = "EUR",
    on_progress: Progress | None = None,
) -> SaveSummary:
    """Read a catalog file and save it in one transaction; nothing is written if a row is bad."""
    try:
        parsed = parse_catalog(stream, file_format=file_format, currency=currency)
    except CatalogFileInvalid as refused:
        raise with_shop_problems(uow, refused) from None
    return save_catalog(uow, parsed, on_progress=on_progress)


def _detect(header: Sequence[str], file_format: FileFormat, log: ProblemLog) -> str:
    if file_format != "auto":
        return file_format
    if is_shopify(header):
        return "shopify"
    if is_generic(header):
        return "generic"
    names = {h.casefold() for h in header}
    generic_missing = [c for c in GENERIC_COLUMNS if c not in names]
    shopify_missing = [c for c in SHOPIFY_COLUMNS if c not in header]
    log.add(
        1,
        "",
        "cannot tell the file's format: missing columns "
        f"{', '.join(generic_missing)} for the generic format, "
        f"or {', '.join(shopify_missing)} for Shopify's",
        "unknown_format",
        generic=", ".join(generic_missing),
        shopify=", ".join(shopify_missing),
    )
    return "unknown"
