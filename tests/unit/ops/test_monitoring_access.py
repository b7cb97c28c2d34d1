"""/metrics and /api/cache-stats: anyone when no token is set, else only its bearer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.testclient import TestClient

from storefront.api.health import cache_stats
from storefront.api.monitoring_access import monitoring_only
from storefront.bootstrap import Shop, set_shop
from storefront.settings import Settings

TOKEN = "s3cret-token-for-prometheus"


@pytest.fixture
def client(fake_shop: Shop) -> Iterator[TestClient]:
    set_shop(fake_shop)
    app = Starlette(routes=[Route("/api/cache-stats", monitoring_only(cache_stats))])
    yield TestClient(app)
    set_shop(None)


def test_without_a_token_set_anyone_reads_them(client: TestClient) -> None:
    assert client.get("/api/cache-stats").status_code == 200


@pytest.mark.parametrize(
    "authorization",
    ["", "Bearer", "Bearer wrong-token-of-some-length", f"Basic {TOKEN}", f"Bearer {TOKEN}x"],
)
def test_with_a_token_set_only_its_bearer_reads_them(
    client: TestClient, fake_shop: Shop, authorization: str
) -> None:
    fake_shop.settings = fake_shop.settings.model_copy(update={"metrics_token": TOKEN})
    headers = {"Authorization": authorization} if authorization else {}
    refused = client.get("/api/cache-stats", headers=headers)
    assert refused.status_code == 401
    assert refused.headers["www-authenticate"].startswith("Bearer")
    assert "hit_ratio" not in refused.text
    allowed = client.get("/api/cache-stats", headers={"Authorization": f"Bearer {TOKEN}"})
    assert allowed.status_code == 200
    assert "hit_ratio" in allowed.json()


@pytest.mark.parametrize(
    "token", ["short", "CHANGE-ME-to-a-long-random-value", "has a space in it!"]
)
def test_a_weak_or_placeholder_token_is_refused_at_start(token: str) -> None:
    with pytest.raises(ValueError, match="BOUTIQUE_METRICS_TOKEN"):
        Settings(metrics_token=token)
