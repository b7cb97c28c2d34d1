"""A publish, a hide (and so a deletion: the same rerating) of a review reaches the shoppers who
have the product page open, on real SQLite and PostgreSQL with the bus on a real Redis: the
rating and count, and the reviews listed under them, through the live updates
(state/live_updates.py) without a reload."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from state.live_updates import LivePusher
from storefront.bootstrap import Shop
from storefront.subscriptions import CATALOG_CACHE
from tests.integration.admin_fixtures import admin_of
from tests.integration.test_combined_ratings import moderator
from tests.integration.test_review_marks import (
    follow,
    open_product_page,
    published,
    review_shop,
)
from tests.integration.test_reviews import NOW, PRODUCT, buyer, reviews_of


@pytest.fixture
def shop(
    database_url: str, redis_server: str, prefix: str, make_shop: Callable[..., Shop]
) -> Iterator[Shop]:
    yield from review_shop(database_url, redis_server, prefix, make_shop)


def pusher_for(roots: dict[str, Any]) -> LivePusher:
    """A LivePusher whose app holds these tabs' sockets and states."""

    @contextlib.asynccontextmanager
    async def modify_state(token: Any) -> AsyncIterator[Any]:
        yield roots[token.ident]

    namespace = SimpleNamespace(token_to_sid=dict.fromkeys(roots, "sid"), _token_manager=None)
    app: Any = SimpleNamespace(event_namespace=namespace, modify_state=modify_state)
    return LivePusher(app)


async def announce(pusher: LivePusher, shop: Shop) -> None:
    """What every web process does with the bus's ProductChanged: the catalog cache's
    invalidation, then the push to the pages open on the product."""
    follow(shop, CATALOG_CACHE)
    [card] = shop.catalog.cards([PRODUCT])
    pusher.changed({PRODUCT: card.slug})
    for _ in range(500):
        await asyncio.sleep(0.01)
        if not pusher._running:
            return
    raise AssertionError("the push never finished")


async def test_a_publish_and_a_hide_reach_the_open_product_pages(shop: Shop) -> None:
    ann = buyer(shop, "ann@example.com", "Ann Smith")
    root, page, reviews = await open_product_page(shop, "tab-1")
    assert (page.review_count, reviews.reviews) == (10, [])
    pusher = pusher_for({"tab-1": root})
    await announce(pusher, shop)  # a first change: this process now knows the page
    review_id = published(shop, ann)
    await announce(pusher, shop)
    assert page.review_count == 11
    assert [(r.reviewer, r.verified) for r in reviews.reviews] == [("Ann S.", True)]
    admin_of(shop).reviews.moderate(moderator(shop), review_id, "hide", NOW)
    await announce(pusher, shop)
    assert (page.review_count, reviews.reviews) == (10, [])


async def test_the_change_may_reach_the_page_before_the_moderator_drops_the_cache(
    shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The moderator's process drops the cached reviews after its commit; the event may be
    relayed and pushed first. The pushing process drops them too when the rating moved."""
    ann = buyer(shop, "ann@example.com", "Ann Smith")
    root, page, reviews = await open_product_page(shop, "tab-1")
    pusher = pusher_for({"tab-1": root})
    await announce(pusher, shop)
    monkeypatch.setattr(type(reviews_of(shop)), "forget", lambda self, product_id: None)
    published(shop, ann)  # committed, its cached reads not dropped (yet)
    monkeypatch.undo()
    await announce(pusher, shop)
    assert page.review_count == 11
    assert [r.reviewer for r in reviews.reviews] == ["Ann S."]
