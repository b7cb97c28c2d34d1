"""The shop's policies as shoppers read them: the merchant's text for a kind and language,
else the default shipped with the code; and a text cut into paragraphs and lists to show.

A policy's page reads them on each visit: the merchant's texts go through the catalog cache
(one small value, in each process's memory, dropped in every process when one is saved)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final, Protocol

from storefront.services.policy_defaults import ShopFacts, default_text
from storefront.services.versioned_cache import VersionedCache

# Terms of sale, refunds and returns (with the right of withdrawal), shipping, privacy,
# legal notice: the order of the footer and the admin. A kind is also its page's path.
KINDS: Final = ("terms", "refund", "shipping", "privacy", "legal")
POLICIES_NAMESPACE: Final = "policies"
_KEY: Final = "policies:stored"


def policy_path(kind: str) -> str:
    """The shopper's page of a policy: /policies/terms."""
    return f"/policies/{kind}"


@dataclass(frozen=True, slots=True)
class StoredPolicy:
    """A policy the merchant wrote (a kind and language)."""

    body: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Policy:
    kind: str
    locale: str
    body: str
    is_default: bool  # no text of the merchant's yet: the one shipped with the code
    updated_at: datetime | None  # when the merchant saved it (None for a default)


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (one item) or a list (its items) of a policy's text."""

    is_list: bool
    items: tuple[str, ...]


class PolicyReader(Protocol):
    def stored(self) -> dict[tuple[str, str], StoredPolicy]:
        """The merchant's texts by (kind, locale)."""
        ...


class Policies:
    def __init__(
        self, store: PolicyReader, cache: VersionedCache, facts: ShopFacts | None = None
    ) -> None:
        self._store = store
        self._cache = cache
        self._facts = facts or ShopFacts()  # the defaults say the shop's own

    def policy(self, kind: str, locale: str) -> Policy:
        """The policy of `kind` in `locale`: the merchant's text, else the default."""
        return self.among(kind, locale, self._stored())

    def among(
        self, kind: str, locale: str, stored: Mapping[tuple[str, str], StoredPolicy]
    ) -> Policy:
        """The policy of `kind` in `locale` among the merchant's texts `stored`, else the
        default (the admin's reads, from the store rather than the cache)."""
        return policy_of(kind, locale, stored, self._facts)

    def last_changes(self) -> dict[str, datetime | None]:
        """Each kind's latest save among its languages (None: the default in every one), as
        the sitemap dates the policies' pages (one page each, every language on it)."""
        latest: dict[str, datetime | None] = dict.fromkeys(KINDS)
        for (kind, _), found in self._stored().items():
            before = latest.get(kind)
            if kind in latest and (before is None or before < found.updated_at):
                latest[kind] = found.updated_at
        return latest

    def forget(self) -> None:
        """Drop the cached texts, in every process (a policy was saved)."""
        self._cache.invalidate([POLICIES_NAMESPACE])

    def _stored(self) -> dict[tuple[str, str], StoredPolicy]:
        return self._cache.read_through(
            _KEY, [POLICIES_NAMESPACE], self._store.stored, local_only=True
        )


def policy_of(
    kind: str,
    locale: str,
    stored: Mapping[tuple[str, str], StoredPolicy],
    facts: ShopFacts | None = None,
) -> Policy:
    """The policy of `kind` in `locale` among the merchant's texts `stored`, else the default
    (saying the shop's `facts`)."""
    found = stored.get((kind, locale))
    if found is None:
        return Policy(kind, locale, default_text(kind, locale, facts or ShopFacts()), True, None)
    return Policy(kind, locale, found.body, False, found.updated_at)


def blocks(text: str) -> list[Block]:
    """The text as paragraphs (parted by blank lines) and lists (lines starting "- "); the
    lines of a paragraph join with a space. Plain text all through: nothing is markup."""
    found: list[Block] = []
    lines: list[str] = []
    items: list[str] = []

    def close_paragraph() -> None:
        if lines:
            found.append(Block(False, (" ".join(lines),)))
            lines.clear()

    def close_list() -> None:
        if items:
            found.append(Block(True, tuple(items)))
            items.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            close_paragraph()
            close_list()
        elif line.startswith("- ") or line == "-":
            close_paragraph()
            if item := line[1:].strip():
                items.append(item)
        else:  # a line after a list starts a paragraph
            close_list()
            lines.append(line)
    close_paragraph()
    close_list()
    return found
