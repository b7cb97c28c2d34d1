"""Recommendation rows: on a product page (similar, bought together) and for the visitor
(recommended for you, recently viewed). Loaded in background events after the page, so the
page itself never waits for them, and pushed over the websocket as the shopper browses."""

from __future__ import annotations

import re

import reflex as rx

from models.types import utc_now
from state.live_updates import wait_for_rows
from state.recs_view import RecItem, rec_items
from state.shop import call, shop
from state.view_models import CardItem, card_item
from state.visitor import visitor_of
from storefront.bootstrap import Shop
from storefront.services.recommendations.activity import record_activity
from storefront.services.recommendations.service import Suggestion
from storefront.services.recommendations.widgets import WIDGETS

ROW = 4
CANDIDATES = 2 * ROW  # asked of the recommender: those out of stock leave the row
_NUMBER = re.compile(r"[0-9]{1,9}")


def _items(
    s: Shop, widget: str, suggestions: list[Suggestion], titles: dict[int, str] | None = None
) -> list[RecItem]:
    cards = s.catalog.cards([x.product_id for x in suggestions])
    return rec_items(suggestions, cards, s.catalog.tree(), titles, widget)[:ROW]


def _recent_cards(s: Shop, visitor: str, skip: int = 0) -> list[CardItem]:
    ids = [pid for pid in s.recommender().recently_viewed(visitor, ROW + 1) if pid != skip]
    return [card_item(c) for c in s.catalog.cards(ids[:ROW])]


def _for_you(s: Shop, visitor: str) -> tuple[list[RecItem], bool]:
    result = s.recommender().for_you(visitor, CANDIDATES)
    because = [x.reason.product_id for x in result.suggestions if x.reason.product_id]
    titles = {c.id: c.title for c in s.catalog.cards(list(dict.fromkeys(because)))}
    return _items(s, "for_you", list(result.suggestions), titles), result.personal


def _visited(s: Shop, visitor: str) -> tuple[list[RecItem], bool, list[CardItem]]:
    """The home page's rows, in one thread hop: recommended for you (its impressions
    counted; folded away until the search index has loaded) and recently viewed."""
    for_you: list[RecItem] = []
    personal = False
    if _search_ready():
        for_you, personal = _for_you(s, visitor)
        _count(visitor, [("for_you", "impression", [i.id for i in for_you])])
    return for_you, personal, _recent_cards(s, visitor)


def _product_rows(s: Shop, product_id: int) -> tuple[list[RecItem], list[RecItem], bool]:
    """Similar products, those bought with it, and whether those were (else the row holds
    what goes well with it: its heading says so, not "frequently bought together")."""
    recommender = s.recommender()
    similar = _items(s, "similar", recommender.similar(product_id, CANDIDATES))
    shown = {item.id for item in similar}  # not twice on the page (QA)
    together = [
        x
        for x in recommender.bought_together([product_id], CANDIDATES)
        if x.product_id not in shown
    ]
    learned = any(x.reason.key == "reason.bought_together" for x in together)
    return similar, _items(s, "bought_together", together), learned


def _viewed(
    s: Shop, visitor: str, product_id: int, opened_from: dict[str, str]
) -> tuple[list[CardItem], list[RecItem], list[RecItem], bool]:
    """A product page was opened: record it (and the search or row it came from), then
    the rows (recently viewed, similar, bought together) with their impressions counted.
    One thread hop for all of it: this runs after every product page."""
    recent = _recent_cards(s, visitor, product_id)
    record_activity(s.search_store, visitor, "view", product_id, None)
    _log_search_click(s, visitor, product_id, opened_from)
    counted = [(opened_from.get("rw", ""), "click", [product_id])]
    similar: list[RecItem] = []
    together: list[RecItem] = []
    learned = False
    if _search_ready():
        similar, together, learned = _product_rows(s, product_id)
        counted += [
            ("similar", "impression", [i.id for i in similar]),
            ("bought_together", "impression", [i.id for i in together]),
        ]
    _count(visitor, counted)  # one write for the click and both rows' impressions
    return recent, similar, together, learned


class ForYouState(rx.State):
    loaded: bool = False
    personal: bool = False
    for_you: list[RecItem] = []  # noqa: RUF012
    recent: list[CardItem] = []  # noqa: RUF012

    @rx.event(background=True)
    async def load(self) -> None:
        async with self:
            visitor = await visitor_of(self)
        for_you, personal, recent = await call(_visited, shop(), visitor)
        async with self:
            self.for_you, self.personal, self.recent = for_you, personal, recent
            self.loaded = True


