"""Back-in-stock alerts: the offer under a sold-out variant, and the account's list."""

from __future__ import annotations

import reflex as rx

from components.focus_note import focus_after
from components.i18n import pick, t, t_with
from components.money import long_date
from components.once_loaded import once_loaded
from components.status_note import status_note
from state.account import AccountState
from state.product import ProductState
from state.restock import RestockState, WaitingItem


def restock_offer() -> rx.Component:
    """Shown while the chosen variant is sold out: one click for a signed-in shopper (their
    account's email), an email field for a guest."""
    told = (RestockState.told_sku == ProductState.variant.sku) & (RestockState.message.length() > 0)
    # Not before the product has loaded (the prerendered page knows no variant yet).
    return rx.cond(
        (ProductState.stock_level == "out")
        & (ProductState.variant.id > 0)
        & (ProductState.size_unchosen == ""),  # an alert is for one size: chosen first
        rx.vstack(
            status_note(
                told,
                rx.text(
                    pick(RestockState.message),
                    size="2",
                    tab_index=-1,  # the focus lands here when its button goes (focus_after)
                    data_testid="restock-told",
                ),
            ),
            rx.cond(
                ~told,
                rx.form(
                    rx.vstack(
                        rx.text(t("restock.offer"), size="2", id="restock-offer"),
                        rx.hstack(
                            rx.cond(
                                AccountState.signed_in,
                                rx.fragment(),
                                rx.input(
                                    name="email",
                                    type="email",
                                    required=True,
                                    auto_complete="email",
                                    placeholder=t("restock.email"),
                                    aria_label=t("restock.email"),
                                    aria_describedby="restock-offer",
                                    data_testid="restock-email",
                                ),
                            ),
                            rx.button(
                                rx.cond(
                                    AccountState.signed_in,
                                    t("restock.notify_account"),
                                    t("restock.notify"),
                                ),
                                type="submit",
                                variant="soft",
                                data_testid="restock-subscribe",
                            ),
                            spacing="2",
                            wrap="wrap",
                        ),
                        spacing="2",
                    ),
                    on_submit=RestockState.subscribe,
                    reset_on_submit=False,
                ),
            ),
            rx.cond(
                RestockState.error.length() > 0,
                rx.text(
                    pick(RestockState.error),
                    size="2",
                    color_scheme="red",
                    role="alert",
                    data_testid="restock-error",
                ),
            ),
            spacing="2",
            # The button pressed is gone with its form: the reader lands on what it did.
            data_step=focus_after("restock_step", told, '[data-testid="restock-told"]'),
            data_testid="restock-offer",
        ),
        rx.cond(
            (ProductState.stock_level == "out") & (ProductState.size_unchosen != ""),
            rx.text(t("restock.choose_size"), size="2", data_testid="restock-choose-size"),
        ),
    )


def _waiting(item: WaitingItem) -> rx.Component:
    refused = item.refused_email != ""
    done = refused | (item.mailed_at != "")
    return rx.vstack(
        rx.hstack(
            rx.link(item.product, href=item.href),
            rx.cond(item.variant != "", rx.text(item.variant, size="2", color_scheme="gray")),
            rx.button(
                rx.cond(done, t("restock.account.dismiss"), t("restock.account.remove")),
                on_click=RestockState.remove(item.id),
                # Which item, for a list of the page's buttons (every row's read alike).
                aria_label=rx.cond(
                    done, t("restock.account.dismiss"), t("restock.account.remove")
                ).to(str)
                + " "
                + item.product.to(str)
                + rx.cond(item.variant != "", " (" + item.variant.to(str) + ")", "").to(str),
                variant="ghost",
                size="1",
                data_testid="restock-remove",
            ),
            align="center",
            spacing="3",
        ),
        # Not mailed: said so, so the shopper does not wait for a mail that went nowhere.
        rx.cond(
            refused,
            rx.text(
                t_with("restock.account.refused", email=item.refused_email),
                size="2",
                color_scheme="red",
                data_testid="restock-refused",
            ),
        ),
        # Asked while the account's address was not confirmed: waits for its link.
        rx.cond(
            item.unconfirmed_email != "",
            rx.text(
                t_with("restock.account.unconfirmed", email=item.unconfirmed_email),
                size="2",
                color_scheme="amber",
                data_testid="restock-unconfirmed",
            ),
        ),
        # Mailed: said when, for the shopper who missed the mail (the list dropped it at once).
        rx.cond(
            item.mailed_at != "",
            rx.text(
                t_with("restock.account.mailed", date=long_date(item.mailed_at)),
                size="2",
                data_testid="restock-mailed",
            ),
        ),
        spacing="1",
        # Keyed by the alert: a row removed takes its button along, and the focus goes to the
        # note saying so (focus_after), rather than staying on the next row's button, where a
        # second Enter stopped another alert (QA).
        key=item.id,
        data_testid="restock-waiting",
    )


def restock_list() -> rx.Component:
    """The account page's alerts not sent yet, those the mail server refused and those
    mailed lately (services/restock.py, MAILED_SHOWN)."""
    return rx.vstack(
        rx.heading(t("restock.account.title"), size="5", as_="h2"),
        status_note(
            RestockState.removed.length() > 0,
            rx.text(
                pick(RestockState.removed), size="2", tab_index=-1, data_testid="restock-removed"
            ),
        ),
        rx.cond(
            RestockState.waiting.length() > 0,
            rx.vstack(rx.foreach(RestockState.waiting, _waiting), spacing="2"),
            once_loaded(rx.text(t("restock.account.empty"), size="2", color_scheme="gray")),
        ),
        spacing="3",
        width="100%",
        margin_top="2em",  # apart from the wishlist above it, as the page's other sections are
        margin_bottom="1em",  # and from the password's card below it (QA)
        # A removed row takes its button along: the reader lands on the note saying so.
        data_step=focus_after(
            "restock_removed", RestockState.waiting.length(), '[data-testid="restock-removed"]'
        ),
        data_testid="restock-alerts",
    )
