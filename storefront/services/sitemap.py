"""The sitemap search engines read (sitemaps.org protocol 0.9): the home page, every category
with an active product in it or below it, the shop's policies (terms of sale, refunds...) and
every active product, at absolute URLs under the shop's public address. Pages for one
shopper (account, cart, checkout, orders), search results and the admin are never listed.

A sitemap file holds at most 50,000 URLs. A catalog that fits is one file at /sitemap.xml;
a bigger one makes /sitemap.xml an index of /sitemap-pages.xml (home, categories, policies) and
/sitemap-products-1.xml, -2... (products by id, MAX_URLS each). Files are produced as a
stream of text pieces, products read CHUNK at a time, never as one string."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote
from xml.sax.saxutils import escape

from storefront.services.category_tree import CategoryTree
from storefront.services.policies import KINDS, policy_path
from storefront.services.ports import SitemapSource

MAX_URLS = 50_000  # the protocol's limit per file
CHUNK = 1_000
INDEX_PATH = "/sitemap.xml"
PAGES_PATH = "/sitemap-pages.xml"
PRODUCTS_PATH = "/sitemap-products-{number}.xml"
# Where robots.txt keeps crawlers away: pages of one shopper, the admin, search results
# (any query, filtered or not: endless and thin), the API. Category pages with filters stay
# crawlable: the shop links them, and their links are plain.
PRIVATE_PREFIXES = (
    "/admin",
    "/account",
    "/cart",
    "/checkout",
    "/order/",
    "/search",
    "/api/",
    "/restock",  # a guest's back-in-stock link (restock_links.py)
)


def is_private(path: str) -> bool:
    """Whether `path` is one robots.txt disallows (a prefix without a trailing slash names a
    page and what is below it: /account and /account/reset, not /accounts)."""
    return any(
        path.startswith(prefix)
        if prefix.endswith("/")
        else (path == prefix or path.startswith(prefix + "/"))
        for prefix in PRIVATE_PREFIXES
    )


_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
_INDEX = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def w3c_datetime(moment: datetime) -> str:
    """2026-12-04T07:12:47+00:00: UTC to the second (a naive value is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def _entry(tag: str, location: str, lastmod: datetime | None) -> str:
    modified = f"<lastmod>{w3c_datetime(lastmod)}</lastmod>" if lastmod else ""
    return f"<{tag}><loc>{escape(location)}</loc>{modified}</{tag}>\n"


@dataclass(frozen=True, slots=True)
class _Page:
    path: str
    lastmod: datetime | None


class Sitemap:
    """Builds the sitemap files from the catalog; `None` for a file that does not exist."""

    def __init__(
        self,
        source: SitemapSource,
        tree: Callable[[], CategoryTree],
        public_url: str,
        *,
        policy_dates: Callable[[], Mapping[str, datetime | None]],
        max_urls: int = MAX_URLS,
        chunk: int = CHUNK,
    ) -> None:
        self._source = source
        self._tree = tree
        self._policy_dates = policy_dates
        self._base = public_url.rstrip("/")
        self._max = max_urls
        self._chunk = chunk

    def robots_txt(self) -> str:
        """robots.txt: the private prefixes disallowed, the sitemap named."""
        lines = ["User-agent: *", *(f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES)]
        return "\n".join([*lines, "", f"Sitemap: {self._base}{INDEX_PATH}", ""])

    def root(self) -> Iterator[str]:
        """/sitemap.xml: every URL when they fit in one file, else the index of the files."""
        pages = self._pages()
        products = self._source.count_products()
        if len(pages) + products <= self._max:
            return self._urlset(pages, self._products(0, products))
        return self._index(pages, products)

    def pages_file(self) -> Iterator[str]:
        """/sitemap-pages.xml: the home page, the category pages, the policies' pages."""
        return self._urlset(self._pages(), iter(()))

    def products_file(self, number: int) -> Iterator[str] | None:
        """/sitemap-products-N.xml (N from 1): the Nth MAX_URLS active products by id."""
        products = self._source.count_products()
        if number < 1 or (number - 1) * self._max >= products:
            return None
        return self._urlset([], self._products((number - 1) * self._max, self._max))

    def _pages(self) -> list[_Page]:
        """Home, then every category whose subtree holds an active product, dated by the
        latest update among those products, then every policy, dated by its latest save in
        any language. A page serves every language (the reader's is picked in the page),
        so each is one URL. A policy still the default in every language has no date: when
        its text last changed is not known."""
        updates = self._source.category_updates()
        tree = self._tree()
        dated: dict[str, datetime] = {}
        for category_id, moment in updates.items():
            for node in tree.ancestors(category_id):
                if node.slug not in dated or dated[node.slug] < moment:
                    dated[node.slug] = moment
        newest = max(updates.values(), default=None)
        categories = [
            _Page(f"/category/{quote(slug, safe='')}", moment)
            for slug, moment in sorted(dated.items())
        ]
        dates = self._policy_dates()
        policies = [_Page(policy_path(kind), dates.get(kind)) for kind in KINDS]
        return [_Page("/", newest), *categories, *policies]

    def _products(self, start: int, count: int) -> Iterator[_Page]:
        after = self._source.product_id_before(start)
        if after is None:  # products removed since the count
            return
        left = count
        while left > 0:
            batch = self._source.products_after(after, min(self._chunk, left))
            for product in batch:
                yield _Page(f"/product/{quote(product.slug, safe='')}", product.updated_at)
            if len(batch) < min(self._chunk, left):
                return
            after = batch[-1].id
            left -= len(batch)

    def _urlset(self, pages: list[_Page], products: Iterable[_Page]) -> Iterator[str]:
        yield _HEAD + _URLSET
        for page in pages:
            yield _entry("url", self._base + page.path, page.lastmod)
        batch: list[str] = []
        for page in products:
            batch.append(_entry("url", self._base + page.path, page.lastmod))
            if len(batch) >= self._chunk:
                yield "".join(batch)
                batch = []
        yield "".join(batch) + "</urlset>\n"

    def _index(self, pages: list[_Page], products: int) -> Iterator[str]:
        newest = pages[0].lastmod  # the home page's: the newest product change
        dated = [page.lastmod for page in pages if page.lastmod is not None]
        yield _HEAD + _INDEX
        yield _entry("sitemap", self._base + PAGES_PATH, max(dated, default=None))
        for number in range(1, (products + self._max - 1) // self._max + 1):
            yield _entry("sitemap", self._base + PRODUCTS_PATH.format(number=number), newest)
        yield "</sitemapindex>\n"
