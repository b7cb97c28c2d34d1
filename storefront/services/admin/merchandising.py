"""Merchandising with embeddings: near-duplicate products, category and attribute hints for
a new product, and the products a zero-result query was probably after.

All of it reads the in-process search index (documents and MiniLM vectors), so it sees the
active catalog as search sees it. Thin descriptions (drafts too) come from SQL: re-exported.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storefront.services.admin.merchandising_descriptions import (
    DescriptionStore,
    ThinDescription,
    thin_descriptions,
)
from storefront.services.search.analysis import clean_query, fold, terms, words
from storefront.services.search.hybrid import HybridSearch
from storefront.services.search.ports import SearchDocument
from storefront.services.search.product_text import embedding_text

__all__ = [
    "AttributeSuggestion",
    "CategorySuggestion",
    "DescriptionStore",
    "DuplicatePair",
    "DuplicateScan",
    "NewProductSuggestions",
    "ProductMatch",
    "QueryFix",
    "ThinDescription",
    "finds_something",
    "fixes_for_zero_result_queries",
    "near_duplicates",
    "suggest_for_new_product",
    "thin_descriptions",
]

# Products sharing a title are compared pairwise; a title shared by more (a generic "T-shirt")
# is compared among its first products by id only, to keep the pairs bounded.
MAX_TITLE_GROUP = 50
# An attribute is suggested when neighbours holding this share of the similarity have it.
MIN_ATTRIBUTE_SHARE = 0.3
VALUES_PER_ATTRIBUTE = 3
# "Did the query find something now?" looks at this many results of the real search.
RECHECK_RESULTS = 20
_PUNCTUATION = ".,;:!?\"'()[]"


@dataclass(frozen=True, slots=True)
class ProductMatch:
    """A product with its cosine similarity to something (another product, a query)."""

    product_id: int
    title: str
    similarity: float


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two distinct products that look like one; `a` has the lower id."""

    a_id: int
    a_title: str
    b_id: int
    b_title: str
    similarity: float
    same_title: bool


@dataclass(frozen=True, slots=True)
class DuplicateScan:
    """The most similar pairs found, and how many pairs there were in all."""

    pairs: list[DuplicatePair]
    found: int


@dataclass(frozen=True, slots=True)
class CategorySuggestion:
    category_id: int
    category_path: tuple[str, ...]
    share: float  # of the neighbours' similarity, among neighbours with a category


@dataclass(frozen=True, slots=True)
class AttributeSuggestion:
    key: str
    values: tuple[str, ...]  # most common among the neighbours first
    share: float  # of the neighbours' similarity held by neighbours with this attribute


@dataclass(frozen=True, slots=True)
class NewProductSuggestions:
    categories: tuple[CategorySuggestion, ...]  # best first
    attributes: tuple[AttributeSuggestion, ...]  # most shared first
    neighbours: tuple[ProductMatch, ...]  # what the suggestions were drawn from


@dataclass(frozen=True, slots=True)
class QueryFix:
    """A query that finds nothing, the products it probably meant, and the words to teach them."""

    query: str
    words: tuple[str, ...]  # the query's words, stop words aside: none of them is indexed yet
    products: tuple[ProductMatch, ...]  # nearest in meaning first


def near_duplicates(
    index: HybridSearch, threshold: float = 0.95, limit: int = 50, neighbours: int = 5
) -> DuplicateScan:
    """Pairs of products at or above `threshold` cosine, or sharing a title; the `limit` most
    similar first."""
    documents = {d.product_id: d for d in index.documents()}
    similarity: dict[tuple[int, int], float] = {}
    # One k-NN search per product: the work follows the vector index (exact faiss now, an
    # approximate one later) instead of an n x n matrix.
    for product_id in documents:
        vector = index.vector_of(product_id)
        if vector is None:
            continue
        hits = index.vectors.search(vector, neighbours + 1)
        for other, score in zip(hits.ids, hits.scores, strict=True):
            if other != product_id and other in documents and score >= threshold:
                similarity[(min(product_id, other), max(product_id, other))] = score
    same_title = _same_title_pairs(index, documents.values())
    for pair, score in same_title.items():
        similarity.setdefault(pair, score)
    ranked = sorted(similarity.items(), key=lambda item: (-item[1], item[0]))[:limit]
    pairs = [
        DuplicatePair(a, documents[a].title, b, documents[b].title, score, (a, b) in same_title)
        for (a, b), score in ranked
    ]
    return DuplicateScan(pairs, len(similarity))


