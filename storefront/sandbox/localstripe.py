"""Run localstripe (a Stripe-compatible server) on 127.0.0.1 only.

    python -m storefront.sandbox.localstripe --port 8420 \
        --webhook-url http://127.0.0.1:3000/api/stripe/webhook --webhook-secret whsec_...

localstripe's own command listens on every interface; this one binds loopback. localstripe
writes its whole store to one fixed file (/tmp/localstripe.pickle) after every change; this one
keeps the store in memory only and starts empty: several can run at once without sharing a
file, and a long test session does not slow down as the store grows. Its card field sends
the number as typed, and localstripe refused "4242 4242 4242 4242" (the test card as the
checkout shows it): the spaces are taken out first, as Stripe.js's own field does; its expiry
year takes 2 digits or 4. Stripe's
declined test cards (4000 0000 0000 0002, "generic decline", and the like) are declined when
charged, as at Stripe: localstripe declined them only when attached to a customer, which the
shop never does, so they paid. An object it does not have is answered with Stripe's code,
`resource_missing`.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable

from aiohttp import web


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8420)
    parser.add_argument("--webhook-url", help="where to POST signed events")
    parser.add_argument("--webhook-secret", default="", help="their signing secret (whsec_...)")
    args = parser.parse_args()
    from localstripe import errors
    from localstripe.resources import Card, PaymentMethod, Store
    from localstripe.server import app  # imported late: it builds its store at import
    from localstripe.webhooks import register_webhook

    Store.dump_to_disk = _kept_in_memory  # type: ignore[method-assign]
    Card.__init__ = _card_without_spaces(Card.__init__)  # type: ignore[method-assign]
    PaymentMethod.__init__ = _method_without_spaces(PaymentMethod.__init__)  # type: ignore[method-assign]
    PaymentMethod._charging_is_declined = _declined_as_at_stripe(  # type: ignore[method-assign]
        PaymentMethod._charging_is_declined
    )
    errors.UserError.__init__ = _missing_as_at_stripe(errors.UserError.__init__)  # type: ignore[method-assign]

    if args.webhook_url:
        register_webhook("boutique", args.webhook_url, args.webhook_secret, None)

    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    web.run_app(app, host="127.0.0.1", port=args.port, print=None)


def _digits(card: object) -> object:
    """A card's fields with the spaces taken out of its number, and its expiry year read
    with 2 digits or 4: localstripe's card field puts "20" before what is typed, so "2030"
    came as "202030", which it refused."""
    if not isinstance(card, dict):
        return card
    fields = dict(card)
    if isinstance(fields.get("number"), str):
        fields["number"] = "".join(fields["number"].split())
    year = str(fields.get("exp_year") or "").strip()
    if len(year) == 6 and year.isdigit() and year.startswith("20"):
        fields["exp_year"] = year[2:]
    return fields


def _card_without_spaces(create: Callable[..., None]) -> Callable[..., None]:
    """A card's constructor (tokens: createToken) that reads the number without spaces."""

    def card(self: object, source: object = None, **kwargs: object) -> None:
        create(self, source=_digits(source), **kwargs)

    return card


def _method_without_spaces(create: Callable[..., None]) -> Callable[..., None]:
    """A payment method's constructor (confirmCardPayment) that reads it without spaces."""

    def method(self: object, *args: object, card: object = None, **kwargs: object) -> None:
        create(self, *args, card=_digits(card), **kwargs)

    return method


def _declined_as_at_stripe(charging_is_declined: Callable[[object], bool]) -> Callable[..., bool]:
    """Cards (tokens delegate to this too) declined when charged: those localstripe declines
    then, and those it declines only when attached to a customer."""

    def declined(self: object) -> bool:
        return charging_is_declined(self) or bool(self._attaching_is_declined())  # type: ignore[attr-defined]

    return declined


def _missing_as_at_stripe(init: Callable[..., None]) -> Callable[..., None]:
    """An object it does not have is answered as Stripe does, 404 with the code
    `resource_missing` (localstripe sent none): the shop takes only that answer for an object
    that does not exist, not any 404 (a wrong API base's, say)."""

    def error(self: object, code: int, message: object = None, contents: object = None) -> None:
        if code == 404 and message == "Not Found" and contents is None:
            contents = {"code": "resource_missing"}
        init(self, code, message, contents)

    return error


def _kept_in_memory(_store: object) -> None:
    """Stands in for localstripe's write of its store to disk."""


if __name__ == "__main__":
    main()
