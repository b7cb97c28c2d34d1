"""Cart and checkout event latency under load: simulated shoppers speak the Reflex event
protocol (socket.io over a websocket) to the production server, and time add-to-cart and a
checkout step (delivery change, priced again on the server) beside a trivial event in the
same run.

    python -m tests.bench.bench_events [--shoppers 50,200] [--rounds 15] [--products 5000]
        [--think 1.0] [--redis URL --workers 2] [--database-url URL]
        [--workdir DIR]

Shoppers arrive once the web processes have ended their start (cache warmed, heap settled):
a shop that has been up for a while. Each shopper connects as a browser does (hydrate and the
cart page's load events), then repeats a round: a trivial event, add a random in-stock variant
to the cart, change the delivery method, with a random pause (mean `--think` seconds) between
events. Latency is from the emit to the server's first update for that event (one event in
flight per shopper). Prints p50 and p99 in milliseconds per kind and the ratios to the
trivial event (targets, issue 4: p50 <= 1.5x and p99 <= 2x). Not a test: compare only
within one run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import socketio
from sqlalchemy import create_engine, text

from tests.bench.bench_catalog import percentile
from tests.e2e.conftest import ROOT, shop_env
from tests.localstripe import PUBLISHABLE_KEY, SECRET_KEY, WEBHOOK_SECRET, running_localstripe
from tests.shop_server import production_shop, wait_until_started

PAGE = "/cart"


def handler_names() -> dict[str, str]:
    """Full event names, as the compiled frontend sends them."""
    from reflex.state import OnLoadInternalState, State

    from state.cart import CartState
    from state.checkout import CheckoutState

    return {
        "hydrate": f"{State.get_full_name()}.hydrate_and_load",
        "trivial": f"{OnLoadInternalState.get_full_name()}.set_is_hydrated",
        "add_to_cart": f"{CartState.get_full_name()}.add",
        "checkout_step": f"{CheckoutState.get_full_name()}.set_shipping_method",
    }


class Shopper:
    """One browser tab: a socket, a session token, one event in flight at a time."""

    def __init__(self, url: str, names: dict[str, str]) -> None:
        self.url, self.names = url, names
        self.token = str(uuid.uuid4())
        self.page = PAGE  # the page the tab shows (sent as router data with each event)
        self.client = socketio.AsyncClient(reconnection=False)
        self.updates: asyncio.Queue[float] = asyncio.Queue()
        self.client.on("event", self._on_update, namespace="/_event")

    async def _on_update(self, _data: Any) -> None:
        self.updates.put_nowait(time.perf_counter())

    def _event(self, name: str, payload: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": name,
            "payload": payload,
            "router_data": {"pathname": self.page.split("?")[0], "asPath": self.page},
        }

    async def connect(self) -> None:
        await self.client.connect(
            f"{self.url}?token={self.token}",
            socketio_path="/_event",
            namespaces=["/_event"],
            transports=["websocket"],
            auth={"event": self._event(self.names["hydrate"], {})},
            wait_timeout=30,
        )
        await self._settle()

    async def _settle(self, quiet: float = 0.5) -> None:
        """Drain the updates of the page's load events."""
        while True:
            try:
                await asyncio.wait_for(self.updates.get(), quiet)
            except TimeoutError:
                return

    async def timed(self, kind: str, payload: dict[str, Any]) -> float:
        while not self.updates.empty():
            self.updates.get_nowait()
        sent = time.perf_counter()
        await self.client.emit("event", self._event(self.names[kind], payload), namespace="/_event")
        answered = await asyncio.wait_for(self.updates.get(), 30)
        await self._settle(0.05)  # a handler that yields sends more than one update
        return (answered - sent) * 1000

    async def close(self) -> None:
        await self.client.disconnect()


async def shop_for(
    shopper: Shopper, skus: list[str], rounds: int, think: float, rng: random.Random
) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = defaultdict(list)
    method = "standard"
    for _ in range(rounds):
        steps: list[tuple[str, dict[str, Any]]] = [
            ("trivial", {"value": True}),
            ("add_to_cart", {"sku": rng.choice(skus)}),
            ("checkout_step", {"value": method}),
        ]
        rng.shuffle(steps)
        for kind, payload in steps:
            await asyncio.sleep(rng.expovariate(1 / think))
            timings[kind].append(await shopper.timed(kind, payload))
        method = "express" if method == "standard" else "standard"
    return timings


Visit = Callable[[Shopper, random.Random], Awaitable[dict[str, list[float]]]]


