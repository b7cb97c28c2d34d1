"""Reflex configuration. Operational settings live in storefront/settings.py."""

import os

import reflex as rx

# Reflex state lives in Redis when REDIS_URL is set (several workers share it), else on disk.
_redis_url = os.environ.get("REDIS_URL") or None

config = rx.Config(
    app_name="storefront",
    redis_url=_redis_url,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[
        rx.plugins.SitemapPlugin(),
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="iris", gray_color="sand", radius="medium")
        ),
    ],
    frontend_compression_formats=["gzip"],
)
