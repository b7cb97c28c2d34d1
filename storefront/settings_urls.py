"""Checks of the URLs in the settings (storefront/settings.py): what drivers would read wrongly
or crash on later is refused at start-up, in a message that names the variable and never
repeats the URL (it may hold a password)."""

from __future__ import annotations

import os
import re
from urllib.parse import SplitResult, parse_qs, urlsplit

from pydantic import ValidationInfo

# The examples' stand-ins for secrets (deploy/boutique.env.example): never a real value.
PLACEHOLDER = re.compile(r"change[-_]?me", re.IGNORECASE)

# The port `reflex run` and scripts/shop serve on when PORT is unset.
DEFAULT_PORT = 3000

_ALIASED = {"database_url": "DATABASE_URL", "redis_url": "REDIS_URL"}


def variable(info: ValidationInfo) -> str:
    """The environment variable a field is read from, for messages."""
    return variable_named(info.field_name or "")


def variable_named(field: str) -> str:
    """The environment variable of the settings field `field`."""
    return _ALIASED.get(field, f"BOUTIQUE_{field.upper()}")


def check_address(name: str, url: str) -> SplitResult:
    """Refuse what drivers would read wrongly or crash on later: a raw @ in the user or
    password (the host would be read from the password's tail), a port that is not a
    number. The message never repeats the URL: it may hold a password."""
    parts = urlsplit(url)
    if parts.netloc.count("@") > 1:
        msg = (
            f"{name}: the user or password holds a raw @; percent-encode it as %40 "
            "(p@ss becomes p%40ss)"
        )
        raise ValueError(msg)
    try:
        port = parts.port
    except ValueError:  # not a number, or above 65535
        port = 0
    if port == 0:
        msg = (
            f"{name}: the port is not a number from 1 to 65535 (a / ? # or : in the "
            "password must be percent-encoded too: %2F %3F %23 %3A)"
        )
        raise ValueError(msg)
    return parts


def check_redis_database(name: str, parts: SplitResult) -> None:
    """The database is a number (redis://host:6379/0, or ?db=0): redis-py would take any
    other path for database 0 without a word."""
    database = parts.path.strip("/") if parts.scheme != "unix" else ""
    given = parse_qs(parts.query).get("db", [])
    if parts.scheme == "unix" and not parts.path:
        msg = f"{name}: a unix:// URL names the socket: unix:///run/redis/redis.sock?db=0"
        raise ValueError(msg)
    if (database and not database.isdecimal()) or any(not db.isdecimal() for db in given):
        msg = f"{name}: the database must be a number, as in redis://host:6379/0"
        raise ValueError(msg)


def refuse_placeholder_password(name: str, url: str) -> None:
    if PLACEHOLDER.search(urlsplit(url).password or ""):
        msg = f"{name}: the password is the example's placeholder (CHANGE-ME); set the real one"
        raise ValueError(msg)


def local_shop_address() -> str:
    """The shop's address while BOUTIQUE_PUBLIC_URL is unset: this machine, on the PORT the
    process is given as scripts/shop is (`PORT=3350 scripts/shop`, and `PORT=3350 python -m
    storefront.cli create-admin ...` beside it), else 3000. Every link the shop mails and
    prints is under it (Settings.public_url): the welcome mail of an admin made on the
    command line pointed at 3000 while its printed link followed PORT."""
    port = os.environ.get("PORT", "").strip()
    if port.isdecimal() and 0 < int(port) < 65_536:
        return f"http://localhost:{int(port)}"
    return f"http://localhost:{DEFAULT_PORT}"
