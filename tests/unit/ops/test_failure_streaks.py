"""A retrying loop's streak of failures in the log (storefront/failure_streaks.py): told as
it starts, with its traceback, then a line every few minutes, then as it ends; a failure of
another kind meanwhile is told in full."""

from __future__ import annotations

import logging

import pytest

from storefront.failure_streaks import FailureStreak


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_streak_is_told_as_it_starts_now_and_then_and_as_it_ends(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    streak = FailureStreak(logging.getLogger("t"), "bus relay", remind_seconds=300, clock=clock)
    outage = ConnectionError("server closed the connection\n[SQL: select 1]")
    with caplog.at_level(logging.INFO, logger="t"):
        streak.worked()  # nothing to end
        for _ in range(120):  # a failure a second for two minutes: one line
            streak.failed(outage)
            clock.now += 1
        clock.now += 200
        streak.failed(outage)  # five minutes on: reminded, without the SQL
        streak.failed(KeyError("a bug meanwhile"))  # another kind: in full
        clock.now += 10
        streak.worked()
        streak.worked()
    said = [(r.levelname, r.getMessage(), r.exc_info is not None) for r in caplog.records]
    assert said == [
        ("ERROR", "bus relay failed; retrying", True),
        (
            "ERROR",
            "bus relay still failing: 121 times in 320 s, the last ConnectionError: server "
            "closed the connection",
            False,
        ),
        ("ERROR", "bus relay failed; retrying", True),
        ("INFO", "bus relay works again after 122 failures in 330 s", False),
    ]
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="t"):
        streak.failed(outage)  # a new streak is told in full again
    assert [r.exc_info is not None for r in caplog.records] == [True]
