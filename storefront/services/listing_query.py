"""A listing request (category, filters, sort, page) and its round trip through the URL.

The URL is the state: a shared link reopens the same listing, and the back button works,
because every control rewrites the query string and the page reloads from it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from urllib.parse import quote_plus

from models.money import MoneyParseError, format_major_amount, parse_major_amount
from storefront.services.search.analysis import clean_query

ATTRIBUTE_PREFIX = "f_"
_KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_TOKEN_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
MAX_PAGE = 10_000


class Sort(StrEnum):
    FEATURED = "featured"
    PRICE_ASC = "price_asc"
    PRICE_DESC = "price_desc"
    NEWEST = "newest"
    RATING = "rating"


# The most of a parameter's text a problem repeats (a link can carry thousands of digits).
PROBLEM_TEXT_AT_MOST = 40


@dataclass(frozen=True, slots=True)
class ParamProblem:
    """A parameter of the link that was not understood and was dropped: its kind (category,
    filter, price, rating, sort, page) and the text it held (for a filter: its name)."""

    kind: str
    text: str

    def __post_init__(self) -> None:
        if len(self.text) > PROBLEM_TEXT_AT_MOST:
            object.__setattr__(self, "text", self.text[: PROBLEM_TEXT_AT_MOST - 1] + "…")


@dataclass(frozen=True, slots=True)
class ListingQuery:
    category_slug: str | None = None
    brands: frozenset[str] = frozenset()
    price_min: int | None = None
    price_max: int | None = None
    min_rating: int | None = None
    in_stock: bool = False
    attributes: tuple[tuple[str, frozenset[str]], ...] = ()
    sort: Sort = Sort.FEATURED
    page: int = 1
    currency: str = field(default="EUR", compare=False)
    # Search results: the shopper's words (the listing spans the catalog, or one category).
    text: str | None = None

    # ---- reading a URL -------------------------------------------------------------
    @classmethod
    def from_params(
        cls,
        category_slug: str | None,
        params: Mapping[str, str],
        currency: str = "EUR",
        *,
        search: bool = False,
    ) -> tuple[ListingQuery, list[ParamProblem]]:
        """Parse query-string parameters; invalid ones are dropped and named in the problems.

        With `search`, the words come from `q` and an optional category from `category`.
        """
        problems: list[ParamProblem] = []
        text = None
        if search:
            text = clean_query(params.get("q", ""))
            category_slug = params.get("category", "").strip().lower() or None
            if category_slug and not _TOKEN_PATTERN.match(category_slug):
                problems.append(ParamProblem("category", category_slug))
                category_slug = None
        brands = _tokens(params.get("brand", ""), "brand", problems)
        price_min, price_max = _price_range(params.get("price", ""), currency, problems)
        min_rating = _rating(params.get("rating", ""), problems)
        in_stock = params.get("stock", "") in ("1", "true", "yes")
        attributes: dict[str, frozenset[str]] = {}
        for name, raw in params.items():
            if not name.startswith(ATTRIBUTE_PREFIX):
                continue
            key = name.removeprefix(ATTRIBUTE_PREFIX)
            if not _KEY_PATTERN.match(key):
                problems.append(ParamProblem("filter", name))
                continue
            values = _tokens(raw, name, problems)
            if values:
                attributes[key] = values
        sort_text = params.get("sort", Sort.FEATURED.value) or Sort.FEATURED.value
        try:
            sort = Sort(sort_text)
        except ValueError:
            problems.append(ParamProblem("sort", sort_text))
            sort = Sort.FEATURED
        page = _page(params.get("page", ""), problems)
        query = cls(
            category_slug=category_slug,
            brands=brands,
            price_min=price_min,
            price_max=price_max,
            min_rating=min_rating,
            in_stock=in_stock,
            attributes=tuple(sorted(attributes.items())),
            sort=sort,
            page=page,
            currency=currency,
            text=text,
        )
        return query, problems

    # ---- writing a URL (one per filter option: about 70 a listing) ------------------
    def to_params(self) -> dict[str, str]:
        """The query-string parameters, in a stable order, defaults left out."""
        params: dict[str, str] = {}
        if self.text is not None:
            params["q"] = self.text
            if self.category_slug:
                params["category"] = self.category_slug
        if self.brands:
            params["brand"] = ",".join(sorted(self.brands))
        if self.price_min is not None or self.price_max is not None:
            params["price"] = self.price_param()
        if self.min_rating:
            params["rating"] = str(self.min_rating)
        if self.in_stock:
            params["stock"] = "1"
        for key, values in self.attributes:
            params[ATTRIBUTE_PREFIX + key] = ",".join(sorted(values))
        if self.sort is not Sort.FEATURED:
            params["sort"] = self.sort.value
        if self.page > 1:
            params["page"] = str(self.page)
        return params

    def price_param(self) -> str:
        low = "" if self.price_min is None else _major(self.price_min, self.currency)
        high = "" if self.price_max is None else _major(self.price_max, self.currency)
        return f"{low}-{high}"

    def url(self, base_path: str) -> str:
        params = self.to_params()
        if not params:
            return base_path
        return base_path + "?" + "&".join(f"{k}={_encoded(v)}" for k, v in params.items())

    def cache_key(self) -> str:
        params = self.to_params()
        return "&".join(f"{k}={v}" for k, v in params.items()) or "-"

    # ---- changing one thing (always back to page 1, as shops do) ---------------------
    def attribute_values(self, key: str) -> frozenset[str]:
        return dict(self.attributes).get(key, frozenset())

    def toggled_brand(self, token: str) -> ListingQuery:
        return replace(self, brands=self.brands ^ {token}, page=1)

    def toggled_attribute(self, key: str, token: str) -> ListingQuery:
        current = dict(self.attributes)
        values = current.get(key, frozenset()) ^ {token}
        if values:
            current[key] = values
        else:
            current.pop(key, None)
        return replace(self, attributes=tuple(sorted(current.items())), page=1)

    def with_price(self, price_min: int | None, price_max: int | None) -> ListingQuery:
        return replace(self, price_min=price_min, price_max=price_max, page=1)

    def with_rating(self, min_rating: int | None) -> ListingQuery:
        return replace(self, min_rating=min_rating, page=1)

    def with_stock(self, in_stock: bool) -> ListingQuery:
        return replace(self, in_stock=in_stock, page=1)

    def with_sort(self, sort: Sort) -> ListingQuery:
        return replace(self, sort=sort, page=1)

    def with_page(self, page: int) -> ListingQuery:
        return replace(self, page=max(1, min(page, MAX_PAGE)))

    def cleared(self) -> ListingQuery:
        """Every filter left: a search's category too (it narrows the results as a filter
        does), not a category page's own."""
        return ListingQuery(
            category_slug=self.category_slug if self.text is None else None,
            sort=self.sort,
            currency=self.currency,
            text=self.text,
        )

    @property
    def path(self) -> str:
        """The page this query belongs to: a category listing or the search results."""
        return "/search" if self.text is not None else f"/category/{self.category_slug}"

    @property
    def choice_count(self) -> int:
        """How many filter choices the query makes: each brand and attribute value ticked,
        a price range, a rating, in stock, a search's category."""
        return (
            (self.text is not None and self.category_slug is not None)
            + len(self.brands)
            + sum(len(values) for _, values in self.attributes)
            + (self.price_min is not None or self.price_max is not None)
            + bool(self.min_rating)
            + self.in_stock
        )


