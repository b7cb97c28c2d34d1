"""The edit form of an admin page that edits one record at a time (categories, discount
codes): what the form holds, its fields' messages, the version of the record it was filled
from and its one-use key. The page's state keeps which record it edits (`editing`)."""

from __future__ import annotations

import reflex as rx

from state.admin.guard import Errors


class EditForm(rx.State, mixin=True):
    errors: Errors = {}  # noqa: RUF012
    form_values: dict[str, str] = {}  # noqa: RUF012
    form_key: int = 0  # a new one draws the form again, with form_values
    save_key: str = ""  # the form's one-use key (one_use_key)
    _editing_version: str = ""  # what a save starts from: a record changed since is refused

    def _fill_form(self, values: dict[str, str], version: str) -> None:
        """The form drawn again holding `values`, from the record's `version`, no messages."""
        self.form_values, self._editing_version, self.errors = values, version, {}
        self.form_key += 1

    def _empty_form(self, editing: bool) -> None:
        """No values, version or messages. Drawn again only if it held something (`editing`:
        a record): what the merchant types while the page loads must stay."""
        if editing or self.form_values or self.errors:
            self.form_key += 1
        self.form_values, self._editing_version, self.errors = {}, "", {}
