"""Merchandising on real parts: the bundled MiniLM model and faiss over a 12-product catalog
(one index for the module), and the thin-description query on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import numpy as np
import pytest
from sqlalchemy import text

from models.admin import Role
from models.catalog import ProductStatus
from models.records import VariantRecord
from storefront.adapters.sql_merchandising import SqlMerchandisingStore
from storefront.bootstrap import Shop, build_search_index
from storefront.services.admin.access import Staff
from storefront.services.admin.merchandising import (
    ThinDescription,
    fixes_for_zero_result_queries,
    near_duplicates,
    suggest_for_new_product,
    thin_descriptions,
)
from storefront.services.admin.merchandising_desk import MerchandisingDesk
from storefront.services.catalog_writer import ProductDraft, save_drafts
from storefront.services.search.hybrid import HybridSearch
from storefront.services.search.ports import SearchDocument
from storefront.services.search.product_text import embedding_text

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

CHAIRS, TABLES = ("Furniture", "Chairs"), ("Furniture", "Tables")
LAMPS, COOKWARE = ("Lighting", "Lamps"), ("Kitchen", "Cookware")
CATEGORY_IDS = {CHAIRS: 1, TABLES: 2, LAMPS: 3, COOKWARE: 4}
LONG = "Made to order in our workshop from sustainably sourced materials, finished by hand and "
LONG += "checked twice before it leaves."
# (title, description, category, material); all active
CATALOG = [
    ("Emerald green velvet armchair", LONG, CHAIRS, "Velvet"),
    ("Velvet armchair in emerald green", LONG, CHAIRS, "Velvet"),  # near-identical to 1
    ("Beech kitchen stool", "A stool.", CHAIRS, "Beech"),
    ("Oak dining chair", LONG, CHAIRS, "Oak"),
    ("Extendable oak dining table", LONG, TABLES, "Oak"),
    ("Round marble coffee table", "Round marble coffee table", TABLES, "Marble"),
    ("Brass floor lamp", LONG, LAMPS, "Brass"),
    ("Ceramic bedside table lamp", LONG, LAMPS, "Ceramic"),
    ("Linen pendant lampshade", LONG, LAMPS, "Linen"),
    ("Cast iron frying pan", LONG, COOKWARE, "Cast iron"),
    ("Stainless steel saucepan", LONG, COOKWARE, "Steel"),
    ("Enamelled casserole dish", "", COOKWARE, "Enamel"),
]


@pytest.fixture(scope="module")
def index() -> HybridSearch:
    documents = [
        SearchDocument(
            n, title, description, path, CATEGORY_IDS[path], attributes={"material": (material,)}
        )
        for n, (title, description, path, material) in enumerate(CATALOG, start=1)
    ]
    index = build_search_index()
    vectors = index.embedder.encode([embedding_text(d) for d in documents])
    index.load(documents, np.asarray(vectors, dtype=np.float32))
    return index


def test_near_identical_products_are_paired_and_a_new_chair_is_put_with_the_chairs(
    index: HybridSearch,
) -> None:
    pairs = near_duplicates(index, threshold=0.95).pairs

    assert [(p.a_id, p.b_id, p.same_title) for p in pairs] == [(1, 2, False)]
    assert pairs[0].a_title == "Emerald green velvet armchair"
    assert 0.95 <= pairs[0].similarity <= 1.0

    suggestions = suggest_for_new_product(index, "Walnut dining chair", "", k=5)
    assert suggestions.neighbours[0].title == "Oak dining chair"
    assert suggestions.categories[0].category_id == CATEGORY_IDS[CHAIRS]
    assert suggestions.categories[0].category_path == CHAIRS
    assert suggestions.categories[0].share > 0.5
    assert sum(c.share for c in suggestions.categories) == pytest.approx(1.0)
    assert suggestions.attributes[0].key == "material"
    assert suggestions.attributes[0].share == pytest.approx(1.0)


def test_queries_finding_nothing_are_matched_by_meaning_and_found_ones_skipped(
    index: HybridSearch,
) -> None:
    fixes = fixes_for_zero_result_queries(index, ["ottoman", "skillet", "chandelier"], k=3)

    by_query = {fix.query: fix for fix in fixes}
    assert set(by_query) == {"ottoman", "chandelier"}  # "skillet" already finds the frying pan
    assert {p.product_id for p in by_query["ottoman"].products[:2]} == {1, 2}
    assert [p.title for p in by_query["chandelier"].products] == [
        "Linen pendant lampshade",
        "Ceramic bedside table lamp",
        "Brass floor lamp",
    ]
    assert by_query["chandelier"].words == ("chandelier",)

    # The dashboard marks the searches that find products now (no fix): the others exactly.
    desk = MerchandisingDesk(lambda: index, cast(Any, None), cast(Any, None))
    boss = Staff(1, "boss@example.com", Role.ADMIN)
    assert desk.found_now(boss, ["ottoman", "skillet", "chandelier"]) == {"skillet"}


def test_thin_descriptions_of_active_and_draft_products_in_sql(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(database_url)
    rows = [
        (title, description, path, ProductStatus.ACTIVE) for title, description, path, _ in CATALOG
    ]
    rows += [
        ("Copper kettle", "Boils.\n\nFast,   and\tquietly.", COOKWARE, ProductStatus.DRAFT),
        ("Old teapot", "", COOKWARE, ProductStatus.ARCHIVED),
    ]
    drafts = [
        ProductDraft(
            f"M{n}",
            title,
            description,
            "EUR",
            (VariantRecord(sku=f"M{n}", price_minor=1_000, stock=1),),
            category_path=path,
            status=status,
        )
        for n, (title, description, path, status) in enumerate(rows, start=1)
    ]
    shop.run(save_drafts, drafts)
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        ids = {r[0]: r[1] for r in connection.execute(text("select external_id, id from product"))}
    store = SqlMerchandisingStore(shop.engine)

    thin = thin_descriptions(store, min_words=12)

    assert [(t.title, t.status, t.words, t.reason) for t in thin] == [
        ("Enamelled casserole dish", "active", 0, "missing"),
        ("Beech kitchen stool", "active", 2, "short"),
        ("Round marble coffee table", "active", 4, "same_as_title"),
        ("Copper kettle", "draft", 4, "short"),
    ]
    assert thin[0] == ThinDescription(
        ids["M12"], "Enamelled casserole dish", "active", 0, "missing"
    )
    assert [t.title for t in thin_descriptions(store, min_words=12, limit=2)] == [
        "Enamelled casserole dish",
        "Beech kitchen stool",
    ]
    # LONG has 19 words: thin only when 20 are wanted (archived products never count)
    assert len(thin_descriptions(store, min_words=19)) == 4
    assert len(thin_descriptions(store, min_words=20)) == 13