class ProductRecsState(rx.State):
    product_id: int = 0  # the product whose view this tab recorded (its page's load)
    similar: list[RecItem] = []  # noqa: RUF012
    together: list[RecItem] = []  # noqa: RUF012
    bought_together: bool = False  # the row was learned from orders (else: goes well with)
    recent: list[CardItem] = []  # noqa: RUF012
    # The product whose rows were read with the search index holding it (0: none yet; a
    # load before the index held the product read none: they are read when it does).
    _rows_of: int = 0

    @rx.event(background=True)
    async def load(self, product_id: int, opened_from: dict[str, str]) -> None:
        """Record the view (and the search that led here), then fill the rows: of the
        product this tab has open only (a crafted event naming others would count views
        and clicks that never happened)."""
        from state.product import ProductState

        async with self:
            if (await self.get_state(ProductState)).product_id != product_id:
                return
            self.product_id, self._rows_of = product_id, 0
            self.similar, self.together = [], []
            visitor = await visitor_of(self)
            ready = not _search_ready() or indexed(product_id)
            if not ready:  # a reload before the index followed its return to sale (review)
                wait_for_rows(self.router.session.client_token, product_id)
        if not isinstance(opened_from, dict):
            opened_from = {}
        recent, similar, together, learned = await call(
            _viewed, shop(), visitor, product_id, opened_from
        )
        async with self:
            if self.product_id != product_id:
                return  # the shopper has moved on to another product
            self.recent = recent
            if self._rows_of == product_id:
                return  # the index caught up meanwhile: its rows were read (`_open`)
            self.similar, self.together = similar, together
            self.bought_together = learned
            if ready:
                self._rows_of = product_id

    async def _open(self, product_id: int) -> None:
        """`load` for a page whose product came back on sale while open (state/product.py's
        `_refresh`, under the live push's hold of the session), or that the search index
        now holds (`LivePusher.indexed`): the rows of the page not found were never read,
        or are another product's. Its view is recorded, as the shopper now sees it; the
        link that led to the page not found is no click of a row. Nothing is read or
        recorded once the tab has left the page (a listing, the cart: review)."""
        if self._rows_of == product_id or not await self._on_page_of(product_id):
            return  # its rows were read when it was last on sale in this tab
        if self.product_id != product_id:
            self.product_id, self.similar, self.together = 0, [], []  # not another's
        if _search_ready() and not indexed(product_id):
            # Not in this process's search index yet (it follows the same change): the
            # rows wait for it (live_updates.LivePusher.indexed), and so does the view.
            wait_for_rows(self.router.session.client_token, product_id)
            return
        visitor = await visitor_of(self)
        if self.product_id == product_id:  # its view was recorded by the page's load
            similar, together, learned = await call(_rows_shown, shop(), visitor, product_id)
        else:
            self.product_id = product_id
            self.recent, similar, together, learned = await call(
                _viewed, shop(), visitor, product_id, {}
            )
        self.similar, self.together, self.bought_together = similar, together, learned
        self._rows_of = product_id

    async def _on_page_of(self, product_id: int) -> bool:
        """Whether the tab shows the product's page now (its last event came from it)."""
        from state.product import ProductState

        product = await self.get_state(ProductState)
        on_product_page = self.router.url.path.startswith("/product/")
        return on_product_page and not product.not_found and product.product_id == product_id


def _rows_shown(
    s: Shop, visitor: str, product_id: int
) -> tuple[list[RecItem], list[RecItem], bool]:
    """The product page's rows, read after its view was recorded, their impressions counted."""
    similar, together, learned = _product_rows(s, product_id)
    _count(
        visitor,
        [
            ("similar", "impression", [i.id for i in similar]),
            ("bought_together", "impression", [i.id for i in together]),
        ],
    )
    return similar, together, learned


def _log_search_click(s: Shop, visitor: str, product_id: int, opened_from: dict[str, str]) -> None:
    """?sid=N: a results page search; ?sq=words&sn=count: an instant search."""
    search = s.search()
    search_id = opened_from.get("sid", "")
    if _NUMBER.fullmatch(search_id):
        search.clicked(int(search_id), visitor, product_id)
    elif opened_from.get("sq"):
        count = opened_from.get("sn", "")
        shown = int(count) if _NUMBER.fullmatch(count) else 0
        search.opened_from_instant(opened_from["sq"], shown, visitor, product_id)


def _count(visitor: str, events: list[tuple[str, str, list[int]]]) -> None:
    """Count widgets shown or products opened from them (for the admin's analytics), as
    (widget, "impression" or "click", product ids); a widget not known is no event."""
    analytics = shop().analytics
    known = [event for event in events if event[0] in WIDGETS]
    if analytics is not None and known:
        analytics.record_recommendations(visitor, known, utc_now())


def _search_ready() -> bool:
    return shop().search_loaded


def indexed(product_id: int) -> bool:
    """Whether this process's search index holds the product (its rows can be read)."""
    s = shop()
    return s.search_loaded and s.search_index().document(product_id) is not None
