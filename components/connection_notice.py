"""What a shopper sees when the page loses the shop's server: one toast in the page's
language, "Connection to the shop lost: trying again…", gone once it is back. Reflex's own
said, in English whatever the page's language, "Cannot connect to server: websocket error."
with the socket's address to check. Its pulse by the corner stays (connection_pulser)."""

from __future__ import annotations

import reflex as rx
from reflex_base.components.memo import memo
from reflex_base.constants import Hooks
from reflex_base.vars import VarData
from reflex_base.vars.base import LiteralVar, Var
from reflex_base.vars.function import FunctionStringVar
from reflex_base.vars.sequence import LiteralArrayVar
from reflex_components_core.base.fragment import Fragment
from reflex_components_core.core.banner import (
    connect_errors,
    connection_pulser,
    has_too_many_connection_errors,
)
from reflex_components_sonner.toast import ToastProps, toast_ref

from components.i18n import in_page_language

TOAST_ID = "websocket-error"  # Reflex's: a pending dismiss of its toast finds this one


class ConnectionNotice(Fragment):
    """Reflex's connection toaster (reflex_components_core.core.banner.ConnectionToaster)
    with the shop's words; its other cases left out (a server's cold start, a hydration
    payload too large: not this shop's). Not its subclass: Reflex adds the hooks of every
    class in the line, and both toasts would show."""

    def add_hooks(self) -> list[str | Var]:
        props = ToastProps(close_button=True, duration=120_000, id=TOAST_ID)  # pyright: ignore [reportCallIssue]
        show = (
            f"toast?.error({in_page_language('connection.lost')}, "
            "{...toast_props, onDismiss: () => setUserDismissed(true)})"
        )
        effect = f"""() => {{
    if ({has_too_many_connection_errors!s}) {{
        if (!userDismissed) {{ {show}; }}
    }} else {{
        toast?.dismiss("{TOAST_ID}");
        setUserDismissed(false);
    }}
}}"""
        return [
            Hooks.CONNECT_ERRORS,
            Var(f"const toast = {toast_ref};"),
            f"const toast_props = {LiteralVar.create(props)!s};",
            "const [userDismissed, setUserDismissed] = useState(false);",
            FunctionStringVar(
                "useEffect", _var_data=VarData(imports={"react": ("useEffect", "useState")})
            ).call(Var(_js_expr=effect), LiteralArrayVar.create([connect_errors])),
        ]


def connection_overlay(stateful: bool) -> rx.Component | None:
    """The app's overlay (Reflex's app wrap 5, "Overlay"): the pulse and this notice, in a
    component of their own (memo), as Reflex's: their hooks read the event loop's context,
    which the app's root is outside of."""
    if not stateful:
        return None

    def connection_notices() -> rx.Component:
        return rx.fragment(connection_pulser(), ConnectionNotice.create())

    return rx.fragment(memo(connection_notices)())
