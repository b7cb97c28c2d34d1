"""The filter panel of a listing: each option is a link to the filtered URL."""

from __future__ import annotations

import reflex as rx

from components.i18n import pick, t
from components.money import money, number
from components.rating import stars
from components.react_hooks import carrying_hook
from state.listing import ListingState
from state.listing_view import FacetGroup, FacetOption


def _count(option: FacetOption) -> rx.Component:
    return rx.el.span("(", number(option.count), ")", class_name="facet-count")


def _tick() -> rx.Component:
    # Drawn by CSS from the link's aria-checked: one element per option, no icon component.
    return rx.el.span(class_name="tick", aria_hidden="true")


def _price_label(option: FacetOption) -> rx.Component:
    currency = ListingState.currency
    return rx.cond(
        option.low <= 0,
        rx.el.span(t("facet.under"), " ", money(option.high, currency)),
        rx.cond(
            option.high < 0,
            rx.el.span(t("facet.over"), " ", money(option.low, currency)),
            rx.el.span(money(option.low, currency), " – ", money(option.high, currency)),
        ),
    )


def _option_label(group: FacetGroup, option: FacetOption) -> rx.Component:
    return rx.match(
        group.kind,
        ("price", _price_label(option)),
        (
            "rating",
            rx.el.span(
                stars(option.low),
                # The stars are drawn (hidden from screen readers): their number is read.
                rx.el.span(
                    option.low,
                    " ",
                    rx.cond(option.low == 1, t("facet.star"), t("facet.stars")),  # "1 star"
                    class_name="sr-only",
                ),
                " ",
                t("facet.and_up"),
            ),
        ),
        rx.el.span(pick(option.labels)),
    )


def _option(group: FacetGroup, option: FacetOption) -> rx.Component:
    # A link, so that filtered pages are crawled and work before (or without) the page's
    # code; told to assistive technology as the checkbox it looks like, and toggled by Space
    # as one is (assets/keyboard.js), Enter still following it. A subcategory is no filter
    # but another page: a plain link, after which the focus goes to that page's title once
    # loaded (assets/page_focus.js; a "checkbox" that opened another page left the focus on
    # an option of another group; QA).
    # In a search the categories are filters: ticked, the search keeps to one.
    return rx.el.li(
        rx.cond(
            (group.kind == "category") & ~ListingState.searching,
            rx.link(
                _option_label(group, option),
                _count(option),
                href=option.href,
                class_name="facet-link",
                data_testid="facet-option",
            ),
            rx.link(
                _tick(),
                _option_label(group, option),
                _count(option),
                href=option.href,
                class_name="facet-link",
                role="checkbox",
                aria_checked=rx.cond(option.selected, "true", "false"),
                rel="nofollow",
                data_testid="facet-option",
            ),
        ),
    )


def _options(group: FacetGroup, options: rx.Var[list[FacetOption]]) -> rx.Component:
    return rx.el.ul(
        rx.foreach(options, lambda option: _option(group, option)), class_name="facet-options"
    )


def _more(group: FacetGroup) -> rx.Component:
    """The group's other options, drawn only once asked for."""
    showing = ListingState.open_groups.contains(group.key)
    return rx.cond(
        group.more.length() > 0,
        rx.fragment(
            rx.cond(showing, _options(group, group.more)),
            rx.el.button(
                rx.cond(
                    showing,
                    t("facet.fewer"),
                    rx.el.span(t("facet.more"), " (", number(group.more.length()), ")"),
                ),
                type="button",
                on_click=ListingState.toggle_group(group.key),
                aria_expanded=rx.cond(showing, "true", "false"),
                class_name="facet-more",
                data_testid="facet-more",
            ),
        ),
    )


def _group(group: FacetGroup) -> rx.Component:
    # A group (a details element's role) named by its heading: a screen reader entering its
    # options hears "Brand", not an unnamed group. An id holds no spaces (aria-labelledby is a
    # list of ids split on them), and a key may: a Shopify metafield's "Fabric type".
    heading = "facet-heading-" + group.key.replace(" ", "_")
    return rx.el.details(
        rx.el.summary(
            rx.text(
                pick(group.labels),
                # Price ranges and ratings are checkboxes that untick one another.
                rx.cond(
                    (group.kind == "price") | (group.kind == "rating"),
                    rx.el.span(" ", t("facet.one_at_a_time"), class_name="sr-only"),
                ),
                weight="bold",
                size="2",
                as_="span",
                id=heading,
            ),
            cursor="pointer",
            padding_y="0.4em",
        ),
        _options(group, group.options),
        _more(group),
        aria_labelledby=heading,
        open=True,
        data_testid=f"facet-{group.key}",
        border_bottom="1px solid var(--gray-a4)",
    )


# "Show more" pressed: once its options are drawn above it, the focus goes to the first of
# them (it stayed on the button below them, and Tab went on to the next group; QA). Run after
# React drew the change of the open groups; "Show fewer" leaves the focus where it is.
_FOCUS_MORE = """const facet_more_ref = useRef({groups});
useEffect(() => {{
  if (facet_more_ref.current === {groups}) return;
  facet_more_ref.current = {groups};
  const button = document.activeElement;
  if (!button?.classList?.contains("facet-more")) return;
  if (button.getAttribute("aria-expanded") !== "true") return;
  const list = button.previousElementSibling;
  if (list?.tagName === "UL") list.querySelector("a")?.focus();
}}, [{groups}]);"""


def _more_focus() -> rx.Var:
    groups = ListingState.open_groups.length()
    hook = _FOCUS_MORE.format(groups=str(groups))
    return carrying_hook(groups, hook, react=("useEffect", "useRef"))


def facet_panel() -> rx.Component:
    return rx.el.aside(
        rx.hstack(
            rx.heading(t("listing.filters"), size="3", as_="h2"),
            rx.cond(
                ListingState.choices > 0,
                rx.link(t("listing.clear"), href=ListingState.clear_href, size="2"),
            ),
            justify="between",
            align="center",
            margin_bottom="0.5em",
        ),
        rx.foreach(ListingState.facets, _group),
        aria_label=t("listing.filters"),
        data_open_groups=_more_focus(),  # carries the hook
    )
