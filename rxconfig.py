"""Reflex configuration. Operational settings live in storefront/settings.py."""

import os

import reflex as rx

from storefront.api.origins import cross_origin_pages
from storefront.settings import SettingsError, get_settings

# Reflex state lives in Redis when the shop has a REDIS_URL (several workers share it), else in
# the one process's memory: the disk manager rewrites and rescans its files on every cycle, which
# saturated one worker at 200 shoppers (tests/bench/bench_events.py). Nothing of value is in
# it: carts, sessions and orders live in the database and cookies, so a restart costs nothing.
# The URL comes from the shop's settings (REDIS_URL or BOUTIQUE_REDIS_URL, environment or
# .env), never the environment alone: else Reflex could keep state in each worker's memory
# while the shop runs on Redis. scripts/serve asks this module how many workers it may run.
try:
    _settings = get_settings()
except SettingsError as exc:  # the shop could not start either: say why, without a traceback
    raise SystemExit(str(exc)) from None
_redis_url = _settings.redis_url
# An event handler holds its session's lock while it runs, and a statement may wait up to the
# web's statement timeout before the database cancels it: the lock outlasts that, so the
# handler fails and says so. Expiring first (Reflex's 10 s against the 30 s timeout), it lost
# the handler's work without a word: a sign-up waiting on a locked table showed its empty form
# again (operator QA).
_timeout = _settings.db_statement_timeout_seconds
LOCK_EXPIRATION_MS = max(10_000, int((_timeout + 5) * 1000)) if _timeout else 10_000
# Under the oplock (scripts/serve) Reflex keeps a session's lock after an event for half the
# expiration unless told, so for 5 s as measured (tests/bench) whatever the expiration.
os.environ.setdefault("REFLEX_OPLOCK_HOLD_TIME", "5s")

config = rx.Config(
    app_name="storefront",
    redis_url=_redis_url,
    state_manager_mode="redis" if _redis_url else "memory",
    redis_lock_expiration=LOCK_EXPIRATION_MS,
    telemetry_enabled=False,
    # Reflex's default, "*" with credentials, let any site's page read the shop's answers with
    # the visitor's cookies, and said so to any preflight (operator QA). One port serves pages
    # and API in production: no page needs another origin, so none is allowed. The same list
    # is the event socket's origin check: an empty one leaves it to storefront/api/
    # origin_check.py, which also takes the Host the server was reached at (the e2e server's
    # 127.0.0.1, a proxy's second name); a fixed list would refuse those.
    cors_allowed_origins=cross_origin_pages(_settings),
    show_built_with_reflex=False,
    # The shop serves its own /sitemap.xml and /robots.txt (storefront/api/sitemap.py): the
    # plugin's, written into the build at compile time, listed the admin and no product.
    # Reflex adds it unless disabled.
    disable_plugins=[rx.plugins.SitemapPlugin],
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="iris", gray_color="sand", radius="medium")
        ),
    ],
    frontend_compression_formats=["gzip"],
    # The root would otherwise import every Radix Themes component (and other libraries)
    # for components evaluated at run time, which the shop has none of: every page paid for
    # the admin's tables, dialogs and charts.
    frontend_lazy_bundled_libraries=True,
)
