"""Prices a file may give that the product form would refuse: a published variant in stock
at 0, a compare-at price not above the price (merchandiser QA: an import put a product on
sale at 0, and a shopper bought it for the shipping)."""

from __future__ import annotations

import io

import pytest

from models.catalog import ProductStatus
from storefront.services.catalog_csv import CatalogFileInvalid, export_catalog, read_catalog
from storefront.services.catalog_writer import save_drafts
from tests.fakes import CatalogData, FakeUnitOfWork


def problems_of(text: str) -> list[str]:
    with pytest.raises(CatalogFileInvalid) as refused:
        read_catalog(io.StringIO(text))
    return [str(p) for p in refused.value.problems]


FREE = (
    "is 0 with stock: a published product in stock needs a price above zero (or import it "
    "with status draft until it has one)"
)


def test_a_published_variant_in_stock_at_zero_is_refused_a_draft_may_wait() -> None:
    text = (
        "product_id,title,description,price,stock,sku,status,options\n"
        "P1,Chair,,0,5,C-1,active,size=S\n"
        "P1,,,12.90,5,C-2,,size=M\n"
        "P2,Table,,0.00,0,T-1,,\n"  # out of stock: not for sale
        "P3,Lamp,,0,4,L-1,draft,\n"
        "P4,Sofa,,0,3,S-1,,\n"  # active by default
    )
    assert problems_of(text) == [
        f'line 2, column "price": {FREE}',
        f'line 6, column "price": {FREE}',
    ]
    fixed = text.replace("P1,Chair,,0,", "P1,Chair,,9.50,").replace("P4,Sofa,,0,", "P4,Sofa,,1,")
    drafts = {d.external_id: d for d in read_catalog(io.StringIO(fixed))}
    assert drafts["P3"].status is ProductStatus.DRAFT
    assert [d.variants[0].price_minor for d in drafts.values()] == [950, 0, 0, 100]


def test_a_bare_catalogue_and_its_export_import_at_zero_without_stock() -> None:
    """The search evaluations load titles and descriptions alone: nothing there is for sale.
    Its export writes the prices, 0, and imports again; stock without prices is refused."""
    [draft] = read_catalog(io.StringIO("product_id,title,description\nP1,Chair,Oak\n"))
    assert (draft.variants[0].price_minor, draft.variants[0].stock) == (0, 0)
    data = CatalogData()
    uow = FakeUnitOfWork(data)
    save_drafts(uow, [draft])
    exported = io.StringIO()
    export_catalog(uow, exported, file_format="generic")
    assert read_catalog(io.StringIO(exported.getvalue()))[0].variants[0].price_minor == 0
    assert problems_of("product_id,title,description,stock\nP1,Chair,Oak,3\n") == [
        f'line 2, column "price": {FREE}'
    ]


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("product_id,title,description,price,compare_at_price,sku\n", "P1,Chair,,20,{},C-1\n"),
        (
            "Handle,Title,Variant SKU,Variant Price,Variant Compare At Price\n",
            "p1,Chair,C-1,20,{}\n",
        ),
    ],
)
def test_a_compare_at_price_not_above_the_price_is_left_out(header: str, row: str) -> None:
    """The shop shows no sale for it, and the product form refuses it: kept, every later save
    of the product in the form was refused. Shopify keeps such values, and so did older
    imports: left out, not refused, so that those files import."""
    found = {}
    for compare_at in ("10", "20", "25", ""):
        [draft] = read_catalog(io.StringIO(header + row.format(compare_at)))
        found[compare_at] = draft.variants[0].compare_at_minor
    assert found == {"10": None, "20": None, "25": 2_500, "": None}
