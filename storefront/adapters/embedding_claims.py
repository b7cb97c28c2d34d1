"""Claims on texts to encode (services/search/indexing.py): in Redis, shared by every process
of the shop; or granted at once, where one process is the whole shop."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import redis

log = logging.getLogger(__name__)
KEY_PREFIX = "boutique:embed-claim"


class EveryClaimGranted:
    """The embedded shop: one process, nobody to share the work with."""

    def claim(self, keys: Sequence[str], seconds: int) -> set[str]:
        return set(keys)


class RedisEmbeddingClaims:
    """SET NX with an expiry per key: of processes claiming the same text, one gets it; a
    claim whose holder died lapses after `seconds`."""

    def __init__(self, url: str) -> None:
        self._redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    def claim(self, keys: Sequence[str], seconds: int) -> set[str]:
        if not keys:
            return set()
        try:
            with self._redis.pipeline(transaction=False) as pipe:
                for key in keys:
                    pipe.set(f"{KEY_PREFIX}:{key}", b"1", nx=True, ex=seconds)
                answers = pipe.execute()
        except redis.RedisError as exc:  # encode them here rather than not at all
            log.warning("embedding claims unavailable (%s): encoding here", exc)
            return set(keys)
        return {key for key, granted in zip(keys, answers, strict=True) if granted}
