"""Hybrid product search: BM25, title coverage and MiniLM similarity in one weighted score.

    score(p) = W_BM25   * bm25(p) / best bm25 for the query     (title, description, brand,
                                                                  category and attributes)
             + W_TITLE  * idf-weighted share of the query's terms found in the title
             + W_PHRASE * share of the query's adjacent word pairs adjacent in the title
             + W_DENSE  * cosine(MiniLM(query), MiniLM(product text))
             + W_CATEGORY when the query is the name of one of the product's categories

Candidates are the best lexical products and the nearest products by embedding (faiss);
each is scored on every signal. The weights were set once on the CrowdFlower and Home Depot
dev sets (docs/search.md), never per query (W_CATEGORY apart: those have no categories).

One index per process, built from the database and refreshed on catalog changes; never in
State. Every rebuild makes a new snapshot that replaces the old in one assignment, so a
search running in another thread always sees a whole index.
"""

from __future__ import annotations

import itertools
import math
import threading
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from storefront.services.search.analysis import clean_query, hyphen_joins, index_terms, words
from storefront.services.search.ports import (
    Embedder,
    KeywordScorer,
    LexicalIndex,
    Matrix,
    SearchDocument,
    Vector,
    VectorIndex,
)
from storefront.services.search.product_text import lexical_text
from storefront.services.search.ranking import RankingParams
from storefront.services.search.spelling import SpellingCorrector, fitting
from storefront.services.search.word_matches import holding_every, holding_some_not_all

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: str
    ids: tuple[int, ...]
    scores: tuple[float, ...]
    corrected_query: str | None
    # False when nothing matched closely and the ids are merely the nearest products.
    close_match: bool
    # Per result: whether it matched a query word or is close in meaning (not just nearest).
    matched: tuple[bool, ...] = ()
    # With `every_match`: the other products matching every query word, best keyword
    # score first (for filters, counts and sorts over all of them, after the ranked ones).
    more_matches: tuple[int, ...] = ()
    # The query's words no product holds, left out when others matched.
    left_out: tuple[str, ...] = ()
    # Per result: whether it is near enough in meaning to be shown when none matched.
    near: tuple[bool, ...] = ()


@dataclass(frozen=True, slots=True)
class _Analysed:
    surface: tuple[str, ...]  # surface words of every field (for spelling)
    terms: tuple[str, ...]  # BM25 terms of every field
    title_terms: frozenset[str]
    title_pairs: frozenset[tuple[str, str]]  # adjacent title terms, for phrase matches
    category_names: frozenset[frozenset[str]]  # the terms of each of its categories' names


class _NoKeywords:
    def scores(self, terms: list[str]) -> FloatArray:
        return np.zeros(0, dtype=np.float32)


@dataclass(frozen=True)
class _Snapshot:
    documents: Mapping[int, SearchDocument] = field(default_factory=dict)
    ids: npt.NDArray[np.int64] = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    rows: Mapping[int, int] = field(default_factory=dict)
    title_postings: Mapping[str, npt.NDArray[np.int64]] = field(default_factory=dict)
    title_idf: Mapping[str, float] = field(default_factory=dict)
    speller: SpellingCorrector = field(default_factory=lambda: SpellingCorrector(()))
    keywords: KeywordScorer = field(default_factory=_NoKeywords)
    by_popularity: tuple[int, ...] = ()
    title_pairs: tuple[frozenset[tuple[str, str]], ...] = ()
    # The terms of a category's name -> the rows of the products in that category.
    category_rows: Mapping[frozenset[str], npt.NDArray[np.int64]] = field(default_factory=dict)


def _holding(snapshot: _Snapshot, term: str) -> npt.NDArray[np.bool_]:
    """Per product row: whether it holds the index term."""
    return np.asarray(snapshot.keywords.scores([term]) > 0)


def analyse(doc: SearchDocument) -> _Analysed:
    surface = words(lexical_text(doc), joined=True)
    title = index_terms(words(doc.title))
    return _Analysed(
        tuple(surface),
        tuple(index_terms(surface)),
        frozenset(index_terms(words(doc.title, joined=True))),
        frozenset(itertools.pairwise(title)),
        frozenset(
            name_terms
            for name in (*doc.category_path, *doc.category_names)
            if (name_terms := frozenset(index_terms(words(name))))
        ),
    )


