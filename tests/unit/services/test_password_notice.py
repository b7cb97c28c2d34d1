"""The notice of a changed password, on the in-memory fakes: mailed to the account's address
whenever its password changes (page, reset link, operator), saying when on the shop's clock and
what to do if it was not its owner; a mail server failing undoes nothing (the SQL twin:
tests/integration/test_password_notice.py)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from storefront.adapters.throttle import InProcessThrottle
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.mail import password_changed_mail
from storefront.services.accounts.password_notice import PasswordNotice
from storefront.services.accounts.resets import Resets
from storefront.services.accounts.service import Accounts
from tests.unit.services.test_accounts import Mails, MemoryAccounts, PlainHasher

PARIS = ZoneInfo("Europe/Paris")
AT = datetime(2026, 12, 1, 20, 5, tzinfo=UTC)  # 21:05 in Paris
PAGE = "https://shop.example/account/reset"
SHOP = "help@shop.example"
SUBJECT_EN = "Your Boutique password was changed"
SUBJECT_FR = "Votre mot de passe Boutique a été modifié"
PASSWORD = "long enough password"


class RefusingNotices(Mails):
    """A mail server that takes reset links but fails the notices."""

    def send(self, recipient: str, subject: str, body: str) -> None:
        if subject in (SUBJECT_EN, SUBJECT_FR):
            raise OSError("the mail server is down")
        super().send(recipient, subject, body)


def notices(mails: Mails) -> list[tuple[str, str, str]]:
    return [mail for mail in mails if mail[1] in (SUBJECT_EN, SUBJECT_FR)]


def shop(mails: Mails) -> tuple[Accounts, Resets]:
    store = MemoryAccounts()
    notice = PasswordNotice(mails, PARIS, reset_page=PAGE, contact=SHOP)
    throttle = InProcessThrottle()
    accounts = Accounts(store, PlainHasher(), mails, throttle=throttle, notice=notice)
    resets = Resets(store, PlainHasher(), mails, throttle=throttle, notice=notice)
    accounts.sign_up("ann@example.com", PASSWORD, "Ann", AT)
    return accounts, resets


def reset_token(resets: Resets, mails: Mails) -> str:
    resets.request_reset("ann@example.com", "/reset", AT)
    return mails[-1][2].split("token=")[1].split()[0]


def test_the_notice_says_when_on_the_shops_clock_and_what_to_do_in_english_and_french() -> None:
    subject, body = password_changed_mail("en", AT, PARIS, PAGE, SHOP)
    assert subject == SUBJECT_EN
    assert body == (
        "The password of your Boutique account was changed on 1 December 2026 at 21:05 "
        "(Europe/Paris time), and every other browser signed in to it was signed out.\n\n"
        "If you did not change it, someone else may know it: choose a new one at once (the "
        f"link it mails signs out every browser again):\n{PAGE}\n\n"
        f"Then tell the shop at {SHOP}: it can look into it with you."
    )
    subject, body = password_changed_mail("fr", AT, PARIS, PAGE, SHOP)
    assert subject == SUBJECT_FR
    assert body.startswith(
        "Le mot de passe de votre compte Boutique a été modifié le 1er décembre 2026 à "
        "21\u202fh\u202f05 (heure Europe/Paris), et tous les autres navigateurs"
    )
    assert f"\u202f:\n{PAGE}\n\n" in body
    assert body.endswith(
        f"Prévenez ensuite la boutique à {SHOP}\u202f: elle pourra vérifier avec vous."
    )


def test_without_a_page_or_contact_the_notice_names_the_sign_in_pages_link_and_a_reply() -> None:
    _, body = password_changed_mail("en", AT, ZoneInfo("UTC"), "", "")
    assert "on 1 December 2026 at 20:05 (UTC time)" in body
    assert '"Forgot your password?" on the sign-in page.' in body
    assert body.endswith(
        "Then tell the shop by replying to this email: it can look into it with you."
    )
    assert "http" not in body


def test_a_reset_link_used_tells_the_accounts_address_once_in_the_pages_language() -> None:
    mails = Mails()
    accounts, resets = shop(mails)
    token = reset_token(resets, mails)
    assert notices(mails) == []  # asking for a link changes nothing
    signed = resets.reset_password(token, "a new long password", AT, lang="fr")
    [(to, subject, body)] = notices(mails)
    assert (to, subject) == ("ann@example.com", SUBJECT_FR)
    assert "21\u202fh\u202f05 (heure Europe/Paris)" in body
    assert PAGE in body
    assert SHOP in body
    assert accounts.session(signed.session_token, AT) == signed.account_id


def test_a_refused_reset_tells_nobody() -> None:
    mails = Mails()
    _, resets = shop(mails)
    token = reset_token(resets, mails)
    with pytest.raises(AccountError, match="password_short"):
        resets.reset_password(token, "short", AT)
    with pytest.raises(AccountError, match="reset_invalid"):
        resets.reset_password("made-up", "a new long password", AT)
    resets.reset_password(token, "a new long password", AT)
    with pytest.raises(AccountError, match="reset_invalid"):  # used: nothing changes again
        resets.reset_password(token, "yet another password", AT)
    assert len(notices(mails)) == 1


def test_a_mail_server_failing_the_notice_undoes_no_reset(caplog: pytest.LogCaptureFixture) -> None:
    mails = RefusingNotices()
    accounts, resets = shop(mails)
    token = reset_token(resets, mails)
    with caplog.at_level(logging.ERROR):
        signed = resets.reset_password(token, "a new long password", AT)
    assert accounts.session(signed.session_token, AT) == signed.account_id
    assert accounts.sign_in("ann@example.com", "a new long password", AT).account_id
    with pytest.raises(AccountError, match="credentials"):
        accounts.sign_in("ann@example.com", PASSWORD, AT)
    assert "mailing the notice of a changed password" in caplog.text


def test_a_password_changed_from_the_account_page_tells_when_even_if_the_mail_fails(
    caplog: pytest.LogCaptureFixture,
) -> None:
    mails = Mails()
    accounts, _ = shop(mails)
    here = accounts.sign_in("ann@example.com", PASSWORD, AT)
    accounts.change_password(here.account_id, PASSWORD, "second password", AT, here.session_token)
    [(to, subject, body)] = notices(mails)
    assert (to, subject) == ("ann@example.com", SUBJECT_EN)
    assert "1 December 2026 at 21:05 (Europe/Paris time)" in body
    refusing = RefusingNotices()
    accounts, _ = shop(refusing)
    here = accounts.sign_in("ann@example.com", PASSWORD, AT)
    with caplog.at_level(logging.ERROR):
        accounts.change_password(
            here.account_id, PASSWORD, "second password", AT, here.session_token
        )
    assert accounts.sign_in("ann@example.com", "second password", AT).account_id
    assert "mailing the notice of a changed password" in caplog.text


def test_a_password_the_operator_sets_tells_the_account_too() -> None:
    mails = Mails()
    _, resets = shop(mails)
    resets.set_password(1, "an operator's password", AT, lang="fr")
    assert [(to, subject) for to, subject, _ in notices(mails)] == [("ann@example.com", SUBJECT_FR)]
