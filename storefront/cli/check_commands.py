"""`check-settings`: read the settings and reach every service they name, before serving."""

from __future__ import annotations

import argparse
import os
import pwd
import smtplib
import sys
from pathlib import Path
from typing import Any

from dotenv import dotenv_values

from storefront.adapters.db import CONNECT_TIMEOUT_SECONDS, make_engine
from storefront.adapters.mailer import SmtpMailer, login_refused
from storefront.adapters.probes import outdated_schema, settings_refused
from storefront.adapters.redis_checks import about_persistence, bus_redis_problems
from storefront.adapters.sql_policies import SqlPolicyStore
from storefront.adapters.stripe_gateway import key_problem
from storefront.cli.check_rules import (
    legal_notice_gaps,
    live_problems,
    proxy_host_warning,
    setting_warnings,
    with_live_problems,
)
from storefront.cli.db_commands import _redacted
from storefront.cli.reach_commands import (
    DEGRADING_REDIS,
    OUT_OF_REACH,
    degraded_warning,
    failure_reason,
    unreachable_redis,
)
from storefront.settings import PROJECT_ROOT, SettingsError, get_settings

WORKERS_ENV = "GRANIAN_WORKERS"
METRICS_DIR_ENV = "PROMETHEUS_MULTIPROC_DIR"
SMTP_TIMEOUT = 5.0
STRIPE_TIMEOUT = 5.0


def register(commands: Any) -> None:
    check = commands.add_parser(
        "check-settings",
        help="validate the settings and reach the services they name (exit 2 when settings "
        "are refused, 3 when only services are out of reach)",
    )
    check.add_argument(
        "--workers",
        type=_worker_count,
        default=None,
        help=f"web worker processes (default: ${WORKERS_ENV}, else 1)",
    )
    check.add_argument(
        "--bus-worker",
        action="store_true",
        help="for a bus worker (scripts/worker), which shares the bus through Redis",
    )
    check.add_argument(
        "--before-migrate",
        action="store_true",
        help="migrations run next (scripts/serve): a schema behind this release is not refused",
    )
    check.set_defaults(run=run_check)


