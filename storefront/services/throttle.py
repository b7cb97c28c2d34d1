"""Limits per client (its IP address, see clients.py) on what a script could repeat at will:
guessing passwords across many emails, making accounts, guessing discount codes, and holding
stock with unpaid orders.

The limits are generous on purpose: an office, a school or a mobile carrier puts many real
shoppers behind one address, and they must never notice. What the limits stop is the
thousandth attempt, not the tenth. A refused attempt changes nothing (no order, no stock
held, no account, no attempt recorded against an email).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class Throttle(Protocol):
    """Counters per key in fixed windows of time (the window `now` falls in). Kept where every
    process sees them (Redis) or in this process (the embedded shop). A throttle that cannot
    count (its Redis is down) lets every attempt through: it must never stop the shop."""

    def hit(self, key: str, limit: int, window_seconds: int, now: datetime) -> bool:
        """Count one attempt under `key`; False, and nothing counted, when `limit` attempts
        were counted in this window already. Attempts made at once are counted one after
        the other, so no more than `limit` get through."""
        ...

    def forgive(self, key: str, window_seconds: int, now: datetime) -> None:
        """Take back one attempt `hit` counted with the same `now`: it turned out not to
        count (a sign-in that succeeded, a code that exists)."""
        ...


class ScaledThrottle:
    """A throttle whose limits are all multiplied by `factor` (BOUTIQUE_LIMITS_FACTOR): at
    least one attempt is always allowed; 0 allows everything."""

    def __init__(self, inner: Throttle, factor: float) -> None:
        self._inner = inner
        self._factor = factor

    def hit(self, key: str, limit: int, window_seconds: int, now: datetime) -> bool:
        if self._factor == 0:
            return True
        scaled = max(1, round(limit * self._factor))
        return self._inner.hit(key, scaled, window_seconds, now)

    def forgive(self, key: str, window_seconds: int, now: datetime) -> None:
        if self._factor != 0:
            self._inner.forgive(key, window_seconds, now)


@dataclass(frozen=True, slots=True)
class Limit:
    """At most `attempts` per client in each window of `window_seconds`. Windows are fixed,
    so a client may make up to twice as many across the end of one: still far from the
    thousands a script needs."""

    name: str
    attempts: int
    window_seconds: int

    def take(self, throttle: Throttle, client: str, now: datetime) -> bool:
        """Count one of the client's attempts; False when it is over the limit."""
        return throttle.hit(self._key(client), self.attempts, self.window_seconds, now)

    def give_back(self, throttle: Throttle, client: str, now: datetime) -> None:
        """Uncount the attempt `take` counted at `now`."""
        throttle.forgive(self._key(client), self.window_seconds, now)

    def _key(self, client: str) -> str:
        return f"{self.name}:{client}"


# Failed sign-ins, whatever the email: one guess each at thousands of emails (credential
# stuffing, password spraying) stops at 30 per quarter of an hour, while an office of people
# mistyping their passwords never gets near it (each email is locked after 5 on its own).
# Sign-ins that succeed, and those from a browser trusted for the account, are not counted.
FAILED_SIGN_INS = Limit("sign-in", 30, 15 * 60)
# Sign-ups, refused ones included once the form is valid ("this email has an account" tells
# which emails have one): an hour is long for a person, a script making accounts stops at 10.
SIGN_UPS = Limit("sign-up", 10, 60 * 60)
# Discount codes looked up and not found: shoppers type the one code they were given, maybe
# twice; a script guessing codes gets 20 tries a quarter of an hour. Over the limit no code is
# looked up, a good one included: "accepted" would tell a guesser as much as "unknown".
REFUSED_CODES = Limit("code", 20, 15 * 60)
# Password reset links asked for, whatever the email (known or not: the count says nothing):
# a person asks once or twice; a script mailing links to a list of inboxes (each capped
# apart at 3 unused links an hour) stops at 10 an hour from one address.
RESET_REQUESTS = Limit("reset", 10, 60 * 60)
# Orders placed from a cart without an unpaid one: each holds its stock for 15 minutes, so a
# script filling fresh carts could make a product look sold out. A cart never holds more than
# one unpaid order (paying again replaces it, and is not counted). Orders later paid are
# counted too (the count is kept per address, not per order), so the limit leaves room for a
# busy office or mobile carrier address: 30 buyers a quarter of an hour.
UNPAID_ORDERS = Limit("order", 30, 15 * 60)
