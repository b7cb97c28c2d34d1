"""The session cookie's HTTP routes on real SQLite and PostgreSQL: a grant becomes an HttpOnly
cookie once, another site's form is refused, and the browser only goes on within the shop."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from httpx import Response
from starlette.testclient import TestClient

from models.types import utc_now
from storefront.api.routes import build_api
from storefront.api.session_cookie import SIGNED_MARK
from storefront.bootstrap import Shop, set_shop
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.lockout import MAX_FAILURES
from storefront.services.accounts.service import (
    DEVICE_COOKIE,
    DEVICE_DAYS,
    SESSION_COOKIE,
    Accounts,
)
from storefront.services.accounts.sessions import SESSION_DAYS

OWN = {"origin": "http://testserver"}


@pytest.fixture
def shop(current_shop: Shop) -> Shop:
    return current_shop


def accounts_of(shop: Shop) -> Accounts:
    assert shop.accounts is not None
    return shop.accounts


def session_and_grant(shop: Shop) -> tuple[str, str]:
    signed = accounts_of(shop).sign_up("ann@example.com", "long enough pw", "Ann", utc_now())
    return signed.session_token, accounts_of(shop).hand_over(signed.session_token, utc_now())


def set_cookies(answer: Response) -> dict[str, tuple[str, set[str]]]:
    """Each cookie the answer sets: its value and attributes (lower case)."""
    cookies = {}
    for header in answer.headers.get_list("set-cookie"):
        pair, *attributes = header.split(";")
        name, value = pair.split("=", 1)
        cookies[name] = (value, {part.strip().lower() for part in attributes})
    return cookies


def test_a_grant_sets_the_http_only_session_cookie_once(shop: Shop) -> None:
    session, grant = session_and_grant(shop)
    client = TestClient(build_api(), follow_redirects=False)
    answer = client.post("/api/session", data={"grant": grant, "next": "/account"}, headers=OWN)
    assert (answer.status_code, answer.headers["location"]) == (303, "/account")
    cookies = set_cookies(answer)
    value, attributes = cookies[SESSION_COOKIE]
    assert value == session
    assert {"httponly", "path=/", "samesite=lax", f"max-age={SESSION_DAYS * 24 * 3600}"} <= (
        attributes
    )
    assert "secure" not in attributes  # the shop's public address is http here
    device, attributes = cookies[DEVICE_COOKIE]  # the browser is trusted from now on
    assert device
    assert {"httponly", "path=/", "samesite=lax", f"max-age={DEVICE_DAYS * 24 * 3600}"} <= (
        attributes
    )
    mark, attributes = cookies[SIGNED_MARK]  # for the browser's other tabs to see
    assert mark
    assert "httponly" not in attributes
    again = TestClient(build_api(), follow_redirects=False).post(
        "/api/session", data={"grant": grant, "next": "/account"}, headers=OWN
    )
    assert (again.status_code, again.headers["location"]) == (303, "/account/sign-in")
    assert "set-cookie" not in again.headers


def test_another_sites_form_and_a_foreign_next_are_refused(shop: Shop) -> None:
    session, grant = session_and_grant(shop)
    client = TestClient(build_api(), follow_redirects=False)
    evil = {"origin": "https://evil.example"}
    refused = client.post("/api/session", data={"grant": grant, "next": "/"}, headers=evil)
    assert refused.status_code == 403
    assert "set-cookie" not in refused.headers
    client.cookies.set(SESSION_COOKIE, session)
    assert client.post("/api/session/end", data={"next": "/"}, headers=evil).status_code == 403
    assert accounts_of(shop).session(session, utc_now()) is not None  # still signed in
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "account"):
        grant = accounts_of(shop).hand_over(session, utc_now())
        answer = client.post("/api/session", data={"grant": grant, "next": target}, headers=OWN)
        assert (answer.status_code, answer.headers["location"]) == (303, "/")


def test_ending_the_session_clears_the_cookie_and_ends_it_on_the_server(shop: Shop) -> None:
    session, _ = session_and_grant(shop)
    client = TestClient(build_api(), follow_redirects=False)
    client.cookies.set(SESSION_COOKIE, session)
    answer = client.post("/api/session/end", data={"next": "/"}, headers=OWN)
    assert (answer.status_code, answer.headers["location"]) == (303, "/")
    cookies = set_cookies(answer)
    value, attributes = cookies[SESSION_COOKIE]
    assert value == '""'
    assert {"max-age=0", "httponly"} <= attributes
    assert cookies[SIGNED_MARK][0]  # a new mark: the browser's other tabs reload
    assert accounts_of(shop).session(session, utc_now()) is None


def test_the_browser_that_signed_in_is_not_locked_out_by_guesses_elsewhere(shop: Shop) -> None:
    """The device cookie the session's start sets outlives signing out, and keeps its
    browser able to sign in while someone else's wrong guesses lock the email."""
    _, grant = session_and_grant(shop)
    client = TestClient(build_api(), follow_redirects=False)
    client.post("/api/session", data={"grant": grant, "next": "/account"}, headers=OWN)
    device = client.cookies.get(DEVICE_COOKIE)
    assert device
    ended = client.post("/api/session/end", data={"next": "/"}, headers=OWN)
    assert DEVICE_COOKIE not in set_cookies(ended)  # signing out leaves it
    assert client.cookies.get(DEVICE_COOKIE) == device
    accounts = accounts_of(shop)
    for _ in range(MAX_FAILURES):
        with pytest.raises(AccountError, match="credentials"):
            accounts.sign_in("ann@example.com", "a guess", utc_now())
    with pytest.raises(AccountError, match="locked"):
        accounts.sign_in("ann@example.com", "long enough pw", utc_now())
    assert accounts.sign_in("ann@example.com", "long enough pw", utc_now(), device)


