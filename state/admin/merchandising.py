"""Merchandising page: what the embeddings see that a merchandiser should fix: near-duplicate
products, thin descriptions, and searches that found nothing with the nearest products."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from models.types import utc_now
from state.admin.guard import AdminState, admin
from state.browser_input import whole
from state.shop import shop, with_database
from storefront.services.admin.access import Permission
from storefront.services.admin.merchandising_desk import MerchandisingDesk
from storefront.services.shop_days import shop_day


def desk() -> MerchandisingDesk:
    return with_database(admin().merchandising, "merchandising")


@dataclass
class PairItem:
    a_id: int = 0
    a_title: str = ""
    b_id: int = 0
    b_title: str = ""
    similarity: int = 0  # percent
    same_title: bool = False


@dataclass
class ThinItem:
    product_id: int = 0
    title: str = ""
    status: str = ""
    words: int = 0
    reason: str = ""


@dataclass
class FixItem:
    query: str = ""
    words: str = ""
    products: list[list[str]] = field(default_factory=list)  # [id, title, percent]


class AdminMerchandisingState(AdminState):
    pairs: list[PairItem] = []  # noqa: RUF012
    pairs_found: int = 0  # all the pairs at the threshold, of which `pairs` are the closest
    searched: bool = False
    finding: bool = False  # a search for duplicates under way (it takes a few seconds)
    thin: list[ThinItem] = []  # noqa: RUF012
    fixes: list[FixItem] = []  # noqa: RUF012
    index_ready: bool = False

    @rx.event
    async def load_page(self) -> None:
        staff = await self._staff(Permission.VIEW, opening=True)
        if staff is None:
            return
        self.index_ready = shop().search_loaded
        thin, _ = await self._attempt(desk().thin, staff)
        self.thin = [
            ThinItem(t.product_id, t.title, t.status, t.words, t.reason) for t in thin or []
        ]
        if not self.index_ready:
            return
        fixes, _ = await self._attempt(
            desk().zero_result_fixes, staff, shop_day(utc_now(), shop().settings.zone)
        )
        self.fixes = [
            FixItem(
                f.query,
                " ".join(f.words),
                [[str(p.product_id), p.title, str(round(100 * p.similarity))] for p in f.products],
            )
            for f in fixes or []
        ]

    @rx.event
    async def find_duplicates(self, form: dict[str, Any]) -> AsyncIterator[None]:
        staff = await self._staff(Permission.VIEW)
        if staff is None or not shop().search_loaded:
            return
        threshold = whole(form.get("threshold", ""), 95) / 100
        self.finding = True
        yield  # the button shows it is working
        try:
            scan, _ = await self._attempt(desk().duplicates, staff, threshold)
        finally:
            self.finding = False
        pairs = scan.pairs if scan else []
        self.pairs = [
            PairItem(p.a_id, p.a_title, p.b_id, p.b_title, round(100 * p.similarity), p.same_title)
            for p in pairs
        ]
        self.pairs_found = scan.found if scan else 0
        self.searched = True