def _worker_count(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        msg = f"{text!r} is not a number of web workers (1 or more; {WORKERS_ENV})"
        raise argparse.ArgumentTypeError(msg)
    return count


def web_workers(args: argparse.Namespace) -> int:
    """--workers, else GRANIAN_WORKERS, else 1. Read here, when check-settings runs: a bad
    value must not break every other command while the parser is built."""
    if args.workers is not None:
        return int(args.workers)
    text = os.environ.get(WORKERS_ENV, "").strip() or "1"
    try:
        return _worker_count(text)
    except argparse.ArgumentTypeError:
        reason = f"{text!r} is not a number of web workers (1 or more)"
        raise SettingsError(f"Invalid Boutique settings:\n  {WORKERS_ENV}: {reason}") from None


def run_check(args: argparse.Namespace) -> int:
    try:
        settings = get_settings()
    except SettingsError as refused:  # one line per bad variable
        raise with_live_problems(refused) from None
    workers = web_workers(args)
    problems: list[str] = []
    if workers > 1 and not settings.redis_url:
        problems.append(
            f"REDIS_URL: {workers} web workers need Redis to share Reflex state; set it "
            "or run one worker (GRANIAN_WORKERS=1)"
        )
    problems += live_problems(settings)
    port = os.environ.get("PORT", "").strip()
    if port and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        # scripts/serve passes it to Reflex, which would stop with its own usage text.
        problems.append(f"PORT: {port!r} is not a port number (1 to 65535)")
    if settings.public_url.startswith("https://") and settings.trusted_proxies == 0:
        # The server speaks only http: an https address means a proxy in front, and without
        # it counted every shopper is the proxy's address, one client for the whole shop's
        # limits (sign-ins, sign-ups, orders: services/throttle.py).
        problems.append(
            f"BOUTIQUE_TRUSTED_PROXIES: 0 with {settings.public_url}; the TLS proxy in front "
            "must be counted (1 for one proxy), or every shopper shares one address's limits"
        )
    if args.bus_worker and not settings.effective_cache_redis_url:
        # It said "settings ok", and the worker then refused in a line of its own (plain
        # text, in a JSON log).
        problems.append(
            "REDIS_URL: a bus worker shares the bus through Redis; set it (or "
            "BOUTIQUE_CACHE_REDIS_URL). Without Redis the web process runs the whole bus "
            "itself and needs no worker"
        )
    if not settings.effective_cache_redis_url and not settings.bus_consumers_in_web:
        problems.append(
            "BOUTIQUE_BUS_CONSUMERS_IN_WEB=false needs Redis (REDIS_URL): without it only the "
            "web process can consume the bus"
        )
    problems += directory_problems(settings.media_dir, os.environ.get(METRICS_DIR_ENV, ""))
    outages: list[str] = []  # services named by the settings that do not answer now
    legal_written: set[str] = set()  # the languages the merchant wrote the legal notice in
    try:
        engine = make_engine(settings.sqlalchemy_url)
        try:
            schema = outdated_schema(engine, timeout=CONNECT_TIMEOUT_SECONDS + 1)
            if not schema:
                stored = SqlPolicyStore(engine).stored()
                legal_written = {locale for kind, locale in stored if kind == "legal"}
        finally:
            engine.dispose()
        if schema and not args.before_migrate:
            # Workers and web processes started without scripts/serve would fail on every
            # query (the relay's traceback every second) or never be ready.
            problems.append(f"DATABASE_URL: {schema}")
    except Exception as exc:  # report, whatever the driver raised
        # A server out of reach may come back (an outage); a SQLite file cannot be reached
        # only when its folder is wrong, and a server refusing the database's name, its
        # role or its password will refuse it again.
        sqlite, refused = settings.sqlalchemy_url.startswith("sqlite"), settings_refused(exc)
        (problems if sqlite or refused else outages).append(
            f"DATABASE_URL: {'refused by' if refused else 'cannot reach'} "
            f"{_redacted(settings.database_url)}: {failure_reason(exc)}"
        )
    redis_warnings = []
    for name, url, why, refused in unreachable_redis(settings):
        if refused:
            problems.append(f"{name}: refused by {url}: {why}")
        elif name == DEGRADING_REDIS:  # the shop runs degraded without it: not waited for
            redis_warnings.append(degraded_warning(url, why))
        else:
            outages.append(f"{name}: cannot reach {url}: {why}")
    smtp_warning = ""
    if settings.smtp_url:
        try:
            SmtpMailer(settings.smtp_url, settings.mail_from, timeout=SMTP_TIMEOUT).check()
        except (OSError, smtplib.SMTPException) as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            # A server that answers and refuses the login, or that cannot take the password
            # encrypted, will refuse it again: a refused setting, as a wrong database password.
            # One out of reach is warned of, not waited for (QA: a mail outage kept the whole
            # shop down): orders' mails wait on the bus (the reconciliation sends what it gave
            # up), and an account's mail that cannot go says so to the person.
            where = _redacted(settings.smtp_url)
            if login_refused(exc):
                problems.append(f"BOUTIQUE_SMTP_URL: refused by {where}: {reason}")
            else:
                smtp_warning = (
                    f"BOUTIQUE_SMTP_URL: cannot reach {where}: {reason}; the shop starts, "
                    "orders' mails wait until it answers, account mails (password resets, "
                    "address links) fail meanwhile"
                )
    dotenv = dotenv_values(PROJECT_ROOT / ".env")
    variables = [*os.environ, *dotenv]
    warnings = setting_warnings(settings, variables) + ([smtp_warning] if smtp_warning else [])
    host = os.environ.get("HOST", dotenv.get("HOST"))  # as scripts/serve reads it
    if not args.bus_worker and (found_host := proxy_host_warning(settings.trusted_proxies, host)):
        warnings.append(found_host)
    warnings += redis_warnings
    if gaps := legal_notice_gaps(settings, legal_written):
        # Warned of, never refused, live keys or not: a live shop upgraded to this release
        # would otherwise stay down for details the notice did not ask for before (review).
        warnings.append(gaps)
    if settings.stripe_secret_key and (
        found := key_problem(settings.stripe_secret_key, settings.stripe_api_base, STRIPE_TIMEOUT)
    ):
        # Warned of, never refused: the catalog shows without payments, and a unit stopped
        # on a refused setting would stay down at its next restart (review).
        kind, reason = found
        if kind == "refused":
            warnings.append(
                f"BOUTIQUE_STRIPE_SECRET_KEY: refused by Stripe: {reason}; every payment "
                "fails until it is changed"
            )
        else:  # out of reach now: payments work once it answers
            warnings.append(f"Stripe did not answer a check of the key ({kind}): {reason}")
    for problem in bus_redis_problems(settings.redis_url, settings.cache_redis_url):
        # Persistence is advised rather than required: a managed Redis replicated across
        # zones may keep the bus's messages without appendonly.
        (warnings if about_persistence(problem) else problems).append(problem)
    for warning in warnings:  # stderr: stdout says ok or not
        print(f"warning: {warning}", file=sys.stderr)
    if problems or outages:
        print("Boutique cannot start:\n" + "\n".join(f"  {p}" for p in problems + outages))
        # Only services out of reach: 3, which the systemd units restart on (an outage
        # passes); settings refused: 2, which they do not (restarting cannot fix them).
        return 2 if problems else OUT_OF_REACH
    cache = settings.cache_redis_url  # named when apart: the operator sees the split (QA)
    state = _redacted(settings.redis_url) if settings.redis_url else "none (state in the process)"
    print(
        f"settings ok: database {_redacted(settings.database_url)}, "
        f"redis {state}, "
        f"{f'cache and bus redis {_redacted(cache)}, ' if cache else ''}"
        f"payments {'live' if not settings.payments_test_mode else 'test mode'}"
        f"{'' if settings.payments_enabled else ' (disabled)'}"
    )
    return 0


def directory_problems(media_dir: Path, metrics_dir: str) -> list[str]:
    """The folders processes write to: the media folder must exist or be creatable (the web
    process makes it), the metrics folder must exist (every process of the host writes its
    samples there and none creates it; a missing one failed the first counter write); both
    writable by this user, the one the processes run as."""
    problems = []
    if media_dir.exists():
        if not _writable_dir(media_dir):
            problems.append(
                f"BOUTIQUE_MEDIA_DIR: {media_dir} is not a folder this user ({_user()}) "
                "can write to"
            )
    else:
        parent = next((p for p in media_dir.parents if p.exists()), None)
        if parent is None or not _writable_dir(parent):
            problems.append(
                f"BOUTIQUE_MEDIA_DIR: {media_dir} does not exist and this user ({_user()}) "
                f"cannot create it in {parent}; create it, owned by this user (the systemd "
                "units' StateDirectory= makes /var/lib/boutique/media)"
            )
    if metrics_dir:
        path = Path(metrics_dir)
        if not path.is_dir():
            problems.append(
                f"{METRICS_DIR_ENV}: {path} does not exist; create it, writable by this user "
                f"({_user()}), or unset the variable (the systemd units' RuntimeDirectory= "
                "makes /run/boutique/metrics)"
            )
        elif not _writable_dir(path):
            problems.append(f"{METRICS_DIR_ENV}: this user ({_user()}) cannot write to {path}")
    return problems


def _writable_dir(path: Path) -> bool:
    return path.is_dir() and os.access(path, os.W_OK | os.X_OK)


def _user() -> str:
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:  # a uid without a name (a container's)
        return str(os.geteuid())
