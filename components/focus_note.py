"""A note saying how an action went: a live region that stays on the page, so a screen reader
hears each new note (a region drawn together with its text is not always read), and that takes
the focus when the action took it away (a removed row's button, a form drawn again)."""

from __future__ import annotations

import json
from typing import Any

import reflex as rx

from components.react_hooks import carrying_hook

# After an action (a new value of `changes`), once React has drawn its outcome: a focus that
# went with the element it was on lands on the page's body, so it moves to the note; a focus
# the reader moved elsewhere stays. As for refusals (components/form_fields.py), neither the
# count the page mounted with nor one a reload brings back (before the page's load events have
# run) is a new action.
_FOCUS_AFTER_CHANGE = """const {ref} = useRef({changes});
useEffect(() => {{
  if ({ref}.current === {changes}) return;
  {ref}.current = {changes};
  if (!{hydrated}) return;
  const focused = document.activeElement;
  if (focused && focused !== document.body) return;
  document.querySelector({target})?.focus();
}}, [{changes}]);"""


def focus_note(
    note_id: str, changes: rx.Var, *children: rx.Component, **props: Any
) -> rx.Component:
    """The note `note_id`, holding `children`; `changes` counts the actions it reports."""
    watched = focus_after(note_id.replace("-", "_"), changes, f"#{note_id}")
    return rx.box(
        *children,
        role="status",
        id=note_id,
        tab_index=-1,  # takes the focus from a script, not a Tab stop
        data_changes=watched,  # carries the hook, which lives (and updates) with the note
        **props,
    )


def focus_after(name: str, changes: rx.Var, target: str) -> rx.Var:
    """`changes` carrying the hook that, when it changes and the focus went with the element
    it was on, gives the focus to the first element matching the CSS selector `target` (a
    step of a form drawn in place of the last: the reader lands on the new one). Set it on
    an attribute of an element always drawn; `name` is unique on the page."""
    hook = _FOCUS_AFTER_CHANGE.format(
        ref=f"{name}_changes",
        changes=str(changes),
        hydrated=str(rx.State.is_hydrated),
        target=json.dumps(target),
    )
    return carrying_hook(changes, hook, rx.State.is_hydrated, react=("useEffect", "useRef"))
