"""Bus commands: run a worker, show the bus's state, requeue or delete dead letters."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
from dataclasses import asdict
from typing import Any

from storefront.adapters.probes import outdated_schema, settings_refused
from storefront.bootstrap import Shop, get_shop
from storefront.cli.db_commands import _redacted
from storefront.cli.reach_commands import OUT_OF_REACH
from storefront.logs import configure_logging
from storefront.metrics import ProcessStats
from storefront.services.bus.ports import BusUnavailable
from storefront.subscriptions import consumer_groups
from storefront.worker import BusRunner

log = logging.getLogger(__name__)


def register(commands: Any) -> None:
    worker = commands.add_parser(
        "worker", help="relay the outbox and run the consumer groups until stopped"
    )
    worker.add_argument(
        "--groups", help="comma-separated consumer groups to run (default: all of them)"
    )
    worker.add_argument("--no-relay", action="store_true", help="consume only")
    worker.set_defaults(run=run_worker)

    status = commands.add_parser("bus-status", help="outbox backlog and each group's lag")
    status.set_defaults(run=run_status)

    requeue = commands.add_parser(
        "bus-requeue", help="put a group's dead letters back on the stream (cause fixed)"
    )
    requeue.add_argument("group")
    requeue.set_defaults(run=run_requeue)

    drop = commands.add_parser(
        "bus-drop", help="delete a group's dead letters that can never be handled (by message id)"
    )
    drop.add_argument("group")
    drop.add_argument("message_ids", nargs="+", metavar="MESSAGE_ID", help="the letters' id field")
    drop.set_defaults(run=run_drop)


# How often a worker copies its counts into its metrics file: what it handled in its last
# interval is missing from them when it is killed (kill -9, the OOM killer); every 5 s, that
# was hundreds of messages handled, and so never counted (QA).
METRICS_SYNC_SECONDS = 1.0
NEEDS_REDIS = (
    "the bus is shared through Redis: set REDIS_URL (or BOUTIQUE_CACHE_REDIS_URL). Without "
    "Redis the web process runs the whole bus itself and needs no worker."
)


def run_worker(args: argparse.Namespace) -> int:
    shop = get_shop()
    if not shop.settings.effective_cache_redis_url:
        print(f"worker: {NEEDS_REDIS}")
        return 2
    unusable = unusable_database(shop)
    if unusable:
        # Said once, then exit as check-settings does: out of reach or not migrated yet, 3,
        # and the units start the worker again (scripts/worker waits for the migration
        # before starting it); refused (no such database or role), 2, and they do not.
        why, code = unusable
        print(f"worker: {why}", file=sys.stderr)
        return code
    configure_logging(shop.settings.log_format, shop.settings.log_level)
    groups = consumer_groups(shop)
    if args.groups:
        wanted = [g.strip() for g in args.groups.split(",") if g.strip()]
        unknown = sorted(set(wanted) - set(groups))
        if unknown:
            print(f"unknown group(s): {', '.join(unknown)}; known: {', '.join(sorted(groups))}")
            return 2
        groups = {name: groups[name] for name in wanted}
    runner = BusRunner(shop, groups, relay=not args.no_relay)
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: runner.stop())
    runner.start()
    log.info("worker running groups: %s", ", ".join(groups) or "none")
    serve_until_stopped(runner, ProcessStats(shop, runner))
    log.info("worker stopped")  # a stop asked for (SIGTERM), not a crash: the log says so
    return 0


def unusable_database(shop: Shop) -> tuple[str, int] | None:
    """Why the worker cannot work on the database now (out of reach, refused, never
    migrated, behind this release) and the exit code that says so, None when it can; a newer
    release's schema is accepted (rolling deploy)."""
    if shop.engine is None:
        return None
    try:
        problem = outdated_schema(shop.engine)
    except Exception as exc:  # whatever the driver raised
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        refused = settings_refused(exc)  # no such database or role: waiting changes nothing
        where = (
            f"{'refused by' if refused else 'cannot reach'} {_redacted(shop.settings.database_url)}"
        )
        return f"DATABASE_URL: {where}: {reason}", 2 if refused else OUT_OF_REACH
    if problem:
        return f"DATABASE_URL: {problem} (the web process migrates it)", OUT_OF_REACH
    return None


