"""Undo of a cart line's removal (state/cart.py takes this in): the line removed last stays
offered back until the shopper leaves the page, removes another line or undoes it. Putting it
back is the cart service's (services/cart/undo.py); this says how it went."""

from __future__ import annotations

import reflex as rx

from state.live_updates import changed_since, changes_heard
from state.shop import call
from storefront.i18n import LOCALES, translate
from storefront.services.cart.service import RemovedLine


class CartUndo(rx.State, mixin=True):
    """Its event uses the cart's own: CartState's tokens, message, view and removals."""

    # "Oak chair (Red · M) removed.", per locale: while set, the cart's note offers Undo.
    removed_note: dict[str, str] = {}  # noqa: RUF012
    undo_label: dict[str, str] = {}  # noqa: RUF012  # "Undo, put back Oak chair (Red · M)"
    # Counts the undos of this tab: after each, the focus (gone with the Undo button) goes to
    # the note saying how it went (components/cart_note.py).
    undos: int = 0
    _removed: RemovedLine | None = None

    def _offer_undo(self, removed: RemovedLine) -> None:
        """A line was removed: the note says which, with Undo (this one, not one before)."""
        names = item_names(removed)
        self._removed = removed
        self.removed_note = in_each_locale("cart.undo.removed", names)
        self.undo_label = in_each_locale("cart.undo.label", names)
        self.message = {}  # the note says it, an earlier refusal's reason is not about it
        self.removals += 1

    def _forget_removal(self) -> None:
        if self._removed is not None:  # assigned only then: a var set is saved and sent
            self._removed = None
            self.removed_note, self.undo_label = {}, {}

    @rx.event
    async def undo_removal(self) -> None:
        """The line removed last back in the cart, as much of it as the shop can sell now,
        and the note says how it went (never nothing when it could not come back whole)."""
        from state.cart import put_back  # the cart's module takes this mixin in

        removed = self._removed
        if removed is None:  # undone already (a second click on its way)
            return
        names = item_names(removed)
        self._forget_removal()
        heard = changes_heard()
        restored = await call(put_back, *(await self._tokens()), removed)
        self.message = in_each_locale(
            restored.message, names, held=restored.put, wanted=restored.wanted
        )
        if self.refused_sku:
            self.refused_sku = ""
        self._show(restored.view)
        if changed_since(heard, self._product_ids):  # as an add: a product newly watched
            await self._refresh()
        self.undos += 1


def item_names(removed: RemovedLine) -> dict[str, str]:
    """A removed line's name in each locale: "Oak chair (Red · M)"; one gone from the
    catalog is named as its line was (components/cart_line_status.py)."""
    if removed.title:
        options = f" ({removed.options})" if removed.options else ""
        return dict.fromkeys(LOCALES, removed.title + options)
    return {locale: f"{translate(locale, 'cart.item_gone')} · {removed.sku}" for locale in LOCALES}


def in_each_locale(key: str, names: dict[str, str], **params: object) -> dict[str, str]:
    return {
        locale: translate(locale, key, item=names.get(locale, ""), **params) for locale in LOCALES
    }
