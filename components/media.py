"""Screen-width conditions read in the browser, for parts a phone does not show at first.

CSS `display: none` hides an element but React still builds it: a listing's filter panel is
hidden on phones yet made over 40 % of the page's elements. `wider_than` lets a page leave
such a part out of the tree until the screen shows it (or the shopper opens it).
"""

from __future__ import annotations

import json

import reflex as rx
from reflex_base.vars import VarData


def wider_than(min_width: str) -> rx.Var[bool]:
    """True while the viewport is at least `min_width` wide (a CSS length such as "48em").

    Follows the window as it is resized. Pages rendered ahead of time take the wide layout,
    which the browser then corrects before the shopper can interact."""
    name = "wider_than_" + "".join(c if c.isalnum() else "_" for c in min_width)
    query = json.dumps(f"(min-width: {min_width})")
    hook = (
        f"const {name} = useSyncExternalStore("
        f"(changed) => {{ const m = window.matchMedia({query}); "
        f"m.addEventListener('change', changed); "
        f"return () => m.removeEventListener('change', changed); }}, "
        f"() => window.matchMedia({query}).matches, "
        f"() => true)"
    )
    return rx.Var(
        _js_expr=name,
        _var_type=bool,
        _var_data=VarData(imports={"react": "useSyncExternalStore"}, hooks={hook: None}),
    )