def _same_title_pairs(
    index: HybridSearch, documents: Iterable[SearchDocument]
) -> dict[tuple[int, int], float]:
    """Every pair of products whose titles read the same, with their cosine."""
    groups: dict[str, list[int]] = defaultdict(list)
    for doc in documents:
        groups[" ".join(fold(doc.title).split())].append(doc.product_id)
    pairs: dict[tuple[int, int], float] = {}
    for group in groups.values():
        ids = sorted(group)[:MAX_TITLE_GROUP]
        for n, first in enumerate(ids[:-1]):
            vector = index.vector_of(first)
            others = ids[n + 1 :]
            scores = (
                [0.0] * len(others)
                if vector is None
                else index.vectors.similarities(vector, others).tolist()
            )
            pairs.update(zip([(first, other) for other in others], scores, strict=True))
    return pairs


def suggest_for_new_product(
    index: HybridSearch, title: str, description: str = "", k: int = 10
) -> NewProductSuggestions:
    """Categories and attributes of the k products nearest a new title, weighted by similarity."""
    # Products are embedded from their title (and facts), not their description: compare
    # like with like, and fall back on the description only when there is no title yet.
    text = embedding_text(SearchDocument(0, title)) if title.strip() else description.strip()
    if not text or k <= 0:
        return NewProductSuggestions((), (), ())
    hits = index.vectors.search(index.embedder.encode([text])[0], k)
    found = [
        (doc, max(score, 0.0))
        for product_id, score in zip(hits.ids, hits.scores, strict=True)
        if (doc := index.document(product_id)) is not None
    ]
    neighbours = tuple(ProductMatch(d.product_id, d.title, s) for d, s in found)
    voters = [(d, weight) for d, weight in found if weight > 0]  # dissimilar ones say nothing
    return NewProductSuggestions(_categories(voters), _attributes(voters), neighbours)


def _categories(found: Sequence[tuple[SearchDocument, float]]) -> tuple[CategorySuggestion, ...]:
    votes: dict[int, float] = defaultdict(float)
    paths: dict[int, tuple[str, ...]] = {}
    for doc, weight in found:
        if doc.category_id is not None:
            votes[doc.category_id] += weight
            paths.setdefault(doc.category_id, doc.category_path)
    total = sum(votes.values())
    if total <= 0:
        return ()
    ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
    return tuple(CategorySuggestion(c, paths[c], weight / total) for c, weight in ranked)


def _attributes(found: Sequence[tuple[SearchDocument, float]]) -> tuple[AttributeSuggestion, ...]:
    total = sum(weight for _, weight in found)
    if total <= 0:
        return ()
    holders: dict[str, float] = defaultdict(float)
    values: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for doc, weight in found:
        for key, given in doc.attributes.items():
            if given:
                holders[key] += weight
            for value in dict.fromkeys(given):
                values[key][value] += weight
    suggestions = [
        AttributeSuggestion(key, _most_common(values[key]), weight / total)
        for key, weight in holders.items()
        if weight / total >= MIN_ATTRIBUTE_SHARE
    ]
    return tuple(sorted(suggestions, key=lambda s: (-s.share, s.key)))


def _most_common(weights: dict[str, float]) -> tuple[str, ...]:
    ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
    return tuple(value for value, _ in ranked[:VALUES_PER_ATTRIBUTE])


def finds_something(index: HybridSearch, query: str) -> bool:
    """The query, which found nothing when it was searched, finds products now (the words
    or meaning of one): the merchandising page has nothing to fix for it."""
    return index.search(clean_query(query), RECHECK_RESULTS).close_match


def fixes_for_zero_result_queries(
    index: HybridSearch, queries: Iterable[str], k: int = 3
) -> list[QueryFix]:
    """For each query still finding nothing, the k products nearest it in meaning alone."""
    fixes: list[QueryFix] = []
    seen: set[str] = set()
    for raw in queries:
        query = clean_query(raw)
        key = fold(query)
        if not query or key in seen:
            continue
        seen.add(key)
        # A query with any indexed word (or a close meaning) matches something: only
        # queries with no known word at all are left, so every content word is news.
        if finds_something(index, query):
            continue
        # The words as search reads them (folded, measures normalised), uncorrected.
        vector = index.embedder.encode_query(" ".join(words(query)) or query)
        hits = index.vectors.search(vector, k)
        products = tuple(
            ProductMatch(pid, doc.title, score)
            for pid, score in zip(hits.ids, hits.scores, strict=True)
            if (doc := index.document(pid)) is not None
        )
        new_words = tuple(dict.fromkeys(w.strip(_PUNCTUATION) for w in query.split() if terms(w)))
        fixes.append(QueryFix(query, new_words, products))
    return fixes
