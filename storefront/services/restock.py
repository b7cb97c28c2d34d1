"""Back-in-stock alerts: a shopper asks to be told when a sold-out variant is back (signed
in with a confirmed address: their account's email, at once; a guest, or an account whose
address is not confirmed yet: an email counted per client, which waits once its owner
confirmed it through a mailed link, services/restock_links.py, or confirmed the account's
address, services/accounts/email_confirmation.py), and is mailed once, in the language
they asked in, when its product changes and the variant has stock.

The bus handler reads the state, not the event: ProductChanged says only that the product
changed, and an alert exists only for a variant that was sold out when it was asked for, so
"waiting and in stock now" is "back in stock". Each mail is claimed before it is sent and
marked sent after (as the refund mails): a redelivered event finds nothing left to send, a
mail failing gives that claim back and the others are still mailed (the event is then
retried), a recipient the mail server refuses for good is marked done and refused (never
retried; the account page says the address was refused, not that it was mailed, and asking
again for the variant makes it wait again), and a claim whose sender died is taken over
after CLAIM_MINUTES by the next change of the product.
Each claim is stamped with the clock's time when it is taken: a long run's late claims are
as fresh as its first."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import quote

from models.types import utc_now
from storefront.i18n import translate
from storefront.services.accounts.credentials import normalize_email, token_hash
from storefront.services.accounts.errors import AccountError
from storefront.services.accounts.ports import Mailer, RecipientRefused
from storefront.services.orders.mail import CLAIM_MINUTES
from storefront.services.restock_links import (
    RELINK_AFTER,
    PendingLink,
    RestockError,
    RestockLinks,
    RestockLinkStore,
)
from storefront.services.restock_ports import DueAlert, RestockStore, Waiting
from storefront.services.throttle import Limit, Throttle

# Alerts asked for by one client, signed in or not: a shopper asks for a few; a script
# mailing strangers' inboxes from the shop stops at 20 an hour from one address.
RESTOCK_REQUESTS = Limit("restock", 20, 60 * 60)
# Links mailed to one address, whoever asks (keyed on the address's hash): a stranger's inbox
# gets a few a day however many clients and sold-out variants a script uses.
LINKS_PER_ADDRESS = Limit("restock-link", 5, 24 * 60 * 60)
BATCH = 200  # alerts mailed per read: a popular variant's thousands go in several reads
CHUNK = 500  # product ids asked about in one statement (an import changes thousands)
# Mails failing one after the other: the server is down, the rest would fail too (each after
# the SMTP timeout); the run stops and the event is retried.
FAILURES_IN_A_ROW = 5
# An alert mailed stays on the account's list this long, saying when it went: the shopper who
# missed the mail learns it was sent (it left the list at once, as if forgotten).
MAILED_SHOWN = timedelta(days=30)
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Asked:
    """What came of an ask: waiting for good (`confirmed`; `anew` False when it waited
    already), or stored waiting for its link, `pending` to mail (None: no link goes)."""

    confirmed: bool
    anew: bool = False
    pending: PendingLink | None = None


class RestockAlerts:
    def __init__(
        self,
        store: RestockStore,
        links: RestockLinkStore,
        mailer: Mailer,
        throttle: Throttle,
        public_url: str,
        *,
        email_confirmed: Callable[[int, str], bool],
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        # Whether an account's address is this one, proven its owner's (account id,
        # address: EmailConfirmations.is_confirmed).
        self._email_confirmed = email_confirmed
        self._store = store
        self.links = RestockLinks(links, mailer, public_url, clock)  # mails it, its page
        self._clock = clock
        self._mailer = mailer
        self._throttle = throttle
        self._public_url = public_url.rstrip("/")

    def subscribe(
        self,
        variant_id: int,
        email: str,
        locale: str,
        now: datetime,
        *,
        account_id: int | None = None,
        client: str | None = None,
    ) -> bool:
        """`ask`, then mail its link if one is to go. True: the alert waits anew (False: it
        waited already, which is no error), or a link went (False: none went, as the email
        waits already or was sent links lately). Refused as `ask` is; LinkNotMailed: the
        link could not be mailed (its alert dropped)."""
        asked = self.ask(variant_id, email, locale, now, account_id=account_id, client=client)
        if asked.pending is not None:
            self.links.mail_link(asked.pending)
        return asked.anew or asked.pending is not None

    def ask(
        self,
        variant_id: int,
        email: str,
        locale: str,
        now: datetime,
        *,
        account_id: int | None = None,
        client: str | None = None,
    ) -> Asked:
        """Wait for a sold-out variant. Signed in with an address its owner confirmed
        (`email` is the account's): at once. A guest, or an account whose address is not
        confirmed yet (anyone may sign up with someone else's), as a guest's: stored
        unconfirmed (the account's, if signed in), with the link to mail (`links.
        mail_link`), or none when the email waits already, was sent a link for it within
        RELINK_AFTER, or LINKS_PER_ADDRESS today. Refused: a bad email, a variant for sale
        with stock or not for sale, a client over RESTOCK_REQUESTS; a refusal changes
        nothing."""
        address, product_id = self._checked(variant_id, email, now, client)
        if account_id is not None and self._email_confirmed(account_id, address):
            # One waiting already says False; it becomes the account's (its page, its data
            # download and its closing find it; review).
            anew = self._store.add(
                product_id, variant_id, address, account_id=account_id, locale=locale, now=now
            )
            return Asked(confirmed=True, anew=anew)
        pending = self._link(product_id, variant_id, address, locale, now, account_id=account_id)
        return Asked(confirmed=False, pending=pending)

    def ask_link(
        self, variant_id: int, email: str, locale: str, now: datetime, *, client: str | None
    ) -> PendingLink | None:
        """A guest's `ask`: the link to mail, or None when none goes."""
        return self.ask(variant_id, email, locale, now, client=client).pending

    def _link(
        self,
        product_id: int,
        variant_id: int,
        address: str,
        locale: str,
        now: datetime,
        *,
        account_id: int | None,
    ) -> PendingLink | None:
        """The alert stored unconfirmed, and its link to mail (None: none goes)."""
        if not LINKS_PER_ADDRESS.take(self._throttle, token_hash(address), now):
            return None  # the same answer as a link sent lately: nothing more to that inbox
        token = secrets.token_urlsafe(32)
        if not self._store.add(
            product_id,
            variant_id,
            address,
            account_id=account_id,
            locale=locale,
            now=now,
            confirm_hash=token_hash(token),
            relink_before=now - RELINK_AFTER,
        ):
            return None
        return PendingLink(token, address, locale, now)

    def _checked(
        self, variant_id: int, email: str, now: datetime, client: str | None
    ) -> tuple[str, int]:
        """The address as stored and the variant's product, or a refusal."""
        try:
            address = normalize_email(email)
        except AccountError:
            raise RestockError("restock.error.email", {"email": "restock.error.email"}) from None
        product_id = self._store.sold_out_variant(variant_id)
        if product_id is None:
            raise RestockError("restock.error.available")
        # Counted first: a throttled client must not learn whether an email waits already.
        if client is not None and not RESTOCK_REQUESTS.take(self._throttle, client, now):
            raise RestockError("restock.error.throttled")
        return address, product_id

    def waiting_for(self, account_id: int) -> list[Waiting]:
        """The signed-in shopper's alerts not sent yet, those that could not be (the mail
        server refused the address) and those mailed within MAILED_SHOWN, newest first."""
        return self._store.waiting_for(account_id, self._clock() - MAILED_SHOWN)

    def alerts_of(self, account_id: int) -> list[Waiting]:
        """Every alert the shopper asked for, sent ones too (their data download)."""
        return self._store.alerts_of(account_id)

    def unsubscribe(self, account_id: int, alert_id: int) -> bool:
        """Stop waiting (another account's alert, or one gone, is left as it is: False)."""
        return self._store.remove(alert_id, account_id)

    def notify_all(self, product_ids: Iterable[int]) -> int:
        """`notify` each of the products that has an alert waiting (asked in one statement
        per CHUNK ids: an import changes thousands of products, most with none). A product
        whose mails fail does not hold back the others; the first failure is raised at the
        end (the event is retried). How many mails went."""
        ids = sorted(set(product_ids))
        sent = 0
        failure: Exception | None = None
        for start in range(0, len(ids), CHUNK):
            for product_id in self._store.with_waiting(ids[start : start + CHUNK]):
                try:
                    sent += self.notify(product_id)
                except Exception as exc:
                    failure = failure or exc
        if failure is not None:
            raise failure
        return sent

    def notify(self, product_id: int) -> int:
        """Mail each shopper waiting for a variant of the product that is in stock now, once;
        drop the alerts that can never be sent. How many mails went. A mail failing gives
        that alert's claim back and the others are still mailed, then the first failure is
        raised (the event is retried); a recipient refused for good is marked done and
        refused."""
        self._store.drop_unfulfillable(product_id)
        sent, after, in_a_row = 0, 0, 0
        failure: Exception | None = None
        while due := self._store.due(product_id, self._stale(self._clock()), BATCH, after):
            after = due[-1].alert_id
            for alert in due:
                now = self._clock()  # at each claim: a long run's claims stay fresh
                if not self._store.claim(alert.alert_id, now, self._stale(now)):
                    continue  # another process is mailing it
                try:
                    self._mailer.send(alert.email, *self.mail(alert))
                except RecipientRefused:
                    log.warning("back-in-stock alert %d: recipient refused", alert.alert_id)
                    self._store.refused(alert.alert_id, now)  # done: never retried
                    continue
                except Exception as exc:
                    self._store.release(alert.alert_id, now)
                    failure = failure or exc
                    in_a_row += 1
                    if in_a_row >= FAILURES_IN_A_ROW:
                        raise failure from None
                    continue
                in_a_row = 0
                self._store.sent(alert.alert_id, now)
                sent += 1
            if len(due) < BATCH:
                break
        if failure is not None:
            raise failure
        return sent

    def catch_up(self) -> int:
        """Send what the bus handler missed (an alert asked for while its variant's restock
        was being handled, a claim whose sender died); the worker runs it now and then.
        How many mails went; a product whose mails fail is logged and left for the next
        run, the others are still sent."""
        sent = 0
        for product_id in self._store.products_due(self._stale(self._clock()), BATCH):
            # One product's failure (a recipient the mail server refuses, for good) must not
            # hold back the others' mails, nor the pruning the worker runs after this.
            try:
                sent += self.notify(product_id)
            except Exception:
                log.exception("back-in-stock mails of product %d not sent", product_id)
        return sent

    @staticmethod
    def _stale(now: datetime) -> datetime:
        """Claims taken before this are their dead sender's: free to take over."""
        return now - timedelta(minutes=CLAIM_MINUTES)

    def mail(self, alert: DueAlert) -> tuple[str, str]:
        """(subject, body) of the mail telling the shopper the variant is back."""
        lang = alert.locale
        name = alert.product_title + (f" ({alert.variant_title})" if alert.variant_title else "")
        url = f"{self._public_url}/product/{quote(alert.product_slug, safe='')}"
        if alert.sku:  # the variant awaited, not the product's first
            url += f"?sku={quote(alert.sku, safe='')}"
        subject = translate(lang, "restock.mail.subject", product=alert.product_title)
        body = "\n".join(
            [
                translate(lang, "restock.mail.intro", product=name),
                "",
                url,
                "",
                translate(lang, "restock.mail.once"),
            ]
        )
        return subject, body
