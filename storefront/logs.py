"""Logging: plain text for a developer's terminal, one JSON object a line in production
(BOUTIQUE_LOG_FORMAT=json), each carrying the id of the request or Reflex event it came from.
"""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

# Set by the HTTP middleware (storefront/api/observability.py) and the event timer
# (storefront/metrics.py); asyncio.to_thread copies them into worker threads.
REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="")
EVENT_ID: ContextVar[str] = ContextVar("event_id", default="")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if request_id := REQUEST_ID.get():
            entry["request_id"] = request_id
        if event_id := EVENT_ID.get():
            entry["event_id"] = event_id
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(log_format: str, level: str = "INFO") -> None:
    """Send the shop's logs to stderr in the chosen format (once per process)."""
    handler = logging.StreamHandler(sys.stderr)
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    for existing in [h for h in root.handlers if getattr(h, "_boutique", False)]:
        root.removeHandler(existing)
    handler._boutique = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
