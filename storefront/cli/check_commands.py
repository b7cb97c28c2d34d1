"""`check-settings`: read the settings and reach every service they name, before serving."""

from __future__ import annotations

import argparse
import ipaddress
import os
from typing import Any
from urllib.parse import urlsplit

import redis

from storefront.adapters.db import make_engine
from storefront.adapters.probes import ping_database, ping_redis
from storefront.cli.db_commands import _redacted
from storefront.settings import get_settings


def register(commands: Any) -> None:
    check = commands.add_parser(
        "check-settings",
        help="validate the settings and reach the database and Redis (exit 2 when not)",
    )
    check.add_argument(
        "--workers", type=int, default=int(os.environ.get("GRANIAN_WORKERS", "1") or 1)
    )
    check.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    settings = get_settings()  # raises SettingsError with one line per bad variable
    problems: list[str] = []
    if args.workers > 1 and not settings.redis_url:
        problems.append(
            f"REDIS_URL: {args.workers} web workers need Redis to share Reflex state; set it "
            "or run one worker (GRANIAN_WORKERS=1)"
        )
    if not settings.payments_test_mode and _local(settings.public_url):
        problems.append(
            f"BOUTIQUE_PUBLIC_URL: {settings.public_url} with live Stripe keys; set the address "
            "shoppers open (sign-in checks it, mails link to it)"
        )
    if settings.public_url.startswith("https://") and settings.trusted_proxies == 0:
        # The server speaks only http: an https address means a proxy in front, and without
        # it counted every shopper is the proxy's address, one client for the whole shop's
        # limits (sign-ins, sign-ups, orders: services/throttle.py).
        problems.append(
            f"BOUTIQUE_TRUSTED_PROXIES: 0 with {settings.public_url}; the TLS proxy in front "
            "must be counted (1 for one proxy), or every shopper shares one address's limits"
        )
    if not settings.effective_cache_redis_url and not settings.bus_consumers_in_web:
        problems.append(
            "BOUTIQUE_BUS_CONSUMERS_IN_WEB=false needs Redis (REDIS_URL): without it only the "
            "web process can consume the bus"
        )
    try:
        engine = make_engine(settings.sqlalchemy_url)
        ping_database(engine)
        engine.dispose()
    except Exception as exc:  # report, whatever the driver raised
        reason = str(exc).strip().splitlines()[0]
        problems.append(f"DATABASE_URL: cannot reach {_redacted(settings.database_url)}: {reason}")
    for name, url in (
        ("REDIS_URL", settings.redis_url),
        ("BOUTIQUE_CACHE_REDIS_URL", settings.cache_redis_url),
    ):
        if url:
            try:
                ping_redis(url)
            except redis.RedisError as exc:
                problems.append(f"{name}: cannot reach {_redacted(url)}: {exc}")
    if problems:
        print("Boutique cannot start:\n" + "\n".join(f"  {p}" for p in problems))
        return 2
    print(
        f"settings ok: database {_redacted(settings.database_url)}, "
        f"redis {_redacted(settings.redis_url) if settings.redis_url else 'none (one process)'}, "
        f"payments {'live' if not settings.payments_test_mode else 'test mode'}"
        f"{'' if settings.payments_enabled else ' (disabled)'}"
    )
    return 0


def _local(url: str) -> bool:
    """An address only this machine reaches: localhost or a loopback IP."""
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
