"""The order page's record of a refund made outside the payment provider (a bank transfer, a
cheque, cash): asked with its form, confirmed with the amount and the method the server read,
then recorded (services/admin/offline_refund_desk.py); nothing is sent to the provider. The
form carries the refund form's request key (AdminOrderState.refund_key, drawn anew with each
order shown), under a name of its own, so a double submit records once."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import reflex as rx

from state.admin.guard import AdminState, Errors, admin
from state.admin.orders import REFUND_KEY, AdminOrderState
from storefront.i18n import translations
from storefront.services.admin.access import Permission
from storefront.services.admin.offline_refund_desk import OfflineRefundForm
from storefront.services.orders.offline_refunds import MAX_REFERENCE, OFFLINE_METHODS


class AdminOfflineRefundState(AdminState):
    errors: Errors = {}  # noqa: RUF012
    # The record asked for and waiting for its confirmation, which names its amount and
    # method (0: none); what the form sent is kept to record exactly what was confirmed.
    asked_minor: int = 0
    # The order it was asked on: the dialog shows, and the record goes, only on that order's
    # page (review: left open across a Back to another order, it recorded on that one).
    asked_order: int = 0
    asked_method_labels: dict[str, str] = {}  # noqa: RUF012
    _asked: dict[str, str] = {}  # noqa: RUF012
    form_key: int = 0  # drawn anew once recorded: the form then starts empty

    @rx.event
    async def ask(self, form: dict[str, Any]) -> None:
        """Hold the record the form asks for until confirmed (checked first as it will be)."""
        staff = await self._staff_for_form(Permission.REFUND, form)
        if staff is None:
            return
        key = str(form.get("key", ""))
        if not REFUND_KEY.fullmatch(key):
            key = (await self.get_state(AdminOrderState)).refund_key
        method = str(form.get("offline_method", ""))[:20]
        asked = OfflineRefundForm(
            str(form.get("offline_amount", ""))[:20],
            method,
            str(form.get("offline_reference", ""))[:MAX_REFERENCE],
            key,
        )
        amount_minor, errors = await self._attempt(
            admin().offline_refunds.check, staff, self._path_id(), asked
        )
        self.errors = _named(errors)
        if amount_minor is None:
            return
        self._asked, self.asked_minor = asdict(asked), amount_minor
        self.asked_order = self._path_id()
        self.asked_method_labels = (
            translations(f"admin.offline_refund.method.{method}")
            if method in OFFLINE_METHODS
            else {}
        )

    @rx.event
    async def dismiss(self) -> None:
        if await self._staff(Permission.VIEW) is None:
            return
        self._forget()

    @rx.event
    async def record(self) -> None:
        """Record the refund asked for and confirmed."""
        staff = await self._staff(Permission.REFUND)
        asked, order_id = self._asked, self.asked_order
        self._forget()
        if staff is None or not asked or order_id != self._path_id():
            return
        done, errors = await self._attempt(
            admin().offline_refunds.record, staff, order_id, OfflineRefundForm(**asked)
        )
        self.errors = _named(errors)
        page = await self.get_state(AdminOrderState)
        await page._after(staff, done is not None, "admin.offline_refund.recorded")
        if done is not None:
            self.form_key += 1

    def _forget(self) -> None:
        self._asked, self.asked_minor, self.asked_method_labels = {}, 0, {}
        self.asked_order = 0


def _named(errors: Errors) -> Errors:
    """The service's field messages on this form's fields (named apart from the refund
    form's on the same page: offline_amount...)."""
    return {f"offline_{field}": said for field, said in errors.items()}
