"""A policy's text as the shopper reads it: paragraphs and lists of plain text (React writes
them as text: whatever the merchant typed, nothing becomes markup)."""

from __future__ import annotations

import reflex as rx

from state.locale import LocaleState
from state.policy import PolicyBlock, PolicyState


def _item(item: rx.Var[str]) -> rx.Component:
    return rx.el.li(item)


def _block(block: PolicyBlock) -> rx.Component:
    return rx.cond(
        block.locale == LocaleState.locale,
        rx.cond(
            block.is_list,
            rx.el.ul(rx.foreach(block.lines, _item), class_name="policy-list"),
            rx.text(block.lines[0], as_="p"),
        ),
    )


def policy_text() -> rx.Component:
    return rx.box(
        rx.foreach(PolicyState.blocks, _block),
        class_name="policy-text",
        data_testid="policy-text",
    )
