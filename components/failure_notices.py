"""What a shopper sees when an event of theirs failed on the server: the toast Reflex's own
handler shows, in the shop's words (`reflex_error_toast`), or, when the shop could not reach a
part it needs (the Redis holding the pages' state, the database): "The shop can't be reached for a
moment", then the page reloads by itself once `/readyz` answers again. Without it, the page
kept what it showed (a search's skeleton, a page loaded meanwhile: a spinner) for good, since
the event that would have filled it was gone; only a reload brought it back (QA).

Sent by the app's backend exception handler (storefront/event_failures.py), which knows
neither the tab nor its language."""

from __future__ import annotations

import json

import reflex as rx
from reflex.utils import exec as reflex_exec
from reflex_base.event import EventSpec
from reflex_components_sonner.toast import toast

from components.i18n import in_page_language
from storefront.i18n import translate
from storefront.settings import get_settings

TOAST_ID = "shop-unreachable"
# A toast's width, a phone's too (Reflex's was 500 px on a 375 px screen).
TOAST_WIDTH = "min(500px, calc(100vw - 2em))"
# Seconds before the first look at /readyz, doubled at each reload it had to make within
# RELOADS_FORGOTTEN seconds, up to MAX_WAIT; after MAX_RELOADS of them the page no longer
# reloads by itself (a part /readyz sees answering that still fails every page).
FIRST_WAIT, MAX_WAIT, RELOADS_FORGOTTEN, MAX_RELOADS = 2, 60, 120, 3
# Seconds between two looks at /readyz while the shop is still unready.
POLL_SECONDS = 4
# Pages never reloaded by themselves: checkout (a card typed in Stripe's field, a bank's
# 3-D Secure window) and the admin's forms; their notice offers a Reload button instead.
HANDS_OFF = r"^/(checkout|admin)(/|$)"
# Nor while the shopper is in a field (what they type would be lost): once they leave it.
IN_A_FIELD = "input, textarea, select, iframe, [contenteditable]"


def reload_when_back_script() -> str:
    """The page's script: the notice (once the page's toaster is there, with a Reload
    button), then a look at /readyz every POLL_SECONDS or so, and a reload once it says
    ready; a page hands off says instead that the shop is back, and a field the shopper is
    in holds the reload until they leave it. One wait per page however many of its events
    failed."""
    return f"""(() => {{
  if (window.__boutiqueAwaitsShop) return;
  window.__boutiqueAwaitsShop = true;
  const key = "boutique.outage.reloads", now = Date.now();
  let seen = {{}};
  try {{ seen = JSON.parse(sessionStorage.getItem(key) || "{{}}"); }} catch (e) {{}}
  const reloads = now - (seen.at || 0) < {RELOADS_FORGOTTEN * 1000} ? (seen.n || 0) : 0;
  const hands_off = new RegExp({json.dumps(HANDS_OFF)}).test(location.pathname);
  const by_itself = reloads < {MAX_RELOADS} && !hands_off;
  const reload = () => {{
    try {{ sessionStorage.setItem(key, JSON.stringify({{ n: reloads + 1, at: Date.now() }})); }}
    catch (e) {{}}
    location.reload();
  }};
  const notice = (level, title, text, tries = 0) => {{
    const toast = refs["__toast"];
    if (!toast) {{
      if (tries < 20) setTimeout(() => notice(level, title, text, tries + 1), 250);
      return;
    }}
    toast[level](title, {{
      id: "{TOAST_ID}", description: text,
      action: {{ label: {in_page_language("outage.reload")}, onClick: reload }},
      duration: Infinity, position: "top-center",
      style: {{ width: {json.dumps(TOAST_WIDTH)} }},
    }});
  }};
  notice("error", {in_page_language("outage.title")}, by_itself
    ? {in_page_language("outage.next")} : {in_page_language("outage.manual")});
  const ready = typeof getBackendURL === "function"
    ? new URL("readyz", getBackendURL()) : new URL("/readyz", location.origin);
  const later = (seconds) => setTimeout(look, seconds * 1000 * (0.75 + Math.random() / 2));
  const look = () => fetch(ready, {{ cache: "no-store" }})
    .then((answer) => {{
      if (!answer.ok) throw new Error(answer.status);
      if (!by_itself) {{  // the shopper acts: the notice says the shop is back
        window.__boutiqueAwaitsShop = false;
        notice("success", {in_page_language("outage.back")}, {in_page_language("outage.again")});
      }} else if (document.activeElement?.matches({json.dumps(IN_A_FIELD)})) later({POLL_SECONDS});
      else reload();
    }})
    .catch(() => later({POLL_SECONDS}));
  later(Math.min({FIRST_WAIT} * 2 ** reloads, {MAX_WAIT}));
}})()"""


def reload_when_back() -> EventSpec:
    """The event the backend exception handler answers an outage with."""
    spec: EventSpec = rx.call_script(reload_when_back_script())
    return spec


def reflex_error_toast(exception: Exception) -> EventSpec:
    """In development, what reflex.app.default_backend_exception_handler returns (0.10; the
    error's details: tests/unit/ops/test_reflex_errors.py compares them). In production, a
    shopper's words in the shop's language (the handler knows no tab's), on a phone's width
    too: Reflex's were English ("Contact the website administrator."), 500 px wide."""
    if reflex_exec.is_prod_mode():
        language = get_settings().language
        title = translate(language, "error.event.title")
        description = translate(language, "error.event.next")
        width = TOAST_WIDTH
    else:
        title, width = "An error occurred.", "500px"
        description = f"{type(exception).__name__}: {exception}\nSee logs for details."
    spec: EventSpec = toast(
        title,
        level="error",
        fallback_to_alert=True,
        description=description,
        position="top-center",
        id="backend_error",
        style={"width": width, "white-space": "pre-wrap"},
    )
    return spec
