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

from storefront.i18n import translate, translations
from storefront.settings import get_settings

TOAST_ID = "shop-unreachable"
# Seconds before the first look at /readyz, doubled at each reload it had to make within
# RELOADS_FORGOTTEN seconds (a part that answers /readyz but fails every page must not make
# its shoppers reload every few seconds), up to MAX_WAIT.
FIRST_WAIT, MAX_WAIT, RELOADS_FORGOTTEN = 2, 60, 120
# Seconds between two looks at /readyz while the shop is still unready.
POLL_SECONDS = 4


def _in_page_language(key: str) -> str:
    """A JS expression: the text of `key` in the page's language (<html lang>)."""
    texts = translations(key)
    return (
        f'(document.documentElement.lang === "fr" ? {json.dumps(texts["fr"])} '
        f": {json.dumps(texts['en'])})"
    )


def reload_when_back_script() -> str:
    """The page's script: the notice (once the page's toaster is there), then a look at
    /readyz every POLL_SECONDS with some jitter, and a reload once it says ready. One such
    wait per page however many of its events failed."""
    return f"""(() => {{
  if (window.__boutiqueAwaitsShop) return;
  window.__boutiqueAwaitsShop = true;
  const key = "boutique.outage.reloads", now = Date.now();
  let seen = {{}};
  try {{ seen = JSON.parse(sessionStorage.getItem(key) || "{{}}"); }} catch (e) {{}}
  const reloads = now - (seen.at || 0) < {RELOADS_FORGOTTEN * 1000} ? (seen.n || 0) : 0;
  const wait = Math.min({FIRST_WAIT} * 2 ** reloads, {MAX_WAIT}) * 1000;
  const notice = (tries) => {{
    const toast = refs["__toast"];
    if (!toast) {{ if (tries < 20) setTimeout(() => notice(tries + 1), 250); return; }}
    toast.error({_in_page_language("outage.title")}, {{
      id: "{TOAST_ID}", description: {_in_page_language("outage.next")},
      duration: Infinity, position: "top-center",
      style: {{ width: "min(500px, calc(100vw - 2em))" }},
    }});
  }};
  notice(0);
  const ready = typeof getBackendURL === "function"
    ? new URL("readyz", getBackendURL()) : new URL("/readyz", location.origin);
  const look = () => fetch(ready, {{ cache: "no-store" }})
    .then((answer) => {{
      if (!answer.ok) throw new Error(answer.status);
      sessionStorage.setItem(key, JSON.stringify({{ n: reloads + 1, at: Date.now() }}));
      location.reload();
    }})
    .catch(() => setTimeout(look, {POLL_SECONDS * 1000} * (0.75 + Math.random() / 2)));
  setTimeout(look, wait);
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
        width = "min(500px, calc(100vw - 2em))"
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
