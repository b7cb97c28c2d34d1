"""Payment commands: settle orders the webhook missed, create discount codes."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timedelta
from typing import Any

from models.money import MoneyParseError, format_major_amount, parse_major_amount
from models.types import utc_now
from storefront.bootstrap import get_shop
from storefront.services.checkout.discounts import DiscountError, create_discount, new_discount
from storefront.services.inventory import HOLD_MINUTES


def register(commands: Any) -> None:
    reconcile = commands.add_parser(
        "reconcile-payments",
        help="re-read Stripe for unpaid orders and settle them; cancel abandoned ones; "
        "send again refunds a timeout left pending",
    )
    reconcile.add_argument(
        "--settle-after-minutes",
        type=_minutes,
        default=10,
        help="ask Stripe about unpaid orders this old (default 10)",
    )
    reconcile.add_argument(
        "--give-up-after-minutes",
        type=_minutes,
        default=HOLD_MINUTES,
        help=f"cancel orders still unpaid this long after their last payment attempt, their "
        f"stock given back (default {HOLD_MINUTES}; above --settle-after-minutes)",
    )
    reconcile.set_defaults(run=run_reconcile)

    close = commands.add_parser(
        "close-refunded-orders",
        help="list the orders refunded in full before they shipped that are still 'refunded' "
        "(from before such refunds canceled them); with --apply, cancel them, their stock and "
        "discount use given back",
    )
    close.add_argument(
        "--apply", action="store_true", help="close them (without it, only list them)"
    )
    close.set_defaults(run=run_close_refunded)

    discount = commands.add_parser("create-discount", help="create a discount code")
    discount.add_argument("code")
    kind = discount.add_mutually_exclusive_group(required=True)
    kind.add_argument("--percent", type=int, help="percentage off the goods, 1-100")
    kind.add_argument("--fixed", help="amount off, e.g. 10 or 7.50 (shop currency)")
    discount.add_argument("--minimum", default="0", help="minimum subtotal, e.g. 50")
    discount.add_argument("--expires", help="ISO date-time with timezone")
    discount.add_argument("--limit", type=int, help="how many orders may use it")
    discount.set_defaults(run=run_create_discount)


def _minutes(text: str) -> int:
    try:
        minutes = int(text)
    except ValueError:
        minutes = 0
    if minutes < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of minutes (1 or more)")
    return minutes


def run_reconcile(args: argparse.Namespace) -> int:
    if args.give_up_after_minutes <= args.settle_after_minutes:
        # An order is asked about before it is given up: at or below, every unpaid order
        # looked at would be canceled at once, a shopper in 3-D Secure among them.
        print(
            f"reconcile-payments: --give-up-after-minutes ({args.give_up_after_minutes}) must "
            f"be above --settle-after-minutes ({args.settle_after_minutes})",
            file=sys.stderr,
        )
        return 2
    shop = get_shop()
    reconciliation = shop.commerce.reconciliation if shop.commerce else None
    if reconciliation is None:
        print("payments are not configured (BOUTIQUE_STRIPE_SECRET_KEY)")
        return 2
    counts = reconciliation.reconcile(
        utc_now(),
        timedelta(minutes=args.settle_after_minutes),
        timedelta(minutes=args.give_up_after_minutes),
    )
    if shop.commerce is not None:  # the shoppers' cancels whose refund settled since
        counts["customer_cancels"] = shop.commerce.cancels.finish_settled(utc_now())
        # Those whose refund the provider refused after holding it: the claim given up.
        counts["customer_cancels_released"] = shop.commerce.cancels.release_refused(utc_now())
    print(json.dumps(counts))
    return 1 if counts["failed"] else 0


def run_close_refunded(args: argparse.Namespace) -> int:
    """One JSON line per order found (reference, total, units to give back, code), then the
    counts: `found`, and `closed` with --apply (one closed meanwhile is not counted)."""
    shop = get_shop()
    if shop.commerce is None:
        print("orders need a database")
        return 2
    closes = shop.commerce.refund_closes
    found = closes.pending()
    closed = 0
    for order in found:
        line = {
            "reference": order.reference,
            "total": format_major_amount(order.total_minor, order.currency),
            "currency": order.currency,
            "units": order.units,
            "discount_code": order.discount_code or "",
        }
        if args.apply:
            done = closes.close(order.id)
            line["closed"], closed = done, closed + done
        print(json.dumps(line))
    counts = {"found": len(found)} | ({"closed": closed} if args.apply else {})
    print(json.dumps(counts))
    return 0


def run_create_discount(args: argparse.Namespace) -> int:
    shop = get_shop()
    if shop.commerce is None:
        print("discounts need a database")
        return 2
    currency = shop.settings.currency
    try:
        value = (
            args.percent if args.percent is not None else parse_major_amount(args.fixed, currency)
        )
        discount = new_discount(
            args.code,
            kind="percent" if args.percent is not None else "fixed",
            value=value,
            min_subtotal_minor=parse_major_amount(args.minimum, currency),
            expires_at=datetime.fromisoformat(args.expires) if args.expires else None,
            usage_limit=args.limit,
            now=utc_now(),
        )
        row = create_discount(shop.commerce.discounts, discount)
    except (DiscountError, MoneyParseError, ValueError) as exc:
        print(f"refused: {getattr(exc, 'message', exc)}")
        return 2
    print(f"created {row.code}")
    return 0
