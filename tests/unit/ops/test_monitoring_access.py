"""/metrics and /api/cache-stats: when no token is set, only requests straight from this
machine or a private network (none a proxy passed on); else only the token's bearer, from
anywhere."""

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
def app(fake_shop: Shop) -> Iterator[Starlette]:
    set_shop(fake_shop)
    yield Starlette(routes=[Route("/api/cache-stats", monitoring_only(cache_stats))])
    set_shop(None)


@pytest.fixture
def client(app: Starlette) -> TestClient:
    return TestClient(app, client=("93.184.216.34", 50000))  # a public address


@pytest.mark.parametrize("peer", ["127.0.0.1", "::1", "::ffff:127.0.0.1", "10.0.4.2", "fd00::7"])
def test_without_a_token_set_this_machine_and_a_private_network_read_them(
    app: Starlette, peer: str
) -> None:
    assert TestClient(app, client=(peer, 50000)).get("/api/cache-stats").status_code == 200


@pytest.mark.parametrize("peer", ["169.254.1.1", "2001::1", "198.18.0.1"])
def test_without_a_token_set_what_python_calls_private_but_is_not_nearby_is_refused(
    app: Starlette, peer: str
) -> None:
    """Link-local, Teredo (internet clients), benchmarking: is_private took them in (review)."""
    assert TestClient(app, client=(peer, 50000)).get("/api/cache-stats").status_code == 401


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-Forwarded-For": "198.51.100.4"}, {"Forwarded": "for=198.51.100.4"}],
    ids=["public", "proxied", "forwarded"],
)
def test_without_a_token_set_the_world_and_a_proxy_are_refused(
    app: Starlette, headers: dict[str, str]
) -> None:
    """A shop put online without the token (a QA probe read its order volume and backlogs
    from outside); behind a proxy on the same machine the peer is 127.0.0.1, so what the
    proxy adds says it was passed on."""
    peer = "93.184.216.34" if not headers else "127.0.0.1"
    refused = TestClient(app, client=(peer, 50000)).get("/api/cache-stats", headers=headers)
    assert refused.status_code == 401
    assert "BOUTIQUE_METRICS_TOKEN" in refused.json()["error"]
    assert "hit_ratio" not in refused.text


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
