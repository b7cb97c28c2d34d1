"""What is wrong with a catalog file, row by row, and the error that refuses the whole file."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from storefront.services.errors import DomainError

T = TypeVar("T")
# A problem's message key (storefront.i18n: "import.problem.<key>") and its {placeholders}, so
# that the admin shows it in the merchant's language; `reason` stays the English text.
# An empty value is a list with nothing in it: the admin writes NONE's word in each language
# ("none", "aucune"; it showed the English word in French, QA).
Params = tuple[tuple[str, str | int], ...]
NONE = "none"  # how `reason` writes an empty list
# Long cell values are cut in messages so that one bad description does not flood the report.
_SHOWN_CHARS = 60


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One problem, at the physical line where its record starts (the header is line 1)."""

    line: int
    # The header name as written in the file; empty when the whole row or file is at fault.
    column: str
    reason: str
    # Every problem has one (tests/unit/test_import_problem_messages.py checks them all).
    key: str
    params: Params = ()

    def __str__(self) -> str:
        if self.column:
            return f'line {self.line}, column "{self.column}": {self.reason}'
        return f"line {self.line}: {self.reason}"


class CatalogFileInvalid(DomainError):
    """The file was refused as a whole; `problems` lists every bad row, in file order."""

    code = "catalog_file_invalid"

    def __init__(self, problems: Iterable[RowProblem], readable: Any = None) -> None:
        self.problems = sorted(problems, key=lambda p: p.line)
        # The products read well despite the problems (a ParsedCatalog), to check against
        # the shop too, so that one report names everything; None past a bad header.
        self.readable = readable
        count = len(self.problems)
        first = self.problems[0] if self.problems else "no detail"
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"catalog file refused ({count} {noun}), first: {first}")


class CellError(ValueError):
    """A cell's value is unusable; the message is the reason shown to the merchant."""

    def __init__(self, reason: str, key: str, **params: str | int) -> None:
        super().__init__(reason)
        self.key, self.params = key, tuple(params.items())


def quoted(text: str) -> str:
    """A cell value as messages show it: in double quotes, cut when long."""
    if len(text) > _SHOWN_CHARS:
        text = text[: _SHOWN_CHARS - 1] + "…"
    return f'"{text}"'


class ProblemLog:
    """Collects problems while a file is read, so that every bad row is reported at once."""

    def __init__(self) -> None:
        self.problems: list[RowProblem] = []

    def __bool__(self) -> bool:
        return bool(self.problems)

    def add(self, line: int, column: str, reason: str, key: str, **params: str | int) -> None:
        self.problems.append(RowProblem(line, column, reason, key, tuple(params.items())))

    def check(self, line: int, column: str, parse: Callable[[], T]) -> T | None:
        """The parsed value, or None after logging the cell's problem."""
        try:
            return parse()
        except CellError as exc:
            self.problems.append(RowProblem(line, column, str(exc), exc.key, exc.params))
            return None

    def parse(self, line: int, column: str, parse: Callable[[str], T], value: str) -> T | None:
        """`parse(value)`, or None after logging the cell's problem."""
        try:
            return parse(value)
        except CellError as exc:
            self.problems.append(RowProblem(line, column, str(exc), exc.key, exc.params))
            return None

    def raise_if_any(self) -> None:
        if self.problems:
            raise CatalogFileInvalid(self.problems)
