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
    upgrade_database(settings.sqlalchemy_url)
    print(f"database is at the newest schema: {_redacted(settings.database_url)}")
    return 0


def _redacted(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        rest = "***@" + rest.split("@", 1)[1]
    return f"{scheme}{sep}{rest}"
