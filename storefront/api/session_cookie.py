"""The session cookie is set and cleared only by these HTTP answers, so it can be HttpOnly:
no script in the page (nor one injected into it) can read it. A sign-in happens in a
websocket event, which hands the page a single-use grant (services/accounts/handover.py); the
page posts it here at once and lands on `next` with the cookie set.

Both routes refuse a post from another site (its Origin), and only send the browser on to a
path of this shop. Starting a session also sets the browser's device cookie (HttpOnly too),
which signing out leaves in place. Both change the signed mark, which the page can read."""

from __future__ import annotations

import logging
import secrets

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from models.types import utc_now
from storefront.api.origins import of_this_shop, origin
from storefront.bootstrap import Shop, get_shop
from storefront.services.accounts.service import DEVICE_COOKIE, DEVICE_DAYS, SESSION_COOKIE
from storefront.services.accounts.sessions import SESSION_DAYS
from storefront.services.paths import local_path
from storefront.settings import Settings

SIGN_IN = "/account/sign-in"
# Changed at each sign-in and sign-out, and readable by the page (it says nothing of the
# session): tabs opened before reload themselves when it changes (assets/session_watch.js).
SIGNED_MARK = "boutique_signed"
log = logging.getLogger(__name__)


async def start_session(request: Request) -> Response:
    """Form fields `grant` and `next`: the grant's session goes into the cookie, and the
    browser on to `next` (to the sign-in page when the grant is spent or unknown)."""
    shop = get_shop()
    if not form_from_this_shop(request, shop.settings):
        return PlainTextResponse("Refused: this form comes from another site.", status_code=403)
    form = await request.form()
    grant, target = str(form.get("grant", "")), local_path(str(form.get("next", "")))
    accounts = shop.accounts
    token = await run_in_threadpool(accounts.take_over, grant, utc_now()) if accounts else None
    response = RedirectResponse(_address(target if token else SIGN_IN, shop.settings), 303)
    if token:
        _set_cookie(response, SESSION_COOKIE, token, SESSION_DAYS, shop.settings)
        await _trust_browser(response, token, shop)
        _mark_change(response, shop.settings)
    return response


async def _trust_browser(response: Response, session_token: str, shop: Shop) -> None:
    """The browser that signed in gets a device cookie: its failed sign-ins are then counted
    apart from everyone else's (services/accounts/lockout.py). The session stands without
    it, so a failure here is only logged."""
    accounts = shop.accounts
    try:
        device = (
            await run_in_threadpool(accounts.trust_device, session_token, utc_now())
            if accounts
            else None
        )
    except Exception:
        log.exception("trusting the browser of a new session")
        return
    if device:
        _set_cookie(response, DEVICE_COOKIE, device, DEVICE_DAYS, shop.settings)


async def end_session(request: Request) -> Response:
    """Form field `next`: the cookie's session ends and the cookie is cleared."""
    shop = get_shop()
    if not form_from_this_shop(request, shop.settings):
        return PlainTextResponse("Refused: this form comes from another site.", status_code=403)
    form = await request.form()
    token = request.cookies.get(SESSION_COOKIE, "")
    if token and shop.accounts:
        await run_in_threadpool(shop.accounts.sign_out, token, utc_now())
    response = RedirectResponse(_address(local_path(str(form.get("next", ""))), shop.settings), 303)
    response.delete_cookie(
        SESSION_COOKIE, path="/", secure=_secure(shop.settings), httponly=True, samesite="lax"
    )
    _mark_change(response, shop.settings)
    return response


def _mark_change(response: Response, settings: Settings) -> None:
    """A new value of the signed mark: the browser's other tabs see the session changed."""
    mark = secrets.token_urlsafe(8)
    _set_cookie(response, SIGNED_MARK, mark, SESSION_DAYS, settings, http_only=False)


def _set_cookie(
    response: Response,
    name: str,
    value: str,
    days: int,
    settings: Settings,
    *,
    http_only: bool = True,
) -> None:
    """A cookie of the whole shop: Lax, Secure on an https shop, out of scripts' reach unless
    said otherwise."""
    response.set_cookie(
        name,
        value,
        max_age=days * 24 * 3600,
        path="/",
        secure=_secure(settings),
        httponly=http_only,
        samesite="lax",
    )


def form_from_this_shop(request: Request, settings: Settings) -> bool:
    """Where a browser says the form comes from (its Origin, else its Referer) is this shop
    (storefront/api/origins.py). A post that says neither is refused: every browser sends one
    or the other, so only another site's page (or no browser at all) would leave both out."""
    claimed = request.headers.get("origin") or request.headers.get("referer") or ""
    own = origin(f"{request.url.scheme}://{request.headers.get('host', '')}")
    cross_site = request.headers.get("sec-fetch-site") == "cross-site"
    if of_this_shop(claimed, own, settings) and not cross_site:
        return True
    # Said to the operator: a BOUTIQUE_PUBLIC_URL that is not the address shoppers use (behind
    # a TLS proxy, say) refuses every sign-in, and this line says why.
    log.warning(
        "%s refused: the form comes from %r, neither this server (%s) nor BOUTIQUE_PUBLIC_URL (%s)",
        request.url.path,
        claimed[:200],
        own,
        origin(settings.public_url),
    )
    return False


def _address(path: str, settings: Settings) -> str:
    """Where the browser goes: the path itself when pages and API share an origin, else the
    pages' origin (dev mode: api_base_url points at the backend's own port)."""
    if not settings.api_base_url:
        return path
    return origin(settings.public_url) + path


def _secure(settings: Settings) -> bool:
    return settings.public_url.startswith("https://")
