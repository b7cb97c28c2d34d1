"""Which failures the bus waits out (never dead-lettering for them) and which it does not."""

from __future__ import annotations

import pytest
import redis
from sqlalchemy import exc as sql

from storefront.adapters.outages import is_outage
from storefront.services.bus.ports import BusUnavailable
from storefront.services.ports import CacheUnavailable


@pytest.mark.parametrize(
    "failure",
    [
        sql.OperationalError("SELECT 1", {}, OSError("connection refused")),
        sql.InterfaceError("SELECT 1", {}, OSError("connection already closed")),
        redis.ConnectionError("refused"),
        redis.exceptions.ReadOnlyError("READONLY You can't write against a read only replica"),
        redis.exceptions.OutOfMemoryError("OOM command not allowed"),
        BusUnavailable("down"),
        CacheUnavailable("down"),
    ],
)
def test_services_out_of_reach_are_outages(failure: BaseException) -> None:
    assert is_outage(failure)


@pytest.mark.parametrize(
    "failure",
    [
        sql.IntegrityError("INSERT", {}, ValueError("duplicate key")),
        sql.DataError("INSERT", {}, ValueError("value too long")),
        ValueError("a bug"),
        KeyError("missing"),
    ],
)
def test_a_message_s_own_faults_are_not(failure: BaseException) -> None:
    assert not is_outage(failure)
