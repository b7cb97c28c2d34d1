"""Prices a file may give that the product form would refuse: a published variant on sale
for nothing, a compare-at price not above the price (merchandiser QA: an import put a product
on sale at 0, and a shopper bought it for the shipping)."""

from __future__ import annotations

import io

import pytest

from models.catalog import ProductStatus
from storefront.services.catalog_csv import CatalogFileInvalid, read_catalog


def problems_of(text: str) -> list[str]:
    with pytest.raises(CatalogFileInvalid) as refused:
        read_catalog(io.StringIO(text))
    return [str(p) for p in refused.value.problems]


FREE = (
    "is 0: a published product needs a price above zero (or import it with status draft until "
    "it has one)"
)


def test_a_published_variant_at_zero_is_refused_a_draft_may_wait_for_its_price() -> None:
    text = (
        "product_id,title,description,price,stock,sku,status,options\n"
        "P1,Chair,,0,5,C-1,active,size=S\n"
        "P1,,,12.90,5,C-2,,size=M\n"
        "P2,Table,,0.00,0,T-1,,\n"  # active by default, even out of stock
        "P3,Lamp,,0,4,L-1,draft,\n"
    )
    assert problems_of(text) == [
        f'line 2, column "price": {FREE}',
        f'line 4, column "price": {FREE}',
    ]
    fixed = text.replace("P1,Chair,,0,", "P1,Chair,,9.50,").replace(
        "P2,Table,,0.00,", "P2,Table,,1,"
    )
    drafts = {d.external_id: d for d in read_catalog(io.StringIO(fixed))}
    assert drafts["P3"].status is ProductStatus.DRAFT
    assert drafts["P3"].variants[0].price_minor == 0


def test_a_bare_catalogue_without_prices_or_stock_still_imports_at_zero() -> None:
    """The search evaluations load titles and descriptions alone: nothing there is for sale
    (no stock). Stock without prices would be, and is refused."""
    [draft] = read_catalog(io.StringIO("product_id,title,description\nP1,Chair,Oak\n"))
    assert (draft.variants[0].price_minor, draft.variants[0].stock) == (0, 0)
    assert problems_of("product_id,title,description,stock\nP1,Chair,Oak,3\n") == [
        f'line 2, column "price": {FREE}'
    ]


def test_a_compare_at_price_not_above_the_price_is_refused() -> None:
    text = (
        "product_id,title,description,price,compare_at_price,stock,sku\n"
        "P1,Chair,,20,10,5,C-1\n"
        "P2,Desk,,20,20,5,D-1\n"
        "P3,Lamp,,20,25,5,L-1\n"
        "P4,Sofa,,20,,5,S-1\n"
    )
    tail = (
        " is not above the price: a compare-at price is the higher one, shown struck through; "
        "leave it empty for none"
    )
    assert problems_of(text) == [
        f'line 2, column "compare_at_price": "10"{tail}',
        f'line 3, column "compare_at_price": "20"{tail}',
    ]


def test_a_shopify_file_at_zero_is_refused_and_its_compare_at_at_the_price_left_out() -> None:
    """Shopify keeps a compare-at price not above the price (and shows no sale): left out,
    not refused, so that a shop's own export imports."""
    header = "Handle,Title,Variant SKU,Variant Price,Variant Compare At Price,Status\n"
    assert problems_of(header + "chair,Chair,C-1,0,,active\n") == [
        f'line 2, column "Variant Price": {FREE}'
    ]
    [draft] = read_catalog(io.StringIO(header + "chair,Chair,C-1,20,20,active\n"))
    assert (draft.variants[0].price_minor, draft.variants[0].compare_at_minor) == (2_000, None)
    [draft] = read_catalog(io.StringIO(header + "chair,Chair,C-1,20,25,draft\n"))
    assert draft.variants[0].compare_at_minor == 2_500
