"""A refused form as the page hears of it: the form's id and a count, new at each refusal (the
same refusal twice is two), after which the page takes the focus to the form's first field in
error (components/form_fields.py, refusable_form)."""

from __future__ import annotations


def refusal(form_id: str, last: str) -> str:
    """The state's next `refused` value, for a refusal of `form_id` after `last`."""
    count = last.rpartition("#")[2]
    return f"{form_id}#{int(count) + 1 if count.isdigit() else 1}"
