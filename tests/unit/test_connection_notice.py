"""The notice of a page that lost the shop's server (components/connection_notice.py), as
compiled for the browser: in the page's language, without Reflex's technical words. (Seen in
Chromium: the French page, its server stopped, said "Connexion à la boutique perdue :
nouvelle tentative…" within a second.)"""

from __future__ import annotations

import json

from components.connection_notice import ConnectionNotice, connection_overlay
from storefront import storefront
from storefront.i18n import translations


def _hooks() -> str:
    return "\n".join(ConnectionNotice.create()._get_all_hooks())


def test_the_notice_is_in_the_pages_language_and_says_nothing_technical() -> None:
    hooks = _hooks()
    for text in translations("connection.lost").values():
        assert json.dumps(text) in hooks
    assert 'document.documentElement.lang === "fr"' in hooks
    assert "Cannot connect to server" not in hooks
    assert "Check if server is reachable" not in hooks
    assert 'toast?.dismiss("websocket-error")' in hooks  # gone once the server is back


def test_the_app_draws_this_notice_and_not_reflexs() -> None:
    assert storefront.app.app_wraps[(5, "Overlay")] is connection_overlay
    assert connection_overlay(False) is None  # a page without state has no socket
    assert connection_overlay(True) is not None
