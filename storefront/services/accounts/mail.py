"""The mails an account sends its owner, as (subject, body) in `lang` (the language of the
page that asked): a link to reset the password, the notice of a changed password, the
receipt of a closed account, the welcome and links confirming the account's address, and the
link adding the orders placed as a guest to the account. Their texts: storefront/
i18n_account_mail.py, i18n_email_confirm.py and (guest orders) i18n_order.py."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from storefront.i18n import translate
from storefront.i18n_format import format_date, format_time


def closed_mail(lang: str) -> tuple[str, str]:
    return _mail(lang, "closed")


def password_changed_mail(
    lang: str, at: datetime, zone: ZoneInfo, reset_page: str, contact: str
) -> tuple[str, str]:
    """The notice of a password changed `at` (on `zone`'s clock, named): if it was not the
    account's owner, a new one at once from `reset_page`, and a word to `contact` (without
    one: a reply, which the shop's SMTP mails send to its contact address)."""
    local = at.astimezone(zone)
    when = translate(
        lang,
        "account.mail.changed.at",
        day=format_date(lang, local.date()),
        time=format_time(lang, local, zone),
        zone=zone.key,
    )
    not_you = (
        translate(lang, "account.mail.changed.not_you_link", link=reset_page)
        if reset_page
        else translate(lang, "account.mail.changed.not_you")
    )
    tell = (
        translate(lang, "account.mail.changed.contact", contact=contact)
        if contact
        else translate(lang, "account.mail.changed.reply")
    )
    paragraphs = [translate(lang, "account.mail.changed.body", at=when), not_you, tell]
    return translate(lang, "account.mail.changed.subject"), "\n\n".join(paragraphs)


def reset_mail(lang: str, link: str, minutes: int) -> tuple[str, str]:
    """The mail carrying a password reset `link`, which works for `minutes`."""
    return _mail(lang, "reset", link=link, minutes=minutes)


def team_mail(lang: str, link: str, minutes: int) -> tuple[str, str]:
    """The mail to an account given a role on the team: its password was cleared, and `link`
    (valid `minutes`) chooses a new one."""
    return _mail(lang, "team", link=link, minutes=minutes)


def _mail(lang: str, name: str, **params: object) -> tuple[str, str]:
    subject = translate(lang, f"account.mail.{name}.subject")
    return subject, translate(lang, f"account.mail.{name}.body", **params)


def email_link_mail(lang: str, link: str, minutes: int, old_email: str) -> tuple[str, str]:
    """The mail to a new address carrying the `link` that makes it the account's."""
    return _mail(lang, "email_link", link=link, minutes=minutes, old=old_email)


def email_changed_mail(lang: str, new_email: str) -> tuple[str, str]:
    """The notice to the address an account had: it signs in with `new_email` now."""
    return _mail(lang, "email_changed", new=new_email)


def welcome_mail(lang: str, link: str, days: int) -> tuple[str, str]:
    """The mail a new account is sent: welcome, and the `link` (valid `days`) confirming
    that its address is its owner's."""
    return _mail(lang, "welcome", link=link, days=days)


def confirm_mail(lang: str, link: str, days: int) -> tuple[str, str]:
    """A new `link` (valid `days`) confirming the account's address, asked from its page."""
    return _mail(lang, "confirm", link=link, days=days)


def guest_orders_mail(lang: str, link: str, minutes: int) -> tuple[str, str]:
    """The `link` (valid `minutes`) adding the orders placed as a guest with the account's
    address to it, once opened in a browser signed in to the account: asked from its page.
    It says nothing of whether there are any (guest_orders.py)."""
    return _mail(lang, "guest_orders", link=link, minutes=minutes)
