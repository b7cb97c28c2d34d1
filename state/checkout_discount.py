"""The checkout's discount code (state/checkout.py): applied from its form, kept when a code
typed after it is refused, and taken off by its Remove button."""

from __future__ import annotations

from typing import Any

import reflex as rx

from state.browser_input import CONTROL_REFUSED, holds_control
from state.checkout_scripts import focus_code, show_code
from state.refusals import refusal
from storefront.i18n import LOCALES, translate, translations

DISCOUNT_FORM = "discount-form"  # the code's form (id)
DISCOUNT_BOX = "discount-code"  # the code's field (id)


class DiscountChoice(rx.State, mixin=True):
    """The code applied (the cart keeps it too), and what its field says of it. Its events
    use the page's own: CheckoutState's busy, errors, refused and _requote."""

    discount_code: str = ""
    discount_note: dict[str, str] = {}  # noqa: RUF012  "Code WELCOME10 applied", per locale
    # A code applied that a new pricing dropped (used up by another shopper meanwhile, seen
    # by a live update or a reload): the next Pay stops once to say so, rather than charge
    # the full price under a field the shopper may not have looked at (QA).
    _code_dropped: str = ""

    @rx.event
    async def apply_code(self, form: dict[str, Any]) -> rx.event.EventSpec | None:
        if self.busy or not isinstance(form, dict):
            return None
        self._code_dropped = ""  # the shopper is at the code's field: it says what applies
        if holds_control(form):
            self.errors = {**self.errors, "discount": translations(CONTROL_REFUSED)}
        else:
            applied = self.discount_code
            typed = str(form.get("discount_code", "")).strip()[:40]
            await self._requote(typed)  # a refused code is dropped, its reason beside the field
            if "discount" in self.errors and applied:
                # The code applied before stays: a code mistyped after it must not take
                # away a discount the shopper had; and the refusal says so (QA: it read as
                # if no code was applied, under a discount still in the totals).
                reason = self.errors["discount"]
                await self._requote(applied)
                if self.discount_code == applied:  # not used up meanwhile itself (review)
                    reason = {
                        locale: f"{reason.get(locale, '')} "
                        f"{translate(locale, 'checkout.code_kept', code=applied)}"
                        for locale in LOCALES
                    }
                self.errors = {**self.errors, "discount": reason}
        if "discount" in self.errors:
            self.discount_note = {}
            self.refused = refusal(DISCOUNT_FORM, self.refused)
            return None
        # Said by the field (the totals alone changed), and written there as the shop
        # writes it ("WELCOME10", however it was typed).
        code = self.discount_code
        self.discount_note = translations("checkout.code_applied", code=code) if code else {}
        return rx.call_script(show_code(DISCOUNT_BOX, code))

    @rx.event
    def code_typed(self, value: str) -> None:
        """The code's field emptied: the refusal of the code it held goes with it (QA: "not
        valid" stayed under an empty field)."""
        if not self.busy and not str(value).strip() and "discount" in self.errors:
            self.errors = {k: v for k, v in self.errors.items() if k != "discount"}

    @rx.event
    async def remove_code(self) -> rx.event.EventSpec | None:
        """The code applied taken off, here and in the cart (QA: only emptying its field and
        applying that did); the focus goes to the emptied field, the button being gone."""
        if self.busy or not self.discount_code:
            return None
        removed, self._code_dropped = self.discount_code, ""
        await self._requote("")
        self.errors = {k: v for k, v in self.errors.items() if k != "discount"}
        self.discount_note = translations("checkout.code_removed", code=removed)
        return rx.call_script(focus_code(DISCOUNT_BOX))

    def _told_code_dropped(self) -> bool:
        """Pay stopped to say the code applied was dropped (once: pressed again, it pays)."""
        code, self._code_dropped = self._code_dropped, ""
        if code:  # its reason stays beside its field
            self._fail(translations("checkout.error.code_dropped", code=code))
        return bool(code)
