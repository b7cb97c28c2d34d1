"""Bulk actions on selected products: status, featured, prices, category. Each runs in one
transaction through product_edits.edit_products (one ProductChanged per product changed) and
returns what changed for the audit log. Products already as asked are left alone and not listed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from models.catalog import ProductStatus
from models.records import ProductRecord
from storefront.services.admin.product_writes import ProductChange
from storefront.services.catalog_limits import MAX_PRICE_MINOR
from storefront.services.errors import NotFound, Refusal
from storefront.services.ports import UnitOfWork
from storefront.services.product_edits import edit_products

MAX_BULK = 500  # one transaction must stay short: it holds row locks checkouts wait for
MIN_PERCENT, MAX_PERCENT = Decimal(-90), Decimal(500)
_PERCENT = re.compile(r"[+-]?[0-9]{1,3}(?:[.,][0-9]{1,2})?")
E = "admin.bulk.error."


def set_status(uow: UnitOfWork, product_ids: Sequence[int], status: str) -> list[ProductChange]:
    """Publish (active), unpublish (draft) or archive the products; publishing is refused,
    nothing changed, while one of them has a variant at price 0 (as the product form refuses
    it: it would be on sale for nothing at once)."""
    try:
        wanted = ProductStatus(status)
    except ValueError:
        raise Refusal(E + "status") from None

    def edit(record: ProductRecord) -> ProductRecord:
        free = any(v.price_minor == 0 for v in record.variants)
        if wanted is ProductStatus.ACTIVE and record.status is not wanted and free:
            raise Refusal(E + "free")
        return replace(record, status=wanted)

    return _apply(uow, product_ids, edit, lambda r: {"status": r.status.value})


def set_featured(
    uow: UnitOfWork, product_ids: Sequence[int], featured: bool
) -> list[ProductChange]:
    """Put the products in the home page's featured row and the "Featured" sort's lead, or
    take them out (QA: only a catalog import could)."""
    return _apply(
        uow,
        product_ids,
        lambda record: replace(record, featured=featured),
        lambda record: {"featured": record.featured},
    )


def change_prices(
    uow: UnitOfWork, product_ids: Sequence[int], percent: Decimal | int | str
) -> list[ProductChange]:
    """Move every variant's price by `percent` (-90 to +500; '12.5' allowed), rounded half
    up to the minor unit.

    Compare-at ("was") prices are kept, since they state what the product sold for before;
    one the new price reaches or passes is removed, as a "was" price not above the price
    would mislead the shopper.
    """
    factor = read_percent(percent)

    def edit(record: ProductRecord) -> ProductRecord:
        variants = []
        for variant in record.variants:
            price = scaled(variant.price_minor, factor)
            if price > MAX_PRICE_MINOR:
                raise Refusal(E + "price_too_high")
            if price == 0 < variant.price_minor and record.status is ProductStatus.ACTIVE:
                raise Refusal(E + "price_free")  # a cent or so cut by 90 %: on sale for nothing
            compare_at = variant.compare_at_minor
            if compare_at is not None and compare_at <= price:
                compare_at = None
            variants.append(replace(variant, price_minor=price, compare_at_minor=compare_at))
        return replace(record, variants=tuple(variants))

    return _apply(uow, product_ids, edit, _prices)


def read_percent(percent: Decimal | int | str) -> Decimal:
    """A price change's percentage ('-10', '12,5', at most 2 decimals); refused outside -90
    to +500, at 0 (a change that changes nothing, yet asked to be confirmed: QA), and written
    any other way ("1e2" doubled the prices: Decimal reads exponents)."""
    text = str(percent).strip()
    if not _PERCENT.fullmatch(text):
        raise Refusal(E + "percent")
    factor = Decimal(text.replace(",", "."))
    if not MIN_PERCENT <= factor <= MAX_PERCENT or factor == 0:
        raise Refusal(E + "percent")
    return factor


def move_to_category(
    uow: UnitOfWork, product_ids: Sequence[int], category_id: int
) -> list[ProductChange]:
    """Put the products in this category."""

    checked: list[bool] = []

    def edit(record: ProductRecord) -> ProductRecord:
        # Checked inside the transaction (edit_products holds it open while editing), once.
        if not checked:
            if category_id not in {c.id for c in uow.catalog.categories()}:
                raise Refusal(E + "category")
            checked.append(True)
        return replace(record, category_id=category_id)

    return _apply(uow, product_ids, edit, lambda r: {"category_id": r.category_id})


def scaled(price_minor: int, percent: Decimal) -> int:
    """price x (100 + percent) / 100, rounded half up, never below 0 (exact decimals)."""
    exact = Decimal(price_minor) * (100 + percent) / 100
    return max(0, int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)))


def check_selection(product_ids: Sequence[int]) -> list[int]:
    """The ids once each, in order; refuse none or more than MAX_BULK."""
    ids = list(dict.fromkeys(product_ids))
    if not ids:
        raise Refusal(E + "empty")
    if len(ids) > MAX_BULK:
        raise Refusal(E + "too_many")
    return ids


def _apply(
    uow: UnitOfWork,
    product_ids: Sequence[int],
    edit: Callable[[ProductRecord], ProductRecord],
    summary: Callable[[ProductRecord], dict[str, object]],
) -> list[ProductChange]:
    ids = check_selection(product_ids)
    try:
        pairs = edit_products(uow, ids, edit)
    except NotFound:
        raise Refusal(E + "not_found") from None
    return [
        ProductChange(product_id, after.title, summary(before), summary(after))
        for product_id, (before, after) in zip(_ids(pairs), pairs, strict=True)
    ]


def _ids(pairs: list[tuple[ProductRecord, ProductRecord]]) -> list[int]:
    ids = [before.id for before, _ in pairs]
    assert None not in ids  # records read back from the store always carry their id
    return [i for i in ids if i is not None]


def _prices(record: ProductRecord) -> dict[str, object]:
    return {
        "prices": {
            v.sku: {"price_minor": v.price_minor, "compare_at_minor": v.compare_at_minor}
            for v in record.variants
        }
    }
