"""The acknowledgement of a withdrawal statement, on a durable medium (an email) without undue
delay: the statement's content and the date and time it was received, in the shop's time zone
(named), in the order's language. Sent once, whichever process takes the WithdrawalReceived
event and however often it comes: claimed before it is sent and marked sent after, as the
other order mails (release_mail.py); a mail server refusing gives the claim back (the event
is retried), and `catch_up` (the reconciliation) sends what is still untold within a day."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from models.types import utc_now
from storefront.i18n import translate
from storefront.i18n_format import format_date, format_time
from storefront.services.accounts.ports import Mailer
from storefront.services.orders.mail_catch_up import CATCH_UP_WITHIN, send_untold, stale_before
from storefront.services.orders.ports import OrderRecord, OrderStore
from storefront.services.orders.viewing import order_url
from storefront.services.orders.withdrawal import Statement, WithdrawalStore
from storefront.services.orders.withdrawal_refunds import Settlement, settle_order
from storefront.services.orders.withdrawal_status import mail_refund_text


class AckClaims(Protocol):
    """The claim on a statement's acknowledgement: its time; only its holder ends or gives it
    back, one older than `stale_before` is free (its sender died)."""

    def claim_ack(self, statement_id: int, claimed_at: datetime, stale_before: datetime) -> bool:
        """For one caller only: not acknowledged yet, and nobody else holds the claim."""
        ...

    def ack_sent(self, statement_id: int, claimed_at: datetime) -> None: ...

    def give_back_ack(self, statement_id: int, claimed_at: datetime) -> None: ...

    def unacknowledged(self, since: datetime, stale_before: datetime, limit: int) -> list[int]:
        """Statements received since `since`, not acknowledged, claim free."""
        ...


def received_text(lang: str, at: datetime, zone: ZoneInfo) -> str:
    """ "4 December 2026 at 21:05 (Europe/Paris time)", "4 décembre 2026 à 21 h 05 (heure
    Europe/Paris)": the shop's clock, named."""
    local = at.astimezone(zone)
    return translate(
        lang,
        "withdraw.mail.at",
        day=format_date(lang, local.date()),
        time=format_time(lang, local, zone),
        zone=zone.key,
    )


def acknowledgement_mail(
    order: OrderRecord,
    statement: Statement,
    zone: ZoneInfo,
    url: str,
    *,
    return_to: str = "",
    settled: Settlement | None = None,
) -> tuple[str, str]:
    """(subject, body) acknowledging the statement, in the order's language; `return_to`,
    where the items go back (without it, the shopper had to ask); `settled`, what it owes
    (withdrawal_refunds.py): the amount to be refunded is said (it was not; QA)."""
    lang = order.locale.split("-", maxsplit=1)[0].lower()
    ref = order.reference
    items = [
        translate(
            lang,
            "withdraw.mail.item",
            quantity=str(item.quantity),
            title=item.named,
        )
        for item in statement.items
    ]
    body = "\n".join(
        [
            translate(lang, "withdraw.mail.greeting", name=statement.name),
            "",
            translate(lang, "withdraw.mail.received", reference=ref),
            translate(
                lang,
                "withdraw.mail.received_at",
                at=received_text(lang, statement.received_at, zone),
            ),
            "",
            translate(lang, "withdraw.mail.content"),
            translate(lang, "withdraw.mail.name", name=statement.name),
            translate(lang, "withdraw.mail.order", reference=ref),
            translate(lang, "withdraw.mail.email", email=statement.email),
            translate(lang, "withdraw.mail.items"),
            *items,
            "",
            *(
                [mail_refund_text(lang, statement, settled, order.amounts.currency, zone)]
                if settled
                else []
            ),
            translate(lang, "withdraw.mail.next"),
            *([translate(lang, "withdraw.mail.return_to", address=return_to)] if return_to else []),
            "",
            translate(lang, "cancel.mail.link"),
            url,
        ]
    )
    return translate(lang, "withdraw.mail.subject", reference=ref), body


class WithdrawalMail:
    def __init__(
        self,
        orders: OrderStore,
        statements: WithdrawalStore,
        claims: AckClaims,
        mailer: Mailer,
        *,
        public_url: str,
        zone: ZoneInfo,
        return_to: str = "",
    ) -> None:
        self._orders = orders
        self._return_to = return_to
        self._statements = statements
        self._claims = claims
        self._mailer = mailer
        self._public_url = public_url
        self._zone = zone

    def send(self, statement_id: int, now: datetime | None = None) -> bool:
        """Acknowledge the statement (False: acknowledged already, or someone else is). A mail
        server refusing gives the claim back and raises, so the event is retried."""
        now = now or utc_now()
        if not self._claims.claim_ack(statement_id, now, stale_before(now)):
            return False
        statement = self._statements.get(statement_id)
        order = self._orders.get(statement.order_id) if statement else None
        assert statement is not None  # it was just claimed
        assert order is not None
        statements = self._statements.for_order(order.id)
        settled = settle_order(order, statements, self._statements.refunds_of(order.id))
        owed = dict(zip((s.id for s in statements), settled, strict=True))
        subject, body = acknowledgement_mail(
            order,
            statement,
            self._zone,
            order_url(self._public_url, order),
            return_to=self._return_to,
            settled=owed.get(statement.id),
        )
        try:
            self._mailer.send(statement.email, subject, body)
        except Exception:
            self._claims.give_back_ack(statement_id, now)
            raise
        self._claims.ack_sent(statement_id, now)
        return True

    def send_order_link(self, order: OrderRecord) -> None:
        """The order page's link, to the order's email: a guest without it found the order by
        its reference and email to withdraw, but it has not shipped, and canceling it (from
        its page) is the withdrawal then."""
        lang = order.locale.split("-", maxsplit=1)[0].lower()
        url = order_url(self._public_url, order)
        self._mailer.send(
            order.email,
            translate(lang, "withdraw.link.subject", reference=order.reference),
            translate(lang, "withdraw.link.body", reference=order.reference, url=url),
        )

    def catch_up(self, now: datetime) -> tuple[int, int]:
        """Acknowledge the statements of the last day that never were, for at most
        CATCH_UP_SECONDS: (sent, failed)."""
        untold = self._claims.unacknowledged(now - CATCH_UP_WITHIN, stale_before(now), 100)
        return send_untold([(self.send, untold)], now, "withdrawal acknowledgement")
