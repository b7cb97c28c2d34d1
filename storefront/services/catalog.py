"""Reading the catalog for the shop's pages, through the versioned read-through cache."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from models.views import BrandView, CategoryNode, ProductCard, ProductDetail
from storefront.services.card_prices import priced_as_matched
from storefront.services.category_tree import CategoryTree
from storefront.services.facet_table import FacetTable
from storefront.services.facet_values import Facet
from storefront.services.facets import run_facets
from storefront.services.listing_query import ListingQuery
from storefront.services.ports import CatalogReader
from storefront.services.slugs import could_be_product_slug
from storefront.services.unknown_choices import UnknownChoice
from storefront.services.versioned_cache import VersionedCache

STRUCTURE = "structure"
PRODUCTS = "products"
HOME_ROW_SIZE = 4
# Listings shared between processes make at most this many filter choices. Each choice
# multiplies the pages a category can have (every pair of values, every triple...); past
# one, the pages are rarely asked for twice and are kept in each process only.
MAX_SHARED_CHOICES = 1


def category_namespace(category_id: int) -> str:
    return f"cat:{category_id}"


def product_namespace(slug: str) -> str:
    return f"product:{slug}"


@dataclass(frozen=True, slots=True)
class HomePage:
    featured: tuple[ProductCard, ...]
    newest: tuple[ProductCard, ...]
    best_rated: tuple[ProductCard, ...]


@dataclass(frozen=True, slots=True)
class ListingPage:
    category: CategoryNode
    breadcrumbs: tuple[CategoryNode, ...]
    cards: tuple[ProductCard, ...]
    total: int
    page: int
    page_count: int
    facets: tuple[Facet, ...]
    query: ListingQuery
    # Whether the query is one the shop's own links make (see FacetResult.canonical).
    canonical: bool
    # Filter values of the URL that no product here carries, left out of `query`.
    unknown: tuple[UnknownChoice, ...] = ()


@dataclass(frozen=True, slots=True)
class ProductPage:
    product: ProductDetail
    breadcrumbs: tuple[CategoryNode, ...]
    # Variant option names in display order with their values, e.g. ("size", ("S", "M")).
    options: tuple[tuple[str, tuple[str, ...]], ...]


class CatalogService:
    """The shop's read side. Every method answers from the cache when it can."""

    def __init__(self, reader: CatalogReader, cache: VersionedCache, *, page_size: int) -> None:
        self._reader = reader
        self._cache = cache
        self._page_size = page_size

    @property
    def cache(self) -> VersionedCache:
        return self._cache

    def tree(self) -> CategoryTree:
        """All categories as a tree."""
        return self._cache.read_through(
            "tree", [STRUCTURE], lambda: CategoryTree(self._reader.categories())
        )

    def shown_categories(self) -> list[int]:
        """The categories the navigation lists: those with an active product in them or
        below. A department made by a typo in an import, its products moved since, stayed in
        the header with a page of nothing (merchandiser QA)."""

        def load() -> list[int]:
            tree = self.tree()
            held = self._reader.categories_with_products()
            return sorted({node.id for found in held for node in tree.ancestors(found)})

        return self._cache.read_through("shown-categories", [STRUCTURE, PRODUCTS], load)

    def brands(self) -> Mapping[int, BrandView]:
        """All brands by id."""
        return self._cache.read_through(
            "brands", [STRUCTURE], lambda: {b.id: b for b in self._reader.brands()}
        )

    def home(self) -> HomePage:
        """Featured, newest and best-rated products for the home page."""

        def load() -> HomePage:
            return HomePage(
                featured=tuple(self._reader.home_picks("featured", HOME_ROW_SIZE)),
                newest=tuple(self._reader.home_picks("newest", HOME_ROW_SIZE)),
                best_rated=tuple(self._reader.home_picks("best_rated", HOME_ROW_SIZE)),
            )

        return self._cache.read_through("home", [STRUCTURE, PRODUCTS], load)

    def listing(self, query: ListingQuery) -> ListingPage | None:
        """One page of a category listing with its facets; None for an unknown category."""
        tree = self.tree()
        category = tree.by_slug(query.category_slug or "")
        if category is None:
            return None
        depends_on = [STRUCTURE, category_namespace(category.id)]

        def load() -> ListingPage:
            table = self._cache.read_through(
                f"facets:{category.id}",
                depends_on,
                lambda: self._facet_table(tree, category.id),
                local_only=True,
            )
            result = run_facets(
                table,
                query,
                tree=tree,
                brands=self.brands(),
                category_id=category.id,
                page_size=self._page_size,
            )
            return ListingPage(
                category=category,
                breadcrumbs=tree.ancestors(category.id),
                cards=self.pictured(
                    priced_as_matched(self._reader.cards(result.page_ids), result.matched_prices)
                ),
                total=result.total,
                page=result.page,
                page_count=result.page_count,
                facets=result.facets,
                query=result.query,
                canonical=result.canonical,
                unknown=result.unknown,
            )

        return self._cache.read_through(
            f"listing:{category.id}:{query.cache_key()}",
            depends_on,
            load,
            shareable=_shareable_listing,
        )

    def _facet_table(self, tree: CategoryTree, category_id: int) -> FacetTable:
        """The stored table when still current, else rebuilt from the products and stored."""
        snapshot = self._reader.facet_snapshot(category_id)
        if snapshot.data is not None:
            stored = FacetTable.from_bytes(snapshot.data)
            if stored is not None:
                return stored
        table = FacetTable.from_rows(self._reader.facet_rows(tree.subtree_ids(category_id)))
        self._reader.store_facet_snapshot(category_id, snapshot.generation, table.to_bytes())
        return table

    def catalog_table(self) -> FacetTable:
        """Every active product as facet columns (search results are faceted over it)."""
        return self._cache.read_through(
            "facets:all",
            [STRUCTURE, PRODUCTS],
            lambda: FacetTable.from_rows(self._reader.facet_rows(None)),
            local_only=True,
        )

    def pictured(self, cards: tuple[ProductCard, ...]) -> tuple[ProductCard, ...]:
        """Cards opening on a variant (priced as a filter matched) showing its picture: a
        navy filter showed a charcoal quilt, which opened navy (QA)."""
        pictures = self._reader.variant_pictures([c.variant_id for c in cards if c.variant_id])
        return tuple(
            replace(c, image_path=pictures[c.variant_id])
            if c.variant_id and c.variant_id in pictures
            else c
            for c in cards
        )

    def cards(self, product_ids: Sequence[int]) -> list[ProductCard]:
        """Cards of these products in the order given (inactive ones left out), each cached
        on its own: recommendation lists differ per shopper, their products do not."""

        def load(keys: list[str]) -> dict[str, ProductCard]:
            ids = [int(key.removeprefix("card:")) for key in keys]
            return {f"card:{card.id}": card for card in self._reader.cards(ids)}

        cards = self._cache.read_through_many(
            [f"card:{pid}" for pid in product_ids], [STRUCTURE, PRODUCTS], load
        )
        return [card for pid in product_ids if (card := cards.get(f"card:{pid}")) is not None]

    def skus_to_add(self, product_ids: Sequence[int]) -> dict[int, str]:
        """How each of these products goes into the cart from a list: its one variant's SKU,
        "" when it has options to choose; those no longer for sale (or without variants)
        left out. Cached per product as cards are, so that one statement reads a list's
        missing ones and a change to a product (a variant added) makes them a miss."""

        def load(keys: list[str]) -> dict[str, str]:
            ids = [int(key.removeprefix("sku-to-add:")) for key in keys]
            return {f"sku-to-add:{pid}": sku for pid, sku in self._reader.skus_to_add(ids).items()}

        skus = self._cache.read_through_many(
            [f"sku-to-add:{pid}" for pid in product_ids], [STRUCTURE, PRODUCTS], load
        )
        return {
            pid: sku for pid in product_ids if (sku := skus.get(f"sku-to-add:{pid}")) is not None
        }

    def product(self, slug: str) -> ProductPage | None:
        """A product page; None when no active product has this slug."""
        if not could_be_product_slug(slug):
            return None

        def load() -> ProductPage | None:
            detail = self._reader.product_detail(slug)
            if detail is None:
                return None
            return ProductPage(
                product=detail,
                breadcrumbs=self.tree().ancestors(detail.category_id),
                options=variant_options(detail),
            )

        return self._cache.read_through(
            f"product:{slug}", [STRUCTURE, product_namespace(slug)], load
        )

    def hidden_product(self, slug: str) -> int | None:
        """The id of the product with this slug when it is not on sale (a draft, archived):
        its page, "not found", comes back when it is published again. None for no product,
        or one on sale (its page is `product`)."""
        if not could_be_product_slug(slug):
            return None
        if self.product(slug) is not None:
            return None
        return self._cache.read_through(
            f"product-id:{slug}",
            [STRUCTURE, product_namespace(slug)],
            lambda: self._reader.product_id(slug),
        )


def _shareable_listing(page: ListingPage) -> bool:
    """Whether a listing page may go to the shared cache. Its key is made of what the URL
    says: only queries the shop links to, with few choices, keep the number of keys a
    category can have bounded by the catalog rather than by what visitors type."""
    return page.canonical and page.query.choice_count <= MAX_SHARED_CHOICES


def variant_options(detail: ProductDetail) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Option names in first-seen order, each with its values in first-seen order."""
    options: dict[str, list[str]] = {}
    for variant in detail.variants:
        for name, value in variant.options.items():
            values = options.setdefault(name, [])
            if value not in values:
                values.append(value)
    return tuple((name, tuple(values)) for name, values in options.items())
