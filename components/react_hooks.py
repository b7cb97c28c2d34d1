"""React hooks that live with an element: a var set on one of its attributes carries the
hook, so the hook runs (and updates) with the element that shows it."""

from __future__ import annotations

import reflex as rx
from reflex_base.vars import VarData


def carrying_hook(
    value: rx.Var, hook: str, *reads: rx.Var, react: tuple[str, ...] = ("useEffect",)
) -> rx.Var:
    """`value` as it is, carrying `hook` (React code using `react`'s functions), which reads
    `value` and `reads`."""
    read = VarData.merge(*(var._get_all_var_data() for var in (value, *reads)))
    return rx.Var(
        _js_expr=str(value),
        _var_type=value._var_type,
        _var_data=VarData.merge(read, VarData(imports={"react": list(react)}, hooks={hook: read})),
    )
