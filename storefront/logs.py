"""Logging: plain text for a developer's terminal, one JSON object a line in production
(BOUTIQUE_LOG_FORMAT=json), each carrying the id of the request, Reflex event or bus message
it came from.

Reflex logs through its own `reflex` logger, which `reflex run` cuts off from the root
logger (its handler writes text, or JSON of its own shape with REFLEX_LOG_JSON=true); the
errors of the shop's event handlers come here instead (storefront/event_failures.py).
"""

from __future__ import annotations

import contextlib
import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

from storefront.services.bus.consumer import HANDLING

# Set by the HTTP middleware (storefront/api/observability.py) and the event timer
# (storefront/metrics.py); asyncio.to_thread copies them into worker threads. The bus's
# handlers run with HANDLING set (the group and its messages), logged as the event id.
REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="")
EVENT_ID: ContextVar[str] = ContextVar("event_id", default="")
# Where a failed Reflex event leaves its id on the exception (see mark_failed_event).
_FAILED_EVENT_ATTRIBUTE = "_boutique_event_id"

log = logging.getLogger(__name__)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            # Which process: several web workers write to one journal (QA).
            "pid": record.process,
            "message": record.getMessage(),
        }
        if request_id := REQUEST_ID.get():
            entry["request_id"] = request_id
        if event_id := EVENT_ID.get() or HANDLING.get():
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
    # Which of its builds faiss found for this CPU: a few lines at every start, some of them
    # tracebacks of the builds it did not find. Its warnings and errors still come through.
    logging.getLogger("faiss.loader").setLevel(logging.WARNING)
    # Alembic's plugin set-up, each time a process reads the migrations (every web worker's
    # schema check at start): seven "setup plugin alembic...." lines at info (QA).
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)


def mark_failed_event(exc: BaseException) -> None:
    """Leave the running event's id on the exception it raised: Reflex calls its exception
    handler from a task of its own, where EVENT_ID is no longer set."""
    with contextlib.suppress(AttributeError, TypeError):
        setattr(exc, _FAILED_EVENT_ATTRIBUTE, EVENT_ID.get())


def failed_event_id(exception: BaseException) -> str:
    """The id of the event that raised `exception` (see mark_failed_event), else the
    running one's."""
    return getattr(exception, _FAILED_EVENT_ATTRIBUTE, "") or EVENT_ID.get()


def log_frontend_exception(exception: Exception) -> None:
    """The app's frontend exception handler: a browser's report, into the shop's log."""
    log.error("browser error: %s", exception)
