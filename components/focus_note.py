"""A note saying how an action went: a live region that stays on the page, so a screen reader
hears each new note (a region drawn together with its text is not always read), and that takes
the focus when the action took it away (a removed row's button, a form drawn again)."""

from __future__ import annotations

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
  document.getElementById({note})?.focus();
}}, [{changes}]);"""


def focus_note(
    note_id: str, changes: rx.Var, *children: rx.Component, **props: Any
) -> rx.Component:
    """The note `note_id`, holding `children`; `changes` counts the actions it reports."""
    hook = _FOCUS_AFTER_CHANGE.format(
        ref=note_id.replace("-", "_") + "_changes",
        changes=str(changes),
        hydrated=str(rx.State.is_hydrated),
        note=f'"{note_id}"',
    )
    watched = carrying_hook(changes, hook, rx.State.is_hydrated, react=("useEffect", "useRef"))
    return rx.box(
        *children,
        role="status",
        id=note_id,
        tab_index=-1,  # takes the focus from a script, not a Tab stop
        data_changes=watched,  # carries the hook, which lives (and updates) with the note
        **props,
    )