def _tokens(raw: str, name: str, problems: list[ParamProblem]) -> frozenset[str]:
    tokens = {part.strip().lower() for part in raw.split(",") if part.strip()}
    bad = {t for t in tokens if not _TOKEN_PATTERN.match(t)}
    if bad:
        problems.append(ParamProblem("filter", name))
    return frozenset(tokens - bad)


def _price_range(
    raw: str, currency: str, problems: list[ParamProblem]
) -> tuple[int | None, int | None]:
    if not raw:
        return None, None
    low_text, sep, high_text = raw.partition("-")
    if not sep:
        problems.append(ParamProblem("price", raw))
        return None, None
    try:
        low = parse_major_amount(low_text, currency) if low_text.strip() else None
        high = parse_major_amount(high_text, currency) if high_text.strip() else None
    except MoneyParseError:
        problems.append(ParamProblem("price", raw))
        return None, None
    if low is not None and high is not None and low > high:
        low, high = high, low
    return low, high


def _rating(raw: str, problems: list[ParamProblem]) -> int | None:
    if not raw:
        return None
    if raw in ("1", "2", "3", "4"):
        return int(raw)
    problems.append(ParamProblem("rating", raw))
    return None


def _page(raw: str, problems: list[ParamProblem]) -> int:
    if not raw:
        return 1
    if raw.isascii() and raw.isdigit() and len(raw) <= 9 and 1 <= int(raw) <= MAX_PAGE:
        return int(raw)
    problems.append(ParamProblem("page", raw))
    return 1


def _major(amount_minor: int, currency: str) -> str:
    text = format_major_amount(amount_minor, currency)
    return text.rstrip("0").rstrip(".") if "." in text else text


_URL_SAFE = re.compile(r"[A-Za-z0-9_.~,/-]*")


def _encoded(value: str) -> str:
    """As urlencode(..., safe=",/") writes a value; slugs and numbers need no quoting."""
    return value if _URL_SAFE.fullmatch(value) else quote_plus(value, safe=",/")
