"""`reach-services`: is the database, or a Redis the settings name, out of reach right now?

scripts/serve and scripts/worker run it before `check-settings` and exit with its 3 (an
outage: the systemd units restart them until it is over) rather than with check-settings' 2
(settings refused, which the units do not restart on: restarting cannot fix them). With
`--schema` (scripts/worker), a database whose schema is behind this release counts as out of
reach too: on a new host, or during a deploy, a worker waits for the web process to migrate.

Only the database and the session Redis (REDIS_URL) are waited for. A separate cache/bus Redis
(BOUTIQUE_CACHE_REDIS_URL) out of reach is a warning on stderr: a running process only degrades
without it (reads from the database, events kept in the outbox until the relay can publish
them), so a process restarted during its outage must start too, not wait for it (QA).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import redis
from sqlalchemy.exc import DBAPIError

from storefront.adapters.db import CONNECT_TIMEOUT_SECONDS, make_engine
from storefront.adapters.outages import is_unreachable
from storefront.adapters.probes import (
    outdated_schema,
    ping_database,
    ping_redis,
    settings_refused,
)
from storefront.cli.db_commands import _redacted
from storefront.settings import Settings, SettingsError, get_settings

OUT_OF_REACH = 3
# The Redis whose loss only degrades the shop: the cache and the bus, when apart from REDIS_URL.
DEGRADING_REDIS = "BOUTIQUE_CACHE_REDIS_URL"


def degraded_warning(url: str, why: str) -> str:
    return (
        f"{DEGRADING_REDIS}: cannot reach {url}: {why}; the shop starts degraded (reads from "
        "the database, events wait in the outbox until the bus answers)"
    )


def register(commands: Any) -> None:
    reach = commands.add_parser(
        "reach-services",
        help=f"exit {OUT_OF_REACH} while the database or a Redis of the settings cannot be "
        "reached (0 otherwise, settings that do not read included: check-settings names them)",
    )
    reach.add_argument(
        "--schema",
        action="store_true",
        help="a database schema behind this release counts as out of reach (a worker waits "
        "for the web process to migrate it)",
    )
    reach.set_defaults(run=run_reach)


def run_reach(args: argparse.Namespace) -> int:
    try:
        settings = get_settings()
    except SettingsError:
        return 0  # not an outage: check-settings says what is wrong
    out_of_reach = []
    # A SQLite file is never out of reach: check-settings judges its folder.
    sqlite = settings.sqlalchemy_url.startswith("sqlite")
    if not sqlite or args.schema:
        try:
            engine = make_engine(settings.sqlalchemy_url)
            try:
                schema = outdated_schema(engine) if args.schema else None
                if not sqlite:
                    ping_database(engine)
            finally:
                engine.dispose()
            if schema:
                out_of_reach.append(f"DATABASE_URL: {schema} (the web process migrates it)")
        except Exception as exc:  # whatever the driver raised
            if not settings_refused(exc):  # refused: check-settings says so, and exits 2
                reason = str(exc).strip().splitlines()[0]
                out_of_reach.append(f"DATABASE_URL: {_redacted(settings.database_url)}: {reason}")
    for name, url, why, refused in unreachable_redis(settings):
        if refused:
            continue  # check-settings refuses it
        if name == DEGRADING_REDIS:
            print(f"{degraded_warning(url, why)}", file=sys.stderr)
        else:
            out_of_reach.append(f"{name}: {url}: {why}")
    if out_of_reach:
        print("out of reach, to be tried again:\n" + "\n".join(f"  {p}" for p in out_of_reach))
        return OUT_OF_REACH
    return 0


def unreachable_redis(settings: Settings) -> list[tuple[str, str, str, bool]]:
    """(variable, its URL without the password, why, whether it answered and refused the
    settings: a wrong password) of each Redis the settings name that does not answer."""
    found = []
    for name, url in (
        ("REDIS_URL", settings.redis_url),
        ("BOUTIQUE_CACHE_REDIS_URL", settings.cache_redis_url),
    ):
        if url:
            try:
                ping_redis(url)
            except redis.RedisError as exc:
                found.append((name, _redacted(url), str(exc), settings_refused(exc)))
    return found


def database_failure(exc: BaseException, database_url: str) -> tuple[str, int] | None:
    """For a command that failed on `exc`: when it (or what caused it) is the database out of
    reach, the line saying so and 3 (a retry may pass); when the server answered and refused
    the settings, or a SQLite file cannot be opened, the line and 2; None for any other
    failure, whose traceback is the news."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if isinstance(cause, DBAPIError):
            refused = settings_refused(cause)
            if refused or is_unreachable(cause):
                where = _redacted(database_url)
                line = (
                    f"DATABASE_URL: {'refused by' if refused else 'cannot reach'} {where}: "
                    f"{failure_reason(cause)}"
                )
                # A SQLite file is out of reach only when its folder is wrong: settings.
                sqlite = database_url.startswith("sqlite")
                return line, 2 if refused or sqlite else OUT_OF_REACH
        cause = cause.__cause__  # not __context__: a bug raised while handling one is news
    return None


def failure_reason(exc: BaseException) -> str:
    """The driver's first line, or, for a server that accepted the connection and then said
    nothing (psycopg's ConnectionTimeout, the probe's CheckTimedOut), what that means."""
    timeouts = ("ConnectionTimeout", "TimeoutError", "CheckTimedOut")
    if type(getattr(exc, "orig", None) or exc).__name__ in timeouts:
        return (
            f"no answer within {CONNECT_TIMEOUT_SECONDS} s (something accepts connections "
            "there but does not speak to it)"
        )
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
