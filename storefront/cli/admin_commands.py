"""Admin commands: make the first admin (or promote an account), list the team."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from models.admin import Role
from models.types import utc_now
from storefront.bootstrap import get_shop
from storefront.i18n import translate
from storefront.services.accounts.errors import AccountError
from storefront.services.admin.access import role_of
from storefront.services.errors import Refusal

PASSWORD_ENV = "BOUTIQUE_ADMIN_PASSWORD"
NO_PASSWORD = (
    "No password given: type it at the prompt, send it on the standard input "
    f"(e.g. `... create-admin you@example.com < password.txt`), or set ${PASSWORD_ENV} "
    "and add --password-env."
)


def register(commands: Any) -> None:
    create = commands.add_parser(
        "create-admin",
        help="create an admin account, or make an existing account admin",
    )
    create.add_argument("email")
    create.add_argument("--name", default="")
    create.add_argument(
        "--password-env",
        action="store_true",
        help=f"read the new account's password from ${PASSWORD_ENV} instead of a prompt "
        "(without a terminal, the prompt reads the first line of the standard input)",
    )
    create.set_defaults(run=run_create_admin)


def run_create_admin(args: argparse.Namespace) -> int:
    shop = get_shop()
    if shop.admin is None or shop.accounts is None or shop.resets is None:
        print("create-admin needs a database", file=sys.stderr)
        return 2
    email = str(args.email)
    record = shop.accounts.account_by_email(email)
    # A shopper's account is given the password typed here, every browser signed in to it
    # signed out: sign-up checks no address, so whoever signed it up may not be its owner.
    shopper = record is not None and role_of(record) is Role.SHOPPER
    if record is None or shopper:
        password = os.environ.get(PASSWORD_ENV, "") if args.password_env else _prompt()
        try:
            if record is None:
                # Its welcome in the shop's language: an operator of a French shop read it
                # in English (QA).
                shop.accounts.sign_up(
                    email, password, args.name, utc_now(), lang=shop.settings.language
                )
            else:
                # Its owner is told, in the shop's language as the welcome is.
                shop.resets.set_password(
                    record.id, password, utc_now(), lang=shop.settings.language
                )
        except AccountError as exc:
            print(translate("en", exc.code), file=sys.stderr)
            return 1
    try:
        member = shop.admin.team.make_admin(email)
    except Refusal as exc:
        print(translate("en", exc.code), file=sys.stderr)
        return 1
    # The address the shop's mails link to (its welcome's confirmation among them).
    print(f"{member.email} is an admin; sign in at {shop.settings.public_url}/admin")
    if shopper:
        print(
            "The account already existed: its password is now the one given here, and every "
            "browser signed in to it was signed out"
        )
    elif record is not None:
        # An operator regaining access would otherwise trust a password nobody read.
        print(
            "The account already existed: its password is unchanged (none was asked); a "
            'forgotten one is reset from the sign-in page\'s "Forgot your password?"'
        )
    return 0


def _prompt() -> str:
    """Asked twice on a terminal; without one (a script, a pipe), the first line of the
    standard input."""
    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            print(NO_PASSWORD, file=sys.stderr)
            raise SystemExit(1)
        return password
    try:
        first = getpass.getpass("Password for the new admin: ")
        again = getpass.getpass("Again: ")
    except EOFError:
        print(NO_PASSWORD, file=sys.stderr)
        raise SystemExit(1) from None
    if again != first:
        print("The passwords differ.", file=sys.stderr)
        raise SystemExit(1)
    return first
