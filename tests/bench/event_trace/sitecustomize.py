"""Where an event's time goes inside a web worker: a bench aid, never loaded by the shop.

Put this folder on PYTHONPATH and name an output folder in BOUTIQUE_TRACE_EVENTS; every
process started so (the server's workers included) then times each Reflex event it handles
and appends one JSON line per event to <folder>/trace-<pid>.jsonl:

    BOUTIQUE_TRACE_EVENTS=/tmp/trace PYTHONPATH=tests/bench/event_trace \\
        python -m tests.bench.bench_browse --redis redis://127.0.0.1:6379/7
    python -m tests.bench.event_trace.summarize /tmp/trace [--last SECONDS]

Each line has, in ms: `emitted` (from the event's start in the worker to its first update
sent), `router` (router data rebuilt for a new URL), `fetch` (Reflex reading the tab's
states from Redis, with `unpickle` their decoding), `delta` and `emit` (computing and
sending updates), `thread` (calls run in a worker thread, with `hop` the time spent getting
there and back, `cpu` the thread's CPU time in them), `redis` and `sql` (time in those
clients), with a `#` count beside each.
It wraps Reflex internals (reflex_base's event processor): a Reflex upgrade may move them.
"""

from __future__ import annotations

import os

if os.environ.get("BOUTIQUE_TRACE_EVENTS"):
    import asyncio
    import contextvars
    import functools
    import json
    import time
    from pathlib import Path
    from typing import Any

    import redis.asyncio.client
    import redis.client
    import reflex.istate.manager.redis
    import reflex.state
    import reflex_base.event.context
    import reflex_base.event.processor.base_state_processor as processor
    import sqlalchemy.engine.base

    _FOLDER = Path(os.environ["BOUTIQUE_TRACE_EVENTS"])
    _EVENT: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
        "traced_event", default=None
    )
    _out: list[Any] = []

    def _add(key: str, seconds: float) -> None:
        event = _EVENT.get()
        if event is not None:
            event[key] = event.get(key, 0.0) + seconds * 1000
            event[key + "#"] = event.get(key + "#", 0) + 1

    def _mark(key: str) -> None:
        event = _EVENT.get()
        if event is not None and key not in event:
            event[key] = (time.perf_counter() - event["start"]) * 1000

    def _timed(owner: Any, name: str, key: str) -> None:
        original = getattr(owner, name)
        if asyncio.iscoroutinefunction(original):

            @functools.wraps(original)
            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                began = time.perf_counter()
                try:
                    return await original(*args, **kwargs)
                finally:
                    _add(key, time.perf_counter() - began)

            setattr(owner, name, timed_async)
        else:

            @functools.wraps(original)
            def timed(*args: Any, **kwargs: Any) -> Any:
                began = time.perf_counter()
                try:
                    return original(*args, **kwargs)
                finally:
                    _add(key, time.perf_counter() - began)

            setattr(owner, name, timed)

    def _write(event: dict[str, Any]) -> None:
        if not _out:
            _FOLDER.mkdir(parents=True, exist_ok=True)
            _out.append(open(_FOLDER / f"trace-{os.getpid()}.jsonl", "a"))  # noqa: SIM115
        _out[0].write(json.dumps(event) + "\n")
        _out[0].flush()

    _execute = processor.BaseStateEventProcessor._execute_event

    async def _execute_event(self: Any, *, entry: Any, registered_handler: Any) -> None:
        event: dict[str, Any] = {"start": time.perf_counter()}
        token = _EVENT.set(event)
        try:
            await _execute(self, entry=entry, registered_handler=registered_handler)
        finally:
            _EVENT.reset(token)
            event["total"] = (time.perf_counter() - event.pop("start")) * 1000
            event["handler"] = ".".join(entry.event.name.rsplit(".", 2)[-2:])
            event["at"] = time.time()
            _write(event)

    processor.BaseStateEventProcessor._execute_event = _execute_event  # type: ignore[method-assign]

    _emit = reflex_base.event.context.EventContext.emit_delta

    async def _emit_delta(self: Any, *args: Any, **kwargs: Any) -> None:
        began = time.perf_counter()
        try:
            await _emit(self, *args, **kwargs)
        finally:
            _add("emit", time.perf_counter() - began)
            _mark("emitted")

    reflex_base.event.context.EventContext.emit_delta = _emit_delta  # type: ignore[method-assign]

    _to_thread = asyncio.to_thread

    async def _traced_to_thread(func: Any, /, *args: Any, **kwargs: Any) -> Any:
        asked = time.perf_counter()
        ran: list[float] = []

        def run(*a: Any, **k: Any) -> Any:
            ran.append(time.perf_counter())
            cpu = time.thread_time()
            try:
                return func(*a, **k)
            finally:
                ran.append(time.perf_counter())
                _add("cpu", time.thread_time() - cpu)

        try:
            return await _to_thread(run, *args, **kwargs)
        finally:
            done = time.perf_counter()
            _add("thread", done - asked)
            if len(ran) == 2:
                _add("hop", (ran[0] - asked) + (done - ran[1]))

    asyncio.to_thread = _traced_to_thread

    _timed(reflex.state.BaseState, "_update_router_vars", "router")
    _timed(reflex.state.BaseState, "_get_resolved_delta", "delta")
    _timed(reflex.istate.manager.redis.StateManagerRedis, "get_state", "fetch")
    _timed(reflex.state.BaseState, "_deserialize", "unpickle")
    _timed(redis.client.Redis, "execute_command", "redis")
    _timed(redis.asyncio.client.Redis, "execute_command", "redis")
    _timed(sqlalchemy.engine.base.Connection, "execute", "sql")
