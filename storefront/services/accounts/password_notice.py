"""The notice mailed to an account's address whenever its password changes (from the account
page, by a reset link, or by the operator's create-admin): when, on the shop's clock, and
what to do if it was not its owner (reset it again, write to the shop). Sent as the notice
of a changed email is (email_change.py): straight after the change, which stays whatever the
mail server does (its failure is logged)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from storefront.services.accounts.mail import password_changed_mail
from storefront.services.accounts.ports import Mailer

log = logging.getLogger(__name__)
UTC_ZONE = ZoneInfo("UTC")


@dataclass(frozen=True)
class PasswordNotice:
    """`zone`: the shop's (BOUTIQUE_TIMEZONE); `reset_page`: the page asking for a reset link
    (none: the mail names it only); `contact`: the address shoppers write to (none: reply)."""

    mailer: Mailer
    zone: ZoneInfo = UTC_ZONE
    reset_page: str = ""
    contact: str = ""

    def send(self, email: str, at: datetime, lang: str) -> None:
        """Tell `email` its account's password changed `at`, in `lang`; never raises."""
        mail = password_changed_mail(lang, at, self.zone, self.reset_page, self.contact)
        try:
            self.mailer.send(email, *mail)
        except Exception:  # the password is changed whatever its notice does
            log.exception("mailing the notice of a changed password")
