"""Accounts in SQL. Single-use and throttling rules are enforced by conditional statements
inside one transaction, so concurrent requests cannot both pass them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Engine, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from models.accounts import (
    Account,
    AccountSession,
    GuestOrderLink,
    PasswordReset,
    SessionHandover,
    SignInAttempt,
    TrustedDevice,
)
from models.events import AccountCreated
from models.types import utc_now
from storefront.adapters import sql_account_visitors as visitors
from storefront.adapters.sql_account_closing import close_account
from storefront.adapters.sql_account_hold import (
    account_open,
    add_account_link,
    end_mailed_links,
    hold_account,
)
from storefront.adapters.sql_audit_write import write_audit
from storefront.adapters.sql_email_confirmations import CONFIRMATION, confirm_email
from storefront.adapters.sql_outbox import write_events
from storefront.services.accounts.ports import AccountRecord, SignedInBrowser
from storefront.services.admin.audit import AuditRecord

ACCOUNT = SQLModel.metadata.tables[str(Account.__tablename__)]
SESSION = SQLModel.metadata.tables[str(AccountSession.__tablename__)]
RESET = SQLModel.metadata.tables[str(PasswordReset.__tablename__)]
ATTEMPT = SQLModel.metadata.tables[str(SignInAttempt.__tablename__)]
HANDOVER = SQLModel.metadata.tables[str(SessionHandover.__tablename__)]
DEVICE = SQLModel.metadata.tables[str(TrustedDevice.__tablename__)]
GUEST_LINK = SQLModel.metadata.tables[str(GuestOrderLink.__tablename__)]
PRUNE_BATCH = 5_000
_A = ACCOUNT.c
_COLUMNS = (_A.id, _A.email, _A.name, _A.password_hash, _A.role, _A.email_confirmed_at)


class SqlAccountStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(self, email: str, name: str, password_hash: str, lang: str) -> int | None:
        try:
            with self._engine.begin() as connection:
                result = connection.execute(
                    insert(ACCOUNT)
                    .values(
                        email=email, name=name, password_hash=password_hash, created_at=utc_now()
                    )
                    .returning(_A.id)
                )
                account_id = int(result.scalar_one())
                # Its welcome is mailed by the bus (subscriptions.py), never in the sign-up:
                # a slow or down mail server does not slow or fail it.
                write_events(connection, [AccountCreated(account_id, lang)])
                return account_id
        except IntegrityError:
            return None

    def _one(self, condition: object) -> AccountRecord | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(*_COLUMNS).where(condition)).first()  # type: ignore[arg-type]
        return None if row is None else AccountRecord(*row)

    def by_email(self, email: str) -> AccountRecord | None:
        return self._one(_A.email == email)

    def by_id(self, account_id: int) -> AccountRecord | None:
        return self._one(_A.id == account_id)

    def set_password_hash(self, account_id: int, password_hash: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(ACCOUNT).where(_A.id == account_id).values(password_hash=password_hash)
            )

    def set_name(self, account_id: int, name: str) -> None:
        with self._engine.begin() as connection:
            connection.execute(update(ACCOUNT).where(_A.id == account_id).values(name=name))

    def close(
        self, account_id: int, email: str, visitor_id: str = "", audit: AuditRecord | None = None
    ) -> bool:
        with self._engine.begin() as connection:
            if close_account(connection, account_id, email, visitor_id):
                write_audit(connection, [audit] if audit else [])
                return True
            connection.rollback()
            return False

    def open_attempt(
        self, email: str, since: datetime, at: datetime, limit: int, device_hash: str | None
    ) -> int | None:
        attempts = ATTEMPT.c
        source = (
            attempts.device_hash.is_(None)
            if device_hash is None
            else attempts.device_hash == device_hash
        )
        with self._engine.connect() as connection, connection.begin() as transaction:
            # One email's attempts one after the other: PostgreSQL's advisory lock (there may
            # be no account row to lock); on SQLite, the write lock the insert takes.
            if connection.dialect.name == "postgresql":
                connection.execute(select(func.pg_advisory_xact_lock(func.hashtext(email))))
            attempt_id = connection.execute(
                insert(ATTEMPT)
                .values(email=email, device_hash=device_hash, succeeded=False, at=at)
                .returning(attempts.id)
            ).scalar_one()
            last_success = connection.execute(
                select(func.max(attempts.at)).where(
                    attempts.email == email, source, attempts.succeeded.is_(True)
                )
            ).scalar_one_or_none()
            # A password reset ends the count too: the guesses were at the old password, and
            # the lockout's message tells the owner to reset it.
            last_reset = connection.execute(
                select(func.max(RESET.c.used_at))
                .join(ACCOUNT, _A.id == RESET.c.account_id)
                .where(_A.email == email)
            ).scalar_one_or_none()
            start = max(when for when in (since, last_success, last_reset) if when is not None)
            failures = connection.execute(
                select(func.count()).where(
                    attempts.email == email,
                    source,
                    attempts.succeeded.is_(False),
                    attempts.at > start,
                    attempts.id != attempt_id,
                )
            ).scalar_one()
            if failures >= limit:
                transaction.rollback()
                return None
        return int(attempt_id)

    def attempt_succeeded(self, attempt_id: int) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                update(ATTEMPT).where(ATTEMPT.c.id == attempt_id).values(succeeded=True)
            )

    def device_trusted(self, device_hash: str, account_id: int, now: datetime) -> bool:
        with self._engine.connect() as connection:
            found = connection.execute(
                select(DEVICE.c.account_id).where(
                    DEVICE.c.token_hash == device_hash,
                    DEVICE.c.account_id == account_id,
                    DEVICE.c.expires_at > now,
                )
            ).first()
        return found is not None

    def trust_device(
        self, device_hash: str, account_id: int, expires_at: datetime, now: datetime
    ) -> None:
        with self._engine.begin() as connection:
            hold_account(connection, account_id)
            connection.execute(delete(DEVICE).where(DEVICE.c.expires_at <= now))
            connection.execute(
                insert(DEVICE).values(
                    token_hash=device_hash, account_id=account_id, expires_at=expires_at
                )
            )

    def add_session(
        self, token_hash: str, account_id: int, expires_at: datetime, visitor_id: str = ""
    ) -> None:
        with self._engine.begin() as connection:
            hold_account(connection, account_id)
            connection.execute(
                insert(SESSION).values(
                    token_hash=token_hash,
                    account_id=account_id,
                    created_at=utc_now(),
                    expires_at=expires_at,
                    visitor_id=visitor_id or None,
                )
            )

    def session_account(self, token_hash: str, now: datetime) -> int | None:
        with self._engine.connect() as connection:
            found = connection.execute(
                select(SESSION.c.account_id).where(
                    SESSION.c.token_hash == token_hash, SESSION.c.expires_at > now
                )
            ).scalar_one_or_none()
        return None if found is None else int(found)

    def end_session(self, token_hash: str, now: datetime) -> None:
        with self._engine.begin() as connection:
            ended = connection.execute(
                delete(SESSION)
                .where(SESSION.c.token_hash == token_hash)
                .returning(SESSION.c.account_id, SESSION.c.visitor_id)
            ).first()
            if ended is not None:
                visitors.end_links(connection, ended.account_id, [ended.visitor_id], now)

    def add_handover(
        self, grant_hash: str, sealed: str, expires_at: datetime, now: datetime
    ) -> None:
        with self._engine.begin() as connection:
            connection.execute(delete(HANDOVER).where(HANDOVER.c.expires_at <= now))
            connection.execute(
                insert(HANDOVER).values(grant_hash=grant_hash, sealed=sealed, expires_at=expires_at)
            )

    def take_handover(self, grant_hash: str, now: datetime) -> str | None:
        with self._engine.begin() as connection:
            # DELETE ... RETURNING is the single-use guard: of two concurrent takers, only one
            # deletes the row.
            sealed = connection.execute(
                delete(HANDOVER)
                .where(HANDOVER.c.grant_hash == grant_hash, HANDOVER.c.expires_at > now)
                .returning(HANDOVER.c.sealed)
            ).scalar_one_or_none()
        return None if sealed is None else str(sealed)

    def add_reset(
        self, token_hash: str, account_id: int, now: datetime, expires_at: datetime, limit: int
    ) -> bool:
        values = {"token_hash": token_hash, "account_id": account_id}
        return add_account_link(self._engine, RESET, values, now, expires_at, limit=limit)

    def reset_owner(self, token_hash: str, now: datetime) -> int | None:
        with self._engine.connect() as connection:
            found = connection.execute(
                select(RESET.c.account_id).where(
                    RESET.c.token_hash == token_hash,
                    RESET.c.used_at.is_(None),
                    RESET.c.expires_at > now,
                )
            ).first()
        return None if found is None else int(found[0])

    def link_visitor(
        self, account_id: int, visitor_id: str, now: datetime, until: datetime
    ) -> bool:
        with self._engine.begin() as connection:
            hold_account(connection, account_id)
            return visitors.link_visitor(connection, account_id, visitor_id, now, until)

    def signed_in_browsers(self, account_id: int) -> list[SignedInBrowser]:
        with self._engine.connect() as connection:
            return visitors.signed_in_browsers(connection, account_id)

    def change_password(
        self, account_id: int, password_hash: str, keep_session_hash: str, now: datetime
    ) -> None:
        with self._engine.begin() as connection:
            replace_password(connection, account_id, password_hash, keep_session_hash, now)

    def use_reset(self, token_hash: str, password_hash: str, now: datetime) -> int | None:
        usable = and_(
            RESET.c.token_hash == token_hash, RESET.c.used_at.is_(None), RESET.c.expires_at > now
        )
        with self._engine.begin() as connection:
            # The account's row before the link's, as closing takes them: a close under way
            # is waited for (the link then goes with the account), never deadlocked with.
            named = connection.execute(select(RESET.c.account_id).where(usable)).scalar()
            if named is None or not account_open(connection, named):
                return None
            # The conditional update is the single-use guard: of two concurrent uses, only
            # one finds used_at still empty.
            account_id = connection.execute(
                update(RESET).where(usable).values(used_at=now).returning(RESET.c.account_id)
            ).scalar_one_or_none()
            if account_id is None:
                return None
            connection.execute(
                update(ACCOUNT).where(_A.id == account_id).values(password_hash=password_hash)
            )
            ended = connection.execute(
                delete(SESSION)
                .where(SESSION.c.account_id == account_id)
                .returning(SESSION.c.visitor_id)
            ).scalars()
            visitors.end_links(connection, account_id, list(ended), now)
            connection.execute(delete(DEVICE).where(DEVICE.c.account_id == account_id))
            # Any other link mailed for this account dies with this one.
            end_mailed_links(connection, account_id, now)
            # The link went to the account's address (one mailed before the address changed
            # died then): its use proves the address.
            confirm_email(connection, account_id, now)
            return int(account_id)

    def prune_expired(self, now: datetime, attempts_before: datetime) -> int:
        # In short transactions, as prune_history: a first prune may find years of rows.
        removed = 0
        for key, old in (
            (SESSION.c.token_hash, SESSION.c.expires_at <= now),
            # Kept as long as the attempts: a link used lifts the lockout of the failures
            # before it (open_attempt), which a prune at its expiry would have brought back.
            (RESET.c.token_hash, RESET.c.expires_at <= min(now, attempts_before)),
            (ATTEMPT.c.id, ATTEMPT.c.at < attempts_before),
            # Kept as long too: a link used or expired lately is said to be so, not unknown.
            (CONFIRMATION.c.token_hash, CONFIRMATION.c.expires_at <= attempts_before),
            (GUEST_LINK.c.token_hash, GUEST_LINK.c.expires_at <= attempts_before),
        ):
            while True:
                batch = select(key).where(old).limit(PRUNE_BATCH).scalar_subquery()
                with self._engine.begin() as connection:
                    gone = connection.execute(delete(key.table).where(key.in_(batch))).rowcount
                removed += gone
                if gone < PRUNE_BATCH:
                    break
        return removed


def replace_password(
    connection: Connection,
    account_id: int,
    password_hash: str,
    keep_session_hash: str,
    now: datetime,
) -> None:
    """Set the password and end every session of the account but `keep_session_hash` (and
    the links of their browsers) and its unused mailed links, in the caller's transaction."""
    connection.execute(
        update(ACCOUNT).where(_A.id == account_id).values(password_hash=password_hash)
    )
    ended = connection.execute(
        delete(SESSION)
        .where(SESSION.c.account_id == account_id, SESSION.c.token_hash != keep_session_hash)
        .returning(SESSION.c.visitor_id)
    ).scalars()
    visitors.end_links(connection, account_id, list(ended), now)
    end_mailed_links(connection, account_id, now)
