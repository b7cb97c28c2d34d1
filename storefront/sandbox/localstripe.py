"""Run localstripe (a Stripe-compatible server) on 127.0.0.1 only.

    python -m storefront.sandbox.localstripe --port 8420

localstripe's own command listens on every interface; this one binds loopback. It keeps its
state in one fixed file in the temp folder, so run one instance at a time; each start here
begins from an empty store.
"""

from __future__ import annotations

import argparse
import logging

from aiohttp import web


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8420)
    args = parser.parse_args()
    from localstripe.server import app  # imported late: it builds its store at import

    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    web.run_app(app, host="127.0.0.1", port=args.port, print=None)


if __name__ == "__main__":
    main()
