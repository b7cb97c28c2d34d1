"""A CSV file as a header and rows, each row knowing the physical line it starts on.

Fields may hold commas, quotes and newlines, so line numbers come from the parser's own
count of the lines it consumed, never from counting records. The header tells how fields are
separated: commas, or the semicolons (or tabs) a spreadsheet set to a European locale saves
"CSV" with, which the import had refused.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from storefront.services.catalog_csv.problems import ProblemLog

MAX_ROWS = 200_000
_BOM = "\ufeff"
SEPARATORS = (",", ";", "\t")  # the first wins a tie
# Bytes a stream decoding with errors="surrogateescape" (the command line's) could not read
# as UTF-8: the line holding them is named, where a strict stream fails a whole chunk ahead.
_UNDECODED = re.compile("[\udc80-\udcff]")


class _NotUtf8(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _decoded(lines: Iterable[str]) -> Iterator[str]:
    """The lines up to the first holding bytes that are not UTF-8 (_NotUtf8: its number)."""
    for number, line in enumerate(lines, start=1):
        if _UNDECODED.search(line):
            raise _NotUtf8(number)
        yield line


def _nothing(_header: Sequence[str]) -> bool:
    return False


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    # Header names as written, without a byte order mark or surrounding spaces.
    header: tuple[str, ...]
    rows: tuple[Row, ...]


def read_table(
    lines: Iterable[str], log: ProblemLog, known: Callable[[Sequence[str]], bool] = _nothing
) -> Table | None:
    """Parse the file; log rows that cannot be used; None when there is not even a header.
    `known`: whether a header, split, is one of the formats (it settles the separator)."""
    try:
        header_line, lines = _peeked(_decoded(_without_bom(lines)))
    except _NotUtf8 as exc:
        _not_utf8(log, exc.line)
        return None
    except UnicodeDecodeError:  # a strict stream decodes ahead: the header's read may meet it
        _not_utf8(log, 1)
        return None
    reader = csv.reader(lines, delimiter=separator_of(header_line, known), strict=False)
    header: tuple[str, ...] | None = None
    rows: list[Row] = []
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # The parser's state after an error is unknown: later line numbers would lie.
            log.add(
                start,
                "",
                f"unreadable CSV ({exc}; an unclosed quote?); reading stopped here",
                "unreadable",
                detail=str(exc),
            )
            break
        except _NotUtf8 as exc:
            _not_utf8(log, exc.line)
            break
        except UnicodeDecodeError:
            _not_utf8(log, start)
            break
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = tuple(cell.strip() for cell in cells)
            continue
        if len(rows) >= MAX_ROWS:
            log.add(
                start,
                "",
                f"the file has more than {MAX_ROWS:,} rows; split it",
                "too_many_rows",
                limit=MAX_ROWS,
            )
            break
        if len(cells) != len(header):
            log.add(
                start,
                "",
                f"{len(cells)} fields where the header has {len(header)} "
                "(a missing or extra separator, or an unclosed quote?)",
                "field_count",
                fields=str(len(cells)),
                header=str(len(header)),
            )
            continue
        if any("\x00" in cell for cell in cells):
            # PostgreSQL refuses NUL in text; refusing it here keeps both databases alike.
            log.add(start, "", "contains a NUL character", "nul")
            continue
        rows.append(Row(start, tuple(cells)))
    if header is None:
        return None
    return Table(header=header, rows=tuple(rows))


def _not_utf8(log: ProblemLog, line: int) -> None:
    log.add(
        line, "", "the file is not UTF-8 text (save it as CSV UTF-8); reading stopped", "not_utf8"
    )


def separator_of(header_line: str, known: Callable[[Sequence[str]], bool] = _nothing) -> str:
    """The first separator that splits the header line into a `known` header, else the one
    that splits it into the most fields (a quoted name may hold another one)."""
    splits = {
        s: [name.strip() for name in next(csv.reader([header_line], delimiter=s), [])]
        for s in SEPARATORS
    }
    recognised = [s for s in SEPARATORS if known(splits[s])]
    return recognised[0] if recognised else max(SEPARATORS, key=lambda s: len(splits[s]))


def _peeked(lines: Iterable[str]) -> tuple[str, Iterator[str]]:
    """The first line with more than separators ("" if none), and every line again."""
    iterator = iter(lines)
    seen: list[str] = []
    for line in iterator:
        seen.append(line)
        if line.strip(" \r\n" + "".join(SEPARATORS)):
            return line, itertools.chain(seen, iterator)
    return "", iter(seen)


def _without_bom(lines: Iterable[str]) -> Iterator[str]:
    iterator = iter(lines)
    for first in iterator:
        yield first.removeprefix(_BOM)
        break
    yield from iterator
