"""The websocket's JSON: orjson writes what Reflex's encoder writes, and falls back to it
for what orjson refuses."""

from __future__ import annotations

import decimal
import enum
import json
import uuid
from collections import namedtuple
from datetime import UTC, date, datetime, timedelta

from reflex.app import _sio_dumps
from reflex.istate.data import RouterData
from reflex.state import StateUpdate
from reflex_base.event import Event

from state.listing_view import FacetGroup, FacetOption, PageLink
from state.product_view import VariantItem
from state.view_models import CardItem, Crumb
from storefront.socket_json import encoder

dumps = encoder(_sio_dumps)
COMPACT = {"separators": (",", ":")}  # as socket.io asks


class Colour(enum.Enum):
    RED = "red"


class Size(enum.StrEnum):
    SMALL = "s"


class Grams(float):
    pass


Point = namedtuple("Point", "x y")


def listing_update() -> StateUpdate:
    cards = [
        CardItem(id=i, href=f"/product/p-{i}", title=f"Chaise «{i}»", price_minor=1999 + i)
        for i in range(24)
    ]
    option = FacetOption(labels={"en": "Red", "fr": "Rouge"}, count=3, href="/c?colour=red")
    facets = [FacetGroup(key="colour", kind="options", options=[option] * 6, more=[option])]
    delta = {
        "state.listing_state": {
            "cards": cards,
            "facets": facets,
            "pages": [PageLink(1, "/c", True), PageLink(2, "/c?page=2")],
            "breadcrumbs": [Crumb({"en": "Home", "fr": "Accueil"}, "/")],
            "total": 240,
            "rating": 4.25,
            "loaded": True,
            "nothing": None,
        }
    }
    return StateUpdate(delta=delta, events=[Event(name="state.x.load", payload={"a": 1})])


def test_a_listing_update_is_written_as_reflex_writes_it() -> None:
    packet = ["event", listing_update()]
    assert dumps(packet, **COMPACT) == _sio_dumps(packet, **COMPACT)


def test_types_with_reflex_serializers_are_written_by_them() -> None:
    router = RouterData.from_router_data(
        {"pathname": "/x", "asPath": "/x?a=1", "query": {"a": "1"}, "token": "t", "sid": "s"}
    )
    values = {
        "router": router,
        "empty_update": StateUpdate(),  # Reflex leaves out empty fields
        "when": datetime(2026, 12, 1, 9, 30, tzinfo=UTC),
        "day": date(2026, 12, 1),
        "wait": timedelta(seconds=90),
        "price": decimal.Decimal("12.50"),
        "tags": {"new"},
        "id": uuid.UUID(int=7),
        "colour": Colour.RED,
        "size": Size.SMALL,
        "weight": Grams(1.5),
        "point": Point(1, 2),
        "variant": VariantItem(sku="A-1", options={"Size": "M"}, stock=2),
        "unknown": object(),  # Reflex writes null
    }
    assert dumps(values, **COMPACT) == _sio_dumps(values, **COMPACT)


def test_what_orjson_refuses_goes_through_reflex() -> None:
    for value in ({"big": 2**70}, {1: "one", 2: "two"}, {"text": "\ud800"}):
        assert dumps(value, **COMPACT) == _sio_dumps(value, **COMPACT)


def test_other_options_go_through_reflex() -> None:
    assert dumps({"a": [1, 2]}, indent=2) == _sio_dumps({"a": [1, 2]}, indent=2)


def test_not_a_number_becomes_null() -> None:
    assert json.loads(dumps({"rating": float("nan")})) == {"rating": None}


def test_the_app_sends_its_packets_with_it() -> None:
    from storefront.storefront import app

    assert app.sio is not None
    assert app.sio.packet_class.json.dumps({"rating": float("inf")}) == '{"rating":null}'
