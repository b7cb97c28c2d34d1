"""Accounts on real SQLite and PostgreSQL with real argon2 (at its lowest cost, but where the
recommended one is tested): sign-up, throttled sign-in, sessions, single-use expiring
password resets mailed through the outbox."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher, extract_parameters, profiles
from sqlalchemy import text

from storefront.adapters.passwords import Argon2Hasher
from storefront.bootstrap import Shop, build_shop
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.lockout import MAX_FAILURES
from storefront.services.accounts.resets import MAX_OPEN_RESETS, Resets
from storefront.services.accounts.service import Accounts
from storefront.services.throttle import RESET_REQUESTS
from tests.conftest import settings_for
from tests.integration.confirmed import deliver_welcomes

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
RESET_URL = "https://shop.example/account/reset"


@pytest.fixture
def shop(database_url: str, make_shop: Callable[..., Shop]) -> Shop:
    return make_shop(database_url)


def accounts_of(shop: Shop) -> Accounts:
    assert shop.accounts is not None
    return shop.accounts


def resets_of(shop: Shop) -> Resets:
    assert shop.resets is not None
    return shop.resets


def outbox(shop: Shop) -> list[tuple[str, str, str]]:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return [
            (r[0], r[1], r[2])
            for r in connection.execute(
                text("select recipient, subject, body from mail_outbox order by id")
            )
            # Not the welcome every sign-up mails (test_email_confirmation.py's).
            if "/account/confirm?token=" not in r[2]
        ]


def test_sign_up_sign_in_and_out(shop: Shop) -> None:
    accounts = accounts_of(shop)
    first = accounts.sign_up(" Ann@Example.com ", "correct horse battery", "Ann", NOW)
    assert accounts.session(first.session_token, NOW) == first.account_id
    with pytest.raises(AccountError) as taken:
        accounts.sign_up("ann@example.com", "another long password", "Imposter", NOW)
    assert taken.value.code == "account.error.taken"

    again = accounts.sign_in("ANN@example.com", "correct horse battery", NOW)
    assert again.account_id == first.account_id
    accounts.sign_out(again.session_token, NOW)
    assert accounts.session(again.session_token, NOW) is None
    assert accounts.session(first.session_token, NOW + timedelta(days=31)) is None
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        stored = connection.execute(text("select password_hash from account")).scalar_one()
    assert stored.startswith("$argon2id$")


def test_a_name_too_long_is_refused_at_sign_up_not_cut(shop: Shop) -> None:
    accounts = accounts_of(shop)
    with pytest.raises(AccountError) as refused:
        accounts.sign_up("long@example.com", "correct horse battery", "N" * 121, NOW)
    assert refused.value.code == "account.error.name_long"
    assert accounts.account_by_email("long@example.com") is None  # nothing was created
    signed = accounts.sign_up("long@example.com", "correct horse battery", " N  " * 60, NOW)
    account = accounts.account(signed.account_id)
    assert account is not None
    assert account.name == " ".join(["N"] * 60)  # 119 characters once tidied: kept whole


def test_wrong_passwords_lock_the_account_for_a_while(shop: Shop) -> None:
    accounts = accounts_of(shop)
    accounts.sign_up("bob@example.com", "a long enough secret", "", NOW)
    for _ in range(MAX_FAILURES):
        with pytest.raises(AccountError, match="credentials"):
            accounts.sign_in("bob@example.com", "wrong password!", NOW)
    with pytest.raises(AccountError, match="locked"):
        accounts.sign_in("bob@example.com", "a long enough secret", NOW + timedelta(minutes=1))
    later = NOW + timedelta(minutes=16)
    assert accounts.sign_in("bob@example.com", "a long enough secret", later).account_id > 0


def test_a_success_resets_the_failure_count(shop: Shop) -> None:
    accounts = accounts_of(shop)
    accounts.sign_up("cat@example.com", "a long enough secret", "", NOW)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(AccountError, match="credentials"):
            accounts.sign_in("cat@example.com", "wrong password!", NOW)
    accounts.sign_in("cat@example.com", "a long enough secret", NOW + timedelta(seconds=1))
    after = NOW + timedelta(seconds=2)
    for _ in range(MAX_FAILURES):  # counted from the success: checked, not locked
        with pytest.raises(AccountError, match="credentials"):
            accounts.sign_in("cat@example.com", "wrong password!", after)
    with pytest.raises(AccountError, match="locked"):
        accounts.sign_in("cat@example.com", "a long enough secret", after)


def test_a_trusted_browser_counts_its_failures_apart_until_a_reset(shop: Shop) -> None:
    accounts = accounts_of(shop)
    resets = resets_of(shop)
    signed = accounts.sign_up("dan@example.com", "a long enough secret", "", NOW)
    device = accounts.trust_device(signed.session_token, NOW)
    assert device
    for source in ("", device):  # everyone else, then the trusted browser: each locked apart
        for _ in range(MAX_FAILURES):
            with pytest.raises(AccountError, match="credentials"):
                accounts.sign_in("dan@example.com", "wrong password!", NOW, source)
        with pytest.raises(AccountError, match="locked"):
            accounts.sign_in("dan@example.com", "a long enough secret", NOW, source)
    later = NOW + timedelta(minutes=16)
    assert accounts.sign_in("dan@example.com", "a long enough secret", later, device)
    resets.request_reset("dan@example.com", RESET_URL, later)
    token = re.search(r"token=([\w-]+)", outbox(shop)[0][2]).group(1)  # type: ignore[union-attr]
    resets.reset_password(token, "a new long secret", later)
    after = later + timedelta(seconds=1)
    for _ in range(MAX_FAILURES):  # without its cookie's trust, the browser is anyone
        with pytest.raises(AccountError, match="credentials"):
            accounts.sign_in("dan@example.com", "wrong password!", after)
    with pytest.raises(AccountError, match="locked"):
        accounts.sign_in("dan@example.com", "a new long secret", after, device)


def test_a_password_reset_lifts_the_lockout_its_message_points_to(shop: Shop) -> None:
    """Locked by wrong guesses, the owner resets the password as they are told to: the new
    one then signs in from any browser (QA: locked until the 15 minutes ran out)."""
    accounts, resets = accounts_of(shop), resets_of(shop)
    accounts.sign_up("eve@example.com", "a long enough secret", "", NOW)
    for _ in range(MAX_FAILURES):
        with pytest.raises(AccountError, match="credentials"):
            accounts.sign_in("eve@example.com", "wrong password!", NOW)
    with pytest.raises(AccountError, match="locked"):
        accounts.sign_in("eve@example.com", "a long enough secret", NOW)
    resets.request_reset("eve@example.com", RESET_URL, NOW)
    token = re.search(r"token=([\w-]+)", outbox(shop)[0][2]).group(1)  # type: ignore[union-attr]
    after = NOW + timedelta(minutes=59)  # the link's last minute
    resets.reset_password(token, "a new long secret", after)
    later = after + timedelta(minutes=2)  # expired now, and pruned at its expiry before
    accounts.forget_expired(later)  # (review): the failures before it counted again
    assert accounts.sign_in("eve@example.com", "a new long secret", later).account_id > 0


def test_a_shop_wired_as_in_production_hashes_with_the_recommended_parameters(
    database_url: str, tmp_path: Path
) -> None:
    # The other tests' shops hash at the lowest cost (tests/conftest.py); a shop's own does not.
    shop = build_shop(settings_for(database_url, tmp_path))
    try:
        account_id = accounts_of(shop).sign_up("eve@example.com", "a long enough secret", "", NOW)
        assert shop.engine is not None
        with shop.engine.connect() as connection:
            stored = connection.execute(
                text("select password_hash from account where id = :id"),
                {"id": account_id.account_id},
            ).scalar_one()
    finally:
        assert shop.engine is not None
        shop.engine.dispose()
    assert extract_parameters(stored) == profiles.RFC_9106_LOW_MEMORY


def test_a_hash_with_weaker_parameters_is_upgraded_at_sign_in(
    database_url: str, make_shop: Callable[..., Shop]
) -> None:
    shop = make_shop(database_url, passwords=Argon2Hasher())  # the recommended parameters
    accounts = accounts_of(shop)
    account_id = accounts.sign_up("old@example.com", "a long enough secret", "", NOW).account_id
    weak = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    old_hash = weak.hash("a long enough secret")
    assert shop.engine is not None
    with shop.engine.begin() as connection:
        connection.execute(
            text("update account set password_hash = :h where id = :id"),
            {"h": old_hash, "id": account_id},
        )
    hasher = Argon2Hasher()
    assert hasher.needs_rehash(old_hash)
    assert accounts.sign_in("old@example.com", "a long enough secret", NOW).account_id == account_id
    with shop.engine.connect() as connection:
        stored = connection.execute(
            text("select password_hash from account where id = :id"), {"id": account_id}
        ).scalar_one()
    assert stored != old_hash
    assert not hasher.needs_rehash(stored)
    assert hasher.verify(stored, "a long enough secret")
    assert accounts.sign_in("old@example.com", "a long enough secret", NOW).account_id == account_id


def test_wrong_passwords_sent_at_once_are_counted_one_after_the_other(shop: Shop) -> None:
    """Twenty guesses at the same moment: only the first MAX_FAILURES are checked."""
    accounts = accounts_of(shop)
    accounts.sign_up("eve@example.com", "a long enough secret", "", NOW)
    start = threading.Barrier(20)

    def guess(n: int) -> str:
        start.wait()
        try:
            accounts.sign_in("eve@example.com", f"guess number {n}", NOW)
        except AccountError as refused:
            return refused.code
        return "in"

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(guess, range(20)))
    assert answers.count("account.error.credentials") == MAX_FAILURES
    assert answers.count("account.error.locked") == 20 - MAX_FAILURES


def test_an_email_too_long_for_any_account_is_wrong_credentials(shop: Shop) -> None:
    with pytest.raises(AccountError, match="credentials"):
        accounts_of(shop).sign_in("a" * 300 + "@example.com", "whatever it is", NOW)


def test_reset_requests_flooding_an_inbox_stop_at_three_unused_links(shop: Shop) -> None:
    accounts = accounts_of(shop)
    resets = resets_of(shop)
    accounts.sign_up("dee@example.com", "a long enough secret", "", NOW)
    with ThreadPoolExecutor(max_workers=8) as pool:  # asked over and over, some at once
        list(pool.map(lambda _: resets.request_reset("dee@example.com", RESET_URL, NOW), range(8)))
    assert len(outbox(shop)) == MAX_OPEN_RESETS
    token = re.search(r"token=([\w-]+)", outbox(shop)[0][2]).group(1)  # type: ignore[union-attr]
    resets.reset_password(token, "a new long secret", NOW)  # used: the others die with it
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        unused = "select count(*) from password_reset where used_at is null"
        assert connection.execute(text(unused)).scalar_one() == 0
    resets.request_reset("dee@example.com", RESET_URL, NOW)
    subjects = [mail[1] for mail in outbox(shop)[MAX_OPEN_RESETS:]]
    # The notice of the new password (test_password_notice.py), then the new link.
    assert subjects == ["Your Boutique password was changed", "Reset your Boutique password"]


def test_reset_requests_from_one_address_stop_at_the_limit_whatever_the_emails(
    shop: Shop,
) -> None:
    """A script mailing reset links to a list of inboxes from one address: 10 an hour, known
    emails or not (the refusal says nothing about them), then the address is refused."""
    accounts = accounts_of(shop)
    resets = resets_of(shop)
    for n in range(3):
        accounts.sign_up(f"list{n}@example.com", "a long enough secret", "", NOW)
    emails = [f"list{n % 5}@example.com" for n in range(RESET_REQUESTS.attempts)]
    for email in emails:
        resets.request_reset(email, RESET_URL, NOW, client="203.0.113.9")
    mailed = len(outbox(shop))
    assert mailed == 3 * 2  # 10 asks over 5 emails: two each for the three with accounts
    for email in ("list0@example.com", "nobody@example.com"):
        with pytest.raises(AccountError, match="too_many"):
            resets.request_reset(email, RESET_URL, NOW, client="203.0.113.9")
    resets.request_reset("list1@example.com", RESET_URL, NOW, client="198.51.100.4")
    assert len(outbox(shop)) == mailed + 1  # another address is not held back


def test_a_reset_link_works_once_before_it_expires(shop: Shop) -> None:
    accounts = accounts_of(shop)
    resets = resets_of(shop)
    old = accounts.sign_up("cy@example.com", "first long password", "Cy", NOW)
    resets.request_reset("cy@example.com", RESET_URL, NOW)
    resets.request_reset("nobody@example.com", RESET_URL, NOW)  # no mail, no error
    resets.request_reset("cy@example.com", RESET_URL, NOW, lang="fr")  # again, in French
    mails = outbox(shop)
    assert [m[0] for m in mails] == ["cy@example.com", "cy@example.com"]
    assert mails[0][1] == "Reset your Boutique password"
    assert mails[1][1] == "Réinitialisez votre mot de passe Boutique"
    assert "dans les 60\u00a0minutes" in mails[1][2]
    token = re.search(r"token=([\w-]+)", mails[0][2]).group(1)  # type: ignore[union-attr]
    other = re.search(r"token=([\w-]+)", mails[1][2]).group(1)  # type: ignore[union-attr]

    assert resets.link_usable(token, NOW)  # asking does not use it up
    assert resets.link_usable(token, NOW)
    assert not resets.link_usable("made-up", NOW)
    assert not resets.link_usable("", NOW)
    results: list[object] = []

    def use() -> None:
        try:
            results.append(resets.reset_password(token, "second long password", NOW))
        except AccountError as exc:
            results.append(exc.code)

    threads = [threading.Thread(target=use) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4  # an exception other than a refusal is lost with its thread
    assert sorted(map(str, results)).count("account.error.reset_invalid") == 3
    assert accounts.session(old.session_token, NOW) is None  # old sessions ended
    assert accounts.sign_in("cy@example.com", "second long password", NOW).account_id > 0
    with pytest.raises(AccountError, match="reset_invalid"):  # the other link died too
        resets.reset_password(other, "sneaky long password", NOW)

    resets.request_reset("cy@example.com", RESET_URL, NOW)
    late = re.search(r"token=([\w-]+)", outbox(shop)[-1][2]).group(1)  # type: ignore[union-attr]
    assert resets.link_usable(late, NOW + timedelta(minutes=59))
    assert not resets.link_usable(late, NOW + timedelta(minutes=61))
    assert not resets.link_usable(token, NOW)  # used
    with pytest.raises(AccountError, match="reset_invalid"):
        resets.reset_password(late, "third long password", NOW + timedelta(minutes=61))


def test_an_email_typed_with_a_combining_accent_is_the_same_address(shop: Shop) -> None:
    """ "josé" as one character (NFC) or as "e" and an accent (NFD) look the same: one account."""
    accounts = accounts_of(shop)
    composed, decomposed = "jos\u00e9@example.com", "JOSE\u0301@example.com"
    accounts.sign_up(decomposed, "a long enough secret", "", NOW)
    with pytest.raises(AccountError, match="taken"):
        accounts.sign_up(composed, "another long secret", "", NOW)
    accounts.sign_in(composed, "a long enough secret", NOW)
    found = accounts.account_by_email(composed)
    assert found is not None
    assert found.email == composed


def count(shop: Shop, table: str) -> int:
    assert shop.engine is not None
    with shop.engine.connect() as connection:
        return int(connection.execute(text(f"select count(*) from {table}")).scalar_one())


def test_expired_sessions_links_and_old_attempts_are_pruned_and_answer_as_before(
    shop: Shop,
) -> None:
    """The worker's hourly prune: what no check reads any more goes, and every check answers
    as it did (an expired session is no session, an old link is invalid, a lockout stands)."""
    accounts = accounts_of(shop)
    resets = resets_of(shop)
    old = accounts.sign_up("ada@example.com", "first long password", "Ada", NOW)
    deliver_welcomes(shop, NOW)
    resets.request_reset("ada@example.com", RESET_URL, NOW)
    stale = re.search(r"token=([\w-]+)", outbox(shop)[-1][2]).group(1)  # type: ignore[union-attr]
    with pytest.raises(AccountError, match="credentials"):
        accounts.sign_in("ada@example.com", "wrong password!", NOW)

    later = NOW + timedelta(days=40)  # the session (30 days), link and attempt are past
    live = accounts.sign_in("ada@example.com", "first long password", later)
    resets.request_reset("ada@example.com", RESET_URL, later)
    for _ in range(MAX_FAILURES):  # locks the account for a while
        with pytest.raises(AccountError, match="credentials"):
            accounts.sign_in("ada@example.com", "wrong password!", later + timedelta(minutes=1))
    before = {t: count(shop, t) for t in ("account_session", "password_reset", "sign_in_attempt")}

    # The first session, the first link, the failed attempt and the welcome's link (expired
    # a week after NOW, kept as long as the attempts past that), all of NOW.
    assert accounts.forget_expired(later) == 4
    after = {t: count(shop, t) for t in before}
    assert after == {
        "account_session": before["account_session"] - 1,
        "password_reset": before["password_reset"] - 1,
        "sign_in_attempt": before["sign_in_attempt"] - 1,
    }
    assert accounts.forget_expired(later) == 0
    assert accounts.session(old.session_token, later) is None
    assert accounts.session(live.session_token, later) == live.account_id
    with pytest.raises(AccountError, match="reset_invalid"):
        resets.reset_password(stale, "another long password", later)
    with pytest.raises(AccountError, match="locked"):  # the recent failures still count
        accounts.sign_in("ada@example.com", "first long password", later + timedelta(minutes=2))
