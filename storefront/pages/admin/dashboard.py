"""Admin dashboard: revenue, orders and average order value over time; the conversion
funnel; top products and categories; search and recommendation analytics."""

from __future__ import annotations

import reflex as rx
from reflex.vars.function import FunctionVar

from components.admin_shell import admin_shell
from components.admin_table import admin_table, table_head
from components.i18n import t
from components.money import money, number_formatter
from state.admin.dashboard import RANGES
from state.admin.dashboard import AdminDashboardState as S

HEIGHT = 240


def _card(title_key: str, *children: rx.Component, testid: str) -> rx.Component:
    return rx.card(
        rx.vstack(rx.heading(t(title_key), size="3", as_="h2"), *children, width="100%"),
        width="100%",
        data_testid=testid,
    )


def _series(key: str) -> rx.Var:
    """A series' name in the reader's language, for its legend and tooltip (recharts shows
    the data key otherwise)."""
    return t(f"admin.series.{key}")


def _figure(label_key: str, value: rx.Component | rx.Var | str) -> rx.Component:
    return rx.vstack(
        rx.text(t(label_key), size="1", color_scheme="gray"),
        rx.text(value, size="6", weight="bold"),
        spacing="0",
    )


def _sales() -> rx.Component:
    return _card(
        "admin.chart.revenue",
        rx.recharts.area_chart(
            rx.recharts.area(
                data_key="revenue",
                name=_series("revenue"),
                stroke="var(--accent-9)",
                fill="var(--accent-4)",
            ),
            rx.recharts.x_axis(data_key="day"),
            rx.recharts.y_axis(tick_formatter=number_formatter()),
            rx.recharts.cartesian_grid(stroke_dasharray="3 3"),
            rx.recharts.graphing_tooltip(),
            data=S.sales,
            width="100%",
            height=HEIGHT,
        ),
        testid="chart-revenue",
    )


def _orders() -> rx.Component:
    return _card(
        "admin.chart.orders",
        rx.recharts.composed_chart(
            rx.recharts.bar(
                data_key="orders", name=_series("orders"), fill="var(--accent-8)", y_axis_id="left"
            ),
            rx.recharts.line(
                data_key="average",
                name=_series("average"),
                stroke="var(--orange-9)",
                y_axis_id="right",
            ),
            rx.recharts.x_axis(data_key="day"),
            rx.recharts.y_axis(
                y_axis_id="left", allow_decimals=False, tick_formatter=number_formatter()
            ),
            rx.recharts.y_axis(
                y_axis_id="right", orientation="right", tick_formatter=number_formatter()
            ),
            rx.recharts.legend(),
            rx.recharts.graphing_tooltip(),
            data=S.sales,
            width="100%",
            height=HEIGHT,
        ),
        testid="chart-orders",
    )


def _or_nothing(data: rx.Var, shown: rx.Component) -> rx.Component:
    """`shown` when `data` has rows (or has not come yet); else a line that says the period
    had none, rather than empty axes a merchant may take for a page still loading."""
    return rx.cond(
        (data.length() > 0) | ~S.loaded,  # type: ignore[attr-defined]
        shown,
        rx.text(t("admin.chart.empty"), size="2", color_scheme="gray", data_testid="chart-empty"),
    )


# A bar's name beside the category axis: cut to what its AXIS_WIDTH px hold in TICK_SIZE px
# type, the whole name in the bar's tooltip (the axis's value is the whole name: recharts
# shows it there). At 22 characters in 14 px type a search with no space to wrap at (a SKU)
# ran past the chart's left edge and was clipped (QA); 20 of these glyphs average under 8 px.
LABEL_LENGTH = 20
AXIS_WIDTH, TICK_SIZE = 180, 12
# Cut at the last space in its second half, if any: "hand thrown…", not "hand thrown stonewa…".
SHORT_LABEL = (
    "((value) => { const name = String(value);"
    f" if (name.length <= {LABEL_LENGTH}) return name;"
    f" const cut = name.slice(0, {LABEL_LENGTH - 1}); const space = cut.lastIndexOf(' ');"
    f" return (space >= {LABEL_LENGTH // 2} ? cut.slice(0, space) : cut).trimEnd() + '…'; }})"
)
ROW_HEIGHT, AXIS_HEIGHT = 28, 50  # a bar and its name's line; the value axis and margins


