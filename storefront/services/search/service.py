"""Search for the pages: the full results page (with listing facets and sorts), the instant
results of the header box, and the search log."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace

from models.views import CategoryNode, ProductCard
from storefront.services.card_prices import MatchedPrice, priced_as_matched
from storefront.services.catalog import CatalogService
from storefront.services.catalog_limits import looks_like_sku
from storefront.services.facet_values import Facet
from storefront.services.facets import run_facets
from storefront.services.listing_query import ListingQuery
from storefront.services.named_variants import named_among, naming_words
from storefront.services.search.analysis import clean_query
from storefront.services.search.hybrid import HybridSearch
from storefront.services.search.ports import SearchStore, SkuMatch
from storefront.services.search.price_words import price_words
from storefront.services.unknown_choices import UnknownChoice

# Ranked on every signal (keywords, title, meaning); the other products matching a query
# word follow them, so that filters, counts and sorts by price or date cover every match.
RESULTS_POOL = 500
INSTANT_LIMIT = 6
INSTANT_PRICED_POOL = 60  # a price said ("lamp under 30"): the first in it among these


@dataclass(frozen=True, slots=True)
class SearchPage:
    text: str
    corrected: str | None
    close_match: bool  # False: no close match, the cards are the nearest products
    cards: tuple[ProductCard, ...]
    total: int
    page: int
    page_count: int
    facets: tuple[Facet, ...]
    query: ListingQuery
    search_id: int = 0
    # The index is still loading (a process just started): nothing was searched or logged.
    warming_up: bool = False
    # Filter values of the URL that no product carries, left out of `query`.
    unknown: tuple[UnknownChoice, ...] = ()
    # The category the results are narrowed to (the page names it, and offers to leave it).
    category: CategoryNode | None = None
    # Words of the search no product has, left out of the results (the page names them).
    left_out: tuple[str, ...] = ()
    # The words read as a price filter ("under 50"), which `query` holds, out of `text`.
    price_words: str = ""


@dataclass(frozen=True, slots=True)
class InstantResults:
    text: str
    cards: tuple[ProductCard, ...]
    close_match: bool


class SearchService:
    def __init__(
        self,
        index: HybridSearch,
        catalog: CatalogService,
        store: SearchStore,
        *,
        page_size: int,
        ready: Callable[[], bool] = lambda: True,
        currency: str = "EUR",
    ) -> None:
        self._index = index
        self._currency = currency
        self._catalog = catalog
        self._store = store
        self._page_size = page_size
        self._ready = ready

    def results(
        self, text: str, query: ListingQuery, visitor_id: str = "", refines: int = 0
    ) -> SearchPage:
        """The results page: ranked matches narrowed by the listing filters, with facets.
        A new search is logged; one that `refines` a logged search (its id: a filter, a
        sort, another page of the same words) is not logged again, and its clicks count
        for that search."""
        text = typed = clean_query(text)
        # A price in the words is the price filter, unless the link has one (the page's own).
        ranged = query.price_min is not None or query.price_max is not None
        priced = None if ranged else price_words(text, query.currency)
        if priced is not None:
            text = priced.rest
            query = replace(query, text=text, price_min=priced.low, price_max=priced.high)
        if text and not self._ready():
            # Not "no results": the shopper is told to try again in a moment, and the
            # search log (zero-result searches among them) is not given a false one.
            return SearchPage(text, None, False, (), 0, 1, 1, (), query, refines, warming_up=True)
        found = self._index.search(text, RESULTS_POOL, every_match=True) if text else None
        ranked: tuple[int, ...] = ()
        matched: tuple[int, ...] = ()
        sku_product, sku_of = self._sku_match(text)
        if found is not None:
            # Only products that match a word or are close in meaning count as results;
            # with none, the nearest few are shown (and labelled so), if near enough.
            matched = tuple(p for p, ok in zip(found.ids, found.matched, strict=True) if ok)
            matched += found.more_matches
            near = (p for p, ok in zip(found.ids, found.near, strict=True) if ok)
            ranked = matched or tuple(itertools.islice(near, self._page_size))
        if sku_product is not None and found is not None:  # a SKU typed or pasted: its product
            first = sku_product
            matched = (first, *(p for p in matched if p != first))  # first, uncorrected
            ranked, found = matched, replace(found, corrected_query=None, close_match=True)
        tree = self._catalog.tree()
        category = tree.by_slug(query.category_slug) if query.category_slug else None
        unknown: tuple[UnknownChoice, ...] = ()
        if query.category_slug and category is None:  # gone, or a made-up link: named, left out
            unknown = (UnknownChoice("category", "category", query.category_slug),)
            query = replace(query, category_slug=None)
        if category is not None:
            inside = set(tree.subtree_ids(category.id))
            ranked = tuple(
                pid
                for pid in ranked
                if (doc := self._index.document(pid)) is not None and doc.category_id in inside
            )
        result = run_facets(
            self._catalog.catalog_table(),
            query,
            tree=tree,
            brands=self._catalog.brands(),
            category_id=None if category is None else category.id,
            page_size=self._page_size,
            ranked_ids=ranked,
            # A SKU names its variant itself (_priced below).
            named_by=naming_words(text) if found and sku_product is None else (),
        )
        search_id = refines
        if text and not refines:
            # The nearest products shown for a search that matched nothing are not results:
            # it is logged as finding nothing, so the admin sees it among zero-result searches.
            count = result.total if matched else 0
            search_id = self._store.log_search(visitor_id, typed, count, "page")
        left_out = found.left_out if found and matched and sku_product is None else ()
        return SearchPage(
            text=text,
            corrected=_without(found.corrected_query, left_out) if found else None,
            close_match=bool(found and found.close_match),
            # With a variant filter on, the price it matched (the list is sorted by it).
            cards=self._catalog.pictured(
                priced_as_matched(
                    self._catalog.cards(result.page_ids),
                    {**_priced(sku_of), **result.matched_prices},
                )
            ),
            total=result.total,
            page=result.page,
            page_count=result.page_count,
            facets=result.facets,
            query=result.query,
            search_id=search_id,
            unknown=unknown + result.unknown,
            category=category,
            left_out=left_out,
            price_words=priced.said if priced else "",
        )

    def instant(self, text: str) -> InstantResults:
        """A handful of results as the shopper types (logged only when one is opened)."""
        text = clean_query(text)
        if not text:
            return InstantResults(text, (), close_match=False)
        priced = price_words(text, self._currency)
        words = text if priced is None else priced.rest
        found = self._index.search(words, INSTANT_LIMIT if priced is None else INSTANT_PRICED_POOL)
        ids, close = found.ids, found.close_match
        if not close:  # the nearest, if near enough (QA: "xyzqwv" suggested a dinosaur)
            ids = tuple(p for p, ok in zip(found.ids, found.near, strict=True) if ok)
        sku_product, sku_of = self._sku_match(words)
        if sku_product is not None:
            first = sku_product
            ids, close = (first, *(p for p in ids if p != first)), True
        # As on the results page: the variant the words name (the SKU's, when one was typed),
        # and only products with one at the price said.
        price = None if priced is None else (priced.low, priced.high)
        named = named_among(self._catalog.catalog_table(), ids, naming_words(words), price)
        if price is not None:
            ids = tuple(p for p in ids if p in named)
        ids = ids[:INSTANT_LIMIT]
        # Pictured as matched: the variant the words named, or the SKU's (QA: red dresses
        # opened on red, but showed teal).
        cards = self._catalog.pictured(
            priced_as_matched(self._catalog.cards(ids), named | _priced(sku_of))
        )
        return InstantResults(text, cards, close)

    def _sku_match(self, text: str) -> tuple[int | None, SkuMatch | None]:
        """The product a SKU names, when the text is one word that could be one (a digit or
        an inner separator in it, no space: looks_like_sku), with the variant when it is a
        variant's whole SKU: a shopper reordering from an invoice pastes it; a merchant or a
        trade buyer types the product's part (BTQ-000004 for BTQ-000004-STD), which opens the
        product as it is."""
        if not looks_like_sku(text):
            return None, None
        if (variant := self._store.variant_of_sku(text)) is not None:
            return variant.product_id, variant
        return self._store.product_of_sku_stem(text), None

    def clicked(self, search_id: int, visitor_id: str, product_id: int) -> None:
        """Record which product a visitor's search led to."""
        if search_id > 0:
            self._store.log_click(search_id, visitor_id, product_id)

    def opened_from_instant(
        self, text: str, result_count: int, visitor_id: str, product_id: int
    ) -> None:
        """Log an instant search when the shopper opens one of its results. (Prefixes typed
        on the way are not logged: they would flood the log and its analytics.)"""
        text = clean_query(text)
        if text:
            search_id = self._store.log_search(visitor_id, text, result_count, "instant")
            self._store.log_click(search_id, visitor_id, product_id)


def _priced(sku: SkuMatch | None) -> dict[int, MatchedPrice]:
    """The SKU's product at the price of that variant (priced_as_matched)."""
    if sku is None:
        return {}
    was = sku.compare_at_minor if (sku.compare_at_minor or 0) > sku.price_minor else None
    matched = MatchedPrice(sku.price_minor, False, was, sku.variant_id, sku.in_stock)
    return {sku.product_id: matched}


def _without(corrected: str | None, left_out: tuple[str, ...]) -> str | None:
    """The corrected words the results are for: "sofas", not "sofas xyzzyqw" above a note
    saying "xyzzyqw" was left out (QA)."""
    if corrected is None or not left_out:
        return corrected
    return " ".join(w for w in corrected.split() if w not in left_out) or None
