"""Reflex configuration. Operational settings live in storefront/settings.py."""

import os

import reflex as rx

# Reflex state lives in Redis when REDIS_URL is set (several workers share it), else in the
# one process's memory: the disk manager rewrites and rescans its files on every cycle, which
# saturated one worker at 200 shoppers (tests/bench/bench_events.py). Nothing of value is in
# it: carts, sessions and orders live in the database and cookies, so a restart costs nothing.
_redis_url = os.environ.get("REDIS_URL") or None

config = rx.Config(
    app_name="storefront",
    redis_url=_redis_url,
    state_manager_mode="redis" if _redis_url else "memory",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[
        rx.plugins.SitemapPlugin(),
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
