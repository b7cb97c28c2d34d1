"""Who handles which event once the bus delivers it.

Consumer groups run once per shop, whichever process takes the message (web workers and
`worker` processes share them). Listeners run in every web process, for what each keeps in
memory; they are wired in lifespan.py.
"""

from __future__ import annotations

from functools import partial

from models.events import CatalogRestructured, Event, OrderPaid, ProductChanged
from storefront.bootstrap import Shop
from storefront.services.bus.consumer import Handlers
from storefront.services.catalog_invalidation import invalidate_catalog
from storefront.services.orders.sales import record_sale

CATALOG_CACHE = "catalog-cache"
ORDER_MAIL = "order-mail"
SALES_STATS = "sales-stats"


def consumer_groups(shop: Shop) -> dict[str, Handlers]:
    """Every group with its handlers (a group per concern, so one failing concern retries
    without holding up the others)."""

    def invalidate(event: Event) -> None:
        invalidate_catalog(event, shop.catalog)

    groups: dict[str, Handlers] = {
        CATALOG_CACHE: {ProductChanged: [invalidate], CatalogRestructured: [invalidate]},
    }
    if shop.commerce is not None:
        settlement = shop.commerce.settlement

        def confirm(event: Event) -> None:
            # The payment step mails at once; this is for when that failed or never ran.
            assert isinstance(event, OrderPaid)
            settlement.send_confirmation(event.order_id)

        groups[ORDER_MAIL] = {OrderPaid: [confirm]}
    if shop.sales is not None:
        groups[SALES_STATS] = {OrderPaid: [partial(_record_sale, shop)]}
    return groups


def _record_sale(shop: Shop, event: Event) -> None:
    assert isinstance(event, OrderPaid)
    assert shop.sales is not None
    record_sale(shop.sales, event)
