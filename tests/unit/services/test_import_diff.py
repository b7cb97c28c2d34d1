"""The import preview's comparison of a file with the shop: prices old → new, the moves that
look like a slip, the stock figures ignored, products listed changed first (merchandiser QA:
"9,90 €" for a 259.99 bunk bed went through a preview that showed 9.90 alone)."""

from __future__ import annotations

import pytest

from models.records import ProductRecord, VariantRecord
from storefront.services.admin.import_diff import (
    changed_first,
    price_alarm,
    price_changes,
    review_prices,
    sample_rows,
)
from storefront.services.catalog_writer import ProductDraft


def variant(sku: str, price: int, stock: int = 1) -> VariantRecord:
    return VariantRecord(sku=sku, price_minor=price, stock=stock)


def draft(external_id: str, *variants: VariantRecord, title: str = "Bed") -> ProductDraft:
    return ProductDraft(external_id, title, "", "EUR", variants)


def shop(external_id: str, *variants: VariantRecord, title: str = "Bed") -> ProductRecord:
    return ProductRecord(external_id, external_id.lower(), title, "", None, None, "EUR", variants)


@pytest.mark.parametrize(
    ("old", "new", "alarming"),
    [
        (25_999, 990, True),  # the Excel slip
        (10_000, 5_000, False),  # half off: a sale
        (10_000, 4_999, True),  # more than half off
        (10_000, 0, True),
        (10_000, 50_000, False),  # 5 times: still believable
        (10_000, 50_001, True),
        (0, 990, False),  # a bare catalogue's price being set
        (10_000, 10_000, False),
    ],
)
def test_a_price_move_is_flagged_below_half_or_over_five_times(
    old: int, new: int, alarming: bool
) -> None:
    assert price_alarm(old, new) is alarming


def test_price_changes_compare_the_shops_variants_by_sku_and_skip_new_ones() -> None:
    before = shop("B-1", variant("B-1-A", 25_999), variant("B-1-B", 19_900))
    file = draft("B-1", variant("B-1-A", 990), variant("B-1-B", 19_900), variant("B-1-C", 100))

    changes = price_changes(file, before)

    assert [(c.text(), c.alarming) for c in changes] == [("B-1-A: 259.99 → 9.90", True)]
    assert price_changes(file, None) == ()


def test_the_review_counts_every_price_change_and_names_the_first_slips() -> None:
    before = {
        f"P-{n}": shop(f"P-{n}", variant(f"P-{n}-A", 10_000), variant(f"P-{n}-B", 10_000))
        for n in range(3)
    }
    drafts = [
        draft("P-0", variant("P-0-A", 1_000), variant("P-0-B", 9_000)),
        draft("P-1", variant("P-1-A", 1_000), variant("P-1-B", 10_000)),
        draft("P-2", variant("P-2-A", 10_000), variant("P-2-B", 10_000)),
    ]

    review = review_prices(drafts, before, shown=1)

    assert (review.changed, review.alarms) == (3, 2)
    assert review.alarm_examples == ("P-0 · P-0-A: 100.00 → 10.00",)


def test_rows_say_new_changed_or_unchanged_and_list_changed_first() -> None:
    before = {"S-1": shop("S-1", variant("S-1-A", 100)), "S-2": shop("S-2", variant("S-2-A", 100))}
    drafts = [
        draft("S-1", variant("S-1-A", 100)),  # as the shop has it
        draft("N-1", variant("N-1-A", 100)),
        draft("S-2", variant("S-2-A", 120), title="Bunk bed"),
    ]

    listed = changed_first(drafts, before, {"S-1"})
    rows = sample_rows(listed, before, {"S-1"}, " › ")

    assert [(r.external_id, r.status) for r in rows] == [
        ("N-1", "new"),
        ("S-2", "changed"),
        ("S-1", "unchanged"),
    ]
    assert (rows[1].old_title, rows[1].price_changes, rows[1].price_alarm) == (
        "Bed",
        ("S-2-A: 1.00 → 1.20",),
        False,
    )
    assert (rows[0].old_title, rows[0].price_changes) == ("", ())


def test_a_row_says_when_the_files_stock_was_ignored_for_the_shops() -> None:
    before = {
        "K-1": shop("K-1", variant("K-1-A", 100, stock=1)),
        "K-2": shop("K-2", variant("K-2-A", 100, stock=6)),
    }
    drafts = [
        draft("K-1", variant("K-1-A", 100, stock=40), variant("K-1-B", 100, stock=3)),
        draft("K-2", variant("K-2-A", 100, stock=6)),  # the same figure: nothing ignored
    ]

    rows = sample_rows(drafts, before, set(), " › ")

    assert [(r.stock, r.file_stock, r.stock_ignored) for r in rows] == [
        (4, 40, True),  # the shop's 1 kept (the file's 40 ignored), the new variant's 3
        (6, 6, False),
    ]


def test_many_price_changes_of_a_product_show_the_first_few_and_how_many_more() -> None:
    skus = [f"M-{n}" for n in range(5)]
    before = {"M": shop("M", *(variant(s, 100) for s in skus))}
    row = sample_rows([draft("M", *(variant(s, 200) for s in skus))], before, set(), "/")[0]

    assert (len(row.price_changes), row.more_price_changes) == (3, 2)