def serve_until_stopped(runner: BusRunner, stats: ProcessStats) -> None:
    """Copy the counters into the metrics every METRICS_SYNC_SECONDS until the runner stops
    (SIGTERM stops it and joins its threads), then once more: what the last second handled
    counts. A failure is logged once until a copy works again (not every second)."""
    failing = False

    def sync() -> None:
        nonlocal failing
        try:
            stats.sync()
        except Exception:  # metrics must never stop the worker (storefront/lifespan.py)
            if not failing:
                log.exception("copying counters into metrics failed")
            failing = True
        else:
            failing = False

    runner.wait(every=sync, interval=METRICS_SYNC_SECONDS)
    sync()


def run_status(_args: argparse.Namespace) -> int:
    shop = get_shop()
    assert shop.outbox is not None
    if not shop.settings.effective_cache_redis_url:
        print(f"bus-status: {NEEDS_REDIS}")
        return 2
    report: dict[str, Any] = {"outbox_backlog": shop.outbox.backlog(), "groups": None}
    try:
        report["groups"] = {
            group: asdict(shop.stream.stats(group)) for group in consumer_groups(shop)
        }
    except BusUnavailable as exc:
        # In an outage the outbox's backlog is what the operator wants: events kept there
        # until Redis returns (the groups' figures are in Redis).
        print(json.dumps(report, indent=2))
        print(f"bus-status: {_out_of_reach(shop, exc)}", file=sys.stderr)
        return OUT_OF_REACH
    print(json.dumps(report, indent=2))
    return 0


def _out_of_reach(shop: Shop, exc: BusUnavailable) -> str:
    url = shop.settings.effective_cache_redis_url or ""
    return f"the bus's Redis ({_redacted(url)}) is out of reach: {exc}"


def _refused_group(shop: Shop, command: str, group: str) -> bool:
    """Whether a dead-letter command cannot act on `group` (no Redis, or no such group):
    said, then the command exits with 2."""
    if not shop.settings.effective_cache_redis_url:
        print(f"{command}: {NEEDS_REDIS}")
        return True
    known = consumer_groups(shop)
    if group not in known:
        print(f"unknown group {group!r}; known: {', '.join(sorted(known))}")
        return True
    return False


def run_requeue(args: argparse.Namespace) -> int:
    shop = get_shop()
    if _refused_group(shop, "bus-requeue", args.group):
        return 2
    try:
        count = shop.stream.requeue_dead(args.group)
    except BusUnavailable as exc:
        print(f"bus-requeue: {_out_of_reach(shop, exc)}; nothing was moved", file=sys.stderr)
        return OUT_OF_REACH
    print(f"{count} dead letter(s) of {args.group} back on the stream")
    return 0


def run_drop(args: argparse.Namespace) -> int:
    """A dead letter that can never be handled (an event type no release knows) stays, and
    boutique_dead_letters with it, whatever is requeued (QA): the operator deletes it, named."""
    shop = get_shop()
    if _refused_group(shop, "bus-drop", args.group):
        return 2
    try:
        dropped = shop.stream.drop_dead(args.group, args.message_ids)
    except BusUnavailable as exc:
        print(f"bus-drop: {_out_of_reach(shop, exc)}; nothing was deleted", file=sys.stderr)
        return OUT_OF_REACH
    for delivery, reason in dropped:
        print(f"deleted dead letter {delivery.message_id} ({delivery.event_type}): {reason}")
    missing = sorted(set(args.message_ids) - {d.message_id for d, _ in dropped})
    if missing:
        print(f"no dead letter of {args.group} with id {', '.join(missing)}")
        return 1
    return 0