def test_an_https_shop_sends_the_cookie_secure_only(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(database_url, public_url="https://shop.example")
    set_shop(shop)
    try:
        _, grant = session_and_grant(shop)
        client = TestClient(build_api(), follow_redirects=False)
        answer = client.post(
            "/api/session",
            data={"grant": grant, "next": "/account"},
            headers={"origin": "https://shop.example"},  # behind a proxy: the public origin
        )
        assert answer.status_code == 303
        cookies = set_cookies(answer)
        assert "secure" in cookies[SESSION_COOKIE][1]
        assert "secure" in cookies[DEVICE_COOKIE][1]
    finally:
        set_shop(None)


def test_a_post_that_does_not_say_it_comes_from_this_shop_is_refused(shop: Shop) -> None:
    session, _ = session_and_grant(shop)
    client = TestClient(build_api(), follow_redirects=False)

    def post(headers: dict[str, str]) -> int:
        grant = accounts_of(shop).hand_over(session, utc_now())
        data = {"grant": grant, "next": "/account"}
        return client.post("/api/session", data=data, headers=headers).status_code

    assert post({}) == 403  # neither Origin nor Referer
    assert post({"referer": "https://evil.example/page"}) == 403
    assert post({**OWN, "sec-fetch-site": "cross-site"}) == 403
    assert post({"referer": "http://testserver/account/sign-in"}) == 303  # an older browser
    assert post({"origin": "HTTP://TestServer:80"}) == 303  # the same origin, spelt otherwise
    assert post({"origin": "http://localhost:3000"}) == 303  # the public (pages') origin
    assert post({"origin": "http://localhost:3001"}) == 403
    assert post({"origin": "null"}) == 403


def test_a_refused_post_tells_the_operator_which_addresses_were_expected(
    shop: Shop, caplog: pytest.LogCaptureFixture
) -> None:
    _, grant = session_and_grant(shop)
    client = TestClient(build_api(), follow_redirects=False)
    headers = {"origin": "https://shop.example"}  # e.g. behind a TLS proxy, public URL unset
    with caplog.at_level("WARNING", logger="storefront.api.session_cookie"):
        answer = client.post("/api/session", data={"grant": grant}, headers=headers)
    assert answer.status_code == 403
    assert "'https://shop.example'" in caplog.text
    assert "http://testserver" in caplog.text
    assert "http://localhost:3000" in caplog.text
    assert grant not in caplog.text
