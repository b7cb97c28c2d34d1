"""What a test does when a service it needs (PostgreSQL, Redis, Chromium) is missing.

On a developer's machine it is skipped, with what to run. Under scripts/test, which starts
or installs every service first (`BOUTIQUE_TESTS_REQUIRE_SERVICES=1`), the run fails: a
service that vanished must not turn a layer of the suite into a green row of skips.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

REQUIRED = "BOUTIQUE_TESTS_REQUIRE_SERVICES"


def missing(reason: str) -> NoReturn:
    if os.environ.get(REQUIRED) == "1":
        pytest.fail(f"{reason} ({REQUIRED}=1: every service must be there)", pytrace=False)
    pytest.skip(reason)