async def crowd(
    url: str, count: int, names: dict[str, str], visit: Visit, *, seed: int, page: str = PAGE
) -> dict[str, list[float]]:
    """`count` shoppers connect (in waves, as a browser crowd arrives), each runs `visit`
    with its own random generator; their timings merged by kind."""
    shoppers = [Shopper(url, names) for _ in range(count)]
    for shopper in shoppers:
        shopper.page = page
    arriving = asyncio.Semaphore(20)

    async def arrive(shopper: Shopper) -> None:
        async with arriving:
            await shopper.connect()

    await asyncio.gather(*(arrive(shopper) for shopper in shoppers))
    print(f"  {count} shoppers connected", flush=True)
    results = await asyncio.gather(
        *(visit(shopper, random.Random(seed + i)) for i, shopper in enumerate(shoppers))
    )
    await asyncio.gather(*(shopper.close() for shopper in shoppers))
    merged: dict[str, list[float]] = defaultdict(list)
    for result in results:
        for kind, values in result.items():
            merged[kind].extend(values)
    return merged


def in_stock_skus(database_url: str, limit: int = 2000) -> list[str]:
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT sku FROM variant WHERE stock > 5 ORDER BY id LIMIT :n"), {"n": limit}
        )
        return [row[0] for row in rows]


def summary(
    timings: dict[str, list[float]], kinds: tuple[str, ...] = ("add_to_cart", "checkout_step")
) -> dict[str, dict[str, float]]:
    """p50/p99 of each kind and their ratios to the trivial event's."""
    base = timings["trivial"]
    base_p50, base_p99 = percentile(base, 0.5), percentile(base, 0.99)
    out = {}
    for kind in ("trivial", *kinds):
        values = timings[kind]
        p50, p99 = percentile(values, 0.5), percentile(values, 0.99)
        out[kind] = {
            "n": len(values),
            "p50_ms": round(p50, 1),
            "p99_ms": round(p99, 1),
            "p50_ratio": round(p50 / base_p50, 2),
            "p99_ratio": round(p99 / base_p99, 2),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shoppers", default="50,200")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--products", type=int, default=5000)
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between events (s)")
    parser.add_argument("--redis", default="", help="REDIS_URL: Reflex state in Redis")
    parser.add_argument("--workers", type=int, default=2, help="backend workers with --redis")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default="", help="instead of SQLite in the workdir")
    parser.add_argument("--workdir", default="", help="reuse a catalog seeded by a former run")
    args = parser.parse_args()

    tmp = Path(args.workdir or tempfile.mkdtemp(prefix="boutique-events-"))
    tmp.mkdir(parents=True, exist_ok=True)  # --workdir may name a folder not made yet
    env = shop_env(tmp)
    if args.database_url:  # e.g. PostgreSQL, as in production (an empty database)
        env["DATABASE_URL"] = args.database_url
    if args.redis:  # as in production: Reflex state in Redis, several workers, oplock
        env |= {"REDIS_URL": args.redis, "GRANIAN_WORKERS": str(args.workers)}
        env |= {"REFLEX_OPLOCK_ENABLED": "true"}
    cli = [sys.executable, "-m", "storefront.cli"]
    # A --workdir kept from a run of an older release is brought to this one's schema.
    subprocess.run([*cli, "migrate"], cwd=ROOT, env=env, check=True, capture_output=True)
    if not (tmp / "seeded").exists():
        for step in (
            ["seed", "--demo-orders", "--count", str(args.products)],
            ["reindex"],
        ):
            # reindex as scripts/shop does: the server then only loads the vectors (embedding
            # 5,000 products in the server would weigh on the figures).
            subprocess.run([*cli, *step], cwd=ROOT, env=env, check=True, capture_output=True)
        (tmp / "seeded").touch()
    skus = in_stock_skus(env["DATABASE_URL"])
    with running_localstripe() as stripe_url:
        env |= {
            "BOUTIQUE_STRIPE_SECRET_KEY": SECRET_KEY,
            "BOUTIQUE_STRIPE_PUBLISHABLE_KEY": PUBLISHABLE_KEY,
            "BOUTIQUE_STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "BOUTIQUE_STRIPE_API_BASE": stripe_url,
        }
        with production_shop(env, tmp / "shop.log") as url:
            mode = (
                f"Redis state, {args.workers} workers" if args.redis else "memory state, 1 worker"
            )
            print(f"prod server ({mode}), {args.products} products, think {args.think} s")
            # Measured once the web processes have warmed their caches, as a shop that has
            # been up for a while (bench_browse measures the cold start).
            workers = args.workers if args.redis else 1
            if not wait_until_started(tmp / "shop.log", workers):
                print("  (the web processes had not finished starting in 300 s: measuring anyway)")
            for count in (int(n) for n in args.shoppers.split(",")):
                started = time.monotonic()

                async def visit(shopper: Shopper, rng: random.Random) -> dict[str, list[float]]:
                    return await shop_for(shopper, skus, args.rounds, args.think, rng)

                timings = asyncio.run(crowd(url, count, handler_names(), visit, seed=args.seed))
                took = time.monotonic() - started
                print(f"{count} shoppers ({took:.0f} s):")
                for kind, figures in summary(timings).items():
                    print(f"  {kind:14} {json.dumps(figures)}", flush=True)


if __name__ == "__main__":
    main()
