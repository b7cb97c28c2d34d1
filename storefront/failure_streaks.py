"""How a loop that retries after a failure (the bus relay and consumers, the search refresh,
the payment settling) logs a streak of failures: the first with its traceback, one line every
few minutes while it lasts, one when it ends. A database outage logged a traceback with its SQL
every second or so, in every process (operator QA), where a Redis outage logged two lines."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Final

REMIND_SECONDS: Final = 300.0


class FailureStreak:
    def __init__(
        self,
        log: logging.Logger,
        what: str,
        *,
        remind_seconds: float = REMIND_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._log, self._what = log, what
        self._remind, self._clock = remind_seconds, clock
        self._started: float | None = None
        self._said = 0.0
        self._count = 0
        self._kind: type[BaseException] | None = None

    def failed(self, failure: BaseException) -> None:
        """Tell of a failure: with its traceback when it starts a streak or is of another
        kind than the last told; else in a line of its own every `remind_seconds`."""
        now = self._clock()
        if self._started is None:
            self._started, self._count = now, 0
        self._count += 1
        if type(failure) is not self._kind:
            self._kind, self._said = type(failure), now
            self._log.error("%s failed; retrying", self._what, exc_info=failure)
        elif now - self._said >= self._remind:
            self._said = now
            self._log.error(
                "%s still failing: %d times in %.0f s, the last %s",
                self._what,
                self._count,
                now - self._started,
                _first_line(failure),
            )

    def worked(self) -> None:
        """A round went through: the streak, if any, ends (and says so)."""
        if self._started is None:
            return
        self._log.info(
            "%s works again after %d failures in %.0f s",
            self._what,
            self._count,
            self._clock() - self._started,
        )
        self._started, self._kind = None, None


def _first_line(failure: BaseException) -> str:
    """The failure's kind and the first line of its message (a SQL error's next lines hold
    the statement)."""
    text = str(failure).strip().splitlines()
    return f"{type(failure).__name__}: {text[0][:200] if text else ''}".rstrip(": ")
