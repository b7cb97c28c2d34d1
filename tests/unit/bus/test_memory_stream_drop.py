"""Dead letters deleted by their id (bus-drop), in the in-process stream as in Redis's
(tests/integration/test_bus.py)."""

from __future__ import annotations

from storefront.adapters.memory_stream import InProcessStream
from storefront.services.bus.ports import Delivery


def test_only_the_dead_letters_named_are_deleted() -> None:
    stream = InProcessStream()
    stream.ensure_group("g")
    for number in (1, 2):
        stream.dead_letter("g", Delivery(f"{number}-0", str(number), "X", "{}"), f"why {number}")
    [(gone, why)] = stream.drop_dead("g", ["1", "9"])
    assert (gone.message_id, why) == ("1", "why 1")
    assert [d.message_id for d, _ in stream.dead_letters("g")] == ["2"]
