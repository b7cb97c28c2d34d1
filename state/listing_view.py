"""Maps a listing page to what the browser shows: facet options as links, page links.

Every option carries the URL it leads to, so filters are plain links: shareable, keyboard
reachable, and the back button undoes them.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field, replace

from state.view_models import (
    CardItem,
    Crumb,
    card_item,
    crumbs,
    labels_of,
    same_in_every_locale,
)
from storefront.i18n import LOCALES, attribute_labels, translate, translations
from storefront.services.catalog import ListingPage
from storefront.services.facet_values import Facet, FacetValue
from storefront.services.listing_query import ListingQuery, ParamProblem, Sort
from storefront.services.page_meta import category_descriptions
from storefront.services.search.service import SearchPage
from storefront.services.unknown_choices import UnknownChoice

SORTS = tuple(Sort)
# Options a filter group shows before "Show more": long brand or colour lists would
# otherwise push the other groups out of sight (and cost a phone time to draw).
SHOWN_OPTIONS = 6


@dataclass(frozen=True)
class FacetOption:
    labels: dict[str, str] = field(default_factory=dict)
    count: int = 0
    selected: bool = False
    href: str = ""
    # Price ranges: bounds in minor units, -1 when open-ended. Ratings: the stars in `low`.
    low: int = -1
    high: int = -1


@dataclass(frozen=True)
class FacetGroup:
    key: str = ""
    kind: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    options: list[FacetOption] = field(default_factory=list)
    more: list[FacetOption] = field(default_factory=list)  # behind "Show more"


@dataclass(frozen=True)
class PageLink:
    number: int = 0
    href: str = ""
    current: bool = False


def listing_path(query: ListingQuery) -> str:
    return query.path


def facet_groups(page: ListingPage | SearchPage) -> list[FacetGroup]:
    groups = []
    narrowed = _search_category(page)
    for facet in page.facets:
        options = [_option(facet, value, page.query) for value in facet.values]
        if facet.kind == "category" and narrowed:
            options, narrowed = [narrowed, *options], None
        # A chosen option stays with a count of 0: unticking it is the way back (QA: a
        # chosen price range matching nothing left no way to drop it alone).
        if not any(o.count or o.selected for o in options) and facet.kind != "stock":
            continue
        shown, more = split_options(options)
        groups.append(FacetGroup(facet.key, facet.kind, _facet_labels(facet), shown, more))
    if narrowed:  # a category with no subcategory among the results
        labels = translations("facet.category")
        groups.insert(0, FacetGroup("category", "category", labels, [narrowed], []))
    return groups


def _search_category(page: ListingPage | SearchPage) -> FacetOption | None:
    """A search narrowed to a category: that category, ticked, its link the same search in
    every category (the page named it nowhere, and nothing undid it; QA)."""
    if not isinstance(page, SearchPage) or page.category is None:
        return None
    everywhere = replace(page.query, category_slug=None, page=1)
    return FacetOption(labels_of(page.category), page.total, True, everywhere.url("/search"))


def split_options(
    options: list[FacetOption], shown: int = SHOWN_OPTIONS
) -> tuple[list[FacetOption], list[FacetOption]]:
    """The first `shown` options and every selected one, in their order; the rest apart.
    A group with at most two options more than that shows them all."""
    if len(options) <= shown + 2:
        return options, []
    first = [o for i, o in enumerate(options) if i < shown or o.selected]
    return first, [o for i, o in enumerate(options) if not (i < shown or o.selected)]


def _facet_labels(facet: Facet) -> dict[str, str]:
    if facet.kind == "attribute":
        return attribute_labels(facet.key)
    return translations(f"facet.{facet.kind}")


def _option(facet: Facet, value: FacetValue, query: ListingQuery) -> FacetOption:
    path = listing_path(query)
    if facet.kind == "category":
        # Its count was taken with the shopper's filters on: the link keeps them.
        target = replace(query, category_slug=value.token, page=1)
        labels = {locale: value.label_i18n.get(locale) or value.label for locale in LOCALES}
        return FacetOption(labels, value.count, False, listing_path(target) + _suffix(target))
    if facet.kind == "brand":
        href = query.toggled_brand(value.token).url(path)
    elif facet.kind == "price":
        href = (
            query.with_price(None, None)
            if value.selected
            else query.with_price(value.low or None, None if value.high is None else value.high - 1)
        ).url(path)
        return FacetOption(
            same_in_every_locale(value.label),
            value.count,
            value.selected,
            href,
            low=value.low or 0,
            high=-1 if value.high is None else value.high,
        )
    elif facet.kind == "rating":
        href = query.with_rating(None if value.selected else int(value.token)).url(path)
        stars = int(value.token)
        return FacetOption(
            same_in_every_locale(value.label), value.count, value.selected, href, stars
        )
    elif facet.kind == "stock":
        href = query.with_stock(not query.in_stock).url(path)
        return FacetOption(translations("facet.in_stock"), value.count, value.selected, href)
    else:
        href = query.toggled_attribute(facet.key, value.token).url(path)
    return FacetOption(same_in_every_locale(value.label), value.count, value.selected, href)


# The most values a note names; more are counted ("and 3 more"): a crafted link may hold many.
NAMED_AT_MOST = 5


def unknown_note(unknown: tuple[UnknownChoice, ...]) -> dict[str, str]:
    """What the page says, in each language, of the link's values it left out; {} for none:
    'Filter left out, as this page does not offer it: Brand “acme”.'"""
    if not unknown:
        return {}
    notes = {}
    for locale in LOCALES:
        values = _named(
            locale,
            [
                translate(
                    locale, "listing.unknown_value", group=_group_label(c, locale), value=c.token
                )
                for c in unknown[: NAMED_AT_MOST + 1]
            ],
            len(unknown),
        )
        notes[locale] = translate(locale, "listing.unknown", count=len(unknown), values=values)
    return notes


def problems_note(
    problems: list[ParamProblem], *, past_last: tuple[int, int] | None = None
) -> dict[str, str]:
    """What the page says, in each language, of the link's parameters it did not understand
    and dropped ('Some filters in the link ... were ignored: price “x-y”.'), and of a page
    asked past the last (`past_last`: the one asked, the last, shown instead); {} for none."""
    notes: dict[str, str] = {}
    for locale in LOCALES:
        said = []
        if problems:
            named = [
                translate(locale, f"listing.problem.{p.kind}", text=p.text)
                for p in problems[: NAMED_AT_MOST + 1]
            ]
            said.append(
                f"{translate(locale, 'listing.ignored')} {_named(locale, named, len(problems))}"
            )
        if past_last:  # a number, not a filter, and not ignored: the last page shows (QA)
            asked, last = past_last
            said.append(translate(locale, "listing.page_past", asked=asked, last=last))
        if said:
            notes[locale] = " ".join(said)
    return notes


def _named(locale: str, texts: list[str], count: int) -> str:
    """The first NAMED_AT_MOST of `count` texts, the rest counted: 'a, b, c, d, e and 2 more'."""
    if count <= NAMED_AT_MOST:
        return ", ".join(texts)
    rest = translate(locale, "listing.named_more", count=count - NAMED_AT_MOST)
    return f"{', '.join(texts[:NAMED_AT_MOST])} {rest}"


def _group_label(choice: UnknownChoice, locale: str) -> str:
    if choice.kind in ("brand", "category"):
        return translate(locale, f"facet.{choice.kind}")
    return attribute_labels(choice.key)[locale]


def _suffix(query: ListingQuery) -> str:
    url = query.url("")
    return url if url.startswith("?") else ""


def page_links(page: ListingPage | SearchPage, window: int = 2) -> list[PageLink]:
    """First, last, and the pages around the current one; 0 marks a gap."""
    path = listing_path(page.query)
    numbers = sorted(
        {1, page.page_count}
        | set(range(max(1, page.page - window), min(page.page_count, page.page + window) + 1))
    )
    links: list[PageLink] = []
    for number in numbers:
        if links and number - links[-1].number > 1:
            links.append(PageLink(0, "", False))
        links.append(PageLink(number, page.query.with_page(number).url(path), number == page.page))
    return links


def neighbour_href(page: ListingPage | SearchPage, step: int) -> str:
    target = page.page + step
    if target < 1 or target > page.page_count:
        return ""
    return page.query.with_page(target).url(listing_path(page.query))


def sort_hrefs(query: ListingQuery) -> dict[str, str]:
    return {sort.value: query.with_sort(sort).url(listing_path(query)) for sort in SORTS}


@dataclass(frozen=True)
class PageView:
    """All that a listing or results page shows and that follows from the page alone."""

    labels: dict[str, str]
    breadcrumbs: list[Crumb]
    cards: list[CardItem]
    facets: list[FacetGroup]
    pages: list[PageLink]
    prev_href: str
    next_href: str
    sort_hrefs: dict[str, str]
    clear_href: str
    unknown_note: dict[str, str]


# Category pages viewed lately, each with its view. The catalog's in-process cache hands
# every shopper the same page object until the catalog changes, so a view kept beside
# that very object is current; a new object (a change, an eviction) builds a new view.
_VIEWS: OrderedDict[ListingQuery, tuple[ListingPage, PageView]] = OrderedDict()
KEPT_VIEWS = 512


def page_view(page: ListingPage | SearchPage) -> PageView:
    """The view of a page, built once per category page object (its facet links alone
    took half a millisecond a listing). Shoppers' states share the kept view's items, so
    they are frozen dataclasses; each state copies the lists. Runs on the event loop only
    (no lock). Results pages are built each time (their cards link back to their search)."""
    if isinstance(page, SearchPage):
        return _build(page)
    kept = _VIEWS.get(page.query)
    if kept is not None and kept[0] is page:
        _VIEWS.move_to_end(page.query)
        return kept[1]
    view = _build(page)
    _VIEWS[page.query] = (page, view)
    while len(_VIEWS) > KEPT_VIEWS:
        _VIEWS.popitem(last=False)
    return view


def _build(page: ListingPage | SearchPage) -> PageView:
    query = page.query
    if isinstance(page, ListingPage):
        labels, trail = labels_of(page.category), crumbs(page.breadcrumbs)
        cards = [card_item(c) for c in page.cards]
    else:
        labels, trail = {}, []
        suffix = f"?sid={page.search_id}" if page.search_id else ""
        cards = [card_item(c, suffix) for c in page.cards]
    return PageView(
        labels=labels,
        breadcrumbs=trail,
        cards=cards,
        facets=facet_groups(page),
        pages=page_links(page) if page.page_count > 1 else [],
        prev_href=neighbour_href(page, -1),
        next_href=neighbour_href(page, +1),
        sort_hrefs=sort_hrefs(query),
        clear_href=query.cleared().url(listing_path(query)),
        unknown_note=unknown_note(page.unknown),
    )


def meta_descriptions(page: ListingPage | SearchPage) -> dict[str, str]:
    """The page's description for search engines and link previews, in each language: a
    category's own text where it has one, else a sentence naming it."""
    if isinstance(page, SearchPage):
        return translations("listing.meta_search")
    return category_descriptions(page.category)
