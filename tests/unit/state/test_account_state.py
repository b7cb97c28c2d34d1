import logging
import re
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import reflex as rx
from reflex.istate.data import RouterData

# Registered before any state tree is built: the account page's load reaches them (run
# alone, this module would otherwise build trees without them).
import state.account_confirm
import state.account_email
import state.account_security  # noqa: F401
from models.types import utc_now
from state import client as client_module
from state.account import AccountState
from state.client import client_of
from state.locale import LocaleState
from state.visitor import visitor_of
from storefront.adapters.throttle import InProcessThrottle
from storefront.bootstrap import Shop, set_shop
from storefront.i18n import translations
from storefront.services.accounts.lockout import MAX_FAILURES
from storefront.services.accounts.resets import Resets
from storefront.services.accounts.service import DEVICE_COOKIE, Accounts
from storefront.services.throttle import FAILED_SIGN_INS, SIGN_UPS
from tests.unit.services.test_accounts import Mails, MemoryAccounts, PlainHasher
from tests.unit.state.test_listing_state import at


@pytest.fixture(autouse=True)
def accounts_shop(fake_shop: Shop) -> Iterator[Shop]:
    store, hasher, mails, throttle = MemoryAccounts(), PlainHasher(), Mails(), InProcessThrottle()
    fake_shop.accounts = Accounts(store, hasher, mails, throttle=throttle)
    fake_shop.resets = Resets(store, hasher, mails, throttle=throttle)
    set_shop(fake_shop)
    yield fake_shop
    set_shop(None)


def connected(state: rx.State, cookie: str) -> None:
    """The tab's connection (re)opens with this Cookie header."""
    headers = {"cookie": cookie} if cookie else {}
    state.parent_state.router = RouterData.from_router_data(  # type: ignore[union-attr]
        {
            "pathname": "/account",
            "asPath": "/account",
            "query": {},
            "headers": headers,
            "sid": uuid.uuid4().hex,  # each connection has its own socket id
        }
    )


async def test_a_refused_sign_up_shows_the_reason_in_both_languages() -> None:
    state = at(AccountState, "/account/sign-in")
    result = await state.sign_up({"email": "nope", "password": "long enough pw", "name": ""})  # type: ignore[attr-defined]
    assert result is None
    assert state.error["en"] == "Please enter a valid email address."
    assert state.error["fr"].startswith("Veuillez")
    assert state.account_id == 0
    assert state._session_token() == ""  # type: ignore[attr-defined]


async def test_sign_up_hands_the_session_to_its_cookie_and_sign_out_clears_it(
    accounts_shop: Shop,
) -> None:
    state = at(AccountState, "/account/sign-in")
    form = {"email": "ann@example.com", "password": "long enough pw", "name": "Ann"}
    script = str(await state.sign_up(form))  # type: ignore[attr-defined]
    assert state.account_id == 1
    assert (state.email, state.name) == ("ann@example.com", "Ann")
    session = state._session_token()  # type: ignore[attr-defined]
    assert len(session) > 30
    # The page posts a grant, never the session itself, and the grant gives the session once.
    assert "/api/session" in script
    assert session not in script
    grant = re.search(r'"grant": "([^"]+)"', script.replace('\\"', '"'))
    assert grant is not None, script
    assert accounts_shop.accounts is not None
    assert accounts_shop.accounts.take_over(grant.group(1), utc_now()) == session
    assert accounts_shop.accounts.session(session, utc_now()) == 1
    script = str(await state.sign_out())  # type: ignore[attr-defined]
    assert "/api/session/end" in script
    assert (state.account_id, state._session_token(), state.email) == (0, "", "")  # type: ignore[attr-defined]
    assert accounts_shop.accounts.session(session, utc_now()) is None


async def test_sign_out_gives_the_browser_a_new_visitor_id() -> None:
    state = at(AccountState, "/account/sign-in")
    form = {"email": "ann@example.com", "password": "long enough pw", "name": "Ann"}
    await state.sign_up(form)  # type: ignore[attr-defined]
    ann = await visitor_of(state)
    await state.sign_out()  # type: ignore[attr-defined]
    after = await visitor_of(state)
    assert after != ann
    assert len(after) == 32


