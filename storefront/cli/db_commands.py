"""Database commands: migrate."""

from __future__ import annotations

import argparse
from typing import Any

from storefront.adapters.migrations import upgrade_database
from storefront.settings import get_settings


def register(commands: Any) -> None:
    migrate = commands.add_parser("migrate", help="apply database migrations (idempotent)")
    migrate.set_defaults(run=run_migrate)


def run_migrate(_args: argparse.Namespace) -> int:
    settings = get_settings()
    done = upgrade_database(settings.sqlalchemy_url)
    where, after = _redacted(settings.database_url), ", ".join(done.after)
    if done.newer:
        print(
            f"database schema is a newer release's ({after}) and is left as it is; this release "
            f"runs on it: {where}"
        )
    elif done.before == done.after:
        print(f"database is at the newest schema ({after}): {where}")
    else:
        before = ", ".join(done.before) or "no schema"
        print(f"database migrated from {before} to {after}, the newest schema: {where}")
    return 0


def _redacted(url: str) -> str:
    """The URL without its user and password, for messages and logs: everything up to the
    last @ goes, since a password may hold a raw @ (settings refuse one, but this also
    prints what they refused). An @ further on (a query's) takes the host along: more
    hidden, nothing leaked. A URL whose address is empty (sqlite:///path) is kept whole."""
    scheme, sep, rest = url.partition("://")
    if not sep or rest.startswith("/") or "@" not in rest:
        return url
    return f"{scheme}{sep}***@{rest.rpartition('@')[2]}"
