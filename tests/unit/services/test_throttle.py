"""The in-process throttle of the embedded shop (its Redis twin: integration/test_throttle)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from storefront.adapters.throttle import InProcessThrottle
from storefront.services.throttle import FAILED_SIGN_INS, Limit, ScaledThrottle

# The start of a 15-minute window (and of an hour's).
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
LIMIT = Limit("test", 3, 60)


def test_attempts_beyond_the_limit_are_refused_and_not_counted() -> None:
    throttle = InProcessThrottle()
    assert [LIMIT.take(throttle, "192.0.2.1", NOW) for _ in range(5)] == [
        True,
        True,
        True,
        False,
        False,
    ]
    LIMIT.give_back(throttle, "192.0.2.1", NOW)  # one of the three turned out not to count
    assert LIMIT.take(throttle, "192.0.2.1", NOW) is True
    assert LIMIT.take(throttle, "192.0.2.1", NOW) is False


def test_each_client_and_each_limit_counts_apart() -> None:
    throttle = InProcessThrottle()
    for _ in range(3):
        assert LIMIT.take(throttle, "192.0.2.1", NOW)
    assert LIMIT.take(throttle, "192.0.2.1", NOW) is False
    assert LIMIT.take(throttle, "192.0.2.2", NOW) is True
    assert Limit("other", 3, 60).take(throttle, "192.0.2.1", NOW) is True


def test_a_new_window_starts_from_nothing() -> None:
    throttle = InProcessThrottle()
    for _ in range(3):
        assert LIMIT.take(throttle, "192.0.2.1", NOW)
    assert LIMIT.take(throttle, "192.0.2.1", NOW + timedelta(seconds=59)) is False
    assert LIMIT.take(throttle, "192.0.2.1", NOW + timedelta(seconds=60)) is True
    # Giving back in a later window than the attempt's takes nothing from the new one.
    LIMIT.give_back(throttle, "192.0.2.1", NOW + timedelta(seconds=120))
    LIMIT.give_back(throttle, "192.0.2.1", NOW + timedelta(seconds=60))
    LIMIT.give_back(throttle, "192.0.2.1", NOW + timedelta(seconds=60))  # never below nothing
    assert [LIMIT.take(throttle, "192.0.2.1", NOW + timedelta(seconds=61)) for _ in range(4)] == [
        True,
        True,
        True,
        False,
    ]


def test_attempts_made_at_once_never_get_past_the_limit() -> None:
    throttle = InProcessThrottle()
    allowed: list[bool] = []
    start = threading.Barrier(50)

    def attempt() -> None:
        start.wait()
        allowed.append(FAILED_SIGN_INS.take(throttle, "192.0.2.1", NOW))

    threads = [threading.Thread(target=attempt) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == FAILED_SIGN_INS.attempts


def test_memory_is_bounded_by_forgetting_the_clients_least_recently_seen() -> None:
    throttle = InProcessThrottle(max_keys=100)
    for _ in range(3):
        LIMIT.take(throttle, "192.0.2.1", NOW)
    for n in range(100):
        LIMIT.take(throttle, f"10.0.{n // 256}.{n % 256}", NOW)
    assert len(throttle) == 100
    assert LIMIT.take(throttle, "192.0.2.1", NOW) is True  # forgotten: counted afresh


def test_the_limits_factor_multiplies_every_limit_and_zero_switches_them_off() -> None:
    """BOUTIQUE_LIMITS_FACTOR: 2 doubles a limit, 0.01 still allows one, 0 allows all."""
    for factor, allowed in ((2.0, 6), (0.01, 1), (0.0, 50)):
        scaled = ScaledThrottle(InProcessThrottle(), factor)
        answers = [scaled.hit("sign-in:192.0.2.1", 3, 60, NOW) for _ in range(50)]
        assert answers.count(True) == allowed, factor
