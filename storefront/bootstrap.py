"""Wires adapters into services: one `Shop` per process, built from the settings."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine

from models.events import CatalogRestructured, ProductChanged
from storefront.adapters.cache import InProcessCache, RedisCache
from storefront.adapters.db import SqlUnitOfWork, make_engine, query_count
from storefront.adapters.embedding_claims import EveryClaimGranted, RedisEmbeddingClaims
from storefront.adapters.media import FileMediaStore
from storefront.adapters.memory_stream import InProcessStream
from storefront.adapters.redis_stream import RedisStream
from storefront.adapters.sql_analytics import SqlAnalytics
from storefront.adapters.sql_catalog_reader import SqlCatalogReader
from storefront.adapters.sql_outbox import SqlOutbox, SqlProcessedLog
from storefront.adapters.sql_policies import SqlPolicyStore
from storefront.adapters.sql_reviews import SqlReviewStore
from storefront.adapters.sql_sales import SqlSalesStore
from storefront.adapters.sql_search import SqlSearchStore
from storefront.adapters.sql_sitemap import SqlSitemapSource
from storefront.adapters.throttle import InProcessThrottle, RedisThrottle
from storefront.bootstrap_admin import Admin, AdminParts, build_admin, merchandising_desk
from storefront.bootstrap_commerce import Commerce, sql_commerce
from storefront.services.accounts.address_book import AddressBook
from storefront.services.accounts.email_change import EmailChanges
from storefront.services.accounts.email_confirmation import EmailConfirmations
from storefront.services.accounts.personal_data import personal_data
from storefront.services.accounts.ports import PasswordHasher
from storefront.services.accounts.resets import RESET_PATH, Resets, TeamLinks
from storefront.services.accounts.service import Accounts
from storefront.services.accounts.wishlist import Wishlist
from storefront.services.admin.analytics import Analytics
from storefront.services.bus.after_commit import MessageBus
from storefront.services.bus.ports import Outbox, ProcessedLog, Stream
from storefront.services.bus.relay import Relay
from storefront.services.cart.service import Carts
from storefront.services.catalog import CatalogService
from storefront.services.catalog_invalidation import invalidate_catalog
from storefront.services.inventory import Inventory
from storefront.services.orders.sales import SalesStore
from storefront.services.policies import Policies
from storefront.services.ports import Cache, CatalogReader, MediaStore, UnitOfWork
from storefront.services.recommendations.service import Recommender
from storefront.services.restock import RestockAlerts
from storefront.services.reviews import Reviews
from storefront.services.search.hybrid import HybridSearch
from storefront.services.search.ports import Embedder, EmbeddingClaims, SearchStore
from storefront.services.search.ranking import RankingParams
from storefront.services.search.service import SearchService
from storefront.services.sitemap import Sitemap
from storefront.services.sitemap_cache import CachedSitemapSource
from storefront.services.throttle import ScaledThrottle, Throttle
from storefront.services.use_cases import UseCaseRunner
from storefront.services.versioned_cache import VersionedCache
from storefront.settings import Settings, get_settings

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class Shop:
    settings: Settings
    cache: VersionedCache
    catalog: CatalogService
    media: MediaStore
    bus: MessageBus
    # The event bus: Redis Streams with a Redis URL, else inside this process. Set the
    # nudge to wake this process's relay when it commits events.
    stream: Stream
    relay_nudge: threading.Event
    uow_factory: Callable[[], UnitOfWork]
    query_counter: Callable[[], int]
    engine: Engine | None = None
    search_store: SearchStore | None = None
    # Who encodes which changed product, among the shop's processes (one process: this one).
    embedding_claims: EmbeddingClaims = field(default_factory=EveryClaimGranted)
    _search: HybridSearch | None = field(default=None, repr=False)
    _recommender: Recommender | None = field(default=None, repr=False)
    # Set once the search index has been filled from the database in this process.
    search_loaded: bool = False
    accounts: Accounts | None = None
    resets: Resets | None = None
    email_changes: EmailChanges | None = None
    email_confirmations: EmailConfirmations | None = None
    address_book: AddressBook | None = None
    wishlist: Wishlist | None = None
    restock: RestockAlerts | None = None
    carts: Carts | None = None
    inventory: Inventory | None = None
    commerce: Commerce | None = None
    outbox: Outbox | None = None
    processed: ProcessedLog | None = None
    sales: SalesStore | None = None
    admin: Admin | None = None
    analytics: Analytics | None = None
    sitemap: Sitemap | None = None
    policies: Policies | None = None
    reviews: Reviews | None = None

    def __post_init__(self) -> None:
        if self.admin is not None and self.analytics is not None and self.engine is not None:
            # The index is the process's own, built on first use: hand over the getter.
            self.admin.merchandising = merchandising_desk(
                self.search_index, self.engine, self.analytics
            )

    def search_index(self) -> HybridSearch:
        """The process-wide search index (empty until `rebuild_index` fills it)."""
        if self._search is None:
            with _lock:
                if self._search is None:
                    self._search = build_search_index()
        return self._search

    def search(self) -> SearchService:
        assert self.search_store is not None
        return SearchService(
            self.search_index(),
            self.catalog,
            self.search_store,
            page_size=self.settings.page_size,
            ready=lambda: self.search_loaded,
            currency=self.settings.currency,
        )

    def recommender(self) -> Recommender:
        index = self.search_index()
        if self._recommender is None:
            with _lock:
                if self._recommender is None:
                    assert self.search_store is not None
                    self._recommender = Recommender(index, self.search_store)
        return self._recommender

    def relay(self, groups: Sequence[str]) -> Relay | None:
        """The outbox relay for these consumer groups (None without a database)."""
        return Relay(self.outbox, self.stream, groups) if self.outbox is not None else None

    def uow(self) -> UnitOfWork:
        return self.uow_factory()

    def run(
        self, use_case: Callable[Concatenate[UnitOfWork, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """Run a write use case in a fresh unit of work, then publish what it committed."""
        return UseCaseRunner(self.uow_factory, self.bus.publish)(use_case, *args, **kwargs)

    def query_count(self) -> int:
        """Statements sent to the database by this process so far."""
        return self.query_counter()


def build_shop(
    settings: Settings,
    *,
    cache: Cache | None = None,
    reader: CatalogReader | None = None,
    uow_factory: Callable[[], UnitOfWork] | None = None,
    media: MediaStore | None = None,
    query_counter: Callable[[], int] | None = None,
    search_store: SearchStore | None = None,
    search_index: HybridSearch | None = None,
    passwords: PasswordHasher | None = None,
    batch: bool = False,
) -> Shop:
    """Production wiring: SQL, Redis cache when configured (else in-process), media on disk.

    Unit tests pass in-memory fakes for the reader, the unit of work and the media store, and
    tests a cheaper password hasher; everything else is wired exactly as in production. `batch`
    (commands, bus workers) lifts the web's statement timeout: their statements may rightly
    take long."""
    engine = None
    if reader is None or uow_factory is None:
        engine = make_engine(
            settings.sqlalchemy_url,
            pool_size=settings.db_pool_size,
            max_overflow=settings.db_max_overflow,
            statement_timeout_seconds=0 if batch else settings.db_statement_timeout_seconds,
        )
        reader = reader or SqlCatalogReader(engine)
        uow_factory = uow_factory or partial(SqlUnitOfWork, engine)
        query_counter = query_counter or partial(query_count, engine)
    if cache is None:
        redis_url = settings.effective_cache_redis_url
        cache = RedisCache(redis_url) if redis_url else InProcessCache(settings.cache_max_entries)
    # A shared cache gets a per-process cache in front (see VersionedCache).
    shared = not isinstance(cache, InProcessCache)
    local = InProcessCache(settings.cache_local_entries) if shared else None
    versioned = VersionedCache(cache, ttl_seconds=settings.cache_ttl_seconds, local=local)
    catalog = CatalogService(reader, versioned, page_size=settings.page_size)
    nudge = threading.Event()
    bus = MessageBus(
        {
            ProductChanged: [lambda e: invalidate_catalog(e, catalog)],
            CatalogRestructured: [lambda e: invalidate_catalog(e, catalog)],
        },
        on_published=nudge.set,
    )
    bus_url = settings.effective_cache_redis_url
    stream: Stream = RedisStream(bus_url, key=settings.bus_stream) if bus_url else InProcessStream()
    # The limits per client count on the cache/bus Redis, so that every web process counts
    # together (and losing that Redis lifts them rather than stopping the shop).
    counters: Throttle = RedisThrottle(bus_url) if bus_url else InProcessThrottle()
    throttle = ScaledThrottle(counters, settings.limits_factor)
    sql = (
        sql_commerce(settings, engine, bus, catalog, throttle, passwords=passwords)
        if engine is not None
        else None
    )
    media = media or FileMediaStore(settings.media_dir)
    facts = settings.policy_facts  # what the policies' default texts say of the shop
    policies = Policies(SqlPolicyStore(engine), versioned, facts) if engine is not None else None
    review_store = SqlReviewStore(engine) if engine is not None else None
    reviews = Reviews(review_store, versioned, throttle) if review_store is not None else None
    if sql and reviews:
        sql.accounts.closing_hooks.append(reviews.on_account_closing)
    browsing = search_store or (SqlSearchStore(engine) if engine is not None else None)
    analytics = (
        Analytics(SqlAnalytics(engine), settings.currency, settings.zone)
        if engine is not None
        else None
    )
    return Shop(
        settings=settings,
        cache=versioned,
        catalog=catalog,
        media=media,
        bus=bus,
        stream=stream,
        relay_nudge=nudge,
        uow_factory=uow_factory,
        query_counter=query_counter or (lambda: 0),
        engine=engine,
        search_store=browsing,
        embedding_claims=RedisEmbeddingClaims(bus_url) if bus_url else EveryClaimGranted(),
        _search=search_index,
        accounts=sql.accounts if sql else None,
        resets=sql.resets if sql else None,
        email_changes=sql.email_changes if sql else None,
        email_confirmations=sql.email_confirmations if sql else None,
        address_book=sql.address_book if sql else None,
        wishlist=sql.wishlist if sql else None,
        restock=sql.restock if sql else None,
        carts=sql.carts if sql else None,
        inventory=sql.inventory if sql else None,
        commerce=sql.commerce if sql else None,
        outbox=SqlOutbox(engine) if engine is not None else None,
        processed=SqlProcessedLog(engine) if engine is not None else None,
        sales=SqlSalesStore(engine) if engine is not None else None,
        sitemap=(
            Sitemap(
                CachedSitemapSource(SqlSitemapSource(engine), versioned),
                catalog.tree,
                settings.public_url,
                policy_dates=policies.last_changes,
            )
            if engine is not None and policies is not None
            else None
        ),
        admin=(
            build_admin(
                settings,
                engine,
                UseCaseRunner(uow_factory, bus.publish),
                media,
                AdminParts(
                    session_account=sql.accounts.session,
                    orders=sql.commerce.orders,
                    inventory=sql.inventory,
                    mailer=sql.mailer,
                    checkout=sql.commerce.checkout,
                    refunds=sql.commerce.refunds,
                    policies=policies,
                    reviews=reviews,
                    personal_data=partial(
                        personal_data,
                        accounts=sql.accounts,
                        book=sql.address_book,
                        wishlist=sql.wishlist,
                        orders=sql.commerce.orders,
                        browsing=browsing,
                        restock=sql.restock,
                        reviews=reviews,
                        withdrawals=sql.commerce.withdrawals,
                    ),
                    close_account=sql.accounts.close_on_request,
                    release_cancel=sql.commerce.cancels.release,
                    new_member=TeamLinks(
                        sql.resets, settings.public_url.rstrip("/") + RESET_PATH, settings.language
                    ),
                    cancel_paid=sql.commerce.cancels.cancel_for_shop,
                ),
            )
            if engine is not None and sql and policies and reviews
            else None
        ),
        analytics=analytics,
        policies=policies,
        reviews=reviews,
    )


def build_search_index(
    embedder: Embedder | None = None, params: RankingParams | None = None
) -> HybridSearch:
    """An empty hybrid index on the bundled MiniLM model, faiss and bm25s (loaded lazily:
    importing torch costs seconds, so processes that never search never pay it)."""
    from storefront.adapters.embedder import shared_embedder
    from storefront.adapters.lexical_index import Bm25Index
    from storefront.adapters.vector_index import FaissVectorIndex

    embedder = embedder or shared_embedder()
    return HybridSearch(embedder, FaissVectorIndex(embedder.dimension), Bm25Index(), params)


_shop: Shop | None = None
_lock = threading.RLock()
_batch_process = False


def run_as_batch_process() -> None:
    """This process runs commands or bus workers, not web requests: the shop it builds has
    no statement timeout (migrations, imports and reindexing may rightly take long)."""
    global _batch_process
    _batch_process = True


def get_shop() -> Shop:
    """The process-wide shop, built on first use (after any fork, in each worker)."""
    global _shop
    if _shop is None:
        with _lock:
            if _shop is None:
                _shop = build_shop(get_settings(), batch=_batch_process)
    return _shop


def set_shop(shop: Shop | None) -> None:
    """Replace the process-wide shop (tests, CLI commands on another database)."""
    global _shop
    with _lock:
        _shop = shop