class HybridSearch:
    """The catalog's search index: documents, a lexical and a vector index, a speller."""

    def __init__(
        self,
        embedder: Embedder,
        vectors: VectorIndex,
        lexical: LexicalIndex,
        params: RankingParams | None = None,
    ) -> None:
        self.embedder = embedder
        self.vectors = vectors
        self._lexical = lexical
        self.params = params or RankingParams()
        self._write_lock = threading.Lock()
        self._analysed: dict[int, _Analysed] = {}
        self._snapshot = _Snapshot()
        # Counts the snapshots published: what was read of one (did a query find anything?)
        # holds until the next.
        self.generation = 0

    # ---- reading -------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._snapshot.documents)

    def document(self, product_id: int) -> SearchDocument | None:
        return self._snapshot.documents.get(product_id)

    def documents(self) -> Iterable[SearchDocument]:
        return tuple(self._snapshot.documents.values())

    def by_popularity(self) -> tuple[int, ...]:
        """Product ids, best loved first."""
        return self._snapshot.by_popularity

    def vector_of(self, product_id: int) -> Vector | None:
        return self.vectors.vector(product_id)

    # ---- writing -------------------------------------------------------------------
    def load(self, documents: Sequence[SearchDocument], vectors: Matrix) -> None:
        """Replace everything: the documents and their vectors, row for row."""
        with self._write_lock:
            self._analysed = {d.product_id: analyse(d) for d in documents}
            self.vectors.replace([d.product_id for d in documents], vectors)
            self._publish({d.product_id: d for d in documents})

    def update(
        self, documents: Sequence[SearchDocument], vectors: Matrix, removed: Iterable[int] = ()
    ) -> None:
        """Add or replace some products and drop others, without a full reload."""
        with self._write_lock:
            current = dict(self._snapshot.documents)
            gone = set(removed)
            for product_id in gone:
                current.pop(product_id, None)
                self._analysed.pop(product_id, None)
            for doc in documents:
                current[doc.product_id] = doc
                self._analysed[doc.product_id] = analyse(doc)
            if gone:
                self.vectors.remove(gone)
            if documents:
                self.vectors.upsert([d.product_id for d in documents], vectors)
            self._publish(current)

    def _publish(self, documents: dict[int, SearchDocument]) -> None:
        ids = sorted(documents)
        analysed = [self._analysed[i] for i in ids]
        postings: dict[str, list[int]] = {}
        categories: dict[frozenset[str], list[int]] = {}
        for row, item in enumerate(analysed):
            for term in item.title_terms:
                postings.setdefault(term, []).append(row)
            for name in item.category_names:
                categories.setdefault(name, []).append(row)
        n = len(ids)
        self.generation += 1
        self._snapshot = _Snapshot(
            documents=documents,
            ids=np.asarray(ids, dtype=np.int64),
            rows={pid: row for row, pid in enumerate(ids)},
            title_postings={t: np.asarray(r, dtype=np.int64) for t, r in postings.items()},
            title_idf={t: _idf(n, len(r)) for t, r in postings.items()},
            speller=SpellingCorrector(a.surface for a in analysed),
            keywords=self._lexical.build([list(a.terms) for a in analysed]),
            title_pairs=tuple(a.title_pairs for a in analysed),
            category_rows={t: np.asarray(r, dtype=np.int64) for t, r in categories.items()},
            by_popularity=tuple(
                d.product_id
                for d in sorted(documents.values(), key=lambda d: (-d.popularity, d.product_id))
            ),
        )

    # ---- searching -----------------------------------------------------------------
    def correct(self, query: str) -> tuple[list[str], str | None]:
        """The query's surface words with unknown ones corrected (each to a word that fits
        the rest of the query: spelling.fitting), and the corrected text."""
        snapshot = self._snapshot
        original = words(query)
        fixed = [snapshot.speller.correct(w) or w for w in original]
        if fixed != original:
            fixed = fitting(original, fixed, lambda term: _holding(snapshot, term))
        return fixed, (" ".join(fixed) if fixed != original else None)

    def search(self, query: str, k: int = 100, *, every_match: bool = False) -> SearchResult:
        """Products for `query`, best first; the nearest ones when nothing matches closely.
        The first `k` are ranked on every signal; `every_match` adds the products matching
        every query word beyond them (`more_matches`), leaving the ranked ones as they are."""
        query = clean_query(query)
        snapshot = self._snapshot
        if not query or not snapshot.documents:
            return SearchResult(query, (), (), None, close_match=False)
        params = self.params
        surface, corrected = self.correct(query)
        query_terms = list(dict.fromkeys(index_terms(surface)))
        # "t-shirt" reads "t shirt", and "t" is no term: "tshirt" scores too, where products
        # have it. Only scores: a product writing "T shirt" still holds every word.
        joins = [w for w in hyphen_joins(query) if w in snapshot.speller and w not in query_terms]
        lexical = self._lexical_scores(snapshot, query_terms + index_terms(joins))
        vector = self.embedder.encode_query(corrected or query)
        semantic = self.vectors.search(vector, params.semantic_candidates)

        rows: set[int] = {snapshot.rows[pid] for pid in semantic.ids if pid in snapshot.rows}
        if lexical is not None and params.lexical_candidates:
            count = min(params.lexical_candidates, int(np.count_nonzero(lexical)))
            if count:
                rows.update(np.argpartition(-lexical, count - 1)[:count].tolist())
        # In catalog order: the stable sort below then breaks ties the same way every time.
        candidates = np.array(sorted(rows), dtype=np.int64)
        if not len(candidates):
            return SearchResult(query, (), (), corrected, close_match=False)
        ids = snapshot.ids[candidates]
        cosines = self.vectors.similarities(vector, ids.tolist())
        keyword = lexical[candidates] if lexical is not None else np.zeros(len(candidates))
        if params.w_phrase and len(query_terms) > 1:
            keyword = keyword + params.w_phrase * self._phrase_share(
                snapshot, candidates, index_terms(surface)
            )
        scores = keyword + params.w_dense * cosines
        order = np.argsort(-scores, kind="stable")[:k]
        # A result matches every word of the query the catalog uses, or is close in meaning
        # and scores near the best: a product holding one word of several ("grey" of "grey
        # sofa": a grey plush bunny), or merely near the query's kind (an office chair), is
        # ranked, but is no result (they led a sort by price, and swelled the counts).
        held = {t: holding for t in query_terms if (holding := _holding(snapshot, t)).any()}
        if len(held) < len(query_terms) and all(len(t) == 1 for t in held):
            # Words no product has left out, a lone digit or letter is no query: the "1" of
            # "<script>alert(1)</script>" or of "iphone 1" matched 226 products (QA). Alone
            # as typed ("1"), or beside a known word ("bottle 1 l"), it still counts.
            held = {}
        holdings = list(held.values())  # a word no product has matches nothing: left out
        every = holding_every(holdings, lexical) if lexical is not None and holdings else None
        ranked_scores = scores[order]
        best = float(ranked_scores[0]) if len(ranked_scores) else 0.0
        matched = (cosines[order] >= params.close_match_cosine) & (
            ranked_scores >= params.close_share * best
        )
        if every is not None:
            # Close in meaning is no match for a product lacking a word others hold with the
            # rest: a charcoal sofa for "grey sofa", when grey sofas there are (QA).
            matched &= ~holding_some_not_all(holdings, every)[candidates[order]]
            matched |= every[candidates[order]]
        more: tuple[int, ...] = ()
        if every_match and every is not None and lexical is not None:
            rest = np.flatnonzero(every)
            rest = rest[~np.isin(rest, candidates[order])]
            rest = rest[np.argsort(-lexical[rest], kind="stable")]
            more = tuple(int(i) for i in snapshot.ids[rest])
        return SearchResult(
            query,
            tuple(int(i) for i in ids[order]),
            tuple(float(s) for s in scores[order]),
            corrected,
            close_match=bool(matched.any()),
            matched=tuple(bool(m) for m in matched),
            more_matches=more,
            left_out=_left_out(surface, held.keys()),
            near=tuple(bool(c >= params.nearest_cosine) for c in cosines[order]),
        )

    @staticmethod
    def _phrase_share(
        snapshot: _Snapshot, rows: npt.NDArray[np.int64], query_terms: list[str]
    ) -> FloatArray:
        """Share of the query's adjacent word pairs found adjacent in each title."""
        pairs = set(itertools.pairwise(query_terms))
        if not pairs:
            return np.zeros(len(rows), dtype=np.float32)
        return np.array(
            [len(pairs & snapshot.title_pairs[row]) / len(pairs) for row in rows.tolist()],
            dtype=np.float32,
        )

    def _lexical_scores(self, snapshot: _Snapshot, query_terms: list[str]) -> FloatArray | None:
        """W_BM25 * normalised BM25 + W_TITLE * title coverage (+ W_CATEGORY in the category
        the query names), for every product row."""
        if not query_terms:
            return None
        params = self.params
        total = np.zeros(len(snapshot.ids), dtype=np.float32)
        bm25 = snapshot.keywords.scores(query_terms)
        best = float(bm25.max()) if len(bm25) else 0.0
        if best > 0:
            total += (params.w_bm25 / best) * bm25
        unknown_idf = _idf(len(snapshot.ids), 0)
        weights = {t: snapshot.title_idf.get(t, unknown_idf) for t in query_terms}
        norm = sum(weights.values())
        for term, weight in weights.items():
            postings = snapshot.title_postings.get(term)
            if postings is not None:
                total[postings] += params.w_title * weight / norm
        named = snapshot.category_rows.get(frozenset(query_terms))
        if named is not None:
            total[named] += params.w_category
        return total


def _idf(documents: int, containing: int) -> float:
    return math.log(1 + (documents - containing + 0.5) / (containing + 0.5))


def _left_out(surface: list[str], held: Collection[str]) -> tuple[str, ...]:
    """The query's words whose terms no product holds, when some other word's are: said on
    the page ("sofa xyzzyqw" gave the results of "sofa" without a word; QA)."""
    if not held:
        return ()
    words = (w for w in surface if (t := index_terms([w])) and set(held).isdisjoint(t))
    return tuple(dict.fromkeys(words))
