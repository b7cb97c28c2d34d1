"""Medians per handler of the events traced by sitecustomize.py (see there), split by
whether the event ran a call in a worker thread.

    python -m tests.bench.event_trace.summarize FOLDER [--last SECONDS]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

KEYS = (
    "emitted",
    "total",
    "router",
    "fetch",
    "unpickle",
    "delta",
    "emit",
    "thread",
    "hop",
    "cpu",
    "redis",
    "sql",
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--last", type=float, default=0.0, help="only the last N seconds")
    args = parser.parse_args()
    since = time.time() - args.last if args.last else 0.0
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for path in sorted(args.folder.glob("trace-*.jsonl")):
        for line in path.read_text().splitlines():
            event = json.loads(line)
            if event["at"] >= since:
                path_taken = " (thread)" if event.get("thread#") else ""
                groups[event["handler"] + path_taken].append(event)
    for name, events in sorted(groups.items()):
        medians = "  ".join(
            f"{key} {statistics.median(e.get(key, 0.0) for e in events):.2f}" for key in KEYS
        )
        fetched = [e["fetch"] for e in events if e.get("fetch#")]
        share = f"states fetched in {len(fetched) / len(events):.0%} of them"
        mean = f", {statistics.mean(fetched):.2f} ms on average" if fetched else ""
        print(f"{name}  n={len(events)}, {share}{mean}\n    {medians}")


if __name__ == "__main__":
    main()
