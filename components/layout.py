"""The page shell every page shares: skip link, header, main landmark, footer."""

from __future__ import annotations

import html

import reflex as rx

from components.header import header
from components.i18n import t, t_with
from components.policy_links import policy_links
from components.react_hooks import carrying_hook
from state.locale import LocaleState
from storefront.i18n import DEFAULT_LOCALE, LOCALES, MESSAGES
from storefront.settings import get_settings

CONTENT_WIDTH = "1240px"


def plain_anchor(
    key: str, href: str, class_name: str, testid: str = "", *, accent: bool = False
) -> rx.Component:
    """A plain anchor to a place in the page, its text `t(key)`, written as HTML: Reflex
    makes its own links (`rx.link`, `rx.el.a`) router links, which went to the page again
    without its query string (a listing lost its filters, a search its words). `accent`:
    in the theme's accent colour, as a Radix link (its classes do it with this attribute)."""
    tested = f' data-testid="{testid}"' if testid else ""
    tested += ' data-accent-color=""' if accent else ""

    def anchor(locale: str) -> rx.Component:
        text = html.escape(MESSAGES[key][locale])
        return rx.html(f'<a class="{class_name}" href="{href}"{tested}>{text}</a>')

    others = [(locale, anchor(locale)) for locale in LOCALES if locale != DEFAULT_LOCALE]
    return rx.match(LocaleState.locale, *others, anchor(DEFAULT_LOCALE))


def skip_link() -> rx.Component:
    return plain_anchor("nav.skip", "#main", "skip-link")


def footer() -> rx.Component:
    return rx.el.footer(
        rx.box(
            rx.hstack(
                rx.hstack(rx.icon("shield-check", size=18), rx.text(t("footer.payments"))),
                rx.hstack(rx.icon("truck", size=18), rx.text(t("footer.delivery"))),
                rx.hstack(
                    rx.icon("rotate-ccw", size=18),
                    rx.text(t_with("footer.returns", days=str(get_settings().withdrawal_days))),
                ),
                spacing="6",
                wrap="wrap",
                justify="center",
            ),
            contact_line(),
            policy_links(),
            rx.text(t("footer.rights"), size="1", color_scheme="gray", align="center"),
            max_width=CONTENT_WIDTH,
            margin="0 auto",
            padding="2em 1em",
            display="flex",
            flex_direction="column",
            gap="1em",
        ),
        border_top="1px solid var(--gray-a5)",
        margin_top="4em",
        background="var(--gray-a2)",
    )


def contact_line() -> rx.Component:
    """Where shoppers write to the shop: every page's "contact us" leads here."""
    address = get_settings().contact_address
    return rx.text(
        t("footer.contact"),
        " ",
        rx.link(
            address,
            href=f"mailto:{address}",
            underline="always",
            class_name="tap-inline",  # 44 px high on a phone: assets/boutique.css
            data_testid="footer-mail",
        ),
        size="2",
        align="center",
        data_testid="footer-contact",
    )


def page_shell(*children: rx.Component) -> rx.Component:
    return rx.box(
        skip_link(),
        header(),
        rx.el.main(
            *children,
            id="main",
            tab_index=-1,
            # "false" until the page's state has loaded: assets/page_focus.js waits for it
            # before giving the title the focus (a title kept from the last page would be
            # read with its old words).
            data_ready=rx.cond(rx.State.is_hydrated, "true", "false"),
            max_width=CONTENT_WIDTH,
            margin="0 auto",
            padding="1.5em 1em",
            min_height="60vh",
            width="100%",
        ),
        footer(),
        # The shopper's language, for screen readers and translators: on this box, and
        # (by the hook it carries) on the document's <html>, which the app renders once.
        lang=document_language(),
    )


_SET_DOCUMENT_LANGUAGE = """useEffect(() => {{
  document.documentElement.lang = {locale};
}}, [{locale}]);"""


def document_language() -> rx.Var:
    """The locale var, carrying a hook that keeps `<html lang>` on it."""
    locale = LocaleState.locale
    return carrying_hook(locale, _SET_DOCUMENT_LANGUAGE.format(locale=str(locale)))
