"""The cart catches up when its tab comes back to the front: another tab (or, for an
account, another browser) may have changed it meanwhile, and this one would show, and at
checkout price, a cart that no longer is."""

from __future__ import annotations

import reflex as rx
from reflex_base.event import EventChain, no_args_event_spec

from components.react_hooks import carrying_hook
from state.cart import CartState

# Tab shown again (visibilitychange) or window focused again (focus): both come together when
# switching tabs, so one catch-up per second at most.
_CATCH_UP_ON_RETURN = """useEffect(() => {{
  let last = 0;
  const back = () => {{
    if (document.visibilityState !== "visible" || Date.now() - last < 1000) return;
    last = Date.now();
    ({catch_up})();
  }};
  document.addEventListener("visibilitychange", back);
  window.addEventListener("focus", back);
  return () => {{
    document.removeEventListener("visibilitychange", back);
    window.removeEventListener("focus", back);
  }};
}}, []);"""


def catching_up() -> rx.Var:
    """A var (the cart's count) carrying the hook; set it on an element that is on every
    page (the header's cart count)."""
    chain = rx.Var.create(EventChain.create(CartState.catch_up, args_spec=no_args_event_spec))
    hook = _CATCH_UP_ON_RETURN.format(catch_up=str(chain))
    return carrying_hook(CartState.count, hook, chain)