def _named_bars(data: rx.Var, key: str, label: str, **bar: object) -> rx.Component:
    """A horizontal bar chart naming every bar: recharts left out every other name when
    they did not fit (10 searches, 5 names; QA), so each bar has a row tall enough for its
    name, and interval=0 draws them all."""
    return rx.recharts.bar_chart(
        rx.recharts.bar(data_key=key, fill="var(--accent-9)", **bar),
        rx.recharts.x_axis(type_="number", allow_decimals=False, tick_formatter=number_formatter()),
        rx.recharts.y_axis(
            data_key=label,
            type_="category",
            width=AXIS_WIDTH,
            interval=0,
            tick={"fontSize": TICK_SIZE},
            tick_formatter=rx.Var(SHORT_LABEL).to(FunctionVar),
        ),
        rx.recharts.graphing_tooltip(content_style={"whiteSpace": "normal", "maxWidth": "20em"}),
        data=data,
        layout="vertical",
        width="100%",
        height=rx.cond(
            data.length() > 0,  # type: ignore[attr-defined]
            data.length() * ROW_HEIGHT + AXIS_HEIGHT,  # type: ignore[attr-defined]
            HEIGHT,
        ),
    )


def _bars(title_key: str, data: rx.Var, key: str, label: str, testid: str) -> rx.Component:
    chart = _named_bars(data, key, label, name=_series(key))
    return _card(title_key, _or_nothing(data, chart), testid=testid)


def _recs() -> rx.Component:
    return _card(
        "admin.chart.recs",
        rx.recharts.bar_chart(
            rx.recharts.bar(
                data_key="impressions", name=_series("impressions"), fill="var(--gray-8)"
            ),
            rx.recharts.bar(data_key="clicks", name=_series("clicks"), fill="var(--accent-9)"),
            rx.recharts.x_axis(data_key="widget"),
            rx.recharts.y_axis(allow_decimals=False, tick_formatter=number_formatter()),
            rx.recharts.legend(),
            rx.recharts.graphing_tooltip(),
            data=S.recs,
            width="100%",
            height=HEIGHT,
        ),
        admin_table(
            table_head(
                "admin.widget", "admin.ctr", "admin.attributed_orders", "admin.attributed_revenue"
            ),
            rx.table.body(
                rx.foreach(
                    S.recs,
                    lambda w: rx.table.row(
                        rx.table.cell(w["widget"]),
                        rx.table.cell(w["ctr"], t("punct.percent")),
                        rx.table.cell(w["orders"]),
                        rx.table.cell(money(w["revenue_minor"], S.currency)),
                        data_testid="rec-widget-row",
                    ),
                )
            ),
            width="100%",
            size="1",
        ),
        testid="chart-recs",
    )


def _search() -> rx.Component:
    return _card(
        "admin.chart.search",
        rx.hstack(
            _figure("admin.search.count", S.search["searches"].to(str)),
            _figure("admin.ctr", rx.text.span(S.search["ctr"].to(str), t("punct.percent"))),
            _figure("admin.search.zero", S.search["zero"].to(str)),
            spacing="6",
        ),
        _or_nothing(
            S.queries,
            _named_bars(S.queries, "searches", "query", name=_series("searches")),
        ),
        rx.heading(t("admin.search.zero_queries"), size="2", as_="h3"),
        _or_nothing(
            S.zero_queries,
            rx.foreach(
                S.zero_queries,
                lambda q: rx.hstack(
                    rx.code(q["query"]),
                    rx.text(q["searches"], size="1", color_scheme="gray"),
                    # As the merchandising page decides: a query that finds products now
                    # has nothing to fix there (it said "Nothing to fix here", QA).
                    rx.cond(
                        q["found"],
                        rx.text(
                            t("admin.search.found_now"),
                            size="1",
                            color_scheme="green",
                            data_testid="zero-query-found",
                        ),
                        rx.link(t("admin.search.fix"), href="/admin/merchandising", size="1"),
                    ),
                    data_testid="zero-query",
                ),
            ),
        ),
        testid="chart-search",
    )


def dashboard_page() -> rx.Component:
    return admin_shell(
        "admin.nav.dashboard",
        rx.hstack(
            rx.segmented_control.root(
                *[rx.segmented_control.item(t(f"admin.range.{d}"), value=str(d)) for d in RANGES],
                # The items' values are text: the number of days as a number matches none of
                # them, and no period would show as chosen.
                value=S.days.to_string(),
                on_change=S.set_range,
                size={"initial": "1", "sm": "2"},  # five periods in a phone's width
                data_testid="dashboard-range",
            ),
            _figure("admin.chart.revenue", money(S.totals["revenue_minor"], S.currency)),
            _figure("admin.chart.orders_total", S.totals["orders"].to(str)),
            spacing="6",
            align="center",
            wrap="wrap",
        ),
        rx.grid(
            _sales(),
            _orders(),
            _bars("admin.chart.funnel", S.funnel, "visitors", "step", "chart-funnel"),
            _recs(),
            _bars("admin.chart.products", S.products, "revenue", "name", "chart-products"),
            _bars("admin.chart.categories", S.categories, "revenue", "name", "chart-categories"),
            _search(),
            columns=rx.breakpoints(initial="1", lg="2"),
            spacing="4",
            width="100%",
        ),
    )
