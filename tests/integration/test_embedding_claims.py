"""Claims on texts to encode, in real Redis: of two processes claiming the same texts one
gets each; a claim lapses; without Redis every claim is granted (encoding twice beats not
encoding)."""

from __future__ import annotations

import time
import uuid

from storefront.adapters.embedding_claims import RedisEmbeddingClaims
from tests.ports import free_port


def test_each_text_goes_to_one_process_until_its_claim_lapses(redis_server: str) -> None:
    first, second = RedisEmbeddingClaims(redis_server), RedisEmbeddingClaims(redis_server)
    keys = [f"test-{uuid.uuid4().hex}:{n}" for n in range(6)]
    assert first.claim(keys[:4], 1) == set(keys[:4])
    assert second.claim(keys, 1) == set(keys[4:])
    time.sleep(1.2)
    assert second.claim(keys[:2], 60) == set(keys[:2])


def test_without_redis_every_claim_is_granted() -> None:
    claims = RedisEmbeddingClaims(f"redis://127.0.0.1:{free_port()}/0")
    assert claims.claim(["a", "b"], 60) == {"a", "b"}
