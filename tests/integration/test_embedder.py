"""The bundled MiniLM encoder's query path (traced model, its own pooling, 32-token cut, cache,
eager fallback) against its document path, which the unit tests' FakeEmbedder makes equal:
encode_query(t) == encode([t])[0]."""

from __future__ import annotations

import logging
from collections import OrderedDict

import numpy as np
import pytest
import torch

from storefront.adapters import embedder as embedder_module
from storefront.adapters.embedder import QUERY_MAX_TOKENS, MiniLmEmbedder

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
QUERIES = [
    "lamp",
    "brass floor lamp",
    "  Walnut Coffee TABLE with two drawers ",
    "fauteuil en velours côtelé",
    "Fußmatte weiß, Größe XL",  # lower case keeps ß; casefold made it "ss"
    "ﬁsh knife",  # a ligature casefold spelt out
    '12" x 24" oak shelf',
]
LONG = " ".join(["solid oak dining table with turned legs and a drop leaf"] * 6)


@pytest.fixture(scope="module")
def embedder() -> MiniLmEmbedder:
    """Loaded once for the module (it takes seconds); its own, not the process's shared one,
    as one test breaks its tracing."""
    return MiniLmEmbedder()


def document_vector(embedder: MiniLmEmbedder, text: str) -> np.ndarray:
    return embedder.encode([text])[0]


@pytest.mark.parametrize("query", QUERIES)
def test_a_query_is_encoded_as_the_same_text_as_a_document(
    embedder: MiniLmEmbedder, query: str
) -> None:
    vector = embedder.encode_query(query)
    assert isinstance(embedder._traced, torch.jit.ScriptModule)  # the fast path, not the fallback
    assert (vector.dtype, vector.shape) == (np.float32, (embedder.dimension,))
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5
    np.testing.assert_allclose(vector, document_vector(embedder, query), atol=1e-5)


def test_a_long_query_is_read_to_its_first_32_tokens(
    embedder: MiniLmEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    tokens = embedder._model[0].tokenizer(LONG)["input_ids"]
    assert len(tokens) > 2 * QUERY_MAX_TOKENS
    vector = embedder.encode_query(LONG)
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5
    # Not the document's encoding, which reads up to 128 tokens ...
    assert float(np.abs(vector - document_vector(embedder, LONG)).max()) > 1e-2
    # ... but the same model cut at 32 (its [CLS] and [SEP] among them).
    monkeypatch.setattr(embedder._model, "max_seq_length", QUERY_MAX_TOKENS)
    np.testing.assert_allclose(vector, document_vector(embedder, LONG), atol=1e-5)
    # So words past the cut change nothing (another text, so not the cached vector).
    longer = embedder.encode_query(LONG + " in walnut or cherry")
    np.testing.assert_allclose(longer, vector, atol=1e-6)


def test_a_query_asked_again_comes_from_the_cache_whatever_its_case_and_spaces(
    embedder: MiniLmEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embedder, "_queries", OrderedDict())
    first = embedder.encode_query("Velvet armchair")
    assert embedder.encode_query("  velvet ARMCHAIR ") is first
    assert embedder.encode_query("velvet armchairs") is not first


def test_the_cache_forgets_the_query_least_recently_asked(
    embedder: MiniLmEmbedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embedder, "_queries", OrderedDict())
    monkeypatch.setattr(embedder_module, "QUERY_CACHE_SIZE", 2)
    lamp, rug = embedder.encode_query("lamp"), embedder.encode_query("rug")
    assert embedder.encode_query("lamp") is lamp  # asked again: now the most recent
    embedder.encode_query("sofa")
    assert list(embedder._queries) == ["lamp", "sofa"]
    assert embedder.encode_query("lamp") is lamp
    again = embedder.encode_query("rug")
    assert again is not rug
    np.testing.assert_array_equal(again, rug)


def test_without_tracing_the_plain_model_gives_the_same_vectors(
    embedder: MiniLmEmbedder, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A torch build that cannot trace the model: queries still work, on the eager model."""

    def cannot_trace(*args: object, **kwargs: object) -> None:
        raise RuntimeError("tracing is not supported here")

    monkeypatch.setattr(torch.jit, "trace", cannot_trace)
    monkeypatch.setattr(embedder, "_traced", None)
    monkeypatch.setattr(embedder, "_queries", OrderedDict())
    with caplog.at_level(logging.WARNING, logger=embedder_module.__name__):
        vectors = [embedder.encode_query(query) for query in (*QUERIES, LONG)]
    assert not isinstance(embedder._traced, torch.jit.ScriptModule)
    assert [r.message for r in caplog.records] == [
        "query encoder not traced; using the eager model"
    ]
    for query, vector in zip(QUERIES, vectors, strict=False):
        np.testing.assert_allclose(vector, document_vector(embedder, query), atol=1e-5)
    monkeypatch.setattr(embedder._model, "max_seq_length", QUERY_MAX_TOKENS)
    np.testing.assert_allclose(vectors[-1], document_vector(embedder, LONG), atol=1e-5)