async def test_the_tab_follows_the_cookie_each_new_connection_brings() -> None:
    state = at(AccountState, "/account")
    connected(state, "theme=dark; boutique_session=old-one")
    assert state._session_token() == "old-one"  # type: ignore[attr-defined]
    form = {"email": "ann@example.com", "password": "long enough pw", "name": "Ann"}
    await state.sign_up(form)  # type: ignore[attr-defined]
    new = state._session_token()  # type: ignore[attr-defined]
    assert new != "old-one"  # the connection's old cookie does not win over the sign-in
    connected(state, f"boutique_session={new}")  # the page reloads with the cookie set
    assert state._session_token() == new  # type: ignore[attr-defined]
    connected(state, "")  # signed out in another tab, then reloaded: the cookie is gone
    assert state._session_token() == ""  # type: ignore[attr-defined]


async def test_a_sign_in_whose_cookie_was_not_set_ends_with_the_connection() -> None:
    state = at(AccountState, "/account")
    connected(state, "")
    form = {"email": "ann@example.com", "password": "long enough pw", "name": "Ann"}
    await state.sign_up(form)  # type: ignore[attr-defined]
    assert state._session_token() != ""  # type: ignore[attr-defined]
    connected(state, "")  # the post to /api/session failed: the new page has no cookie
    assert state._session_token() == ""  # type: ignore[attr-defined]
    await state.load()  # type: ignore[attr-defined]
    assert state.account_id == 0


async def test_sign_in_brings_the_device_cookie_of_the_tabs_connection(
    accounts_shop: Shop,
) -> None:
    """The trusted browser's cookie reaches the sign-in: guesses made elsewhere (here enough to
    lock the email) do not keep this tab out."""
    state = at(AccountState, "/account/sign-in")
    form = {"email": "ann@example.com", "password": "long enough pw", "name": "Ann"}
    await state.sign_up(form)  # type: ignore[attr-defined]
    accounts = accounts_shop.accounts
    assert accounts is not None
    device = accounts.trust_device(state._session_token(), utc_now())  # type: ignore[attr-defined]
    await state.sign_out()  # type: ignore[attr-defined]
    wrong = {"email": "ann@example.com", "password": "a wrong guess"}
    for _ in range(MAX_FAILURES):
        await state.sign_in(wrong)  # type: ignore[attr-defined]
    right = {"email": "ann@example.com", "password": "long enough pw"}
    connected(state, "theme=dark")  # another browser: locked out
    assert await state.sign_in(right) is None  # type: ignore[attr-defined]
    assert state.error["en"].startswith("Too many attempts")
    connected(state, f"theme=dark; {DEVICE_COOKIE}={device}")
    assert await state.sign_in(right) is not None  # type: ignore[attr-defined]
    assert state.account_id == 1


