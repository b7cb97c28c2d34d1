"""What the checkout page asks the browser to run: the steps of assets/checkout.js (mount the
card field, tokenise the card, authenticate it with 3-D Secure), and the discount code shown
in its field once applied."""

from __future__ import annotations

import json

# Mount the card field once /checkout.js has loaded and the field is on the page (this answer
# can arrive before either): checked every 100 ms for up to 15 s.
_MOUNT_CARD = """(function mountCard(tries) {
  if (window.boutiqueCheckout && document.getElementById("card-element")) {
    window.boutiqueCheckout.mount(%s, %s);
  } else if (tries > 0) {
    setTimeout(() => mountCard(tries - 1), 100);
  }
})(150)"""
# Shows the code applied as the shop writes it in its field, in place: the focus stays there.
_SHOW_CODE = """(() => {
  const box = document.getElementById(%s);
  if (box) box.value = %s;
})()"""
# The code's field, emptied and focused: its code was removed, with the button beside it.
_FOCUS_CODE = """(() => {
  const box = document.getElementById(%s);
  if (box) { box.value = ""; box.focus(); }
})()"""
TOKENIZE = "window.boutiqueCheckout.tokenize()"
# Whether the bank's 3-D Secure window is open in this page (a reconnection draws the page's
# data again while it is; a reload or Back then Forward closes it).
CONFIRMING = "Boolean(window.boutiqueCheckout && window.boutiqueCheckout.confirming)"


def mount_card(publishable_key: str, stripe_js_url: str) -> str:
    return _MOUNT_CARD % (json.dumps(publishable_key), json.dumps(stripe_js_url))


def show_code(box_id: str, code: str) -> str:
    return _SHOW_CODE % (json.dumps(box_id), json.dumps(code))


def focus_code(box_id: str) -> str:
    return _FOCUS_CODE % json.dumps(box_id)


def authenticate(client_secret: str) -> str:
    return f"window.boutiqueCheckout.authenticate({json.dumps(client_secret)})"
