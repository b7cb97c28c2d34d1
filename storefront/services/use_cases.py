"""Running a write use case: a fresh unit of work, then the events it committed are published
in this process (caches, search, live pages). The shop, the admin's desks and imports share it.
The admin's run `audited`: the audit entry commits with the change it describes, or neither."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from models.events import Event
from storefront.services.ports import UnitOfWork

if TYPE_CHECKING:
    from storefront.services.admin.audit import AuditRecord

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

    def audited(
        self,
        audit: Callable[[UnitOfWork, R], Sequence[AuditRecord]],
        use_case: Callable[Concatenate[UnitOfWork, P], R],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> R:
        """Run `use_case` and the audit entries `audit` makes of its result in one
        transaction: the use case's own commit joins this one."""

        def together(uow: UnitOfWork) -> R:
            with uow:
                result = use_case(uow, *args, **kwargs)
                uow.add_audit(audit(uow, result))
                uow.commit()
            return result

        return self(together)