async def test_passwords_are_checked_on_their_own_threads(accounts_shop: Shop) -> None:
    """Sign-ins (argon2) queue on two threads of their own, not on the shoppers' ones."""
    accounts = accounts_shop.accounts
    assert accounts is not None
    threads: list[str] = []
    real_sign_in = accounts.sign_in

    def sign_in(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real_sign_in(*args, **kwargs)

    accounts.sign_in = sign_in  # type: ignore[method-assign]
    state = at(AccountState, "/account/sign-in")
    await state.sign_in({"email": "ann@example.com", "password": "long enough pw"})  # type: ignore[attr-defined]
    assert threads
    assert threads[0].startswith("password-hashing")


def connected_from(state: rx.State, peer: str, forwarded: str = "") -> None:
    """The tab's connection comes from `peer`, with this X-Forwarded-For header if any."""
    headers = {"x-forwarded-for": forwarded} if forwarded else {}
    state.parent_state.router = RouterData.from_router_data(  # type: ignore[union-attr]
        {"pathname": "/account", "headers": headers, "ip": peer, "sid": uuid.uuid4().hex}
    )


async def spray(state: rx.State, times: int, first: int = 0) -> None:
    """One guess each at `times` emails (numbered from `first`)."""
    for n in range(first, first + times):
        await state.sign_in({"email": f"user{n}@example.com", "password": "Summer2026!"})  # type: ignore[attr-defined]


async def test_guesses_at_many_emails_from_one_address_are_stopped_with_a_message() -> None:
    state = at(AccountState, "/account/sign-in")
    await state.sign_up({"email": "ann@example.com", "password": "long enough pw", "name": ""})  # type: ignore[attr-defined]
    await state.sign_out()  # type: ignore[attr-defined]
    connected_from(state, "192.0.2.66")
    await spray(state, FAILED_SIGN_INS.attempts)
    right = {"email": "ann@example.com", "password": "long enough pw"}
    assert await state.sign_in(right) is None  # type: ignore[attr-defined]
    assert state.error == translations("account.error.too_many")
    assert state.error["fr"].startswith("Trop de tentatives depuis votre réseau")
    connected_from(state, "198.51.100.7")  # Ann, somewhere else
    assert await state.sign_in(right) is not None  # type: ignore[attr-defined]


async def test_a_forwarded_address_counts_only_behind_trusted_proxies(
    accounts_shop: Shop,
) -> None:
    """Straight from the internet, a script writing a new X-Forwarded-For on every attempt is
    still one client; behind a proxy, each shopper the proxy names is a client of its own."""
    state = at(AccountState, "/account/sign-in")
    for n in range(FAILED_SIGN_INS.attempts):
        connected_from(state, "192.0.2.66", forwarded=f"203.0.113.{n}")
        await spray(state, 1, first=n)
    connected_from(state, "192.0.2.66", forwarded="203.0.113.200")
    await spray(state, 1, first=100)
    assert state.error == translations("account.error.too_many")

    accounts_shop.settings = accounts_shop.settings.model_copy(update={"trusted_proxies": 1})
    connected_from(state, "10.0.0.2", forwarded="192.0.2.66, 203.0.113.7")
    await spray(state, 1, first=101)
    assert state.error == translations("account.error.credentials")
    connected_from(state, "10.0.0.2", forwarded="203.0.113.7, 192.0.2.66")
    await spray(state, 1, first=102)
    assert state.error == translations("account.error.too_many")


async def test_sign_ups_from_one_address_are_stopped_and_create_nothing(
    accounts_shop: Shop,
) -> None:
    state = at(AccountState, "/account/sign-in")
    connected_from(state, "192.0.2.66")
    for n in range(SIGN_UPS.attempts):
        form = {"email": f"new{n}@example.com", "password": "long enough pw", "name": ""}
        assert await state.sign_up(form) is not None  # type: ignore[attr-defined]
    form = {"email": "one-more@example.com", "password": "long enough pw", "name": ""}
    assert await state.sign_up(form) is None  # type: ignore[attr-defined]
    assert state.error == translations("account.error.too_many")
    assert accounts_shop.accounts is not None
    assert accounts_shop.accounts.account_by_email("one-more@example.com") is None


def test_a_proxy_the_settings_do_not_mention_is_warned_about_once(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_module, "_warned", False)
    page = at(AccountState, "/account/sign-in")
    with caplog.at_level(logging.WARNING, logger="state.client"):
        connected_from(page, "93.184.216.34")  # no header: nothing to say
        assert client_of(page) == "93.184.216.34"
        assert caplog.records == []
        # A proxy in front (local, or a CDN on public addresses), or a client writing the
        # header itself: ignored, and said once.
        for peer in ("127.0.0.1", "93.184.216.34", "127.0.0.1"):
            connected_from(page, peer, forwarded="198.51.100.7")
            assert client_of(page) == peer
    assert len(caplog.records) == 1
    assert "BOUTIQUE_TRUSTED_PROXIES" in caplog.records[0].getMessage()


async def test_a_refused_form_marks_its_fields_at_fault_and_counts_the_refusal() -> None:
    """The page marks the fields named in `invalid` (aria-invalid, described by the error
    line) and takes the focus to the first of them at each new `refused`; the sign-in page's
    other form, with fields of the same names, is not marked."""
    state: Any = at(AccountState, "/account/sign-in")
    await state.sign_up({"email": "nope", "password": "long enough pw", "name": ""})
    assert (state.invalid, state.refused) == (["sign-up-form/email"], "sign-up-form#1")
    await state.sign_up({"email": "ann@example.com", "password": "short", "name": ""})
    assert (state.invalid, state.refused) == (["sign-up-form/password"], "sign-up-form#2")
    await state.sign_up({"email": "ann@example.com", "password": "short", "name": ""})
    assert state.refused == "sign-up-form#3"  # the same refusal again: the focus moves again
    await state.sign_in({"email": "ann@example.com", "password": "not the one"})
    assert state.error == translations("account.error.credentials")
    assert state.invalid == ["sign-in-form/email", "sign-in-form/password"]
    assert state.refused == "sign-in-form#4"
    await state.sign_in({"email": "ann\x00@example.com", "password": "long enough pw"})
    assert (state.invalid, state.refused) == ([], "sign-in-form#5")  # about no one field
    await state.load_sign_in_page()
    assert (state.error, state.invalid) == ({}, [])


async def test_a_taken_email_is_marked_and_a_success_clears_the_marks() -> None:
    state: Any = at(AccountState, "/account/sign-in")
    form = {"email": "ann@example.com", "password": "long enough pw", "name": "Ann"}
    await state.sign_up(form)
    await state.sign_out()
    await state.sign_up(form)
    assert state.error == translations("account.error.taken")
    assert state.invalid == ["sign-up-form/email"]
    await state.sign_in(form)
    assert (state.error, state.invalid) == ({}, [])
    await state.rename({"name": "A" * 200})
    assert (state.invalid, state.refused) == (["profile-form/name"], "profile-form#2")
    await state.rename({"name": "Ann"})
    assert (state.error, state.invalid) == ({}, [])


async def test_the_account_page_a_reset_signs_in_to_says_the_password_is_changed(
    accounts_shop: Shop,
) -> None:
    assert accounts_shop.accounts is not None
    assert accounts_shop.resets is not None
    accounts_shop.accounts.sign_up("ann@example.com", "long enough pw", "Ann", utc_now())
    accounts_shop.resets.request_reset("ann@example.com", "/account/reset", utc_now())
    mails = accounts_shop.resets._mailer  # type: ignore[attr-defined]
    token = mails[-1][2].split("token=")[1].split()[0]
    state: Any = at(AccountState, "/account/reset", {"token": token})
    script = str(await state.set_new_password({"password": "a new long password"}))
    assert "/api/session" in script  # signed in, on to the account page, loaded afresh
    connected(state, f"boutique_session={state._session_token()}")
    assert await state.load_account_page() is None  # signed in: no way back to sign in
    assert state.notice == translations("account.reset_done")
    await state.load_account_page()  # said once
    assert state.notice == {}


async def test_a_reset_from_a_french_page_tells_the_account_in_french(
    accounts_shop: Shop,
) -> None:
    assert accounts_shop.accounts is not None
    assert accounts_shop.resets is not None
    accounts_shop.accounts.sign_up("ann@example.com", "long enough pw", "Ann", utc_now())
    accounts_shop.resets.request_reset("ann@example.com", "/account/reset", utc_now())
    mails = accounts_shop.resets._mailer  # type: ignore[attr-defined]
    token = mails[-1][2].split("token=")[1].split()[0]
    state: Any = at(AccountState, "/account/reset", {"token": token})
    (await state.get_state(LocaleState)).lang = "fr"
    assert "/api/session" in str(await state.set_new_password({"password": "a new long pw"}))
    assert mails[-1][:2] == ("ann@example.com", "Votre mot de passe Boutique a été modifié")


async def test_signing_up_or_in_brings_no_password_notice() -> None:
    state: Any = at(AccountState, "/account/sign-in")
    await state.sign_up({"email": "bo@example.com", "password": "long enough pw", "name": ""})
    connected(state, f"boutique_session={state._session_token()}")
    assert await state.load_account_page() is None
    assert state.notice == {}


async def test_a_form_busy_since_it_was_sent_is_idle_after_it_and_on_a_page_opened_afresh() -> None:
    state: Any = at(AccountState, "/account/sign-in")
    state.working()
    assert state.busy  # the button spins while the password is hashed
    await state.sign_in({"email": "nobody@example.com", "password": "long enough pw"})
    state.worked()
    assert not state.busy
    state.working()  # its `worked` lost (the tab left for the account page meanwhile)
    await state.load_account_page()
    assert not state.busy
