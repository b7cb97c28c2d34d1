"""Running a write use case: a fresh unit of work, then the events it committed are published
in this process (caches, search, live pages). The shop, the admin's desks and imports share it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Concatenate, ParamSpec, TypeVar

from models.events import Event
from storefront.services.ports import UnitOfWork

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class UseCaseRunner:
    uow_factory: Callable[[], UnitOfWork]
    publish: Callable[[Iterable[Event]], None]

    def __call__(
        self, use_case: Callable[Concatenate[UnitOfWork, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> R:
        uow = self.uow_factory()
        result = use_case(uow, *args, **kwargs)
        self.publish(uow.collect_events())
        return result
