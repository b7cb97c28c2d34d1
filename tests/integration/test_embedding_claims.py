"""Claims on texts to encode, in real Redis: of two processes claiming the same texts one
gets each; a claim lapses; without Redis every claim is granted (encoding twice beats not
encoding)."""

from __future__ import annotations

import time
import uuid

import redis

from storefront.adapters.embedding_claims import KEY_PREFIX, RedisEmbeddingClaims
from tests.ports import free_port


def test_each_text_goes_to_one_process_until_its_claim_lapses(redis_server: str) -> None:
    first, second = RedisEmbeddingClaims(redis_server), RedisEmbeddingClaims(redis_server)
    keys = [f"test-{uuid.uuid4().hex}:{n}" for n in range(6)]
    assert first.claim(keys[:4], 1) == set(keys[:4])
    assert second.claim(keys, 1) == set(keys[4:])
    client = redis.Redis.from_url(redis_server)
    claimed = [f"{KEY_PREFIX}:{key}" for key in keys[:2]]
    assert all(0 < client.pttl(key) <= 1_000 for key in claimed)  # a claim of 1 s
    for key in claimed:  # its last millisecond, rather than a second's wait
        client.pexpire(key, 1)
    while client.exists(*claimed):
        time.sleep(0.001)
    assert second.claim(keys[:2], 60) == set(keys[:2])


def test_without_redis_every_claim_is_granted() -> None:
    claims = RedisEmbeddingClaims(f"redis://127.0.0.1:{free_port()}/0")
    assert claims.claim(["a", "b"], 60) == {"a", "b"}
